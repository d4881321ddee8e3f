"""Aggregates comparable to the standard setters' reports: shares of jurisdictions with a Travel
Rule in force, a stablecoin framework, licensing of crypto-asset service providers, as of a date.

Populations: `all` (every jurisdiction of the atlas), `countries` (kind country: no EU, no
sub-national or free-zone regimes), `fsb` and `fatf` (countries whose `memberships` name the body).
A jurisdiction counts with the law that applies there, inherited law included (EU law in member
states). CASP licensing counts licensing provisions covering an activity that makes a VASP under
the FATF Glossary (rulebook `scopes/fatf.yaml`). The figures the standard setters published, for
comparison, are rulebook data too (`figures/`), each with its citation.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> doc = aggregates(open_atlas(), d.date(2025, 6, 1))
>>> m = doc["populations"]["countries"]["metrics"]["travel_rule_in_force"]
>>> 0 < m["share"] <= 1 and m["count"] <= m["of"]
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from regatlas.store import analytics_queries as aq
from regatlas.store import legal_data, queries
from regatlas.store.atlas import Atlas


def _populations(atlas: Atlas) -> dict[str, list[str]]:
    rows = aq.jurisdictions(atlas)
    countries = [r["code"] for r in rows if r["kind"] == "country"]
    return {
        "all": [r["code"] for r in rows],
        "countries": countries,
        "fsb": [r["code"] for r in rows if r["kind"] == "country" and "FSB" in (r["memberships"] or [])],
        "fatf": [r["code"] for r in rows if r["kind"] == "country" and "FATF" in (r["memberships"] or [])],
    }


def _per_jurisdiction(atlas: Atlas, day: dt.date) -> dict[str, dict[str, Any]]:
    chains = aq.chains(atlas)
    provs = aq.provisions_on(atlas, day)
    casp_activities = set(legal_data.vasp_scope(atlas)["activities"])
    by_code: dict[str, list[dict]] = {}
    for p in provs:
        by_code.setdefault(p["jurisdiction"], []).append(p)
    out = {}
    for code, chain in chains.items():
        mine = [p for c in chain for p in by_code.get(c, [])]
        licensing = [p for p in mine if p["topic"] == "licensing" and p["status"] == "in_force"
                     and (not p["activities"] or casp_activities & set(p["activities"]))]
        tr = queries.travel_rule(atlas, code, day)
        sc = queries.fact_summary(atlas, code, "stablecoins", day)
        status = queries.crypto_status(atlas, code, day).get("value")
        out[code] = {
            "travel_rule": tr["status"], "stablecoins": sc["status"], "crypto_status": status,
            "casp_licensing": bool(licensing),
            "casp_licensing_provisions": sorted(p["id"] for p in licensing),
        }
    return out


METRICS: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "travel_rule_in_force": ("Travel Rule in force", lambda j: j["travel_rule"] == "in_force"),
    "travel_rule_enacted_or_in_force": ("Travel Rule enacted or in force",
                                        lambda j: j["travel_rule"] in ("in_force", "enacted")),
    "stablecoin_framework_in_force": ("Stablecoin framework in force",
                                      lambda j: j["stablecoins"] == "in_force"),
    "stablecoin_framework_enacted_or_in_force": ("Stablecoin framework enacted or in force",
                                                 lambda j: j["stablecoins"] in ("in_force", "enacted")),
    "casp_licensing_in_force": ("Licensing or registration of CASPs in force",
                                lambda j: j["casp_licensing"]),
    "casp_framework_finalised": ("Crypto status 'regulated' (a comprehensive regime applies)",
                                 lambda j: j["crypto_status"] == "regulated"),
    "banned": ("Crypto-asset activity banned", lambda j: j["crypto_status"] == "banned"),
}


def aggregates(atlas: Atlas, day: dt.date) -> dict[str, Any]:
    """Shares of jurisdictions per metric and population on `day`, with published figures."""
    per = _per_jurisdiction(atlas, day)
    pops = {}
    for name, codes in _populations(atlas).items():
        metrics = {}
        for key, (label, test) in METRICS.items():
            hits = sorted(c for c in codes if test(per[c]))
            metrics[key] = {"label": label, "count": len(hits), "of": len(codes),
                            "share": round(len(hits) / len(codes), 3) if codes else None,
                            "jurisdictions": hits}
        pops[name] = {"size": len(codes), "metrics": metrics}
    return {"rulebook": queries.header(atlas, day), "populations": pops, "published": published(atlas),
            "per_jurisdiction": per}


def published(atlas: Atlas) -> list[dict[str, Any]]:
    """The standard setters' figures beside ours: metric, share, population, words and citation.

    >>> from regatlas.store.atlas import open_atlas
    >>> [f["value"] for f in published(open_atlas()) if f["id"] == "fig-fsb-review-2025-casp"]
    [0.393]
    """
    return [{**f, "report": (f["source"] or {}).get("instrument"), "url": (f["source"] or {}).get("url")}
            for f in legal_data.published_figures(atlas)]
