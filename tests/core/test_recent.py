"""``core.recent.Recent``: one computation per key and age, shared by concurrent asks."""

from __future__ import annotations

import asyncio

import pytest

import core.recent
from core.recent import Recent


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [500.0]
    monkeypatch.setattr(core.recent.time, "monotonic", lambda: now[0])
    return now


async def test_concurrent_asks_share_one_computation(clock: list[float]) -> None:
    calls = 0
    release = asyncio.Event()

    async def compute() -> int:
        nonlocal calls
        calls += 1
        await release.wait()
        return calls

    recent: Recent[int] = Recent()
    waiting = [asyncio.create_task(recent.get("k", 10, compute)) for _ in range(5)]
    await asyncio.sleep(0)
    release.set()
    assert await asyncio.gather(*waiting) == [1, 1, 1, 1, 1]
    clock[0] += 10
    assert await recent.get("k", 10, compute) == 2  # too old: computed again
    assert await recent.get("other", 10, compute) == 3  # another key


async def test_no_age_keeps_nothing(clock: list[float]) -> None:
    calls = 0

    async def compute() -> int:
        nonlocal calls
        calls += 1
        return calls

    recent: Recent[int] = Recent()
    assert [await recent.get("k", 0, compute) for _ in range(3)] == [1, 2, 3]


async def test_a_failure_is_not_kept(clock: list[float]) -> None:
    outcomes: list[int | Exception] = [RuntimeError("database gone"), 7]

    async def compute() -> int:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    recent: Recent[int] = Recent()
    with pytest.raises(RuntimeError):
        await recent.get("k", 60, compute)
    assert await recent.get("k", 60, compute) == 7


async def test_one_asker_giving_up_does_not_cancel_the_others(clock: list[float]) -> None:
    release = asyncio.Event()

    async def compute() -> str:
        await release.wait()
        return "figures"

    recent: Recent[str] = Recent()
    impatient = asyncio.create_task(recent.get("k", 60, compute))
    patient = asyncio.create_task(recent.get("k", 60, compute))
    await asyncio.sleep(0)
    impatient.cancel()
    release.set()
    assert await patient == "figures"
    with pytest.raises(asyncio.CancelledError):
        await impatient


async def test_the_oldest_keys_leave_first(clock: list[float]) -> None:
    async def compute() -> int:
        return 1

    recent: Recent[int] = Recent(size=2)
    for key in ("a", "b", "c"):
        await recent.get(key, 60, compute)
    assert list(recent._entries) == ["b", "c"]
