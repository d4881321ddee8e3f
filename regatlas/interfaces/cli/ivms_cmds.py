"""`regatlas ivms validate` and `regatlas ivms convert`: IVMS101 payloads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from regatlas.errors import InputError
from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.model.answers import IvmsConversion, IvmsValidation


def _corridor(value: str) -> tuple[str, str]:
    parts = [p.strip().upper() for p in value.split(":")]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"--corridor must look like A:B (e.g. DE:SG), got '{value}'", field="--corridor")
    return parts[0], parts[1]


def register(app: typer.Typer) -> None:
    """Add the `ivms` command group to `app`."""
    ivms = typer.Typer(help="IVMS101 Travel Rule payloads (2020 and 2023 editions).", no_args_is_help=True)
    app.add_typer(ivms, name="ivms")

    @ivms.command("validate")
    def validate_cmd(
        file: Annotated[Path, typer.Argument(help="IVMS101 payload (JSON).")],
        corridor: Annotated[str | None, typer.Option("--corridor", help="A:B, e.g. DE:SG.")] = None,
        amount: Annotated[float | None, typer.Option(help="Transfer amount (with --currency).")] = None,
        currency: Annotated[str | None, typer.Option(help="ISO 4217 code of --amount.")] = None,
        edition: Annotated[str | None, typer.Option(help="2020 or 2023 (default: detected).")] = None,
        fail_on: Annotated[str | None, typer.Option(
            "--fail-on", help="Exit 1 when the payload is 'invalid' or 'incomplete' for the corridor.")] = None,
        rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Validate a payload against IVMS101 and, with --corridor, list what the corridor still needs."""
        from regatlas.engines.ivms101 import load_payload
        from regatlas.engines.travel_rule.payload import check_payload
        from regatlas.model.facts import describe

        if fail_on not in (None, "invalid", "incomplete"):
            raise InputError("--fail-on must be 'invalid' or 'incomplete'", field="--fail-on")
        day = parse_date(as_of, "--as-of")
        doc = check_payload(atlas_for(rulebook), load_payload(file), _corridor(corridor) if corridor else None,
                            day, amount, currency.upper() if currency else None, edition)
        doc["file"] = str(file)
        if json_:
            emit_answer(IvmsValidation, doc)
        else:
            console.print(f"{file}: IVMS101 {doc['edition']} — {'valid' if doc['valid'] else 'invalid'}",
                          markup=False)
            for e in doc["errors"]:
                console.print(f"  {e['path']}: {e['code']}: {e['message']}", markup=False, highlight=False)
            if "corridor" in doc:
                c = doc["corridor"]
                console.print(f"corridor {c['from']}->{c['to']}: "
                              f"{'complete' if c['complete'] else 'incomplete'}", markup=False)
                for g in c["repair"]:
                    console.print(f"  missing {g['field'] or describe(g['any_of'])}: {g['message']}"
                                  f" (supply at {', '.join(g['paths'])})", markup=False, highlight=False)
            footer(doc)
        failed = (fail_on == "invalid" and not doc["valid"]) or (
            fail_on == "incomplete" and (not doc["valid"] or not doc.get("corridor", {}).get("complete", True)))
        raise SystemExit(1 if failed else 0)

    @ivms.command("convert")
    def convert_cmd(
        file: Annotated[Path, typer.Argument(help="IVMS101 payload (JSON).")],
        to: Annotated[str, typer.Option("--to", help="Target edition: 2020 or 2023.")],
        out: Annotated[Path | None, typer.Option("--out", help="Write the converted payload here.")] = None,
        json_: JsonOpt = False,
    ) -> None:
        """Convert a payload between the 2020 and 2023 editions, noting anything lost."""
        import json

        from regatlas.engines.ivms101 import convert_report, load_payload

        report = convert_report(load_payload(file), to)
        doc = {"source": report.source, "target": report.target, "payload": report.payload,
               "notes": [{"path": n.path, "message": n.message} for n in report.notes]}
        if out:
            out.write_text(json.dumps(report.payload, indent=2, ensure_ascii=False) + "\n")
        if json_:
            return emit_answer(IvmsConversion, doc)
        console.print(f"{file}: {report.source} -> {report.target}", markup=False)
        for n in doc["notes"]:
            console.print(f"  note {n['path']}: {n['message']}", markup=False, highlight=False)
        if not out:
            console.print_json(json.dumps(report.payload, ensure_ascii=False))
