"""Stablecoin commands: `stablecoin check`, `stablecoin stress`, `stablecoin watch`, `stablecoin regimes`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from regatlas.errors import InputError
from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.interfaces.cli.render import cite, money
from regatlas.model.answers import Backtest, Contagion, Regimes, StablecoinCheck, Stress, Watch

RegimeOpt = Annotated[str, typer.Option("--regime", help="Regime id (see `stablecoin regimes`) or 'all'.")]
FailOnOpt = Annotated[str | None, typer.Option(
    "--fail-on", help="Exit 1 on a finding: 'fail' (a binding requirement fails) or 'flag' (watch).")]
_MARK = {"pass": "[green]pass[/green]", "fail": "[red]fail[/red]", "not_assessable": "[yellow]n/a[/yellow]"}


def _render_runs(rows: list[dict], title: str) -> None:
    """Solvency, peg break, gate and holder loss per issuer or scenario."""
    if not rows:
        return
    t = Table("", "solvency start / end p5", "worst p1", "peg break", "gate (median day)", "holder loss p99",
              title=title)
    for r in rows:
        sv, gate = r["solvency"], r["days_to_gate"]["p50"]
        t.add_row(r["name"], f"{sv['start']:.3f} / {_fmt(sv['end']['p5'])}", _fmt(sv["worst"]["p1"]),
                  f"{r['peg_break_probability']:.1%}",
                  f"{r['gate_probability']:.1%}" + (f" ({gate:.0f})" if gate is not None else ""),
                  f"{r['holder_loss']['p99']:,.0f}")
    console.print(t)


def _fmt(x) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.4g}"
    if isinstance(x, dict):
        from regatlas.engines.stablecoin.periods import label

        return (label(x) if "days" in x else money(x) if "amount" in x
                else str(x.get("ratio", x)))
    if isinstance(x, list):
        return ", ".join(map(str, x))
    return str(x)


def _day(fail_on: str | None, allowed: str, as_of: str | None):
    """Validate --fail-on (exit 2 otherwise) and parse --as-of."""
    if fail_on not in (None, allowed):
        raise InputError(f"--fail-on must be '{allowed}'", field="--fail-on")
    return parse_date(as_of, "--as-of")


def _render_check(doc: dict) -> None:
    if len(doc["regimes"]) > 1:
        table = Table("regime", "verdict", "pass", "fail", "n/a", "failed (binding*)",
                      title=f"{doc['report']}: requirements by regime")
        for r in doc["regimes"]:
            failed = [x["requirement"] + ("*" if x["binding"] else "") for x in r["results"]
                      if x["outcome"] == "fail"]
            c = r["counts"]
            table.add_row(r["id"], r["verdict"], str(c["pass"]), str(c["fail"]),
                          str(c["not_assessable"]), "\n".join(failed) or "-")
        console.print(table)
    else:
        r = doc["regimes"][0]
        table = Table("requirement", "outcome", "figure", "limit", "status", "provision / source",
                      title=f"{r['name']} ({r['id']}): {r['verdict']}")
        for x in r["results"]:
            table.add_row(x["requirement"], _MARK[x["outcome"]], _fmt(x["figure"]),
                          _fmt(x["limit"]) + (f" {x['unit']}" if x["unit"] else ""),
                          f"{x['status'] or '-'}{'' if x['binding'] else ' (not binding)'}",
                          f"{x['provision']}: {cite(x['source'])}"
                          + (f" [dim]{x['detail']}[/dim]" if x["detail"] else ""))
        console.print(table)
    footer(doc)


def register(app: typer.Typer) -> None:
    """Add the `stablecoin` command group to `app`."""
    sc = typer.Typer(help="Stablecoin reserve checks, disclosure monitoring and stress tests.",
                     no_args_is_help=True)
    app.add_typer(sc, name="stablecoin")

    @sc.command()
    def check(report: Annotated[Path, typer.Argument(help="Reserve report (.yaml, .json or .csv).")],
              regime: RegimeOpt = "all", fail_on: FailOnOpt = None, rulebook: RulebookOpt = None,
              as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Check a reserve report against one regime or every regime side by side."""
        from regatlas.engines.stablecoin.check import check_report
        from regatlas.engines.stablecoin.report import load_report

        day = _day(fail_on, "fail", as_of)
        doc = check_report(atlas_for(rulebook), load_report(report), regime.strip(), day, str(report))
        emit_answer(StablecoinCheck, doc) if json_ else _render_check(doc)
        if fail_on and any(r["verdict"] == "fail" for r in doc["regimes"]):
            raise SystemExit(1)

    @sc.command()
    def stress(report: Annotated[Path, typer.Argument(help="Reserve report (.yaml, .json or .csv).")],
               paths: Annotated[int, typer.Option(min=1, help="Monte Carlo paths (paths x days at most 20 million).")] = 10_000,
               days: Annotated[int, typer.Option(min=1, max=3650, help="Horizon in days.")] = 90,
               seed: Annotated[int, typer.Option(min=0, max=2**63 - 1, help="Random seed (same seed, same answer).")] = 0,
               chart: Annotated[Path | None, typer.Option(help="Write a chart (.png or .svg).")] = None,
               params: Annotated[Path | None, typer.Option(help="Stress assumptions YAML.")] = None,
               scenario: Annotated[str, typer.Option(help="Named scenario (data/stablecoin/scenarios.yaml), "
                                                     "'all' or 'none'.")] = "all",
               rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Simulate redemption runs: liquidity (survival, days to shortfall, gap) and, under named
        scenarios, solvency, peg-break probability, time to a gate and loss to holders."""
        from regatlas.engines.stablecoin.contagion import stress_scenarios
        from regatlas.engines.stablecoin.params import stress_params
        from regatlas.engines.stablecoin.report import load_report
        from regatlas.engines.stablecoin.stress import simulate
        from regatlas.store import queries

        day = parse_date(as_of, "--as-of")
        rep = load_report(report)
        ans = simulate(rep, paths, days, seed, stress_params(params) if params else None)
        ans["scenarios"] = [] if scenario == "none" else stress_scenarios(rep, paths, days, seed, scenario.strip())
        if chart:
            from regatlas.engines.stablecoin.chart import save_chart

            ans["chart"] = str(save_chart(ans, chart))
        doc = {"rulebook": queries.header(atlas_for(rulebook), day), "report": str(report), **ans}
        if json_:
            return emit_answer(Stress, doc)
        t = Table(show_header=False, title=f"Redemption-run stress: {report.name}")
        t.add_row("paths x days (seed)", f"{paths:,} x {days} ({seed})")
        t.add_row("survival probability", f"{doc['survival_probability']:.2%}")
        d = doc["days_to_shortfall"]
        t.add_row("days to shortfall (min / median)", f"{_fmt(d['min'])} / {_fmt(d['median'])}")
        g = doc["liquidity_gap"]
        t.add_row("liquidity gap p95 / p99 / max", f"{g['p95']:,.0f} / {g['p99']:,.0f} / {g['max']:,.0f}")
        if chart:
            t.add_row("chart", doc["chart"])
        console.print(t)
        _render_runs([{"name": s["scenario"]["id"], **s} for s in doc["scenarios"]], "Named scenarios")
        console.print("Parameters are assumptions (see data/stablecoin/stress_params.yaml, market.yaml and "
                      "scenarios.yaml), not law.", style="dim")
        footer(doc)

    @sc.command()
    def backtest(episode: Annotated[str, typer.Argument(help="Episode id (usdc-2023-03, ust-2022-05).")],
                 paths: Annotated[int, typer.Option(min=1, max=100_000, help="Paths per reading.")] = 2000,
                 seed: Annotated[int, typer.Option(min=0, max=2**63 - 1, help="Random seed.")] = 0,
                 chart: Annotated[Path | None, typer.Option(help="Write the chart (.png or .svg).")] = None,
                 rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Replay a real episode with the run model and set it beside what was observed."""
        from regatlas.engines.stablecoin.backtest import backtest as run
        from regatlas.store import queries

        doc = {"rulebook": queries.header(atlas_for(rulebook), parse_date(as_of, "--as-of")),
               **run(episode, paths, seed)}
        if chart:
            from regatlas.engines.stablecoin.chart import save_backtest_chart

            doc["chart"] = str(save_backtest_chart(doc, chart))
        if json_:
            return emit_answer(Backtest, doc)
        ids = [v["id"] for v in doc["variants"]]
        t = Table("date", "observed low", "observed close", *(f"model: {i}" for i in ids),
                  title=f"Back-test {doc['episode']} (day 1 = {doc['day_0']}; model medians of {paths:,} paths)")
        for r in doc["rows"]:
            t.add_row(r["date"], _fmt(r["low"]), _fmt(r["close"]), *(_fmt(r["model"][i]) for i in ids))
        console.print(t)
        console.print("Figures and their sources: data/stablecoin/episodes/; `--json` lists them.", style="dim")
        footer(doc)

    @sc.command()
    def contagion(scenario: Annotated[Path, typer.Argument(help="Contagion scenario (.yaml or .json), see "
                                                           "examples/reserves/contagion/.")],
                  paths: Annotated[int, typer.Option(min=1, help="Monte Carlo paths.")] = 10_000,
                  days: Annotated[int, typer.Option(min=1, max=3650, help="Horizon in days.")] = 90,
                  seed: Annotated[int, typer.Option(min=0, max=2**63 - 1, help="Random seed.")] = 0,
                  chart: Annotated[Path | None, typer.Option(help="Write a fan chart (.png or .svg).")] = None,
                  rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Several issuers sharing banks and sold assets under one shock: who breaks, in what order."""
        from regatlas.engines.stablecoin.contagion import contagion as run
        from regatlas.engines.stablecoin.contagion import load_contagion
        from regatlas.store import queries

        ans = run(load_contagion(scenario), paths, days, seed)
        if chart:
            from regatlas.engines.stablecoin.chart import save_fan_chart

            ans["chart"] = str(save_fan_chart(ans["issuers"], chart, ans["name"]))
        doc = {"rulebook": queries.header(atlas_for(rulebook), parse_date(as_of, "--as-of")), **ans}
        if json_:
            return emit_answer(Contagion, doc)
        _render_runs(doc["issuers"], f"{doc['name']}: {doc['scenario']['label'] or doc['scenario']['id']}")
        order = doc["break_order"]
        console.print("Break order (median day): " + (" -> ".join(order["by_median_day"]) or "no issuer breaks"),
                      markup=False, highlight=False)
        for o in order["most_frequent"][:3]:
            console.print(f"  {' -> '.join(o['order'])}: {o['share']:.1%} of paths", markup=False, highlight=False)
        console.print("Assumptions, not law: data/stablecoin/market.yaml and stress_params.yaml.", style="dim")
        footer(doc)

    @sc.command()
    def watch(source: Annotated[Path, typer.Argument(help="Directory of snapshots or a .jsonl feed.")],
              regime: RegimeOpt = "all", fail_on: FailOnOpt = None, rulebook: RulebookOpt = None,
              as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Monitor a series of reserve snapshots: breaches, stale attestations, coverage, banks."""
        from regatlas.engines.stablecoin.report import load_snapshots
        from regatlas.engines.stablecoin.watch import watch as run_watch

        day = _day(fail_on, "flag", as_of)
        doc = run_watch(atlas_for(rulebook), load_snapshots(source), regime.strip(), day)
        if json_:
            emit_answer(Watch, doc)
        else:
            t = Table("date", "snapshot", "coverage", "unregulated banks", "attested", "flags",
                      title=f"Reserve snapshots ({doc['regime']})")
            for s in doc["snapshots"]:
                flags = sorted({f["flag"] + (f" ({f['regime']}: {f['requirement']})" if f.get("regime") else "")
                                for f in s["flags"]})
                t.add_row(str(s["date"]), s["snapshot"], _fmt(s["coverage"]),
                          _fmt(s["unregulated_bank_share"]), str(s["attestation_date"] or "-"),
                          "\n".join(flags) or "[green]none[/green]")
            console.print(t)
            footer(doc)
        if fail_on and doc["flagged_snapshots"]:
            raise SystemExit(1)

    @sc.command()
    def regimes(rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """List stablecoin regimes and their requirements with values and status."""
        from regatlas.engines.stablecoin import law
        from regatlas.store import queries

        day = parse_date(as_of, "--as-of")
        atlas = atlas_for(rulebook)
        out = [{**law.regime(atlas, r), "requirements": law.requirements(atlas, r, day)}
               for r in law.regime_ids(atlas)]
        doc = {"rulebook": queries.header(atlas, day), "regimes": out}
        if json_:
            return emit_answer(Regimes, doc)
        t = Table("regime", "requirement", "value", "status", "provision", "ver.")
        for r in out:
            for q in r["requirements"]:
                t.add_row(r["id"], q["kind"], _fmt(q["value"]), q["status"] or "-", q["provision"],
                          "✓" if q["verification"] == "verified" else "?")
        console.print(t)
        footer(doc)
