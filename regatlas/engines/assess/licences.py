"""Licences required in one jurisdiction, and whether the firm holds, passports or is exempt.

A licensing provision that applies is a requirement unless the jurisdiction's classification
file gives it a perimeter role (reverse solicitation, transitional regime, scope clause). For each
requirement in force the position is:

- `held`: an entity holds a licence under that provision granted in this jurisdiction;
- `passported`: a licence under the same provision granted in another party to a passporting
  agreement in force (e.g. `mica-passport`) that also names this jurisdiction. Where the host does
  not inherit the licence's law but is party to such an agreement for it (an EEA state under
  MiCA: `mica-passport-eea-li`), that law's licence requirement applies there too (its
  `applies_because` names the agreement);
- `passport_available`: this jurisdiction is party to such an agreement with a licence the firm
  holds, but its own requirement is a different provision (check whether it still applies);
- `reverse_solicitation`: the market is reached only at the client's own initiative and the
  jurisdiction's reverse-solicitation provision is in force (no entity of the firm there);
- `required`: none of the above (a gap). Requirements not yet in force are `upcoming` or `proposed`.

>>> sorted(POSITIONS)[:3]
['held', 'passport_available', 'passported']
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.assess.context import MarketView
from regatlas.engines.assess.data import AssessData
from regatlas.engines.assess.obligations import entry
from regatlas.model.profile import FirmProfile, Licence

POSITIONS = {"held", "passported", "passport_available", "reverse_solicitation", "required",
             "upcoming", "proposed"}


def _licences(profile: FirmProfile, view: MarketView) -> list[tuple[str, Licence]]:
    entity = view.market.entity if view.market else None
    return [(e.id, lic) for e in profile.entities if entity in (None, e.id) or e.jurisdiction == view.code
            for lic in e.licences]


def _agreement_in_force(a: dict[str, Any], day: dt.date) -> bool:
    return (a["effective_from"] is None or a["effective_from"] <= day) and (
        a["effective_to"] is None or day < a["effective_to"])


def _party(data: AssessData, a: dict[str, Any], code: str) -> bool:
    return any(c in a["parties"] for c in data.chains[code])


def passports(data: AssessData, home: str, host: str, law: str, day: dt.date) -> list[dict[str, Any]]:
    """Passporting agreements in force on `day` linking `home` and `host` for law of `law`."""
    return [a for a in data.passports if home != host and _agreement_in_force(a, day)
            and _party(data, a, home) and _party(data, a, host) and _party(data, a, law)]


def _cite_agreement(a: dict[str, Any]) -> dict[str, Any]:
    return {"agreement": a["id"], "name": a["name"], "source": a["source"],
            "verification": a["verification"]}


def licence_positions(data: AssessData, profile: FirmProfile, view: MarketView,
                      licensing: list[dict[str, Any]], day: dt.date) -> dict[str, Any]:
    """Requirements with the firm's position, plus perimeter provisions and passport routes."""
    held = _licences(profile, view)
    perimeter: dict[str, list[dict[str, Any]]] = {"reverse_solicitation": [], "transitional": [], "scope": []}
    passport_rules = [p for p in licensing if p["topic"] == "passporting" and p["status"] == "in_force"]
    requirements = []
    for p in licensing:
        if p["topic"] == "passporting":
            continue
        role = data.perimeter_role(view.code, p["id"])
        if role and role != "licence":
            if p["status"] == "in_force":
                perimeter[role].append(p)
            continue
        requirements.append(p)
    requirements += _agreement_requirements(data, held, view.code, day, {p["id"] for p in requirements})
    reverse = view.market is not None and view.market.reach == "reverse_solicitation" and not view.home
    out = []
    for p in requirements:
        item = dict(p)
        item["position"], item["via"] = _position(data, p, held, view, day, reverse, perimeter, passport_rules)
        if p["status"] == "in_force" and perimeter["transitional"]:
            item["transitional"] = [{"id": t["id"], "title": t["title"], "effective_to": t["effective_to"],
                                     "parameters": t["parameters"], "source": t["source"]}
                                    for t in perimeter["transitional"]]
        out.append(item)
    routes = []
    for entity_id, lic in held:
        law = data.provisions[lic.provision]["jurisdiction"]
        for a in passports(data, lic.jurisdiction, view.code, law, day):
            routes.append({"entity": entity_id, "licence": lic.provision, "granted_in": lic.jurisdiction,
                           **_cite_agreement(a), "notification": [_brief(r) for r in passport_rules]})
    return {"requirements": out, "perimeter": {k: [_brief(p) for p in v] for k, v in perimeter.items()},
            "passport_routes": routes}


def _agreement_requirements(data: AssessData, held: list[tuple[str, Licence]], host: str, day: dt.date,
                            known: set[str]) -> list[dict[str, Any]]:
    """Licence provisions of a law the host does not inherit but applies by a passporting
    agreement in force (MiCA in an EEA state): they are requirements of the host as well."""
    out = []
    for _, lic in held:
        p = data.provisions[lic.provision]
        if p["id"] in known or p["jurisdiction"] in data.chains[host] or data.status(p["id"], day) is None:
            continue
        found = passports(data, lic.jurisdiction, host, p["jurisdiction"], day)
        if found:
            known.add(p["id"])
            out.append(entry(p, data.status(p["id"], day), {"passporting_agreement": found[0]["id"]}))
    return out


def _brief(p: dict[str, Any]) -> dict[str, Any]:
    return {"id": p["id"], "jurisdiction": p["jurisdiction"], "title": p["title"], "parameters": p["parameters"], "text": p["text"],
            "source": p["source"], "verification": p["verification"]}


def _position(data: AssessData, p: dict[str, Any], held: list[tuple[str, Licence]], view: MarketView,
              day: dt.date, reverse: bool, perimeter: dict[str, list[dict[str, Any]]],
              passport_rules: list[dict[str, Any]]) -> tuple[str, dict[str, Any] | None]:
    if p["status"] == "enacted":
        return "upcoming", None
    if p["status"] == "proposed":
        return "proposed", None
    for entity_id, lic in held:
        if lic.provision == p["id"] and lic.jurisdiction == view.code:
            return "held", {"entity": entity_id, "licence": lic.provision, "reference": lic.reference}
    for entity_id, lic in held:
        if lic.provision != p["id"]:
            continue
        found = passports(data, lic.jurisdiction, view.code, p["jurisdiction"], day)
        if found:
            return "passported", {"entity": entity_id, "granted_in": lic.jurisdiction, "reference": lic.reference,
                                  **_cite_agreement(found[0]),
                                  "notification": [_brief(r) for r in passport_rules]}
    for entity_id, lic in held:
        law = data.provisions[lic.provision]["jurisdiction"]
        found = passports(data, lic.jurisdiction, view.code, law, day)
        if found:
            return "passport_available", {
                "entity": entity_id, "licence": lic.provision, "granted_in": lic.jurisdiction,
                **_cite_agreement(found[0]),
                "note": "the host's own licensing provision differs from the passported one; check "
                        "whether it still applies to the services provided"}
    # a reverse-solicitation exemption only lifts requirements of the law that grants it
    same_law = [r for r in perimeter["reverse_solicitation"] if r["jurisdiction"] == p["jurisdiction"]]
    if reverse and same_law:
        rs = same_law[0]
        return "reverse_solicitation", {**_brief(rs), "note": "only for services the client initiated "
                                        "at its own exclusive initiative; no marketing of new products"}
    return "required", None
