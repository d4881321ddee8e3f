"""Register and firm commands: `registers list|load|diff` and `firms search|show|check`.

>>> _services({"services": [{"code": "a"}, {"code": "j"}]})
'a j'
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.model.answers import FirmCheck, FirmSearch, FirmShow, RegisterDiff, RegisterLoad, Registers


def _say(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _services(firm: dict[str, Any]) -> str:
    return " ".join(s["code"] for s in firm["services"])


def _snap(ref: dict[str, Any]) -> str:
    line = f", line {ref['line']}" if ref.get("line") else ""
    return f"{ref['id']} (published {ref['published']}{line})"


def register(app: typer.Typer) -> None:
    """Add `registers` and `firms` to `app`."""
    regs = typer.Typer(help="Official registers: load a snapshot, list them, compare two.", no_args_is_help=True)
    firms = typer.Typer(help="Firms in the registers: search, show, check a service in a country.",
                        no_args_is_help=True)
    app.add_typer(regs, name="registers")
    app.add_typer(firms, name="firms")

    @regs.command("list")
    def list_(json_: JsonOpt = False) -> None:
        """Every loaded snapshot: register, publication date, rows in / loaded / rejected, SHA-256."""
        from regatlas.registers.ask import registers_list

        doc = registers_list()
        if json_:
            return emit_answer(Registers, doc)
        table = Table("snapshot", "published", "rows", "loaded", "rejected", "dropped values", "sha256")
        for s in doc["snapshots"]:
            table.add_row(s["id"], str(s["published"]), str(s["rows_in"]), str(s["loaded"]), str(s["rejected"]),
                          str(s["dropped"]), s["sha256"][:16])
        console.print(table)

    @regs.command("load")
    def load(
        file: Annotated[Path, typer.Argument(help="The official register file, as published.")],
        register_id: Annotated[str, typer.Option("--register", help="Register id, e.g. esma-casp.")],
        published: Annotated[str | None, typer.Option(
            "--published", help="Publication date of the file (default: today).")] = None,
        source_url: Annotated[str | None, typer.Option("--source-url", help="Where the file was published.")] = None,
        json_: JsonOpt = False,
    ) -> None:
        """Add an official file to the register store; rows in = loaded + rejected, each reject with its line."""
        from regatlas.registers.ask import registers_load

        day = parse_date(published, "--published") if published else None
        doc = registers_load(file, register_id, day, source_url)
        if json_:
            return emit_answer(RegisterLoad, doc)
        s = doc["snapshot"]
        _say(f"{'loaded' if doc['added'] else 'already loaded'}: {s['id']} ({s['register']}, published "
             f"{s['published']}, sha256 {s['sha256']})")
        _say(f"rows in {s['rows_in']} = loaded {s['loaded']} + rejected {s['rejected']}; "
             f"{s['dropped']} values dropped from loaded rows")
        for issue in doc["rejected"] + doc["dropped"]:
            where = f"{file}:{issue['line']}" + (f": {issue['field']}" if issue["field"] else "")
            _say(f"  {where}: {issue['reason']}" + (f" ({issue['value'][:80]!r})" if issue["value"] else ""))

    @regs.command("diff")
    def diff(
        old: Annotated[str, typer.Argument(help="Older snapshot: id, start of id, or SHA-256 prefix.")],
        new: Annotated[str, typer.Argument(help="Newer snapshot.")],
        json_: JsonOpt = False,
    ) -> None:
        """New authorisations, removals, withdrawals, and service or passport changes between two snapshots."""
        from regatlas.registers.ask import registers_diff

        doc = registers_diff(old, new)
        if json_:
            return emit_answer(RegisterDiff, doc)
        _say(f"{doc['register']}: {_snap(doc['old'])} -> {_snap(doc['new'])}")
        for label in ("added", "removed", "withdrawn"):
            _say(f"{label}: {len(doc[label])}")
            for f in doc[label]:
                _say(f"  {f['name']} ({f['lei'] or 'no valid LEI'}, {f['home_member_state']}, line {f['line']})")
        _say(f"changed: {len(doc['changed'])}")
        for f in doc["changed"]:
            parts = [f"{k} +{','.join(v['added']) or '-'} -{','.join(v['removed']) or '-'}"
                     for k, v in f.items() if k in ("services", "countries")]
            _say(f"  {f['name']} ({f['lei']}): {'; '.join(parts)}")

    @firms.command()
    def search(
        text: Annotated[str, typer.Argument(help="Part of a name, commercial name or website, or an LEI.")],
        as_of: AsOfOpt = None, rulebook: RulebookOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Firms in each register's newest snapshot published by --as-of."""
        from regatlas.registers.ask import firm_search

        doc = firm_search(text[:200], parse_date(as_of, "--as-of"), atlas_for(rulebook))
        if json_:
            return emit_answer(FirmSearch, doc)
        table = Table("name", "LEI", "home", "register", "services", "authorised")
        for f in doc["firms"]:
            table.add_row(f["name"], f["lei"] or "-", f["home_member_state"] or "-", f["register"], _services(f),
                          str(f["authorised_on"] or "-"))
        console.print(table)
        _say(f"{doc['count']} found in {', '.join(s['id'] for s in doc['registers'])}")
        footer(doc)

    @firms.command()
    def show(
        lei: Annotated[str, typer.Argument(help="LEI (ISO 17442).")],
        as_of: AsOfOpt = None, rulebook: RulebookOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Every register row for an LEI, with the snapshot and line it comes from."""
        from regatlas.registers.ask import firm_show

        doc = firm_show(lei, parse_date(as_of, "--as-of"), atlas_for(rulebook))
        if json_:
            return emit_answer(FirmShow, doc)
        if not doc["found"]:
            _say(f"{doc['lei']}: in none of {', '.join(s['id'] for s in doc['registers'])}")
        for f in doc["entries"]:
            _say(f"{f['name']} ({f['commercial_name'] or '-'}), {f['lei']}, home {f['home_member_state']}, "
                 f"{f['authority']}")
            _say(f"  {f['register']}: authorised {f['authorised_on'] or '-'}"
                 f"{', ended ' + str(f['end_on']) if f['end_on'] else ''}; services {_services(f) or '-'}")
            if f["countries"]:
                _say(f"  passported to {len(f['countries'])}: {' '.join(f['countries'])}")
            _say(f"  from {_snap(f['snapshot'])}")
        footer(doc)

    @firms.command()
    def check(
        lei: Annotated[str, typer.Argument(help="LEI (ISO 17442).")],
        service: Annotated[str, typer.Option("--service", help="MiCA service: a-j or custody, transfer, ...")],
        country: Annotated[str, typer.Option("--country", help="Country (ISO 3166-1 alpha-2).")],
        as_of: AsOfOpt = None, rulebook: RulebookOpt = None, json_: JsonOpt = False,
    ) -> None:
        """May the firm provide the service in the country on the date: authorised, passported, or why not."""
        from regatlas.registers.ask import firm_check

        doc = firm_check(lei, service, country, parse_date(as_of, "--as-of"), atlas_for(rulebook))
        if json_:
            return emit_answer(FirmCheck, doc)
        name = doc["firm"]["name"] if doc["firm"] else doc["lei"]
        _say(f"{name}: {doc['status']} for {doc['service']['code']} ({doc['service']['name']}) in "
             f"{doc['country']} on {doc['as_of']}")
        _say(f"  {doc['reason']}")
        for note in doc["notes"]:
            _say(f"  note: {note}")
        for w in doc["warnings"]:
            _say(f"  warning list: {w['authority']}, decided {w['decided_on']}: {w['reason']}")
        if doc["snapshot"]:
            _say(f"  register row: {_snap(doc['snapshot'])}")
        else:
            _say(f"  registers read: {', '.join(s['id'] for s in doc['registers'])}")
        footer(doc)
