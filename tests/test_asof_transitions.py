"""As-of provision statuses, three ways that do not confirm themselves (review F19):

(a) a property test: whatever dates a provision has, the status table the compiler writes, read
    with the store's as-of predicate, answers on any day what the model says (a round trip of the
    table, nothing more: the status rule itself is pinned by (b));
(b) hand-written interval cases on the fictional fixture rulebook (tests/fixtures/cases/
    provision_status.yaml, run in test_fixture_rulebook.py): the expected status of each
    provision the day before and the day of each date is written out, not computed;
(c) on the bundled rulebook, the as-of answers are the cited cases of tests/cases/asof.yaml and
    search_asof.yaml (run in test_cases.py); here, each cited change of a fact is checked to be
    bracketed by a case on the day before it, so both sides come from the case file.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby, pairwise
from pathlib import Path

import duckdb
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regatlas.cases import load_case_file
from regatlas.model import Jurisdiction, Provision
from regatlas.store.compile import TABLES
from regatlas.store.queries import AS_OF
from regatlas.store.rows import provision_status_rows

DAY = dt.timedelta(days=1)
DATES = st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31))


@st.composite
def provisions(draw, ident: str) -> Provision:
    """Any provision the validator accepts: published not after effect, a proposed text has no end,
    a range is not reversed, and an enacted text has a publication or an effective date."""
    proposed = draw(st.booleans())
    start = draw(st.none() | DATES)
    published = draw(st.none() | (DATES if start is None else st.dates(dt.date(2018, 1, 1), start)))
    end = None
    if start is not None and not proposed:
        end = draw(st.none() | st.dates(start + DAY, dt.date(2028, 12, 31)))
    if not proposed and start is None and published is None:
        start = draw(DATES)
    return Provision.model_validate({
        "id": ident, "title": "t", "topic": "licensing", "role": "requirement", "proposed": proposed,
        "published": published, "effective_from": start, "effective_to": end,
        "source": {"instrument": "i"}, "verification": "unverified"})


_CON = duckdb.connect()


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=6, unique=True).flatmap(
    lambda ns: st.tuples(*(provisions(f"p{n}") for n in ns))))
def test_status_table_answers_what_the_model_says_on_any_day(provs):
    j = Jurisdiction.model_validate({"code": "AQ", "name": "Fixtureland", "kind": "country", "currency": "EUR",
                                     "provisions": [p.model_dump(by_alias=True) for p in provs]})
    table = pa.Table.from_pylist(list(provision_status_rows(j)), schema=pa.schema(TABLES["provision_status"]))
    con = _CON.cursor()
    con.register("provision_status", table)
    days = {d + delta for p in provs for d in (p.published, p.effective_from, p.effective_to) if d
            for delta in (-DAY, dt.timedelta(0))} | {dt.date(2017, 1, 1), dt.date(2030, 1, 1)}
    for day in sorted(days):
        # The predicate every as-of query of the store uses (queries.AS_OF).
        rows = con.execute(f"SELECT id, status FROM provision_status WHERE {AS_OF}", [day, day]).fetchall()
        assert dict(rows) == {p.id: p.status_on(day) for p in provs if p.status_on(day)}, day
        assert len(rows) == len(dict(rows)), f"two statuses on {day}"


CASES_DIR = Path(__file__).parent / "cases"


def _changes(name: str):
    """(code, path, day, before, after) for each change of an expected value between cited cases of
    the same jurisdiction and path in a case file (cases sorted by date)."""
    rows = sorted((c.spec.code, path, c.spec.as_of, value)
                  for c in load_case_file(CASES_DIR / name).cases for path, value in c.spec.expect.items())
    for (code, path), group in groupby(rows, key=lambda r: r[:2]):
        group = list(group)
        for (_, _, d1, v1), (_, _, d2, v2) in pairwise(group):
            if v1 != v2:
                yield code, path, d1, d2, v1, v2


def test_every_cited_change_is_bracketed_by_the_day_before():
    """A change between two cited cases is pinned to its day: the earlier case is the day before."""
    loose = [f"{code} {path}: {v1!r} on {d1} -> {v2!r} on {d2}"
             for code, path, d1, d2, v1, v2 in _changes("asof.yaml") if d2 - d1 != DAY]
    assert not loose, "add a cited case the day before each change:\n" + "\n".join(loose)
