"""`regatlas watch PROFILE... --since-file STATE`: the change feed for a team without a server.

The state file remembers the rulebook version last seen (and when). Each run reports, for every
profile, what changed for it since that version (history/impact.py) and the law's changes ahead,
as a Markdown digest ready for email, then records the version it answered with. The first run,
without a state file, only records the baseline.

>>> import datetime as dt, tempfile
>>> from pathlib import Path
>>> from regatlas.store.atlas import open_atlas
>>> state = Path(tempfile.mkdtemp()) / "state.json"
>>> report, new_state, changed = watch_profiles(open_atlas(), None, [Path("examples/profiles/eu-exchange.yaml")],
...                                             state, dt.date(2026, 12, 4))
>>> changed, report["baseline"], sorted(new_state)
(False, True, ['checked', 'version'])
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from regatlas.errors import InputError
from regatlas.history.archive import list_versions
from regatlas.history.feed import changes, to_markdown
from regatlas.history.impact import firm_changes
from regatlas.store import queries
from regatlas.store.atlas import Atlas


def _current(atlas: Atlas, day: dt.date) -> str:
    """The version to remember: the working rulebook's when archived, else the newest archived one."""
    version = queries.header(atlas, day)["version"]
    archived = [v["version"] for v in list_versions() if v["readable"]]
    return version if version in archived or not archived else archived[-1]


def _read_state(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable state file: {exc}", file=str(path)) from None
    if not isinstance(state, dict) or not isinstance(state.get("version"), str):
        raise InputError("the state file has no 'version'", file=str(path), field="version")
    return state


def watch_profiles(atlas: Atlas, rulebook: Path | None, profiles: list[Path], state_file: Path,
                   day: dt.date) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """(report, new state, whether anything changed for a firm)."""
    state = _read_state(state_file)
    new_state = {"version": _current(atlas, day), "checked": day.isoformat()}
    if state is None:
        digest = f"# regatlas watch\n\nBaseline recorded at version {new_state['version']} on {day}.\n"
        return {"baseline": True, "digest": digest, "firms": []}, new_state, False
    parts, firms = [], []
    feed = changes(atlas, rulebook, state["version"], day)
    for path in profiles:
        doc = {**feed, "profile": firm_changes(atlas, path, state["version"], day)}
        firms.append(doc["profile"])
        parts.append(to_markdown({**doc, "record": [], "law": doc["law"]}))
    changed = any(f["changes"] for f in firms)
    head = (f"# regatlas watch: {sum(len(f['changes']) for f in firms)} change(s) for "
            f"{len(firms)} firm(s) since version {state['version']} (checked {state.get('checked', '?')})\n\n")
    return {"baseline": False, "digest": head + "\n".join(parts), "firms": firms,
            "since": state["version"], "now": new_state["version"]}, new_state, changed
