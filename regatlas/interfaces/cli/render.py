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
                  f"[bold]{doc['crypto_status'] or '-'}[/bold]")
    facts = Table("fact", "value", "from", "source", "verification", title="Dated facts")
    tr = doc["travel_rule"]
    facts.add_row("Travel Rule", f"{tr['status'] or 'no data'} (threshold {money(tr.get('threshold'))})",
                  str(tr.get("in_force_from") or tr.get("from") or "-"), cite(tr.get("source")),
                  tr.get("verification", ""))
    for label, key, field in (("Stablecoins", "stablecoins", "status"), ("CBDC", "cbdc", "status"),
                              ("FATF list", "fatf", "list")):
        f = doc[key]
        facts.add_row(label, str(f.get(field) or "none"), str(f.get("from") or "-"),
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
