"""Aggregates comparable to the standard setters' reports: shares of jurisdictions with a Travel
Rule in force, a stablecoin framework, licensing of crypto-asset service providers, as of a date.

Populations: `all` (every jurisdiction of the atlas), `countries` (kind country: no EU, no
sub-national or free-zone regimes), `fsb` and `fatf` (countries whose `memberships` name the body).
A jurisdiction counts with the law that applies there, inherited law included (EU law in member
states). CASP licensing counts licensing provisions covering an activity that makes a VASP under
the FATF Glossary (rulebook `scopes/fatf.yaml`). The figures the standard setters published, for
comparison, are rulebook data too (`figures/`), each with its citation, and each metric lists the
figures published for it beside its own share. CBDC metrics read the CBDC stage; `plans_pending`
counts a jurisdiction with a bill, draft or consultation pending (a proposed provision or a
proposed Travel Rule or stablecoin fact). A jurisdiction without
data for a metric's fact on the day (no Travel Rule or stablecoin fact, no crypto status) is
counted apart under `no_data`, never as "none": `of` counts only the jurisdictions with data, and
`share` is `count / of`.

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
    rows = [r for r in aq.jurisdictions(atlas) if r["coverage"] != "none"]  # with a rulebook file
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
        cbdc = queries.fact_summary(atlas, code, "cbdc", day)
        plans = sorted(p["id"] for p in mine if p["status"] == "proposed")
        status = queries.crypto_status(atlas, code, day).get("value")
        out[code] = {  # None: no fact on the day (no data), unlike a fact saying "none"
            "travel_rule": tr["status"], "stablecoins": sc["status"] if sc["source"] else None,
            "crypto_status": status,
            "casp_licensing": bool(licensing),
            "casp_licensing_provisions": sorted(p["id"] for p in licensing),
            "cbdc": cbdc["status"] if cbdc["source"] else None,
            # a pending bill, draft or consultation: a proposed provision or a proposed dated fact
            "plans_pending": bool(plans) or "proposed" in (tr["status"], sc["status"]),
            "plans": plans,
        }
    return out


# key: (label, the per-jurisdiction datum it reads (None: always known), test on the row)
METRICS: dict[str, tuple[str, str | None, Callable[[dict[str, Any]], bool]]] = {
    "travel_rule_in_force": ("Travel Rule in force", "travel_rule", lambda j: j["travel_rule"] == "in_force"),
    "travel_rule_enacted_or_in_force": ("Travel Rule enacted or in force", "travel_rule",
                                        lambda j: j["travel_rule"] in ("in_force", "enacted")),
    "stablecoin_framework_in_force": ("Stablecoin framework in force", "stablecoins",
                                      lambda j: j["stablecoins"] == "in_force"),
    "stablecoin_framework_enacted_or_in_force": ("Stablecoin framework enacted or in force", "stablecoins",
                                                 lambda j: j["stablecoins"] in ("in_force", "enacted")),
    "casp_licensing_in_force": ("Licensing or registration of CASPs in force", None,
                                lambda j: j["casp_licensing"]),
    "casp_framework_finalised": ("Crypto status 'regulated' (a comprehensive regime applies)", "crypto_status",
                                 lambda j: j["crypto_status"] == "regulated"),
    "banned": ("Crypto-asset activity banned", "crypto_status", lambda j: j["crypto_status"] == "banned"),
    "cbdc_any_work": ("CBDC work at any stage (research to launch)", "cbdc",
                      lambda j: j["cbdc"] in ("research", "development", "pilot", "launched")),
    "cbdc_pilot_or_launched": ("CBDC in pilot or launched", "cbdc", lambda j: j["cbdc"] in ("pilot", "launched")),
    "cbdc_launched": ("CBDC launched", "cbdc", lambda j: j["cbdc"] == "launched"),
    "plans_pending": ("A crypto bill, draft or consultation pending", None, lambda j: j["plans_pending"]),
}


def metric(codes: list[str], per: dict[str, dict[str, Any]], label: str, datum: str | None,
           test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """One metric over a population: hits among the jurisdictions with data; the rest apart.

    >>> per = {"A": {"tr": "in_force"}, "B": {"tr": "none"}, "C": {"tr": None}}
    >>> m = metric(["A", "B", "C"], per, "TR", "tr", lambda j: j["tr"] == "in_force")
    >>> m["count"], m["of"], m["share"], m["no_data"], m["no_data_jurisdictions"]
    (1, 2, 0.5, 1, ['C'])
    """
    unknown = sorted(c for c in codes if datum and per[c][datum] is None)
    known = [c for c in codes if c not in unknown]
    hits = sorted(c for c in known if test(per[c]))
    return {"label": label, "count": len(hits), "of": len(known),
            "share": round(len(hits) / len(known), 3) if known else None, "jurisdictions": hits,
            "no_data": len(unknown), "no_data_jurisdictions": unknown}


def aggregates(atlas: Atlas, day: dt.date) -> dict[str, Any]:
    """Shares of jurisdictions per metric and population on `day`, with published figures."""
    per = _per_jurisdiction(atlas, day)
    figures = published(atlas)
    pops = {}
    for name, codes in _populations(atlas).items():
        metrics = {key: {**metric(codes, per, *spec), "published": [
            {"id": f["id"], "body": f["body"], "as_of": f["as_of"], "share": f["value"], "count": f["count"],
             "of": f["of"], "population": f["population"]} for f in figures if f["metric"] == key]}
            for key, spec in METRICS.items()}
        pops[name] = {"size": len(codes), "metrics": metrics}
    return {"rulebook": queries.header(atlas, day), "populations": pops, "published": figures,
            "per_jurisdiction": per}


def published(atlas: Atlas) -> list[dict[str, Any]]:
    """The standard setters' figures beside ours: metric, share, population, words and citation.

    >>> from regatlas.store.atlas import open_atlas
    >>> [f["value"] for f in published(open_atlas()) if f["id"] == "fig-fsb-review-2025-casp"]
    [0.393]
    """
    return [{**f, "report": (f["source"] or {}).get("instrument"), "url": (f["source"] or {}).get("url")}
            for f in legal_data.published_figures(atlas)]
