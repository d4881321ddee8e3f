"""The counterparty VASP in a Travel Rule decision: authorised, passported, or why not, by its LEI.

One ordered list of rules (RULES) decides, written as a SQL CASE (`status_sql`) over two small
relations built here: `cp_lei` (each distinct LEI text of the input, valid or not) and
`cp_register` (each LEI's row in the newest CASP and non-compliant snapshots published by the day).
`status` runs that CASE on one row, so a single check and a file are decided by the same rules.

>>> import datetime as dt
>>> from regatlas.store.registers import open_registers
>>> status(open_registers(), "5299005V5GBSN2A4C303", "PL", dt.date(2026, 3, 1))["status"]
'passported'
>>> status(open_registers(), "not-an-lei", "PL", dt.date(2026, 3, 1))["status"]
'invalid_lei'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from regatlas.registers.firms import snapshot_ref, snapshots_on
from regatlas.registers.formats import load_catalogue
from regatlas.registers.lei import lei_problem
from regatlas.registers.parse import EEA
from regatlas.store.registers import RegisterStore

SIDES = {"originator": ("originator_vasp_lei", "originator_jurisdiction"),
         "beneficiary": ("beneficiary_vasp_lei", "beneficiary_jurisdiction")}
"""Each side's LEI column and the jurisdiction its VASP is checked in."""
EEA_SQL = ", ".join(f"'{c}'" for c in sorted(EEA))
RULES: tuple[tuple[str, str], ...] = (
    ("invalid_lei", "NOT {v}.valid"),
    ("warning_list", "{r}.home IS NULL AND {r}.warned"),
    ("no_register", "{r}.home IS NULL AND {j} NOT IN ({eea})"),
    ("not_found", "{r}.home IS NULL"),
    ("not_yet_authorised", "{r}.authorised_on > {day}"),
    ("withdrawn", "{r}.end_on <= {day}"),
    ("authorised", "{j} = {r}.home"),
    ("passported", "list_contains({r}.countries, {j})"),
    ("no_register", "{j} NOT IN ({eea})"),
    ("not_passported", "true"),
)
"""(status, SQL condition) in order; the first that holds is the status. {v} is the cp_lei row, {r}
the cp_register row, {j} the jurisdiction, {day} the transfer date."""


def sides_in(columns: Iterable[str]) -> tuple[str, ...]:
    """The sides whose LEI column the input has.

    >>> sides_in(["id", "beneficiary_vasp_lei"])
    ('beneficiary',)
    """
    have = set(columns)
    return tuple(side for side, (col, _) in SIDES.items() if col in have)


def register_rows(store: RegisterStore, day: dt.date) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Each LEI's entry (home, countries, dates, warned) in the CASP and non-compliant snapshots
    newest by `day`, and those snapshots."""
    snaps = [s for s in snapshots_on(store, day) if s["register"] in ("esma-casp", "esma-ncasp")]
    rows: dict[str, dict[str, Any]] = {}
    for r in store.entities([s["id"] for s in snaps], "lei IS NOT NULL"):
        entry = rows.setdefault(r["lei"], {"lei": r["lei"], "home": None, "countries": [], "authorised_on": None,
                                           "end_on": None, "warned": False, "line": None, "snapshot": None})
        if r["register"] == "esma-ncasp":
            entry["warned"] = True
        elif entry["home"] is None:
            entry.update(home=r["home_state"] or r["lei_country"], countries=r["countries"] or [],
                         authorised_on=r["authorised_on"], end_on=r["end_on"], line=r["line"],
                         snapshot=r["snapshot"])
    return rows, snaps


def status(store: RegisterStore, lei: str, country: str, day: dt.date) -> dict[str, Any]:
    """The counterparty status of the VASP `lei` in `country` on `day`, with its reason and the
    snapshot (and row) it rests on: the screening plan's CASE run on one row, so one transfer and a
    file of them are decided by the same rules."""
    import duckdb

    rels, snaps = tables(store, [lei], day)
    con = duckdb.connect()
    try:
        for name, table in rels.items():
            con.register(name, table)
        con.execute("CREATE TEMP TABLE t AS SELECT CAST(? AS VARCHAR) AS beneficiary_vasp_lei, "
                    "CAST(? AS VARCHAR) AS beneficiary_jurisdiction, CAST(? AS DATE) AS _day",
                    [lei, country.strip().upper(), day])
        found = con.execute(f"SELECT {status_sql('beneficiary', '_day')} FROM t {joins_sql('beneficiary', 't')}"
                            ).fetchone()[0]
    finally:
        con.close()
    rows, _ = register_rows(store, day)
    row = rows.get(lei.strip().upper()) if found != "invalid_lei" else None
    ref = next((snapshot_ref(s, row["line"]) for s in snaps if row and s["id"] == row["snapshot"]), None)
    return {"lei": lei, "jurisdiction": country.strip().upper(), "status": found,
            "reason": load_catalogue().counterparty[found], "snapshot": ref,
            "registers": [snapshot_ref(s) for s in snaps]}


def joins_sql(side: str, transfers: str) -> str:
    """The joins `status_sql` reads, from the transfers relation aliased `transfers`."""
    column, _ = SIDES[side]
    v, r = f"_cpv_{side}", f"_cpr_{side}"
    return (f"LEFT JOIN cp_lei {v} ON {v}.raw = {transfers}.{column} "
            f"LEFT JOIN cp_register {r} ON {r}.lei = {v}.lei")


def status_sql(side: str, day: str) -> str:
    """The SQL CASE giving `side`'s status over the relations `joins_sql` joins."""
    _, jurisdiction = SIDES[side]
    fill = {"v": f"_cpv_{side}", "r": f"_cpr_{side}", "j": jurisdiction, "day": day, "eea": EEA_SQL}
    whens = " ".join(f"WHEN {cond.format(**fill)} THEN '{name}'" for name, cond in RULES)
    return f"CASE WHEN {fill['v']}.raw IS NULL THEN NULL {whens} END"


def tables(store: RegisterStore, leis: Iterable[str | None], day: dt.date) -> tuple[dict[str, Any], list[dict]]:
    """The `cp_lei` and `cp_register` relations as Arrow tables for the distinct `leis` of an input,
    and the snapshots they come from."""
    import pyarrow as pa

    raw = sorted({v for v in leis if v is not None})
    compact = [v.strip().upper() for v in raw]
    rows, snaps = register_rows(store, day)
    cp_lei = pa.table({"raw": pa.array(raw, pa.string()), "lei": pa.array(compact, pa.string()),
                       "valid": pa.array([lei_problem(v) is None for v in raw], pa.bool_())})
    wanted = [rows[c] for c in set(compact) if c in rows]
    cp_register = pa.table({
        "lei": pa.array([w["lei"] for w in wanted], pa.string()),
        "home": pa.array([w["home"] for w in wanted], pa.string()),
        "countries": pa.array([w["countries"] for w in wanted], pa.list_(pa.string())),
        "authorised_on": pa.array([w["authorised_on"] for w in wanted], pa.date32()),
        "end_on": pa.array([w["end_on"] for w in wanted], pa.date32()),
        "warned": pa.array([w["warned"] for w in wanted], pa.bool_()),
    })
    return {"cp_lei": cp_lei, "cp_register": cp_register}, snaps


def plan_inputs(columns: Iterable[str], distinct: Any, day: dt.date) -> tuple[tuple[str, ...], dict[str, Any], str]:
    """What a screening engine needs for counterparty columns: the sides present, the `cp_lei` and
    `cp_register` relations for the input's distinct LEIs (`distinct(column)` lists them), and the
    snapshot ids they come from (empty when the input names no VASP LEI)."""
    from regatlas.store.registers import open_registers

    sides = sides_in(columns)
    if not sides:
        return (), {}, ""
    leis = [v for side in sides for v in distinct(SIDES[side][0])]
    rels, snaps = tables(open_registers(), leis, day)
    return sides, rels, ",".join(s["id"] for s in snaps)


def vasps(leis: dict[str, str | None], jurisdictions: dict[str, str], day: dt.date) -> dict[str, Any]:
    """Each named VASP's status in its side's jurisdiction: what `travel-rule check` adds for
    `--originator-vasp-lei` / `--beneficiary-vasp-lei`.

    >>> vasps({"beneficiary": "5299005V5GBSN2A4C303"}, {"beneficiary": "MT"}, dt.date(2026, 3, 1))["beneficiary"]["status"]
    'not_passported'
    """
    from regatlas.store.registers import open_registers

    store = open_registers()
    return {side: status(store, lei, jurisdictions[side], day) for side, lei in leis.items() if lei}
