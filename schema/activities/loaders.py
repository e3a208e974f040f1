"""DataLoaders of the activities domain (see ``schema.core.loaders``).

Members come from ``schema.network.loaders.MemberByIdLoader``.
"""

from __future__ import annotations

from activities.models import Attendance, CampaignTarget, Event, Invitation
from schema.core.loaders import by_id, count_by, grouped

EventByIdLoader = by_id(Event)
AttendanceCountByEventLoader = count_by(Attendance, "event_id")
InvitationCountByEventLoader = count_by(Invitation, "event_id")
TargetsByCampaignLoader = grouped(
    CampaignTarget, "campaign_id", related=("admin_unit",), order_by=("unit_path",)
)
