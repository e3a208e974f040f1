"""Training coverage: members holding DX roles who completed a DX training recently.

The figures feed ``networkKpis.trainedRate`` through ``KpiPolicy.trained_counts`` (the
network domain cannot import this one). Two aggregate queries grouped by admin unit; no
member row is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time

from tortoise.functions import Count

from activities.models import EventKind
from network.models import Member, MemberStatus


async def trained_counts(*, unit_path_prefix: str, since: date) -> dict[int, tuple[int, int]]:
    """Per admin unit id in the subtree: (active members holding any network role, of
    whom completed at least one TRAINING that started on or after ``since``)."""
    holders = Member.filter(
        unit_path__startswith=unit_path_prefix, status=MemberStatus.ACTIVE
    ).exclude(roles=",")
    dx_members = (
        await holders.annotate(n=Count("id"))
        .group_by("admin_unit_id")
        .values_list("admin_unit_id", "n")
    )
    start = datetime.combine(since, time.min, tzinfo=UTC)
    trained = (
        await holders.filter(
            attendances__completed=True,
            attendances__event__kind=EventKind.TRAINING,
            attendances__event__cancelled=False,
            attendances__event__starts_at__gte=start,
        )
        .annotate(n=Count("id", distinct=True))
        .group_by("admin_unit_id")
        .values_list("admin_unit_id", "n")
    )
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, n in dx_members:
        result[int(unit_id)][0] = int(n)
    for unit_id, n in trained:
        result[int(unit_id)][1] = int(n)
    return {unit_id: (pair[0], pair[1]) for unit_id, pair in result.items()}


async def trained_counts_provider(unit_path_prefix: str, since: date) -> dict[int, tuple[int, int]]:
    """The positional signature ``network.kpis.TrainedCounts`` expects."""
    return await trained_counts(unit_path_prefix=unit_path_prefix, since=since)
