"""Figures that may be a few seconds old: one computation serves every request that asks
for the same thing within ``max_age`` seconds (decision 0040).

For aggregates a dashboard shows (the network's KPIs): the same province-wide figures
asked for dozens of times a second cost one computation per ``max_age``, not one per
request. Concurrent requests that miss together share one computation (no stampede).
The computation runs as its own task, so a request that gives up (its time budget,
a closed connection) does not cancel it for the others waiting.

What is cached must not depend on who asks: callers check permissions first and key
by everything the figures depend on. A process caches for itself; several workers
each keep their own, so a figure may lag a write by up to ``max_age`` seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """Results by key for ``max_age`` seconds; at most ``size`` keys (oldest first out)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: dict[Hashable, tuple[float, asyncio.Task[V]]] = {}

    async def get(self, key: Hashable, max_age: float, compute: Callable[[], Awaitable[V]]) -> V:
        """The result for ``key`` computed less than ``max_age`` seconds ago, or a new one
        (``max_age`` <= 0: always new, nothing kept)."""
        if max_age <= 0:
            return await compute()
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is None or now - entry[0] >= max_age:
            task = asyncio.ensure_future(compute())
            entry = (now, task)
            self._entries.pop(key, None)  # re-inserted last: the dict keeps age order
            self._entries[key] = entry
            task.add_done_callback(lambda done: self._forget_failed(key, done))
            while len(self._entries) > self.size:
                del self._entries[next(iter(self._entries))]
        return await asyncio.shield(entry[1])

    def _forget_failed(self, key: Hashable, task: asyncio.Task[V]) -> None:
        """A failed computation is not kept: the next request tries again."""
        if task.cancelled() or task.exception() is not None:
            entry = self._entries.get(key)
            if entry is not None and entry[1] is task:
                del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()
