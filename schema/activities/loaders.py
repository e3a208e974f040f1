"""DataLoaders of the activities domain (see ``schema.core.loaders``).

Members come from ``schema.network.loaders.MemberByIdLoader``.
"""

from __future__ import annotations

from activities.models import Attendance, CampaignTarget, Event, Invitation
from schema.core.loaders import ByIdLoader, CountByLoader, GroupedLoader


class EventByIdLoader(ByIdLoader[Event]):
    model = Event


class AttendanceCountByEventLoader(CountByLoader):
    model = Attendance
    key = "event_id"


class InvitationCountByEventLoader(CountByLoader):
    model = Invitation
    key = "event_id"


class TargetsByCampaignLoader(GroupedLoader[CampaignTarget]):
    model = CampaignTarget
    key = "campaign_id"
    related = ("admin_unit",)
    order_by = ("unit_path",)
