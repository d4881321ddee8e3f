"""Compute the analytics answers for one date and draw every chart of them into a directory.

File names carry the date (`alignment-map-2026-11-25.svg`), so charts for several dates live
side by side (docs/img/ keeps today's and 2023-01-01's).

>>> chart_names(__import__("datetime").date(2023, 1, 1), "EU")[0]
'alignment-map-2023-01-01'
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from regatlas.engines.analytics import charts
from regatlas.engines.analytics.align import align
from regatlas.engines.analytics.diff import timeline
from regatlas.engines.analytics.similarity import similarity
from regatlas.store import analytics_queries as aq
from regatlas.store import queries
from regatlas.store.atlas import Atlas


def chart_names(day: dt.date, code: str) -> list[str]:
    """Base names of the charts drawn for `day` (timeline of `code`)."""
    d = day.isoformat()
    return [f"alignment-map-{d}", f"travel-rule-map-{d}", f"alignment-heatmap-{d}", f"similarity-{d}",
            f"timeline-{code.lower()}-{d}"]


def draw_all(atlas: Atlas, day: dt.date, out: Path, code: str = "EU") -> dict[str, Any]:
    """Draw every chart for `day` into `out`; the answer lists the files written."""
    code = aq.require_code(atlas, code)
    names = chart_names(day, code)
    doc = align(atlas, day)
    scores = {j["code"]: j["score"] for j in doc["jurisdictions"]}
    tr = {c: queries.travel_rule(atlas, c, day)["status"] or "no data" for c in scores}
    files = []
    files += charts.world_map(scores, f"Alignment score (all standards), as of {day}", out / names[0],
                              categorical=False)
    files += charts.world_map(tr, f"Travel Rule status, as of {day}", out / names[1])
    files += charts.alignment_heatmap(doc, out / names[2])
    files += charts.similarity_chart(similarity(atlas, day), out / names[3])
    files += charts.timeline_chart(timeline(atlas, code, day), out / names[4])
    return {"rulebook": queries.header(atlas, day), "files": files}
