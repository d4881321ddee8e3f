"""The arbitrage patterns that matter most, each derived from cited provisions and facts:

- `offshore_no_real_oversight`: where exchange or custody needs no licence or only an AML
  registration, or the jurisdiction is on an FATF list (firms run from there face little oversight);
- `stablecoin_reserves_unregulated_banks`: where stablecoins may be issued (not banned) but no rule
  in force says where reserves are held (a provision's `reserve_holding`: credit institution,
  central bank, custodian, escrow account), so reserves may sit in unregulated banks;
- `decentralised_label`: where the law carves "fully decentralised" services out of its scope (a
  provision covering the `defi` activity or topic whose `role` is `carve_out` or `exemption`: a label
  that can be used to avoid registration), against jurisdictions whose DeFi rules are not carve-outs.

Every finding reads the provision columns; titles, texts and notes are only shown, never searched.

>>> carves_out({"topic": "defi", "activities": ["defi"], "role": "carve_out"})
True
>>> carves_out({"topic": "licensing", "activities": [], "role": "carve_out"})
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from regatlas.store import queries
from regatlas.store.atlas import Atlas
from regatlas.store.fatf import status as fatf_status

CARVE_OUT_ROLES = ("carve_out", "exemption")


def about_defi(p: dict[str, Any]) -> bool:
    """Whether provision row `p` is a rule on decentralised finance (by topic or listed activity).

    >>> about_defi({"topic": "tax_reporting", "activities": ["exchange"]})
    False
    """
    return p["topic"] == "defi" or "defi" in (p["activities"] or [])


def carves_out(p: dict[str, Any]) -> bool:
    """Whether provision row `p` takes decentralised services out of scope or exempts them.

    >>> carves_out({"topic": "defi", "activities": ["defi"], "role": "requirement"})
    False
    """
    return about_defi(p) and p["role"] in CARVE_OUT_ROLES


def _cite(atlas: Atlas, p: dict[str, Any]) -> dict[str, Any]:
    return {"id": p["id"], "jurisdiction": p["jurisdiction"], "title": p["title"], "status": p["status"],
            "source": queries.source_of(atlas, p), "verification": p["verification"]}


def _offshore(atlas: Atlas, day: dt.date, chains: dict, by_code: dict, statuses: dict,
              treatment: Callable) -> list[dict[str, Any]]:
    out = []
    for code in sorted(chains):
        weak = {}
        for act in ("exchange", "custody"):
            t = treatment(atlas, chains[code], by_code, statuses[code], act)
            if t["treatment"] in ("open", "registered"):
                weak[act] = t
        fatf = fatf_status(atlas, code, day)
        if not weak and not fatf.get("list"):
            continue
        reasons = [f"{a}: {t['treatment']}" for a, t in weak.items()]
        if fatf.get("list"):
            reasons.append(f"FATF {fatf['list'].replace('_', ' ')} since {fatf.get('from')}")
        out.append({"code": code, "score": round(0.35 * len(weak) + (0.3 if fatf.get("list") else 0), 2),
                    "reasons": reasons,
                    "provisions": [p for t in weak.values() for p in t["provisions"]],
                    "fatf": {"list": fatf.get("list"), "source": fatf.get("source")}})
    return sorted(out, key=lambda r: (-r["score"], r["code"]))


def _reserves(atlas: Atlas, chains: dict, by_code: dict, statuses: dict,
              treatment: Callable) -> list[dict[str, Any]]:
    out = []
    for code in sorted(chains):
        if treatment(atlas, chains[code], by_code, statuses[code], "stablecoin_issuance")["treatment"] == "banned":
            continue
        mine = [p for c in chains[code] for p in by_code.get(c, []) if p["status"] == "in_force"]
        if any(p["reserve_holding"] for p in mine):
            continue
        reserves = [p for p in mine if p["topic"] == "stablecoin_reserves"]
        issuance = [p for p in mine if p["topic"] == "stablecoin_issuance"]
        level = "reserve ratio only, no rule on where reserves are held" if reserves else \
            ("issuance regulated, no reserve rule in force" if issuance else "no stablecoin rule in force")
        out.append({"code": code, "score": 0.5 if reserves else (0.8 if issuance else 1.0), "finding": level,
                    "provisions": [_cite(atlas, p) for p in reserves + issuance]})
    return sorted(out, key=lambda r: (-r["score"], r["code"]))


def _decentralised(atlas: Atlas, chains: dict, by_code: dict) -> dict[str, Any]:
    carve, covered = {}, {}
    for code in sorted(chains):
        hits = [p for c in chains[code] for p in by_code.get(c, []) if about_defi(p)]
        if not hits:
            continue
        excl = [p for p in hits if carves_out(p)]
        (carve if excl else covered)[code] = [_cite(atlas, p) for p in (excl or hits)]
    silent = sorted(set(chains) - set(carve) - set(covered))
    return {"carve_out": carve, "addressed": covered, "no_rule": silent,
            "finding": "A service labelled decentralised may fall outside the licensing regime where "
                       "a carve-out exists; where the atlas has no rule the label's effect is a question "
                       "of fact for the supervisor."}


def find(atlas: Atlas, day: dt.date, chains: dict, by_code: dict, statuses: dict,
         treatment: Callable) -> dict[str, Any]:
    """The three patterns for `day`, each ranked with the provisions it rests on."""
    return {
        "offshore_no_real_oversight": _offshore(atlas, day, chains, by_code, statuses, treatment),
        "stablecoin_reserves_unregulated_banks": _reserves(atlas, chains, by_code, statuses, treatment),
        "decentralised_label": _decentralised(atlas, chains, by_code),
    }
