"""Training coverage: members holding DX roles who completed a DX training recently.

The figures feed ``networkKpis.trainedRate`` through ``KpiPolicy.trained_counts`` (the
network domain cannot import this one). The role holders come from the member tally
(migration 0021), the trained ones from the period's training attendances; no member
row is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time

from tortoise.functions import Count

from activities.models import Attendance, EventKind
from network.kpis import role_holder_counts
from network.models import MemberStatus


async def trained_counts(*, unit_path_prefix: str, since: date) -> dict[int, tuple[int, int]]:
    """Per admin unit id in the subtree: (active members holding any network role, of
    whom completed at least one TRAINING that started on or after ``since``)."""
    # The whole: summed from the tally the database keeps (network.kpis, decision 0037).
    dx_members = (await role_holder_counts(unit_path_prefix)).items()
    # The part: from the period's completed trainings (their attendances), not from
    # every member of the subtree, so it grows with the trainings, not the province.
    start = datetime.combine(since, time.min, tzinfo=UTC)
    trained = (
        await Attendance.filter(
            completed=True,
            event__kind=EventKind.TRAINING,
            event__cancelled=False,
            event__starts_at__gte=start,
            member__status=MemberStatus.ACTIVE,
            member__unit_path__startswith=unit_path_prefix,
        )
        .exclude(member__roles=",")
        .annotate(n=Count("member_id", distinct=True))
        .group_by("member__admin_unit_id")
        .values_list("member__admin_unit_id", "n")
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
