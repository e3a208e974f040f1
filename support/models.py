"""Expert support: the editable list of expertise tags, partners' offers, agencies' and
communes' requests, and the engagements that join one request to one offer.

Tags are kept on offers and requests as a list of tag ids and as ``tags_text`` (``|3|7|``)
so "shares a tag" is a portable LIKE. An engagement's ``accepted_request_id`` is set only
while it is accepted or delivered and is unique: the database itself keeps one accepted
engagement per request, whatever the number of concurrent accepts (decision 0025).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models import StoredPhotoFile

if TYPE_CHECKING:
    from network.models import AdminUnit, Organization


class RequestStatus(StrEnum):
    OPEN = "OPEN"
    MATCHED = "MATCHED"
    DELIVERED = "DELIVERED"


class EngagementStatus(StrEnum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    DELIVERED = "DELIVERED"


class ExpertiseTag(Model):
    """An area of expertise offers and requests are matched on (editable by the province)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "support_tag"
        ordering = ["name", "id"]


class SupportOffer(Model):
    """What a partner organisation lends: expertise, experts, capacity, area and period."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="support_offers", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    tag_ids: list[int] = fields.JSONField(default=list)  # type: ignore[assignment]
    tags_text = fields.CharField(max_length=512, default="|")
    expert_ids: list[int] = fields.JSONField(default=list)  # type: ignore[assignment]
    capacity_person_days = fields.IntField(description="Person-days a month.")
    served_unit_codes: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    served_unit_paths: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    is_active = fields.BooleanField(default=True)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    organization_id: int

    class Meta:
        table = "support_offer"
        ordering = ["-created_at", "-id"]


class SupportRequest(Model):
    """A need for expert help from an agency or commune, in one admin unit."""

    id = fields.IntField(primary_key=True)
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="support_requests", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    title = fields.CharField(max_length=200)
    need = fields.TextField(default="")
    tag_ids: list[int] = fields.JSONField(default=list)  # type: ignore[assignment]
    tags_text = fields.CharField(max_length=512, default="|")
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    person_days = fields.IntField(description="Person-days of expert time asked for.")
    people_to_help = fields.IntField(default=0)
    status = fields.CharEnumField(RequestStatus, max_length=16, default=RequestStatus.OPEN)
    requested_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    matched_at = fields.DatetimeField(null=True)

    admin_unit_id: int

    class Meta:
        table = "support_request"
        ordering = ["-created_at", "-id"]


class SupportEngagement(Model):
    """One offer proposed for one request: answered by the partner, delivered, rated."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[SupportRequest] = fields.ForeignKeyField(
        "dxnet.SupportRequest", related_name="engagements", on_delete=fields.CASCADE
    )
    offer: fields.ForeignKeyRelation[SupportOffer] = fields.ForeignKeyField(
        "dxnet.SupportOffer", related_name="engagements", on_delete=fields.RESTRICT
    )
    organization_id = fields.IntField(db_index=True, description="The offer's organisation.")
    unit_path = fields.CharField(max_length=512, db_index=True)
    status = fields.CharEnumField(
        EngagementStatus, max_length=16, default=EngagementStatus.PROPOSED
    )
    accepted_request_id = fields.IntField(
        null=True, unique=True, description="The request, while accepted or delivered."
    )
    person_days = fields.IntField(description="Planned, from the request.")
    period = fields.CharField(max_length=7, description="YYYY-MM the capacity is counted in.")
    proposed_at = fields.DatetimeField(auto_now_add=True)
    answered_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    hours_delivered = fields.FloatField(default=0)
    person_days_delivered = fields.FloatField(default=0)
    people_helped = fields.IntField(default=0)
    notes = fields.TextField(default="")
    requester_rating = fields.SmallIntField(null=True)
    requester_comment = fields.TextField(default="")
    partner_rating = fields.SmallIntField(null=True)
    partner_comment = fields.TextField(default="")

    request_id: int
    offer_id: int

    class Meta:
        table = "support_engagement"
        ordering = ["-proposed_at", "-id"]
        unique_together = (("request", "offer"),)


class SupportDeliveryLog(Model):
    """A delivery logged from a device, by the id the device gave it: the photos taken
    with it are uploaded afterwards under that id (``support/photos.py``)."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=64, unique=True)
    engagement: fields.ForeignKeyRelation[SupportEngagement] = fields.ForeignKeyField(
        "dxnet.SupportEngagement", related_name="delivery_logs", on_delete=fields.CASCADE
    )
    recorded_at = fields.DatetimeField(auto_now_add=True)

    engagement_id: int

    class Meta:
        table = "support_delivery_log"


class SupportDeliveryPhoto(StoredPhotoFile):
    """A photo of an engagement's delivery, kept in the database so every worker serves
    it; one per (engagement, SHA-256), so a photo sent again is stored once."""

    id = fields.IntField(primary_key=True)
    engagement: fields.ForeignKeyRelation[SupportEngagement] = fields.ForeignKeyField(
        "dxnet.SupportEngagement", related_name="photos", on_delete=fields.CASCADE
    )

    engagement_id: int

    class Meta:
        table = "support_delivery_photo"
        unique_together = (("engagement", "sha256"),)
