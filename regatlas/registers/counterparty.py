"""The counterparty VASP in a Travel Rule decision: authorised, passported, or why not, by its LEI.

One ordered list of rules (RULES) decides, written as a SQL CASE over two small relations built
here: `cp_lei` (each distinct LEI text of the input with its register entry, the passported states
as a bit mask) and `cp_codes` (each jurisdiction with its EEA bit). `status` runs the same SQL on one
row, so a single check and a file of transfers are decided by the same rules.

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
RULES: tuple[tuple[str, str], ...] = (
    ("invalid_lei", "NOT {v}.valid"),
    ("warning_list", "{v}.home_bit IS NULL AND {v}.warned"),
    ("no_register", "{v}.home_bit IS NULL AND NOT {c}.eea"),
    ("not_found", "{v}.home_bit IS NULL"),
    ("not_yet_authorised", "{day} < {v}.authorised_on"),
    ("withdrawn", "{day} >= {v}.end_on"),
    ("authorised", "{v}.home_bit = {c}.bit"),
    ("passported", "({v}.passport_mask & {c}.bit) <> 0"),
    ("no_register", "NOT {c}.eea"),
    ("not_passported", "true"),
)
"""(status, SQL condition) in order; the first that holds is the status. `v` is the LEI's row of
`cp_lei` (valid, register entry, home state and passported states as bits), `c` the jurisdiction's
row of `cp_codes` (its bit when an EEA state), `day` the transfer date. Integer and boolean tests
only: the per-row cost of a rule is a comparison."""
EEA_BITS = {code: 1 << i for i, code in enumerate(sorted(EEA))}
"""Each EEA state's bit in a passport mask (30 states, one BIGINT)."""


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


def status_sql(side: str, day: str, column: str = "status") -> str:
    """`side`'s counterparty status (or its reason, `column`) for a transfer on `day`, over `join_sql`'s rows."""
    # Labels typed as ENUMs (plan.label): DuckDB writes them from their dictionary, not per row.
    from regatlas.engines.travel_rule.plan import label

    reasons = load_catalogue().counterparty
    domain = tuple(reasons) if column == "status" else tuple(reasons.values())

    def value(name: str) -> str:
        return label(name if column == "status" else reasons[name], domain)
    fill = {"v": f"_cpv_{side}", "c": f"_cpc_{side}", "day": day}
    whens = " ".join(f"WHEN {cond.format(**fill)} THEN {value(name)}" for name, cond in RULES)
    return f"CASE WHEN {fill['v']}.raw IS NULL THEN NULL {whens} END"


def join_sql(side: str, transfers: str) -> str:
    """The joins giving each transfer its `side` VASP's row of `cp_lei` and its jurisdiction's of `cp_codes`."""
    column, jurisdiction = SIDES[side]
    v, c = f"_cpv_{side}", f"_cpc_{side}"
    return (f"LEFT JOIN cp_lei {v} ON {v}.raw = {transfers}.{column} "
            f"LEFT JOIN cp_codes {c} ON {c}.jurisdiction = {transfers}.{jurisdiction}")


def relations(rows: dict[str, dict[str, Any]], leis: Iterable[str | None], codes: Iterable[str]) -> dict[str, Any]:
    """`cp_lei` (each distinct non-blank LEI text with its entry in `rows`, from `register_rows`) and
    `cp_codes` (each jurisdiction code with its EEA bit) as Arrow tables."""
    import pyarrow as pa

    raw = sorted({v for v in leis if v is not None and v.strip()})
    valid = [lei_problem(v) is None for v in raw]
    entries = [rows.get(v.strip().upper()) if ok else None for v, ok in zip(raw, valid)]
    cp_lei = pa.table({
        "raw": pa.array(raw, pa.string()),
        "valid": pa.array(valid, pa.bool_()),
        "warned": pa.array([bool(e and e["warned"]) for e in entries], pa.bool_()),
        "home_bit": pa.array([EEA_BITS.get(e["home"]) if e and e["home"] else None for e in entries], pa.int64()),
        "passport_mask": pa.array([sum(EEA_BITS.get(c, 0) for c in e["countries"]) if e else 0 for e in entries],
                                  pa.int64()),
        "authorised_on": pa.array([e["authorised_on"] if e else None for e in entries], pa.date32()),
        "end_on": pa.array([e["end_on"] if e else None for e in entries], pa.date32()),
    })
    known = sorted(set(codes))
    cp_codes = pa.table({"jurisdiction": pa.array(known, pa.string()),
                         "bit": pa.array([EEA_BITS.get(c, 0) for c in known], pa.int64()),
                         "eea": pa.array([c in EEA_BITS for c in known], pa.bool_())})
    return {"cp_lei": cp_lei, "cp_codes": cp_codes}


def status(store: RegisterStore, lei: str, country: str, day: dt.date) -> dict[str, Any]:
    """The counterparty status of the VASP `lei` in `country` on `day`, with its reason and the
    snapshot (and row) it rests on: the screening plan run on one row."""
    import duckdb

    where = country.strip().upper()
    rows, snaps = register_rows(store, day)
    rels = relations(rows, [lei], [where])
    con = duckdb.connect()
    try:
        for name, table in rels.items():
            con.register(name, table)
        con.execute("CREATE TEMP TABLE t AS SELECT CAST(? AS VARCHAR) AS beneficiary_vasp_lei, "
                    "CAST(? AS VARCHAR) AS beneficiary_jurisdiction, CAST(? AS DATE) AS _day", [lei, where, day])
        found, reason = con.execute(f"SELECT {status_sql('beneficiary', 't._day')}, "
                                    f"{status_sql('beneficiary', 't._day', 'reason')} FROM t "
                                    f"{join_sql('beneficiary', 't')}").fetchone()
    finally:
        con.close()
    row = rows.get(lei.strip().upper()) if found != "invalid_lei" else None
    ref = next((snapshot_ref(s, row["line"]) for s in snaps if row and s["id"] == row["snapshot"]), None)
    return {"lei": lei, "jurisdiction": where, "status": found, "reason": reason, "snapshot": ref,
            "registers": [snapshot_ref(s) for s in snaps]}


def plan_inputs(columns: Iterable[str], distinct: Any, codes: Iterable[str],
                day: dt.date) -> tuple[tuple[str, ...], dict[str, Any], str]:
    """What a screening engine needs for counterparty columns: the sides present, the `cp_lei` and
    `cp_codes` relations for the input's distinct LEIs (`distinct(column)` lists them) and `codes`,
    and the snapshot ids they come from (nothing when the input names no VASP LEI)."""
    from regatlas.store.registers import open_registers

    sides = sides_in(columns)
    if not sides:
        return (), {}, ""
    leis = [v for side in sides for v in distinct(SIDES[side][0])]
    rows, snaps = register_rows(open_registers(), day)
    return sides, relations(rows, leis, codes), ",".join(s["id"] for s in snaps)


def vasps(leis: dict[str, str | None], jurisdictions: dict[str, str], day: dt.date) -> dict[str, Any]:
    """Each named VASP's status in its side's jurisdiction: what `travel-rule check` adds for
    `--originator-vasp-lei` / `--beneficiary-vasp-lei`.

    >>> vasps({"beneficiary": "5299005V5GBSN2A4C303"}, {"beneficiary": "MT"}, dt.date(2026, 3, 1))["beneficiary"]["status"]
    'not_passported'
    """
    from regatlas.store.registers import open_registers

    store = open_registers()
    return {side: status(store, lei, jurisdictions[side], day) for side, lei in leis.items() if lei}
