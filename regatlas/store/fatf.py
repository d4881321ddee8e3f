"""The FATF list status of any ISO code on any date, from the plenary tables (`store.fatf_rows`).

One query reads the plenary in effect on the day and the code's run on (or off) the lists.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> atlas = open_atlas()
>>> [status(atlas, "KW", d.date(2026, 2, day))["list"] for day in (12, 13)]
[None, 'increased_monitoring']
>>> status(atlas, "KP", d.date(2019, 6, 1))["list"], status(atlas, "FR", d.date(2018, 1, 1))["note"]
('call_for_action', 'no FATF plenary in the atlas before this date')
>>> status(atlas, "FR", d.date(2026, 12, 3))["note"].endswith("a later FATF plenary may have changed the lists.")
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.store.atlas import Atlas
from regatlas.store.tables import source_of

STALE_AFTER_DAYS = 140
"""FATF plenaries meet three times a year: this long after the latest one in the atlas, the next one
has met and its outcome is missing."""

_STATUS_SQL = """
SELECT p.plenary AS plenary_name, p.valid_from AS plenary_from, p.valid_to AS plenary_to,
       p.verification AS p_verification, p.note AS p_note, p.source_instrument AS p_instrument,
       p.source_article AS p_article, p.source_url AS p_url,
       l.list, l.valid_from, rp.plenary AS run_plenary, l.verification, l.note,
       l.source_instrument, l.source_article, l.source_url
FROM fatf_plenaries p
LEFT JOIN fatf_listings l
  ON l.code = ? AND l.valid_from <= ? AND (l.valid_to IS NULL OR ? < l.valid_to)
LEFT JOIN fatf_plenaries rp ON rp.id = l.plenary AND rp.list = 'increased_monitoring'
WHERE p.list = 'increased_monitoring' AND p.valid_from <= ? AND (p.valid_to IS NULL OR ? < p.valid_to)
"""


def status(atlas: Atlas, code: str, day: dt.date) -> dict[str, Any]:
    """The FATF list `code` is on on `day` (`list: null` when on neither), per the contract's `fatf`.

    Listed or removed: `from` is the plenary that put it there (or took it off), cited to that list.
    Never listed: `from` is the latest plenary, cited to its increased-monitoring list, which does
    not name the code. Before the first plenary in the atlas there is no data; long after the last
    one, the note says a later plenary may be missing.
    """
    found = atlas.rows(_STATUS_SQL, [code, day, day, day, day])
    if not found:
        return {"list": None, "from": None, "plenary": None, "source": None, "verification": "unverified",
                "note": "no FATF plenary in the atlas before this date"}
    r = found[0]
    out = _answer(atlas, r)
    if r["plenary_to"] is None and (day - r["plenary_from"]).days > STALE_AFTER_DAYS:
        out["note"] = f"{out['note'] or ''} The atlas holds no plenary after {r['plenary_name']}: a later " \
                      "FATF plenary may have changed the lists.".strip()
    return out


def _answer(atlas: Atlas, r: dict[str, Any]) -> dict[str, Any]:
    if r["valid_from"] is not None:  # a run: listed, or off the lists since a removal
        plenary = r["run_plenary"]
        out = {"list": r["list"], "from": r["valid_from"], "plenary": plenary,
               "source": source_of(atlas, r), "verification": r["verification"], "note": r["note"]}
        if r["list"] is None:
            out["note"] = f"removed from the FATF lists at the {plenary} plenary; " + (r["note"] or "")
        return out
    cited = {"source_instrument": r["p_instrument"], "source_article": r["p_article"], "source_url": r["p_url"]}
    return {"list": None, "from": r["plenary_from"], "plenary": r["plenary_name"],
            "source": source_of(atlas, cited), "verification": r["p_verification"],
            "note": f"not on an FATF public list after the {r['plenary_name']} plenary"}
