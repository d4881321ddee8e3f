"""A bounded least-recently-used map, shared by the API's answer memo and the engines' day caches.

Every cache regatlas keeps in a process is bounded: by entries, and where values vary in size, by
bytes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class Lru:
    """A thread-safe least-recently-used map bounded by entries and, with `weigh`, by bytes.

    >>> cache = Lru(10, max_bytes=5, weigh=len)
    >>> _ = cache.put("a", b"123"), cache.put("b", b"456")
    >>> cache.get("a"), cache.get("b")
    (None, b'456')
    """

    def __init__(self, size: int, max_bytes: int | None = None,
                 weigh: Callable[[Any], int] | None = None) -> None:
        self.size, self.max_bytes, self.weigh = size, max_bytes, weigh
        self.data: OrderedDict = OrderedDict()
        self.bytes, self.lock = 0, threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        return None

    def put(self, key: Hashable, value: Any) -> Any:
        with self.lock:
            if key in self.data:
                self.bytes -= self._weight(self.data.pop(key))
            self.data[key] = value
            self.bytes += self._weight(value)
            while len(self.data) > self.size or (self.max_bytes is not None and self.bytes > self.max_bytes):
                self.bytes -= self._weight(self.data.popitem(last=False)[1])
        return value

    def _weight(self, value: Any) -> int:
        return self.weigh(value) if self.weigh else 0
