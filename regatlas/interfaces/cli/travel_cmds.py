"""Travel Rule commands: `travel-rule check`, `travel-rule matrix`, and `screen`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, err_console, footer
from regatlas.interfaces.cli.render import cite, money

RatesOpt = Annotated[Path | None, typer.Option(
    "--rates", help="CSV of reference rates (date,currency,per_eur) overriding the bundled ECB rates.")]


def _rates(path: Path | None):
    from regatlas.engines.fx import default_rates

    return default_rates().with_overrides(path) if path else None


def register(app: typer.Typer) -> None:
    """Add `travel-rule` (check, matrix) and `screen` to `app`."""
    tr = typer.Typer(help="Travel Rule decisions for one corridor or all of them.", no_args_is_help=True)
    app.add_typer(tr, name="travel-rule")

    @tr.command()
    def check(
        frm: Annotated[str, typer.Option("--from", help="Originator's (VASP's) jurisdiction.")],
        to: Annotated[str, typer.Option("--to", help="Beneficiary's jurisdiction.")],
        amount: Annotated[float, typer.Option("--amount", help="Amount in --currency.")],
        currency: Annotated[str, typer.Option("--currency", help="ISO 4217 code.")],
        date: Annotated[str | None, typer.Option("--date", help="Transfer date (default: --as-of).")] = None,
        counterparty: Annotated[str, typer.Option("--counterparty", help="vasp or self-hosted.")] = "vasp",
        originator_vasp_lei: Annotated[str | None, typer.Option(
            "--originator-vasp-lei", help="LEI of the originator's VASP: its register status in --from.")] = None,
        beneficiary_vasp_lei: Annotated[str | None, typer.Option(
            "--beneficiary-vasp-lei", help="LEI of the beneficiary's VASP: its register status in --to.")] = None,
        rates: RatesOpt = None, rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Is the Travel Rule triggered on each side, which fields, what action — cited; with a VASP's
        LEI, whether the registers show it authorised or passported where it sits."""
        from regatlas.engines.travel_rule.corridor import check as corridor_check

        day = parse_date(date, "--date") if date else parse_date(as_of, "--as-of")
        doc = corridor_check(atlas_for(rulebook), frm.strip().upper(), to.strip().upper(), amount,
                             currency.strip().upper(), day, counterparty.strip().lower(), _rates(rates),
                             {"originator": originator_vasp_lei, "beneficiary": beneficiary_vasp_lei})
        if json_:
            return emit_answer("Check", doc)
        table = Table("side", "jurisdiction", "status", "threshold", "required", "source")
        for role in ("originator", "beneficiary"):
            s = doc[role]
            table.add_row(role, s["jurisdiction"], s["status"], money(s["threshold"]),
                          "yes" if s["required"] else "no", cite(s["source"]))
        console.print(table)
        console.print(f"required: {'yes' if doc['required'] else 'no'}   sunrise: "
                      f"{'yes' if doc['sunrise'] else 'no'}   action: [bold]{doc['action']}[/bold]")
        if doc["fields"]:
            from regatlas.model.facts import describe

            console.print("fields: " + ", ".join(describe(f) for f in doc["fields"]), markup=False)
        for line in doc["explanation"]:
            console.print(f"- {line}", markup=False, highlight=False)
        for side, vasp in doc.get("counterparty_vasps", {}).items():
            row = vasp["snapshot"]
            console.print(f"{side} VASP {vasp['lei']} in {vasp['jurisdiction']}: {vasp['status']} ({vasp['reason']})"
                          + (f"; register {row['id']} line {row['line']}" if row else ""), markup=False,
                          highlight=False)
        for r in doc["fx"]:
            console.print(f"rate {r['currency']} {r['per_eur']} per EUR ({r['published']}, {r['source']})",
                          style="dim", markup=False)
        footer(doc)

    @tr.command()
    def matrix(rates: RatesOpt = None, rulebook: RulebookOpt = None, as_of: AsOfOpt = None,
               json_: JsonOpt = False) -> None:
        """The corridor matrix for all jurisdictions: both sides in force, sunrise, or none."""
        from regatlas.engines.travel_rule.matrix import matrix as corridor_matrix

        doc = corridor_matrix(atlas_for(rulebook), parse_date(as_of, "--as-of"), _rates(rates))
        if json_:
            return emit_answer("Matrix", doc)
        table = Table("code", "Travel Rule", "threshold", "in EUR", "self-hosted")
        for j in doc["jurisdictions"]:
            thr = ({"amount": j["threshold_amount"], "currency": j["threshold_currency"]}
                   if j["threshold_currency"] else None)
            eur = "-" if j["threshold_eur"] is None else f"{j['threshold_eur']:,.0f}"
            table.add_row(j["code"], j["status"] or "no data", money(thr), eur, j["self_hosted"])
        console.print(table)
        c = doc["counts"]
        console.print(f"corridors: {c['both']} both in force, {c['sunrise']} sunrise, {c['none']} neither, "
                      f"{c['no_data']} with no data on a side")
        footer(doc)

    @app.command()
    def screen(
        input_path: Annotated[Path, typer.Argument(metavar="IN", help="Transfers (CSV or Parquet).")],
        out: Annotated[Path, typer.Option("--out", help="Decisions (.parquet or .csv).")],
        rejects: Annotated[Path | None, typer.Option("--rejects", help="Rejected rows with reasons.")] = None,
        engine: Annotated[str, typer.Option("--engine", help="duckdb or spark.")] = "duckdb",
        spark_master: Annotated[str | None, typer.Option(
            "--spark-master", help="With --engine spark: a cluster's spark:// URL (default: local mode).")] = None,
        memory_limit: Annotated[str | None, typer.Option("--memory-limit", help="e.g. 2GB.")] = None,
        threads: Annotated[int | None, typer.Option("--threads", min=1)] = None,
        decisions_only: Annotated[bool, typer.Option(
            "--decisions-only", help="Decisions keep only `id` of the input columns (rejects keep all).")] = False,
        rates: RatesOpt = None, rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Decide the Travel Rule for every transfer of a file; bad rows go to a rejects file."""
        from regatlas.errors import InputError

        if engine not in ("duckdb", "spark"):
            raise InputError(f"--engine must be duckdb or spark, got '{engine}'", field="--engine")
        day = parse_date(as_of, "--as-of") if as_of else None
        atlas = atlas_for(rulebook)
        kwargs = {"memory_limit": memory_limit, "threads": threads, "as_of": day, "rates": _rates(rates),
                  "decisions_only": decisions_only}
        if spark_master and engine != "spark":
            raise InputError("--spark-master needs --engine spark", field="--spark-master")
        if engine == "spark":
            from regatlas.engines.screen.spark_engine import screen as run

            kwargs["master"] = spark_master
        else:
            from regatlas.engines.screen.duckdb_engine import screen as run
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>5.1f}%"),
                      TimeElapsedColumn(), console=err_console, transient=True,
                      disable=json_ or not err_console.is_terminal) as bar:
            tasks: dict[str, int] = {}

            def progress(label: str, pct: float) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(label, total=100)
                bar.update(tasks[label], completed=pct)

            result = run(atlas, input_path, out, rejects, progress=progress, **kwargs)
        doc = result.as_dict()
        if json_:
            return emit_answer("ScreenSummary", doc)
        console.print(f"{doc['rows_in']:,} rows in = {doc['rows_decided']:,} decided + "
                      f"{doc['rows_rejected']:,} rejected ({doc['seconds']:.2f}s on {doc['engine']})")
        for reason, n in doc["reject_reasons"].items():
            console.print(f"  rejected {n:,}: {reason}", markup=False)
        console.print(f"decisions: {doc['out']}\nrejects:   {doc['rejects']}", markup=False)
        footer(doc)
