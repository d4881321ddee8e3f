"""Flatten the typed model into table rows: one function per table family.

Dated lists become intervals: each value holds from its `from` until the next value's `from`.

>>> import datetime as d
>>> intervals([d.date(2020, 1, 1), d.date(2021, 1, 1)])
[(datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)), (datetime.date(2021, 1, 1), None)]
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from regatlas.model import Instrument, Jurisdiction, Rulebook, Source
from regatlas.store.coverage import coverage_of

FACT_LISTS = {
    "crypto_status": "value",
    "travel_rule": "status",
    "stablecoins": "status",
    "cbdc": "status",
}


def intervals(starts: list[dt.date]) -> list[tuple[dt.date, dt.date | None]]:
    """Half-open [start, next start) ranges for an ascending list of start dates."""
    return [(s, starts[i + 1] if i + 1 < len(starts) else None) for i, s in enumerate(starts)]


def instrument_urls(rulebook: Rulebook) -> dict[str, str]:
    """Every instrument id with its official URL (for sources that leave `url` out)."""
    urls: dict[str, str] = {}
    for owner in _instrument_owners(rulebook):
        for inst in owner[1]:
            urls[inst.id] = inst.url
    return urls


def _instrument_owners(rulebook: Rulebook) -> Iterator[tuple[str, list[Instrument]]]:
    for j in rulebook.jurisdictions.values():
        yield j.code, j.instruments
    for s in rulebook.standards.values():
        yield s.id, s.instruments
    for a in rulebook.agreements.values():
        yield a.id, a.instruments
    for pegs in rulebook.fx_pegs.values():
        yield pegs.currency, pegs.instruments
    for c in rulebook.classification.values():
        yield f"classification:{c.code}", c.instruments
    for m in rulebook.competence.values():
        yield f"competence:{m.code}", m.instruments
    for r in rulebook.ratings.values():
        yield r.id, r.instruments
    for i in rulebook.issuers.values():
        yield f"issuer:{i.id}", i.instruments


def source_cols(source: Source | None, urls: dict[str, str]) -> dict[str, Any]:
    """The four source columns of any cited row; the URL falls back to the instrument's."""
    if source is None:
        return {"source_instrument": None, "source_article": None, "source_url": None}
    return {
        "source_instrument": source.instrument,
        "source_article": source.article,
        "source_url": source.url or urls.get(source.instrument),
    }


def dump(model: Any) -> str:
    """Canonical JSON of a model (aliases, no nulls), as stored in payload columns."""
    return json.dumps(model.model_dump(mode="json", by_alias=True, exclude_none=True), sort_keys=True)


def jurisdiction_rows(j: Jurisdiction) -> dict[str, Any]:
    level, topics = coverage_of(j)
    return {
        "code": j.code, "name": j.name, "kind": j.kind, "parent": j.parent, "currency": j.currency,
        "memberships": list(j.memberships), "inherits": list(j.inherits),
        "own_law_prevails": j.own_law_prevails, "summary": j.summary,
        "coverage": level, "depth_topics": topics, "checked": j.checked,
    }


def authority_rows(j: Jurisdiction) -> Iterator[dict[str, Any]]:
    for a in j.authorities:
        yield {"id": a.id, "jurisdiction": j.code, "name": a.name, "acronym": a.acronym,
               "roles": list(a.roles), "url": a.url,
               "powers": json.dumps([json.loads(dump(p)) for p in a.powers])}


def instrument_rows(rulebook: Rulebook) -> Iterator[dict[str, Any]]:
    for owner, instruments in _instrument_owners(rulebook):
        for i in instruments:
            yield {"id": i.id, "owner": owner, "title": i.title, "kind": i.kind, "number": i.number,
                   "date": i.date, "url": i.url, "authority": i.authority}


def provision_rows(j: Jurisdiction, urls: dict[str, str]) -> Iterator[dict[str, Any]]:
    for p in j.provisions:
        yield {
            "id": p.id, "jurisdiction": j.code, "title": p.title, "topic": p.topic, "role": p.role,
            "authority": p.authority,
            "reserve_holding": list(p.reserve_holding), "powers": list(p.powers),
            "activities": list(p.activities), "token_types": list(p.token_types),
            "parameters": json.dumps(dump_params(p.parameters), sort_keys=True),
            "implements": list(p.implements), "applies_if": p.applies_if, "text": p.text,
            "encoded": p.encoded, "amends": p.amends, "proposed": p.proposed,
            "published": p.published, "effective_from": p.effective_from,
            "effective_to": p.effective_to, "verification": p.verification, "note": p.note,
            **source_cols(p.source, urls),
        }


def dump_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as plain JSON values (money, days and ratios become small objects)."""
    return {k: (v.model_dump(mode="json") if hasattr(v, "model_dump") else v) for k, v in params.items()}


def provision_status_rows(j: Jurisdiction) -> Iterator[dict[str, Any]]:
    for p in j.provisions:
        for status, start, end in p.intervals():
            yield {"id": p.id, "jurisdiction": j.code, "status": status,
                   "valid_from": start, "valid_to": end}


def fact_rows(j: Jurisdiction, urls: dict[str, str]) -> Iterator[dict[str, Any]]:
    for kind, key in FACT_LISTS.items():
        values = getattr(j, kind)
        for value, (start, end) in zip(values, intervals([v.from_ for v in values])):
            yield {
                "jurisdiction": j.code, "kind": kind, "valid_from": start, "valid_to": end,
                "value": getattr(value, key), "payload": dump(value),
                "verification": value.verification, "published": value.published,
                **source_cols(value.source, urls),
            }


def alignment_rows(rulebook: Rulebook, urls: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Alignment assessments as intervals per (jurisdiction, recommendation)."""
    by: dict[tuple[str, str], list[Any]] = {}
    for a in sorted(rulebook.alignment.values(), key=lambda a: a.from_):
        by.setdefault((a.jurisdiction, a.recommendation), []).append(a)
    for items in by.values():
        for a, (start, end) in zip(items, intervals([a.from_ for a in items])):
            yield {"id": a.id, "jurisdiction": a.jurisdiction, "recommendation": a.recommendation,
                   "status": a.status, "valid_from": start, "valid_to": end, "basis": a.basis,
                   "verification": a.verification, "note": a.note, "published": a.published,
                   **source_cols(a.source, urls)}


def classification_rows(rulebook: Rulebook, urls: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Classification rules in file order, with their conditions and factor tests lowered."""
    from regatlas.rulebook.checks.expressions import compile_expression

    for c in rulebook.classification.values():
        factors = {f.id: f for f in c.factors}
        for pos, r in enumerate(c.rules):
            tested = [{"id": ref.factor, "expect": ref.expect, "question": factors[ref.factor].question,
                       "test": factors[ref.factor].test, "text": factors[ref.factor].text,
                       "article": factors[ref.factor].article,
                       "tree": compile_expression(factors[ref.factor].test, "classification")}
                      for ref in r.factors]
            yield {"id": r.id, "jurisdiction": c.code, "position": pos, "category": r.category,
                   "label": r.label, "token_types": list(r.token_types), "in_scope": r.in_scope,
                   "condition": r.condition,
                   "condition_tree": json.dumps(compile_expression(r.condition, "classification")),
                   "factors": json.dumps(tested), "valid_from": r.effective_from,
                   "valid_to": r.effective_to, "text": r.text, "verification": r.verification,
                   "note": r.note, **source_cols(r.source, urls)}


def perimeter_rows(rulebook: Rulebook) -> Iterator[dict[str, Any]]:
    """Provisions that qualify a jurisdiction's licensing perimeter, with their role."""
    for c in rulebook.classification.values():
        p = c.perimeter
        roles = [("licence", p.licences),
                 ("reverse_solicitation", [p.reverse_solicitation] if p.reverse_solicitation else []),
                 ("transitional", p.transitional), ("scope", p.scope)]
        for role, ids in roles:
            for ident in ids:
                yield {"jurisdiction": c.code, "role": role, "provision": ident}


def condition_rows(rulebook: Rulebook) -> Iterator[dict[str, Any]]:
    """Every provision `applies_if`, lowered to the evaluator's tree (checked by the validator)."""
    from regatlas.rulebook.checks.expressions import compile_expression

    for j in rulebook.jurisdictions.values():
        for p in j.provisions:
            if p.applies_if:
                yield {"id": p.id, "expression": p.applies_if,
                       "tree": json.dumps(compile_expression(p.applies_if, "applies_if"))}


def stablecoin_regime_rows(rulebook: Rulebook) -> Iterator[dict[str, Any]]:
    """One row per stablecoin regime (the rulebook's `stablecoin_regimes/` section)."""
    for r in rulebook.stablecoin_regimes.values():
        yield {"id": r.id, "name": r.name, "jurisdiction": r.jurisdiction,
               "token_types": list(r.token_types), "summary": r.summary, "note": r.note}


def stablecoin_requirement_rows(rulebook: Rulebook) -> Iterator[dict[str, Any]]:
    """Each regime requirement in order: kind and the provision parameter holding its value."""
    for r in rulebook.stablecoin_regimes.values():
        for pos, q in enumerate(r.requirements):
            yield {"regime": r.id, "position": pos, "kind": q.kind, "provision": q.provision,
                   "parameter": q.parameter, "applies_to": list(q.applies_to),
                   "lag_parameter": q.lag_parameter, "share_parameter": q.share_parameter,
                   "note": q.note}


def vocabulary_rows(rulebook: Rulebook) -> Iterator[dict[str, Any]]:
    """One row per declared parameter name (the rulebook's `vocabulary/` section)."""
    for p in rulebook.vocabulary.values():
        yield {"name": p.id, "type": p.type, "unit": p.unit, "stricter": p.stricter, "effect": p.effect,
               "topics": list(p.topics), "description": p.description, "replaces": list(p.replaces)}
