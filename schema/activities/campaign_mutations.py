"""Mutations of awareness campaigns: creating one, and logging outreach from the field
(offline: ``logFieldActivity`` says what became of the outbox item in ``result``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from activities import campaigns as campaign_services
from activities.campaigns import CampaignData, FieldLogData, TargetData
from activities.models import Campaign
from schema.activities.types import (
    CampaignType,
    FieldActivityKindEnum,
    FieldActivityLogType,
    SyncResult,
    sync_result_of,
)
from schema.core.errors import UserError
from schema.core.ids import required_int
from schema.core.inputs import coordinates, to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS, FIELD_STAFF


@strawberry.input
class CampaignTargetInput:
    admin_unit_code: str
    goal_people: int | None = None
    goal_households: int | None = None


@strawberry.input
class CreateCampaignInput:
    title: str
    admin_unit_code: str
    starts_on: date
    ends_on: date
    topic: str = ""
    goal_people: int = 0
    goal_households: int = 0
    targets: list[CampaignTargetInput] = strawberry.field(
        default_factory=list, description="Units targeted (default: the campaign's unit)."
    )


@strawberry.type
class CampaignPayload:
    campaign: CampaignType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class LocationInput:
    latitude: float
    longitude: float
    accuracy: float | None = None


@strawberry.input
class LogFieldActivityInput:
    client_id: str
    campaign_id: relay.GlobalID
    admin_unit_code: str
    happened_at: datetime
    kind: FieldActivityKindEnum  # type: ignore[valid-type]
    people_reached: int = 0
    households_reached: int = 0
    note: str = ""
    location: LocationInput | None = None


@strawberry.type
class LogFieldActivityPayload:
    result: SyncResult
    log: FieldActivityLogType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _log_failed(errors: list[UserError]) -> LogFieldActivityPayload:
    return LogFieldActivityPayload(result=sync_result_of(errors), errors=errors)


@strawberry.type
class CampaignMutation:
    @strawberry.mutation(permission_classes=EDITORS)
    async def create_campaign(self, info: Info, input: CreateCampaignInput) -> CampaignPayload:
        async def work() -> Campaign:
            targets = [to_domain(t, TargetData) for t in input.targets]
            data = to_domain(input, CampaignData, targets=targets)
            return await campaign_services.create(info.context.actor, data=data)

        def present(campaign: Campaign) -> CampaignPayload:
            return CampaignPayload(campaign=CampaignType.from_model(campaign))

        return await mutate(info, work, present, CampaignPayload)

    @strawberry.mutation(
        description="Log an outreach activity from the field; idempotent per clientId. "
        "Photos go to POST /uploads/field-photos/{clientId} afterwards.",
        permission_classes=FIELD_STAFF,
    )
    async def log_field_activity(
        self, info: Info, input: LogFieldActivityInput
    ) -> LogFieldActivityPayload:
        async def work() -> Any:
            campaign_id = required_int(input.campaign_id, "Campaign", "campaignId")
            location = coordinates(input.location)
            data = to_domain(input, FieldLogData, campaign_id=campaign_id, **location)
            return await campaign_services.log_field_activity(info.context.actor, data=data)

        def present(done: Any) -> LogFieldActivityPayload:
            return LogFieldActivityPayload(
                result=SyncResult(done.result.value), log=FieldActivityLogType.from_model(done.log)
            )

        return await mutate(info, work, present, _log_failed)
