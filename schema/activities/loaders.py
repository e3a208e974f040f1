"""DataLoaders of the activities domain, built once per request (see ``loaders_for``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.functions import Count

from activities.models import Attendance, CampaignTarget, Event, Invitation
from network.models import Member


class AttendanceCountByEventLoader(DataLoader[int, int]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(event_ids: Sequence[int]) -> list[int]:
        rows = (
            await Attendance.filter(event_id__in=list(set(event_ids)))
            .annotate(n=Count("id"))
            .group_by("event_id")
            .values_list("event_id", "n")
        )
        counts = {int(e): int(n) for e, n in rows}
        return [counts.get(i, 0) for i in event_ids]


class InvitationCountByEventLoader(DataLoader[int, int]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(event_ids: Sequence[int]) -> list[int]:
        rows = (
            await Invitation.filter(event_id__in=list(set(event_ids)))
            .annotate(n=Count("id"))
            .group_by("event_id")
            .values_list("event_id", "n")
        )
        counts = {int(e): int(n) for e, n in rows}
        return [counts.get(i, 0) for i in event_ids]


class TargetsByCampaignLoader(DataLoader[int, list[CampaignTarget]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(campaign_ids: Sequence[int]) -> list[list[CampaignTarget]]:
        grouped: dict[int, list[CampaignTarget]] = defaultdict(list)
        rows = (
            await CampaignTarget.filter(campaign_id__in=list(set(campaign_ids)))
            .select_related("admin_unit")
            .order_by("unit_path")
        )
        for row in rows:
            grouped[row.campaign_id].append(row)
        return [grouped[i] for i in campaign_ids]


class MemberByIdLoader(DataLoader[int, Member]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(ids: Sequence[int]) -> list[Member]:
        rows = {m.id: m for m in await Member.filter(id__in=list(set(ids)))}
        return [rows[i] for i in ids]


class EventByIdLoader(DataLoader[int, Event]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(ids: Sequence[int]) -> list[Event]:
        rows = {e.id: e for e in await Event.filter(id__in=list(set(ids)))}
        return [rows[i] for i in ids]


class ActivityLoaders:
    def __init__(self) -> None:
        self.member_by_id = MemberByIdLoader()
        self.event_by_id = EventByIdLoader()
        self.attendance_count_by_event = AttendanceCountByEventLoader()
        self.invitation_count_by_event = InvitationCountByEventLoader()
        self.targets_by_campaign = TargetsByCampaignLoader()


def loaders_for(info: Info) -> ActivityLoaders:
    """This request's loaders, created on first use (the shared context stays untouched)."""
    context: Any = info.context
    loaders: ActivityLoaders | None = getattr(context, "_activity_loaders", None)
    if loaders is None:
        loaders = ActivityLoaders()
        context._activity_loaders = loaders
    return loaders
