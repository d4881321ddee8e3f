"""At most a few heavy requests at once (PDF rendering, assessments, stress runs): the rest get
503 with Retry-After at once, instead of queueing until the machine runs out of memory.

>>> cap = Capacity(1)
>>> with cap.slot("stress runs"):
...     with cap.slot("stress runs"):
...         pass
Traceback (most recent call last):
...
starlette.exceptions.HTTPException: 503: the server is busy with other stress runs; retry in a few seconds
>>> with cap.slot("stress runs"):
...     "free again"
'free again'
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

from fastapi import Request
from starlette.exceptions import HTTPException

# One heavy request per core keeps a 2-core machine answering its light requests.
SLOTS = max(1, os.cpu_count() or 1)


class Capacity:
    """A counting limit on heavy work; a full limit answers 503 rather than waiting."""

    def __init__(self, slots: int = SLOTS) -> None:
        self.slots = threading.BoundedSemaphore(slots)

    @contextmanager
    def slot(self, what: str) -> Iterator[None]:
        """Hold one slot while the block runs, or raise 503 when none is free."""
        if not self.slots.acquire(blocking=False):
            raise HTTPException(503, f"the server is busy with other {what}; retry in a few seconds",
                                headers={"Retry-After": "5"})
        try:
            yield
        finally:
            self.slots.release()


async def heavy(request: Request) -> AsyncIterator[None]:
    """Route dependency: hold a heavy-work slot for the whole request."""
    with request.app.state.capacity.slot("heavy requests"):
        yield
