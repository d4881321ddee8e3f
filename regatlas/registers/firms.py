"""Questions about firms, answered from register snapshots and joined to the atlas.

`check` answers "may this firm provide service S in country C on day D?" from the newest snapshot
published by D: authorised in its home state, passported (MiCA Art. 65) to C, or why not, naming the
snapshot, its date and the register row. A firm the register does not list may still be serving
under its home state's MiCA transitional period (Art. 143(3)), which the atlas knows; that does not
passport.

>>> from regatlas.store.registers import open_registers
>>> store = open_registers()
>>> check(store, "5299005V5GBSN2A4C303", "custody", "DE", dt.date(2026, 3, 1))["status"]
'passported'
>>> check(store, "5299005V5GBSN2A4C303", "custody", "MT", dt.date(2026, 3, 1))["status"]
'not_passported'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pycountry

from regatlas.errors import InputError, NotFound
from regatlas.registers.formats import load_catalogue
from regatlas.registers.lei import checked_lei
from regatlas.registers.parse import COUNTRY_ALIASES, EEA
from regatlas.store.registers import RegisterStore, newest

MICA_PASSPORT = {"instrument": "eu-mica", "article": "Art. 65",
                 "url": "https://eur-lex.europa.eu/eli/reg/2023/1114/oj"}
"""Cross-border provision of crypto-asset services: the passport a home-state authorisation carries."""
MICA_AUTHORISATION = {"instrument": "eu-mica", "article": "Art. 59",
                      "url": "https://eur-lex.europa.eu/eli/reg/2023/1114/oj"}
SEARCH_LIMIT = 50
STALE_DAYS = 31
"""A snapshot older than this on the date asked about may miss authorisations and withdrawals since."""


def snapshots_on(store: RegisterStore, day: dt.date | None) -> list[dict[str, Any]]:
    """For each register, its newest snapshot published by `day` (or its oldest when all are later)."""
    by: dict[str, list[dict[str, Any]]] = {}
    for snap in store.snapshots():  # one query, oldest first
        by.setdefault(snap["register"], []).append(snap)
    return [newest(snaps, day) or snaps[0] for _, snaps in sorted(by.items())]


def freshness(snaps: list[dict[str, Any]], day: dt.date) -> list[str]:
    """Notes on snapshots that cannot speak for `day`: published after it, or long before it.

    >>> freshness([{"id": "s", "published": dt.date(2026, 2, 9)}], dt.date(2026, 12, 3))
    ['s was published on 2026-02-09, 297 days before 2026-12-03: later authorisations, withdrawals and passport changes are not in it']
    """
    notes = []
    for s in snaps:
        age = (day - s["published"]).days
        if age < 0:
            notes.append(f"no snapshot of {s['register']} was published by {day}: answered from {s['id']}, "
                         f"published {s['published']}, by its dates")
        elif age > STALE_DAYS:
            notes.append(f"{s['id']} was published on {s['published']}, {age} days before {day}: later "
                         "authorisations, withdrawals and passport changes are not in it")
    return notes


def snapshot_ref(snap: dict[str, Any], line: int | None = None) -> dict[str, Any]:
    """How an answer names the snapshot (and row) it read."""
    ref = {"id": snap["id"], "register": snap["register"], "published": snap["published"],
           "source_url": snap["source_url"], "sha256": snap["sha256"]}
    if line is not None:
        ref["line"] = line
    return ref


def firm(row: dict[str, Any], snap: dict[str, Any]) -> dict[str, Any]:
    """A register row as an answer's firm: names, LEI, home state, authority, services and states."""
    catalogue = load_catalogue()
    return {
        "name": row["name"], "commercial_name": row["commercial_name"], "lei": row["lei"],
        "lei_as_published": row["lei_raw"], "home_member_state": row["home_state"],
        "jurisdiction": row["home_state"] or row["lei_country"], "authority": row["authority"],
        "register": row["register"], "kind": catalogue.registers[row["register"]].kind,
        "authorised_on": row["authorised_on"], "end_on": row["end_on"],
        "services": [{"code": c, "name": catalogue.service(c).name} for c in row["services"] or []],
        "countries": row["countries"] or [], "website": row["website"] or [], "address": row["address"],
        "comments": row["comments"], "last_update": row["last_update"], "detail": row["extra"],
        "snapshot": snapshot_ref(snap, row["line"]),
    }


def search(store: RegisterStore, text: str, day: dt.date | None = None) -> dict[str, Any]:
    """Firms whose name, commercial name, LEI or website contains `text` (case-insensitive).

    >>> from regatlas.store.registers import open_registers
    >>> [f["lei"] for f in search(open_registers(), "bitpanda gmbh")["firms"]][:1]
    ['5493007WZ7IFULIL8G21']
    """
    needle = text.strip().lower()
    snaps = snapshots_on(store, day)
    by_id = {s["id"]: s for s in snaps}
    rows = store.entities(list(by_id), "contains(lower(name), ?) or contains(lower(coalesce(commercial_name, '')), ?) "
                          "or upper(coalesce(lei, lei_raw, '')) = upper(?) "
                          "or contains(lower(array_to_string(website, ' ')), ?)", [needle, needle, needle, needle])
    firms = [firm(r, by_id[r["snapshot"]]) for r in rows[:SEARCH_LIMIT]]
    return {"query": text, "count": len(rows), "firms": firms, "registers": [snapshot_ref(s) for s in snaps]}


def show(store: RegisterStore, lei: str, day: dt.date | None = None) -> dict[str, Any]:
    """Every entry for `lei` in the snapshots in force on `day`, and the snapshots it appears in over time;
    NotFound when no loaded snapshot lists it."""
    code = checked_lei(lei)
    snaps = snapshots_on(store, day)
    by_id = {s["id"]: s for s in snaps}
    entries = [firm(r, by_id[r["snapshot"]]) for r in store.entities(list(by_id), "lei = ?", [code])]
    history = store.rows("select s.id, s.register, s.published from entities e join snapshots s on e.snapshot = s.id "
                         "where e.lei = ? order by s.published, s.register", [code])
    if not history:
        raise NotFound(f"{code}: in no loaded register snapshot ({', '.join(s['id'] for s in store.snapshots())})",
                       field="lei")
    return {"lei": code, "found": bool(entries), "entries": entries, "appears_in": history,
            "registers": [snapshot_ref(s) for s in snaps]}


def check(store: RegisterStore, lei: str, service: str, country: str, day: dt.date,
          atlas: Any = None) -> dict[str, Any]:
    """May the firm with `lei` provide `service` in `country` on `day`? Status, authority, since when,
    or why not, cited to the register snapshot and row (and to MiCA for the passport)."""
    code = checked_lei(lei)
    svc = load_catalogue().service(service)
    where = _country(country)
    snaps = snapshots_on(store, day)
    by_id = {s["id"]: s for s in snaps}
    rows = store.entities(list(by_id), "lei = ?", [code])
    answer: dict[str, Any] = {
        "lei": code, "service": {"code": svc.code, "slug": svc.slug, "name": svc.name}, "country": where,
        "as_of": day, "registers": [snapshot_ref(s) for s in snaps], "firm": None, "authority": None,
        "since": None, "until": None, "warnings": [], "law": None, "snapshot": None,
        "notes": freshness([s for s in snaps if s["register"] in ("esma-casp", "esma-ncasp")], day),
    }
    warnings = [firm(r, by_id[r["snapshot"]]) for r in rows if r["register"] == "esma-ncasp"]
    answer["warnings"] = [{"authority": w["authority"], "decided_on": w["detail"].get("decided_on"),
                           "reason": w["detail"].get("reason"), "snapshot": w["snapshot"]} for w in warnings]
    casps = [r for r in rows if r["register"] == "esma-casp"]
    if where not in EEA:
        return {**answer, "status": "no_register", "authorised": False, "reason": (
            f"{where} is not in the EEA: a MiCA authorisation does not reach it, and no register for {where} "
            f"is loaded")}
    if not casps:
        status = "warning_list" if warnings else "not_found"
        reason = (f"on the ESMA list of non-compliant entities ({warnings[0]['authority']})" if warnings else
                  "not in the ESMA register of authorised CASPs") + _transitional(atlas, where, day)
        return {**answer, "status": status, "authorised": False, "reason": reason}
    row = casps[0]
    entry = firm(row, by_id[row["snapshot"]])
    answer.update(firm={k: entry[k] for k in ("name", "commercial_name", "home_member_state")},
                  authority=row["authority"], since=row["authorised_on"], until=row["end_on"],
                  snapshot=entry["snapshot"], law=MICA_AUTHORISATION)
    return {**answer, **_verdict(row, svc.code, svc.name, where, day)}


def _verdict(row: dict[str, Any], service: str, name: str, where: str, day: dt.date) -> dict[str, Any]:
    home, states = row["home_state"], row["countries"] or []
    if row["authorised_on"] and row["authorised_on"] > day:
        return {"status": "not_yet_authorised", "authorised": False,
                "reason": f"authorised from {row['authorised_on']}, after {day}"}
    if row["end_on"] and row["end_on"] <= day:
        return {"status": "withdrawn", "authorised": False,
                "reason": f"authorisation ended on {row['end_on']}"}
    if service not in (row["services"] or []):
        held = ", ".join(row["services"] or []) or "none listed"
        return {"status": "not_authorised_for_service", "authorised": False,
                "reason": f"not authorised for {service} ({name}); authorised for: {held}"}
    if where == home:
        return {"status": "authorised", "authorised": True,
                "reason": f"authorised in its home member state {home} by {row['authority']}"}
    if where in states:
        return {"status": "passported", "authorised": True, "law": MICA_PASSPORT,
                "reason": f"authorised in {home} and notified to provide services in {where} (MiCA Art. 65)"}
    return {"status": "not_passported", "authorised": False, "law": MICA_PASSPORT,
            "reason": f"authorised in {home}, but {where} is not among the {len(states)} member states "
                      f"it notified for cross-border services"}


def _country(text: str) -> str:
    code = COUNTRY_ALIASES.get(text.strip().upper(), text.strip().upper())
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise InputError(f"{text!r} is not an ISO 3166-1 alpha-2 country code", field="country")
    return code


def _transitional(atlas: Any, country: str, day: dt.date) -> str:
    """The country's MiCA transitional period in force on `day`, from the atlas, as a sentence."""
    if atlas is None:
        return ""
    rows = atlas.rows("SELECT id, effective_to FROM provisions WHERE jurisdiction = ? AND role = 'transitional' "
                      "AND NOT proposed AND effective_from <= ? AND (effective_to IS NULL OR effective_to > ?)",
                      [country, day, day])
    if not rows:
        return f"; no MiCA transitional period is in force in {country} on {day} in the atlas"
    end = rows[0]["effective_to"]
    return (f"; {country}'s MiCA transitional period (atlas provision {rows[0]['id']}) runs until {end}: a "
            f"provider registered under {country}'s law before 30 December 2024 may go on serving there until "
            f"then (grandfathered), but that does not passport, and no national register of {country} is loaded")
