"""Cross-border enforcement routing for a case: who is competent where, what links them, who can
freeze, and which jurisdictions call for enhanced due diligence (what each FATF list calls for is
rulebook data, `listings/fatf.yaml`, cited to R.19 and the list statements).

A case (YAML or JSON, see examples/cases/) names where the platform is run from and incorporated,
where victims are, and the tokens, issuers and chains involved. The answer lists, for each
jurisdiction, its competent authorities with their cited `powers`, its FATF list status (a
listing triggers enhanced due diligence), and for each pair of jurisdictions the cooperation
instruments in effect that link them (IOSCO MMoU, Egmont FIU cooperation, bilateral agreements).

>>> case = parse_case({"platform": {"operated_from": ["KY"]}, "victims": ["DE"]}, "x.yaml")
>>> case["platform"]["operated_from"], case["victims"]
(['KY'], ['DE'])
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from regatlas.errors import InputError
from regatlas.store import analytics_queries as aq
from regatlas.store import legal_data, queries
from regatlas.store.atlas import Atlas
from regatlas.store.competence import issuer_freezes
from regatlas.store.fatf import status as fatf_status
from regatlas.untrusted.files import load_document

COMPETENT_ROLES = {"securities", "virtual_assets", "aml_fiu", "law_enforcement", "central_bank",
                   "conduct", "banking", "payments", "prosecution", "asset_recovery", "central_authority_mla"}
CRIMINAL_ROLES = ("law_enforcement", "prosecution", "asset_recovery", "central_authority_mla")
"""Who investigates, arrests, prosecutes, recovers assets and sends or answers legal-assistance requests."""
ASSISTANCE_KINDS = {"mlat": "mutual_legal_assistance", "extradition": "extradition",
                    "convention": "mutual_legal_assistance", "treaty": "mutual_legal_assistance"}
"""Agreement kinds that carry criminal legal assistance or extradition (a convention or treaty's
scope is read from its instruments' notes by people, not by this code: it is listed as a route)."""


def load_case(path: Path) -> dict[str, Any]:
    """Read and check a case file; InputError (exit 2) naming the file, line or field at fault."""
    return parse_case(load_document(path).value, str(path))


def _codes(value: Any, file: str, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError("expected a list of jurisdiction codes", file=file, field=field)
    return [v.strip().upper() for v in value]


def parse_case(raw: Any, file: str) -> dict[str, Any]:
    """The case as plain lists of codes; InputError for a malformed one."""
    if not isinstance(raw, dict):
        raise InputError("a case must be a mapping", file=file)
    platform = raw.get("platform") or {}
    if not isinstance(platform, dict):
        raise InputError("expected a mapping", file=file, field="platform")
    case = {
        "name": raw.get("case") or raw.get("name") or Path(file).stem,
        "platform": {"name": platform.get("name"),
                     "operated_from": _codes(platform.get("operated_from"), file, "platform.operated_from"),
                     "incorporated_in": _codes(platform.get("incorporated_in"), file, "platform.incorporated_in")},
        "victims": _codes(raw.get("victims"), file, "victims"),
        "tokens": raw.get("tokens") or [], "chains": raw.get("chains") or [],
        "issuers": raw.get("issuers") or [],
    }
    if not case["platform"]["operated_from"] and not case["platform"]["incorporated_in"]:
        raise InputError("the case names no platform jurisdiction", file=file, field="platform.operated_from")
    for i, issuer in enumerate(case["issuers"]):
        if not isinstance(issuer, dict) or not issuer.get("name"):
            raise InputError("an issuer needs a name", file=file, field=f"issuers[{i}]")
        issuer["jurisdiction"] = _codes(issuer.get("jurisdiction"), file, f"issuers[{i}].jurisdiction")
    return case


def _roles(case: dict[str, Any]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for code in case["platform"]["operated_from"]:
        roles.setdefault(code, []).append("platform operated from")
    for code in case["platform"]["incorporated_in"]:
        roles.setdefault(code, []).append("platform incorporated in")
    for code in case["victims"]:
        roles.setdefault(code, []).append("victims")
    for issuer in case["issuers"]:
        for code in issuer["jurisdiction"]:
            roles.setdefault(code, []).append(f"issuer {issuer['name']}")
    return roles


def _jurisdiction(atlas: Atlas, code: str, roles: list[str], day: dt.date) -> dict[str, Any]:
    chain = aq.chains(atlas)[code]
    auths = [a for a in aq.authorities(atlas, chain) if COMPETENT_ROLES & set(a["roles"])]
    fatf = fatf_status(atlas, code, day)
    consequence = legal_data.listing_consequence(atlas, fatf.get("list"))
    powers = [{"authority": a["id"], "name": a["name"], "jurisdiction": a["jurisdiction"], **p,
               "source": _power_source(atlas, p)} for a in auths for p in a["powers"]]
    return {
        "code": code, "roles": roles,
        "crypto_status": queries.crypto_status(atlas, code, day).get("value"),
        "authorities": [{"id": a["id"], "name": a["name"], "jurisdiction": a["jurisdiction"],
                         "roles": a["roles"], "url": a["url"], "powers": [p["kind"] for p in a["powers"]]}
                        for a in auths],
        "powers": powers,
        "freeze_or_seize": [p for p in powers if p["kind"] in ("freeze", "seize", "block", "restrain", "confiscate")],
        "criminal": {role: [a["id"] for a in auths if role in a["roles"]] for role in CRIMINAL_ROLES},
        "criminal_gaps": [f"the atlas names no {role.replace('_', ' ')} authority for {code}"
                          for role in CRIMINAL_ROLES if not any(role in a["roles"] for a in auths)],
        "fatf": {"list": fatf.get("list"), "from": fatf.get("from"), "source": fatf.get("source"),
                 "verification": fatf.get("verification"), "consequence": consequence},
        "enhanced_due_diligence": consequence and consequence["action"],
        "travel_rule": queries.travel_rule(atlas, code, day)["status"],
    }


def _power_source(atlas: Atlas, power: dict[str, Any]) -> dict[str, Any] | None:
    src = power.get("source") or {}
    return queries.source_of(atlas, {"source_instrument": src.get("instrument"),
                                     "source_article": src.get("article"), "source_url": src.get("url")})


def _links(atlas: Atlas, codes: list[str], day: dt.date, juris: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    chains, owner = aq.chains(atlas), aq.authority_owner(atlas)
    agreements = aq.agreements_on(atlas, day)
    out = []
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            links = []
            for ag in agreements:
                pa = next((m for p in ag["parties"] if (m := aq.party_link(p, a, chains[a], owner))), None)
                pb = next((m for p in ag["parties"] if (m := aq.party_link(p, b, chains[b], owner))), None)
                if pa and pb:
                    links.append({"id": ag["id"], "name": ag["name"], "kind": ag["kind"], "scope": ag["scope"],
                                  "binding": ag["binding"], "a": pa, "b": pb, "source": ag["source"],
                                  "verification": ag["verification"]})
            out.append({"a": a, "b": b, "agreements": links,
                        "gap": None if links else "no cooperation instrument in the atlas links them",
                        "legal_assistance": _assistance(a, b, links, juris)})
    return out


def _assistance(a: str, b: str, links: list[dict[str, Any]], juris: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The criminal legal-assistance and extradition routes between a and b: treaties and conventions
    binding both, and each side's own law for assisting or extraditing without a treaty."""
    routes = {"mutual_legal_assistance": [], "extradition": []}
    for link in links:
        if link["kind"] in ASSISTANCE_KINDS:
            routes[ASSISTANCE_KINDS[link["kind"]]].append(link["id"])
    # one line per power: a free zone and its country share the country's authorities
    domestic = list({(p["authority"], p["kind"]): {
        "jurisdiction": p["jurisdiction"], "authority": p["authority"], "kind": p["kind"],
        "requires": p.get("requires"), "source": p["source"], "verification": p.get("verification")}
        for code in (a, b) for p in juris[code]["powers"]
        if p["kind"] in ("mutual_legal_assistance", "extradite")}.values())
    unknown = [f"no {kind.replace('_', ' ')} route between {a} and {b} in the atlas"
               for kind, ids in routes.items() if not ids and not any(
                   d["kind"] == ("extradite" if kind == "extradition" else kind) for d in domestic)]
    return {**routes, "domestic_bases": domestic, "unknown": unknown}


def _issuers(atlas: Atlas, case: dict[str, Any], day: dt.date) -> list[dict[str, Any]]:
    chains = aq.chains(atlas)
    provs = aq.provisions_on(atlas, day)
    out = []
    for issuer in case["issuers"]:
        codes = [c for j in issuer["jurisdiction"] for c in chains[j]]
        # A rule counts when its `powers` column says it grants or requires freezing, seizing or
        # blocking; its words are never searched.
        rules = [{"id": p["id"], "jurisdiction": p["jurisdiction"], "title": p["title"], "status": p["status"],
                  "powers": p["powers"], "source": queries.source_of(atlas, p), "verification": p["verification"]}
                 for p in provs if p["jurisdiction"] in codes and p["powers"]]
        out.append({"name": issuer["name"], "jurisdiction": issuer["jurisdiction"],
                    "freeze_capabilities": _capabilities(atlas, issuer, case),
                    "can_freeze_stated": issuer.get("can_freeze"),
                    "can_freeze_basis": "stated by the case file (not a rulebook fact)"
                    if issuer.get("can_freeze") is not None else None,
                    # a bill or a proposed rule is not law yet: listed apart, never as a legal rule
                    "legal_freeze_rules": [r for r in rules if r["status"] != "proposed"],
                    "proposed_freeze_rules": [r for r in rules if r["status"] == "proposed"]})
    return out


def _capabilities(atlas: Atlas, issuer: dict[str, Any], case: dict[str, Any]) -> list[dict[str, Any]]:
    """What the rulebook records of this issuer's power to freeze its tokens (matched by name, other
    names or by the case's tokens it issues), each line cited; empty when the atlas knows nothing."""
    name = issuer["name"].strip().lower()
    symbols = {str(t.get("symbol", "")).upper() for t in case["tokens"] if isinstance(t, dict)
               and str(t.get("issuer", "")).strip().lower() == name}
    return [{k: f[k] for k in ("issuer", "name", "can_freeze", "tokens", "chains", "mechanism", "on_request_of",
                               "source", "verification", "note")}
            for f in issuer_freezes(atlas)
            if name in {f["name"].lower(), *(n.lower() for n in f["other_names"])}
            or symbols & set(f["issuer_tokens"])]


def _edd(j: dict[str, Any]) -> dict[str, Any]:
    """What the jurisdiction's listing calls for, with the listing's source and the cited rule."""
    consequence = j["fatf"]["consequence"] or {}
    return {"code": j["code"], "list": j["fatf"]["list"], "action": j["enhanced_due_diligence"],
            "measures": consequence.get("measures"), "source": j["fatf"]["source"],
            "rule": consequence.get("source"), "rule_verification": consequence.get("verification")}


def enforce(atlas: Atlas, case: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """Route a case: authorities, powers, cooperation links, freezing issuers, FATF EDD triggers."""
    roles = _roles(case)
    for code in roles:
        aq.require_code(atlas, code)
    codes = sorted(roles)
    juris = [_jurisdiction(atlas, c, roles[c], day) for c in codes]
    return {
        "rulebook": queries.header(atlas, day), "case": case["name"], "platform": case["platform"],
        "tokens": case["tokens"], "chains": case["chains"],
        "jurisdictions": juris, "links": _links(atlas, codes, day, {j["code"]: j for j in juris}), "issuers": _issuers(atlas, case, day),
        "enhanced_due_diligence": [_edd(j) for j in juris if j["fatf"]["list"]],
        "freeze_routes": [{"code": j["code"], "authority": p["authority"], "kind": p["kind"],
                           "source": p["source"], "verification": p.get("verification")}
                          for j in juris for p in j["freeze_or_seize"]],
        "criminal_gaps": [g for j in juris for g in j["criminal_gaps"]],
    }
