"""Request parameters shared by routes, and the per-process memo of deterministic answers.

Answers depend only on (rulebook version, inputs), so they are memoised per process, both as
documents (for the HTML pages) and encoded (for the API). A hit is served on the event loop;
a miss is computed in the thread pool so DuckDB never blocks other requests.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from regatlas.errors import InputError, NotFound
from regatlas.interfaces.api.respond import Encoded, encode
from regatlas.interfaces.api.strict import StrictRoute
from regatlas.lru import Lru
from regatlas.model.answers import dump
from regatlas.model.common import IsoDate
from regatlas.store import queries
from regatlas.store.atlas import Atlas

CodePath = Annotated[str, Path(pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{2,8})?$", max_length=11,
                               description="Jurisdiction code: SG, EU, US-NY, AE-DU, AE-DIFC ...")]
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
AsOfQuery = Annotated[IsoDate | None, Query(description="YYYY-MM-DD; default today.", ge=FIRST_DAY, le=LAST_DAY)]
DayField = Annotated[IsoDate | None, Field(ge=FIRST_DAY, le=LAST_DAY)]
"""A date in a JSON body: YYYY-MM-DD between 1900 and 2100."""


def api_router(prefix: str, tag: str) -> APIRouter:
    """A router for `/api/v1` routes whose JSON bodies are read strictly (`StrictRoute`)."""
    return APIRouter(prefix=prefix, tags=[tag], route_class=StrictRoute)


MEMO_BYTES = 128 * 2**20
"""Encoded answers kept per process, in bytes (a jurisdiction page is ~135 KB)."""


def day_of(as_of: dt.date | None) -> dt.date:
    """The as-of date of a request (today when not given)."""
    return as_of or dt.date.today()


class Memo:
    """Memoised engine answers for one atlas (answers are never mutated after creation)."""

    def __init__(self, atlas: Atlas, rulebook: pathlib.Path | None = None) -> None:
        self.atlas = atlas
        self.rulebook = rulebook  # its files answer `stale` and `sources` (file:line needs the YAML)
        self._loaded: Any = None
        self._loading = threading.Lock()  # two first requests load the rulebook once, not twice
        # Documents are large object graphs (slow for the garbage collector): keep few of them;
        # encoded answers are flat bytes, so many can stay.
        self.docs = Lru(256)
        self.encoded = Lru(16384, max_bytes=MEMO_BYTES, weigh=lambda e: len(e.body) + len(e.gzipped))

    def doc(self, key: tuple, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The answer document for `key`, computed once (call from a worker thread)."""
        hit = self.docs.get(key)
        return hit if hit is not None else self.docs.put(key, compute())

    async def encode(self, key: tuple, compute: Callable[[], dict[str, Any]], model: type[BaseModel]) -> Encoded:
        """The encoded answer for `key`, validated by its answer `model`; misses run in the thread pool."""
        hit = self.encoded.get(key)
        if hit is not None:
            return hit
        return self.encoded.put(key, await run_in_threadpool(lambda: encode(dump(model, self.doc(key, compute)))))

    def encode_now(self, key: tuple, compute: Callable[[], dict[str, Any]], model: type[BaseModel]) -> Encoded:
        """As `encode`, computed in the calling thread: for answers that take well under a millisecond."""
        hit = self.encoded.get(key)
        return hit if hit is not None else self.encoded.put(key, encode(dump(model, compute())))

    def loaded(self) -> Any:
        """The rulebook's files with their line map, loaded on first use (about a second)."""
        with self._loading:
            if self._loaded is None:
                from regatlas.rulebook.load import default_rulebook_dir, load_rulebook

                self._loaded = load_rulebook(self.rulebook or default_rulebook_dir())
            return self._loaded

    def show(self, code: str, day: dt.date) -> dict[str, Any]:
        return self.doc(("show", code, day), lambda: queries.show(self.atlas, code, day))

    def jurisdictions(self, day: dt.date) -> dict[str, Any]:
        return self.doc(("jurisdictions", day), lambda: queries.jurisdictions(self.atlas, day))



KnownAtQuery = Annotated[str | None, Query(
    max_length=40, pattern=r"^[0-9a-fA-F-]{6,40}$",
    description="Answer as the atlas recorded it at a rulebook version or commit (6+ hex digits) or on a "
                "date (YYYY-MM-DD): the CLI's --known-at.")]
HISTORY_MEMOS = 4
"""Atlases of earlier versions kept open per process (each is a compiled store of its own)."""
_HISTORY_LOCK = threading.Lock()


def memo(request: Request, known_at: KnownAtQuery = None) -> Memo:
    """The app's memo (one atlas per process), or with `known_at` the memo of the rulebook as the
    atlas recorded it then (opened on first use, the last few kept)."""
    if not known_at:
        return request.app.state.memo
    from regatlas.history.archive import materialise, resolve
    from regatlas.store.atlas import open_atlas

    try:
        entry = resolve(known_at)
    except NotFound as exc:  # a version the archive lacks is a bad parameter here (422), not a missing page
        raise InputError(exc.message, field="known_at") from None
    with _HISTORY_LOCK:
        memos = request.app.state.__dict__.setdefault("_history_memos", {})
        hit = memos.get(entry["commit"])
        if hit is None:
            if len(memos) >= HISTORY_MEMOS:
                memos.pop(next(iter(memos)))
            root = materialise(entry)
            hit = memos[entry["commit"]] = Memo(open_atlas(root), root)
        return hit
