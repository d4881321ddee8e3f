"""A firm profile's entities read against the registers: licences and passports from the register
row instead of typed by hand, and every difference between the two reported.

For an entity with an `lei`, the newest authorisation register snapshot published by the
assessment date is read. When it lists the LEI, the authorisation becomes a licence under the
register's `licence_provision` (MiCA Art. 59 for ESMA's CASP register), granted in the home member
state on the authorisation date, for the activities its MiCA services are; a typed licence under the
same provision is replaced by it. The profile's markets served by that entity are checked against
the states the register lists as notified (MiCA Art. 65).

>>> import datetime as dt
>>> from regatlas.model.profile import FirmProfile
>>> p = FirmProfile.model_validate({"name": "B", "activities": ["custody"], "entities": [{"id": "b",
...     "name": "Bybit EU GmbH", "jurisdiction": "AT", "lei": "5299005V5GBSN2A4C303"}],
...     "markets": [{"jurisdiction": "MT", "entity": "b"}]})
>>> read, found = from_registers(p, dt.date(2026, 3, 1))
>>> read.entities[0].licences[0].jurisdiction, [m["kind"] for m in found[0]["mismatches"]]
('AT', ['market_not_passported'])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.model.profile import Entity, FirmProfile, Licence
from regatlas.registers.firms import snapshot_ref, snapshots_on
from regatlas.registers.formats import load_catalogue
from regatlas.registers.parse import EEA

LICENCE_PROVISION = "eu-mica-art59-casp-authorisation"
"""The atlas provision an ESMA CASP authorisation is granted under (MiCA Art. 59)."""
REGISTER = "esma-casp"


def _activities(services: list[str]) -> list[str]:
    catalogue = load_catalogue()
    return sorted({a for code in services for a in catalogue.service(code).activities})


def _entity(entity: Entity, profile: FirmProfile, row: dict[str, Any] | None, snap: dict[str, Any],
            day: dt.date) -> tuple[Entity, dict[str, Any]]:
    typed = [lic for lic in entity.licences if lic.provision == LICENCE_PROVISION]
    report: dict[str, Any] = {"entity": entity.id, "lei": entity.lei, "register": snapshot_ref(snap),
                              "found": row is not None, "licence": None, "mismatches": []}
    miss = report["mismatches"]
    if row is None:
        if typed:
            miss.append({"kind": "licence_not_in_register", "detail": (
                f"the profile claims a MiCA CASP authorisation in {typed[0].jurisdiction}; {snap['id']} does not "
                f"list LEI {entity.lei}")})
        return entity, report
    ended = row["end_on"] is not None and row["end_on"] <= day
    home = row["home_state"] or row["lei_country"]
    licence = Licence(provision=LICENCE_PROVISION, jurisdiction=home, granted=row["authorised_on"],
                      reference=f"{snap['id']} line {row['line']}", activities=_activities(row["services"] or []))
    report.update(licence=licence.model_dump(), line=row["line"], countries=row["countries"] or [],
                  withdrawn_on=row["end_on"] if ended else None)
    report["register"] = snapshot_ref(snap, row["line"])
    for lic in typed:
        if lic.jurisdiction != home:
            miss.append({"kind": "licence_jurisdiction", "detail": (
                f"the profile says authorised in {lic.jurisdiction}; the register says {home}")})
        if lic.granted and row["authorised_on"] and lic.granted != row["authorised_on"]:
            miss.append({"kind": "licence_date", "detail": (
                f"the profile says granted {lic.granted}; the register says {row['authorised_on']}")})
        extra = sorted(set(lic.activities) - set(licence.activities))
        if extra:
            miss.append({"kind": "activities_not_authorised", "detail": (
                f"the profile claims {', '.join(extra)}; the register's services cover {', '.join(licence.activities)}")})
    if ended:
        miss.append({"kind": "withdrawn", "detail": f"the register shows the authorisation ended on {row['end_on']}"})
    for market in profile.markets:
        if market.entity in (entity.id, None) and market.jurisdiction in EEA and market.jurisdiction != home \
                and market.jurisdiction not in (row["countries"] or []):
            miss.append({"kind": "market_not_passported", "detail": (
                f"the profile serves {market.jurisdiction} from this entity; the register lists no notification "
                f"for {market.jurisdiction} (MiCA Art. 65)")})
    kept = [lic for lic in entity.licences if lic.provision != LICENCE_PROVISION]
    return entity.model_copy(update={"licences": kept + ([] if ended else [licence])}), report


def from_registers(profile: FirmProfile, day: dt.date) -> tuple[FirmProfile, list[dict[str, Any]]]:
    """The profile with register-backed licences for its entities that have an LEI, and per such
    entity what the register says and where it differs from the profile ([] when none has an LEI)."""
    if not any(e.lei for e in profile.entities):
        return profile, []
    from regatlas.store.registers import open_registers

    store = open_registers()
    snap = next(s for s in snapshots_on(store, day) if s["register"] == REGISTER)
    entities, reports = [], []
    for entity in profile.entities:
        if not entity.lei:
            entities.append(entity)
            continue
        rows = store.entities([snap["id"]], "lei = ?", [entity.lei])
        new, report = _entity(entity, profile, rows[0] if rows else None, snap, day)
        entities.append(new)
        reports.append(report)
    return profile.model_copy(update={"entities": entities}), reports
