"""Trainings, briefings, workshops and conferences, their invitations and attendance;
awareness campaigns and the field activity logged against them.

Rows that hang off an admin unit copy its ``unit_path`` so scope checks are one indexed
prefix match, as in the network registry.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models import StoredPhotoFile

if TYPE_CHECKING:
    from accounts.models import User
    from network.models import AdminUnit, Member, Organization


class EventKind(StrEnum):
    TRAINING = "TRAINING"
    BRIEFING = "BRIEFING"
    WORKSHOP = "WORKSHOP"
    CONFERENCE = "CONFERENCE"


class Recurrence(StrEnum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"


class Rsvp(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


class FieldActivityKind(StrEnum):
    DOOR_TO_DOOR = "DOOR_TO_DOOR"
    COMMUNITY_MEETING = "COMMUNITY_MEETING"
    CLASS = "CLASS"
    INFO_BOOTH = "INFO_BOOTH"
    LOUDSPEAKER = "LOUDSPEAKER"
    SOCIAL_MEDIA = "SOCIAL_MEDIA"
    OTHER = "OTHER"


class EventSeries(Model):
    """Recurring events entered once, each occurrence an Event row of its own."""

    id = fields.IntField(primary_key=True)
    recurrence = fields.CharEnumField(Recurrence, max_length=16)
    occurrences = fields.SmallIntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "activity_event_series"


class Event(Model):
    """A training, briefing, workshop or conference held by or for an admin unit."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(EventKind, max_length=16, db_index=True)
    title = fields.CharField(max_length=255)
    topic = fields.CharField(max_length=255, default="")
    organizer: fields.ForeignKeyNullableRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="events", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    place = fields.CharField(max_length=255, default="")
    online_url = fields.CharField(max_length=500, default="")
    starts_at = fields.DatetimeField(db_index=True)
    ends_at = fields.DatetimeField()
    capacity = fields.IntField(null=True)
    agenda = fields.TextField(default="")
    documents: list[dict[str, str]] = fields.JSONField(default=list)  # type: ignore[assignment]
    minutes = fields.TextField(default="")
    trainer = fields.CharField(max_length=200, default="")
    hours = fields.DecimalField(max_digits=5, decimal_places=1, null=True)
    pass_mark = fields.SmallIntField(null=True)
    series: fields.ForeignKeyNullableRelation[EventSeries] = fields.ForeignKeyField(
        "dxnet.EventSeries", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    sequence = fields.SmallIntField(default=0)
    cancelled = fields.BooleanField(default=False)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="events_created", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    organizer_id: int | None
    admin_unit_id: int
    series_id: int | None
    created_by_id: int | None

    class Meta:
        table = "activity_event"
        ordering = ["starts_at", "id"]


class Invitation(Model):
    """A member invited to an event, with their answer."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "dxnet.Event", related_name="invitations", on_delete=fields.CASCADE
    )
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="invitations", on_delete=fields.CASCADE
    )
    rsvp = fields.CharEnumField(Rsvp, max_length=16, default=Rsvp.PENDING)
    invited_at = fields.DatetimeField(auto_now_add=True)
    responded_at = fields.DatetimeField(null=True)

    event_id: int
    member_id: int

    class Meta:
        table = "activity_invitation"
        unique_together = (("event", "member"),)


class Attendance(Model):
    """A member present at an event, recorded once whatever the number of re-sends.

    ``client_id`` is the id the field device gave the check-in, so a re-sent check-in is
    recognised. ``completed`` is kept by the services: attended, and passed when the
    training has a pass mark.
    """

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "dxnet.Event", related_name="attendances", on_delete=fields.CASCADE
    )
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="attendances", on_delete=fields.CASCADE
    )
    client_id = fields.CharField(max_length=64, unique=True)
    checked_in_at = fields.DatetimeField()
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="check_ins", null=True, on_delete=fields.SET_NULL
    )
    walk_in = fields.BooleanField(default=False)
    via_qr = fields.BooleanField(default=False)
    score = fields.SmallIntField(null=True)
    passed = fields.BooleanField(null=True)
    completed = fields.BooleanField(default=False, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    event_id: int
    member_id: int
    recorded_by_id: int | None

    class Meta:
        table = "activity_attendance"
        unique_together = (("event", "member"),)
        ordering = ["checked_in_at", "id"]


class MemberToken(Model):
    """The version of the personal QR token of a member, bumping it revokes every copy."""

    id = fields.IntField(primary_key=True)
    member: fields.OneToOneRelation[Member] = fields.OneToOneField(
        "dxnet.Member", related_name="activity_token", on_delete=fields.CASCADE
    )
    version = fields.IntField(default=1)
    revoked_at = fields.DatetimeField(null=True)

    member_id: int

    class Meta:
        table = "activity_member_token"


class Campaign(Model):
    """An awareness campaign (truyen thong, tuyen truyen) over a period and some units."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=255)
    topic = fields.CharField(max_length=255, default="")
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="campaigns", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    goal_people = fields.IntField(default=0)
    goal_households = fields.IntField(default=0)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="campaigns_created", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    admin_unit_id: int
    created_by_id: int | None

    class Meta:
        table = "activity_campaign"
        ordering = ["-starts_on", "id"]


class CampaignTarget(Model):
    """A unit a campaign targets, with its own goals when set."""

    id = fields.IntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "dxnet.Campaign", related_name="targets", on_delete=fields.CASCADE
    )
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="campaign_targets", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    goal_people = fields.IntField(null=True)
    goal_households = fields.IntField(null=True)

    campaign_id: int
    admin_unit_id: int

    class Meta:
        table = "activity_campaign_target"
        unique_together = (("campaign", "admin_unit"),)


class FieldActivityLog(Model):
    """One outreach activity logged from the field, recorded once per client id."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=64, unique=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "dxnet.Campaign", related_name="field_logs", on_delete=fields.CASCADE
    )
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="field_logs", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    happened_at = fields.DatetimeField()
    kind = fields.CharEnumField(FieldActivityKind, max_length=24)
    people_reached = fields.IntField(default=0)
    households_reached = fields.IntField(default=0)
    note = fields.TextField(default="")
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    accuracy = fields.FloatField(null=True)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="field_logs", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    campaign_id: int
    admin_unit_id: int
    recorded_by_id: int | None

    class Meta:
        table = "activity_field_log"
        ordering = ["-happened_at", "id"]


class FieldPhoto(StoredPhotoFile):
    """A photo of a field activity, kept in the database so every worker can serve it."""

    id = fields.IntField(primary_key=True)
    log: fields.ForeignKeyRelation[FieldActivityLog] = fields.ForeignKeyField(
        "dxnet.FieldActivityLog", related_name="photos", on_delete=fields.CASCADE
    )

    log_id: int

    class Meta:
        table = "activity_field_photo"
        unique_together = (("log", "sha256"),)
