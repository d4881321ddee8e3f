"""Readable text renderings of larger answers (JSON is the other face of the same dict)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from regatlas.interfaces.cli.output import console, footer


def money(m: dict[str, Any] | None) -> str:
    """'1,000 EUR' for a money object; '-' for none.

    >>> money({"amount": 1000.0, "currency": "EUR"})
    '1,000 EUR'
    """
    if not m:
        return "-"
    amount = m["amount"]
    return f"{amount:,.0f} {m['currency']}" if float(amount).is_integer() else f"{amount:,} {m['currency']}"


def cite(source: dict[str, Any] | None) -> str:
    """A one-line citation: instrument, article."""
    if not source:
        return "no source"
    return ", ".join(x for x in (source.get("instrument"), source.get("article")) if x)


def render_show(doc: dict[str, Any]) -> None:
    """Print a jurisdiction as of a date."""
    console.print(f"[bold]{doc['name']}[/bold] ({doc['code']})  crypto status: "
                  f"[bold]{doc['crypto_status'] or 'no data'}[/bold]")
    checked = doc.get("checked") or "never recorded"
    console.print(f"coverage: {doc.get('coverage')}  file last checked: {checked}", markup=False, highlight=False)
    if doc.get("coverage_note"):
        console.print(doc["coverage_note"], markup=False, highlight=False, style="dim")
    facts = Table("fact", "value", "from", "source", "verification", title="Dated facts")
    tr = doc["travel_rule"]
    facts.add_row("Travel Rule", f"{tr['status'] or 'no data'} (threshold {money(tr.get('threshold'))})",
                  str(tr.get("in_force_from") or tr.get("from") or "-"), cite(tr.get("source")),
                  tr.get("verification", ""))
    no_file = doc.get("coverage") == "none"
    for label, key, field, empty in (("Stablecoins", "stablecoins", "status", "no data"),
                                     ("CBDC", "cbdc", "status", "no data"),
                                     ("FATF list", "fatf", "list", "no data" if no_file else "not listed")):
        f = doc[key]
        facts.add_row(label, str(f.get(field) or empty), str(f.get("from") or "-"),
                      cite(f.get("source")), f.get("verification", ""))
    console.print(facts)
    auth = Table("authority", "roles", title="Authorities")
    for a in doc["authorities"]:
        auth.add_row(f"{a['name']} ({a['jurisdiction']})", ", ".join(a["roles"]))
    console.print(auth)
    provs = Table("id", "topic", "status", "from", "source", "ver.", title="Provisions")
    for p in doc["provisions"]:
        provs.add_row(p["id"], p["topic"], p["status"], str(p["effective_from"] or p["published"] or "-"),
                      cite(p["source"]), "✓" if p["verification"] == "verified" else "?")
    console.print(provs)
    footer(doc)


def verification_table(verification: dict[str, Any]) -> Table:
    """Verified values per jurisdiction (and agreements), as `info` shows them.

    >>> table = verification_table({"share": 0.5, "verified": 1, "values": 2, "agreements": {
    ...     "share": 0.0, "verified": 0, "values": 0}, "by_jurisdiction": {"SG": {"share": 0.5,
    ...     "verified": 1, "values": 2}}})
    >>> table.row_count
    1
    """
    table = Table("jurisdiction", "verified", "values", "share", title="verified values (strict)")
    rows = dict(verification["by_jurisdiction"])
    for key in ("agreements", "legal_data"):  # values of no one jurisdiction
        if verification.get(key, {}).get("values"):
            rows[f"({key.replace('_', ' ')})"] = verification[key]
    for code, row in rows.items():
        table.add_row(code, str(row["verified"]), str(row["values"]), f"{row['share']:.0%}")
    return table
