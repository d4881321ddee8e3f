"""Who regulates what and who cooperates: `overlap` and `agreements` (docs/coordination.md)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.interfaces.cli.render import cite
from regatlas.model.answers import Agreements, Overlap


def register(app: typer.Typer) -> None:
    """Add `overlap` and `agreements` to `app`."""

    @app.command()
    def overlap(jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="Only this jurisdiction "
                                                                 "(and the laws it inherits).")] = None,
                activity: Annotated[str | None, typer.Option("--activity", help="e.g. exchange, custody.")] = None,
                token_type: Annotated[str | None, typer.Option("--token-type", help="e.g. security_token, "
                                                               "digital_commodity, stablecoin.")] = None,
                rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Which authorities claim each activity per token type and market: one, an overlap, or a gap."""
        from regatlas.engines.analytics.overlap import overlap as run

        doc = run(atlas_for(rulebook), parse_date(as_of, "--as-of"), jurisdiction, activity, token_type)
        if json_:
            return emit_answer(Overlap, doc)
        for j in doc["jurisdictions"]:
            if not j["mapped"]:
                console.print(f"{j['code']}: {j['note']}", markup=False, highlight=False)
                continue
            table = Table("activity", "token type", "market", "outcome", "authorities (basis)", "division",
                          title=f"{j['name']} ({j['code']}): who is competent")
            for c in j["cells"]:
                who = "; ".join(f"{x['authority']} ({x['basis']})" for x in c["claims"]) or "nobody"
                table.add_row(c["activity"], c["token_type"], c["market"], c["outcome"], who,
                              "; ".join(f"{d['id']} ({cite(d['source'])})" for d in c["divisions"])
                              or ("none cited" if c["outcome"] == "overlap" else "-"))
            console.print(table)
        footer(doc)

    @app.command()
    def agreements(party: Annotated[str | None, typer.Option("--party", help="A jurisdiction code.")] = None,
                   kind: Annotated[str | None, typer.Option("--kind", help="mou, mmou, mlat, extradition, "
                                                            "convention, sandbox, interoperability ...")] = None,
                   text: Annotated[str | None, typer.Option("--text", help="Words in the name or summary.")] = None,
                   rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Agreements, treaties, conventions, sandboxes and interoperability initiatives, by party and kind."""
        from regatlas.engines.analytics.agreements import agreements as run

        doc = run(atlas_for(rulebook), parse_date(as_of, "--as-of"), party, kind, text)
        if json_:
            return emit_answer(Agreements, doc)
        table = Table("id", "name", "kind", "status", "signed", "parties", "source",
                      title=f"Agreements ({len(doc['agreements'])})")
        for a in doc["agreements"]:
            parties = ", ".join(a["parties"][:8]) + (f" +{len(a['parties']) - 8}" if len(a["parties"]) > 8 else "")
            table.add_row(a["id"], a["name"], a["kind"], a["status"], str(a["signed"] or "-"), parties,
                          cite(a["source"]))
        console.print(table)
        footer(doc)
