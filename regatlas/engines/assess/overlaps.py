"""The competence overlaps and gaps that touch a firm: in each jurisdiction it is assessed in, the
cells of the jurisdiction's competence map (engines/analytics/overlap.py) for the firm's activities
and the token types its tokens classify as there, where two or more authorities claim the cell or
none does. Cells of jurisdictions without a map are not listed: who is competent there is unknown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.analytics.overlap import overlap
from regatlas.store.atlas import Atlas


def firm_overlaps(atlas: Atlas, day: dt.date, codes: dict[str, set[str]], activities: set[str]) -> list[dict[str, Any]]:
    """Overlap and gap cells touching the firm; `codes` maps each assessed jurisdiction to the token
    types the firm's tokens classify as there."""
    out, seen = [], set()
    for code, token_types in codes.items():
        for j in overlap(atlas, day, jurisdiction=code)["jurisdictions"]:
            for cell in j["cells"]:
                key = (j["code"], cell["activity"], cell["token_type"], cell["market"])
                if (key in seen or cell["outcome"] == "single" or cell["activity"] not in activities
                        or (cell["token_type"] not in token_types and cell["token_type"] != "any")):
                    continue
                seen.add(key)
                out.append({"jurisdiction": j["code"], "assessed_in": code, **cell})
    return out
