"""Coordination analytics commands: align, aggregates, arbitrage, diff, timeline, similarity,
enforce, charts (docs/analytics.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.interfaces.cli.render import cite
from regatlas.model.answers import Aggregates, Align, Arbitrage, Charts, Diff, Enforce, Similarity, Timeline

StandardOpt = Annotated[str | None, typer.Option("--standard", help="fsb-ca | fsb-gsc | iosco | fatf (default: all).")]
JurisdictionOpt = Annotated[str | None, typer.Option("--jurisdiction", help="Only this jurisdiction.")]


def _print(doc: dict, table: Table) -> None:
    console.print(table)
    footer(doc)


def register(app: typer.Typer) -> None:
    """Add the analytics commands to `app`."""

    @app.command()
    def align(standard: StandardOpt = None, jurisdiction: JurisdictionOpt = None, rulebook: RulebookOpt = None,
              as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Alignment of every jurisdiction with FSB, IOSCO and FATF recommendations, with scores."""
        from regatlas.engines.analytics.align import align as run

        day = parse_date(as_of, "--as-of")
        doc = run(atlas_for(rulebook), day, standard, [jurisdiction] if jurisdiction else None)
        if json_:
            return emit_answer(Align, doc)
        ids = [s["id"] for s in doc["standards"]]
        table = Table("code", "score", *ids, "in force", "enacted", "proposed", "absent", "official (ours)",
                      title="Alignment (score 0-100; see docs/alignment.md)")
        for j in sorted(doc["jurisdictions"], key=lambda j: -(j["score"] or 0)):
            c = j["counts"]
            official = "; ".join(f"{o['recommendation']} {o['rating'] or o['stage']} ({o['our_score']})"
                                 for o in j["official"]) or "-"
            table.add_row(j["code"] + (" (no data)" if j["no_data"] else ""), f"{j['score']:.1f}",
                          *(f"{j['scores'][s]:.1f}" for s in ids), str(c["in_force"]), str(c["enacted"]),
                          str(c["proposed"]), str(c["absent"]), official)
        _print(doc, table)

    @app.command()
    def aggregates(rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Shares of jurisdictions with a Travel Rule, stablecoin framework, CASP licensing."""
        from regatlas.engines.analytics.aggregates import aggregates as run

        day = parse_date(as_of, "--as-of")
        doc = run(atlas_for(rulebook), day)
        if json_:
            return emit_answer(Aggregates, doc)
        pops = list(doc["populations"])
        table = Table("metric", *(f"{p} (n={doc['populations'][p]['size']})" for p in pops), "published",
                      title="Aggregates")
        def cell(m: dict) -> str:  # no-data jurisdictions are counted apart, never as "none"
            share = "n/a" if m["share"] is None else f"{m['share']:.0%}"
            return share + (f" ({m['no_data']} no data)" if m["no_data"] else "")

        for key, m in doc["populations"]["all"]["metrics"].items():
            figures = "; ".join(f"{f['body']} {f['as_of']}: {cell({**f, 'no_data': 0})}" for f in m["published"]) or "-"
            table.add_row(m["label"], *(cell(doc["populations"][p]["metrics"][key]) for p in pops), figures)
        _print(doc, table)

    @app.command()
    def arbitrage(activity: Annotated[str | None, typer.Option("--activity", help="e.g. exchange, custody.")] = None,
                  topic: Annotated[str | None, typer.Option("--topic", help="e.g. travel_rule.")] = None,
                  limit: Annotated[int, typer.Option(min=1, max=5000)] = 30,
                  rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Pairs of jurisdictions treating the same activity differently, ranked, and key patterns."""
        from regatlas.engines.analytics.arbitrage import arbitrage as run

        day = parse_date(as_of, "--as-of")
        doc = run(atlas_for(rulebook), day, activity, topic, limit)
        if json_:
            return emit_answer(Arbitrage, doc)
        table = Table("score", "a", "b", "why", title=f"Arbitrage ({doc['total_pairs']} pairs)")
        for p in doc["pairs"]:
            table.add_row(f"{p['score']:.2f}", p["a"]["code"], p["b"]["code"], p["why"])
        console.print(table)
        pat = doc["patterns"]
        console.print("Offshore, no real oversight: " + ", ".join(
            f"{r['code']} ({'; '.join(r['reasons'])})" for r in pat["offshore_no_real_oversight"][:10]),
            markup=False, highlight=False)
        console.print("Stablecoin reserves, no holding rule: " + ", ".join(
            r["code"] for r in pat["stablecoin_reserves_unregulated_banks"]), markup=False, highlight=False)
        console.print("'Decentralised' carve-outs: " + ", ".join(pat["decentralised_label"]["carve_out"]),
                      markup=False, highlight=False)
        footer(doc)

    @app.command()
    def diff(from_: Annotated[str, typer.Option("--from", help="Start date YYYY-MM-DD (exclusive).")],
             to: Annotated[str, typer.Option("--to", help="End date YYYY-MM-DD (inclusive).")],
             jurisdiction: JurisdictionOpt = None, rulebook: RulebookOpt = None, json_: JsonOpt = False) -> None:
        """Provisions enacted, in force, amended or repealed, and dated facts changed, between two dates."""
        from regatlas.engines.analytics.diff import diff as run

        doc = run(atlas_for(rulebook), parse_date(from_, "--from"), parse_date(to, "--to"), jurisdiction)
        if json_:
            return emit_answer(Diff, doc)
        table = Table("date", "jurisdiction", "change", "what", "source", title=f"Changes {doc['from']} -> {doc['to']}")
        for e in sorted(doc["provisions"] + doc["facts"], key=lambda e: (e["date"], e["jurisdiction"])):
            table.add_row(str(e["date"]), e["jurisdiction"], e["label"], e.get("title") or e.get("kind"),
                          cite(e["source"]))
        _print(doc, table)

    @app.command()
    def timeline(code: Annotated[str, typer.Argument(help="Jurisdiction code.")], rulebook: RulebookOpt = None,
                 as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """A jurisdiction's history and its announced future dates."""
        from regatlas.engines.analytics.diff import timeline as run

        doc = run(atlas_for(rulebook), code, parse_date(as_of, "--as-of"))
        if json_:
            return emit_answer(Timeline, doc)
        table = Table("date", "", "change", "what", "source", title=f"{doc['code']} timeline")
        for e in doc["history"] + doc["future"]:
            when = "future" if e in doc["future"] else ""
            table.add_row(str(e["date"]), when, e["label"], e.get("title") or e.get("kind"), cite(e["source"]))
        if doc["no_data"]:
            console.print(doc["note"], markup=False)
        _print(doc, table)

    @app.command()
    def similarity(rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Jurisdiction similarity matrix over topics and parameters, and clusters."""
        from regatlas.engines.analytics.similarity import similarity as run

        doc = run(atlas_for(rulebook), parse_date(as_of, "--as-of"))
        if json_:
            return emit_answer(Similarity, doc)
        table = Table("cluster", "members", "cohesion", title="Clusters")
        for c in doc["clusters"]:
            table.add_row(str(c["id"]), ", ".join(c["members"]), f"{c['cohesion']:.2f}")
        _print(doc, table)

    @app.command()
    def enforce(case: Annotated[Path, typer.Argument(help="Case file (YAML or JSON), see examples/cases/.")],
                rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Cross-border enforcement routing: authorities, cooperation links, freeze powers, EDD."""
        from regatlas.engines.analytics.enforce import CRIMINAL_ROLES, load_case
        from regatlas.engines.analytics.enforce import enforce as run

        day = parse_date(as_of, "--as-of")
        doc = run(atlas_for(rulebook), load_case(case), day)
        if json_:
            return emit_answer(Enforce, doc)
        table = Table("jurisdiction", "roles", "authorities", "freeze/seize", "FATF list", title=doc["case"])
        for j in doc["jurisdictions"]:
            table.add_row(j["code"], "; ".join(j["roles"]), ", ".join(a["id"] for a in j["authorities"]),
                          ", ".join(f"{p['authority']}:{p['kind']}" for p in j["freeze_or_seize"]) or "-",
                          j["fatf"]["list"] or "-")
        console.print(table)
        criminal = Table("jurisdiction", *(r.replace("_", " ") for r in CRIMINAL_ROLES), title="Who acts")
        for j in doc["jurisdictions"]:
            criminal.add_row(j["code"], *(", ".join(j["criminal"][r]) or "unknown" for r in CRIMINAL_ROLES))
        console.print(criminal)
        links = Table("a", "b", "cooperation instruments", "legal assistance", "extradition", title="Links")
        for link in doc["links"]:
            la = link["legal_assistance"]
            own = [f"{d['jurisdiction']} law ({cite(d['source'])})" for d in la["domestic_bases"]]
            links.add_row(link["a"], link["b"], ", ".join(x["id"] for x in link["agreements"]) or "none in the atlas",
                          ", ".join(la["mutual_legal_assistance"] + own) or "unknown",
                          ", ".join(la["extradition"]) or "unknown")
        _print(doc, links)

    @app.command()
    def charts(out: Annotated[Path, typer.Option("--out", help="Directory for the SVG and PNG files.")] = Path("charts"),
               timeline_code: Annotated[str, typer.Option("--timeline", help="Jurisdiction for the timeline.")] = "EU",
               rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Draw the analytics charts (world maps, heat map, timeline, similarity) for a date."""
        from regatlas.extras import require

        require("matplotlib", "charts", "regatlas charts")
        from regatlas.engines.analytics.figures import draw_all

        day = parse_date(as_of, "--as-of")
        doc = draw_all(atlas_for(rulebook), day, out, timeline_code)
        if json_:
            return emit_answer(Charts, doc)
        for f in doc["files"]:
            console.print(f, markup=False, highlight=False)
        footer(doc)
