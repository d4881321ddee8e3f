"""As-of answers either side of every transition in the bundled rulebook.

For every dated fact and every provision date, the store's SQL answer on the day before and
on the day itself must match what the YAML says (read independently through the model)."""

from __future__ import annotations

import datetime as dt

import pytest

from regatlas.rulebook import default_rulebook_dir, load_rulebook
from regatlas.store import facts, queries
from regatlas.store.rows import FACT_LISTS

RULEBOOK = load_rulebook(default_rulebook_dir()).rulebook
DAY = dt.timedelta(days=1)


def _fact_transitions():
    for j in RULEBOOK.jurisdictions.values():
        for kind, key in FACT_LISTS.items():
            values = getattr(j, kind)
            for i, v in enumerate(values):
                before = getattr(values[i - 1], key) if i else None
                yield pytest.param(j.code, kind, v.from_, before, getattr(v, key),
                                   id=f"{j.code}-{kind}-{v.from_}")


def _provision_transitions():
    for j in RULEBOOK.jurisdictions.values():
        for p in j.provisions:
            for day in sorted({d for d in (p.published, p.effective_from, p.effective_to) if d}):
                yield pytest.param(j.code, p, day, id=f"{p.id}-{day}")


@pytest.mark.parametrize("code,kind,day,before,after", list(_fact_transitions()))
def test_fact_changes_on_its_date(atlas, code, kind, day, before, after):
    key = FACT_LISTS[kind]

    def value_on(d):
        fact = facts.pick(atlas, facts.facts_as_of(atlas, [code], d)[kind], [code], kind)
        return fact.get(key) if fact else None

    assert value_on(day) == after
    assert value_on(day - DAY) == before


@pytest.mark.parametrize("code,provision,day", list(_provision_transitions()))
def test_provision_status_either_side_of_its_dates(atlas, code, provision, day):
    for d in (day - DAY, day):
        listed = {p["id"]: p["status"] for p in queries.provisions(atlas, [code], d)}
        assert listed.get(provision.id) == provision.status_on(d), d


def test_rulebook_has_many_transitions():
    assert len(list(_fact_transitions())) > 100
    assert len(list(_provision_transitions())) > 300
