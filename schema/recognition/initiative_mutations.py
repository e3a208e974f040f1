"""Mutations on initiatives: submission and follow-up without an account, screening,
replication of awarded models."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.errors import DomainError
from recognition import awards as award_services
from recognition import initiatives as initiative_services
from recognition.initiatives import SubmissionData
from recognition.models import Initiative, InitiativeStatus, Replication, ReplicationStatus
from schema.core.errors import UserError, to_user_errors
from schema.core.ids import client_addr, enum_value, global_int, required_int
from schema.core.inputs import to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS
from schema.recognition.public_types import PublicInitiativeType
from schema.recognition.types import (
    InitiativeCategoryEnum,
    InitiativeStatusEnum,
    InitiativeSummaryType,
    InitiativeType,
    ReplicationStatusEnum,
    ReplicationType,
)


@strawberry.input
class SubmitInitiativeInput:
    title: str
    summary: str
    problem: str
    solution: str
    category: InitiativeCategoryEnum  # type: ignore[valid-type]
    submitter_name: str
    submitter_phone: str
    results: str = ""
    admin_unit_code: str | None = strawberry.field(
        default=None, description="The commune or ward (optional when organizationId is given)."
    )
    submitter_email: str | None = None
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Signed-in users may link an organisation in their scope."
    )
    attachment_ids: list[str] = strawberry.field(
        default_factory=list,
        description="uploadId values from POST /uploads/initiative-attachments (at most 5).",
    )
    website: str = strawberry.field(default="", description="Leave empty.")
    client_id: str | None = strawberry.field(
        default=None,
        description="An id the device makes once for this submission (8-64 letters, digits, "
        "._:-): sending it again returns the same tracking code and stores nothing new.",
    )


@strawberry.type
class SubmitInitiativePayload:
    tracking_code: str | None = strawberry.field(
        default=None, description="Keep it to follow the initiative (initiativeByTrackingCode)."
    )
    status: InitiativeStatusEnum | None = None  # type: ignore[valid-type]
    similar: list[InitiativeSummaryType] = strawberry.field(
        default_factory=list,
        description="A warning, not a refusal: very similar initiatives already submitted.",
    )
    duplicate: bool = strawberry.field(
        default=False,
        description="True when this clientId was submitted before: nothing new was stored.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ProvideInitiativeInfoInput:
    tracking_code: str
    phone: str = strawberry.field(description="The phone given at submission.")
    info: str
    attachment_ids: list[str] = strawberry.field(default_factory=list)


@strawberry.type
class PublicInitiativePayload:
    initiative: PublicInitiativeType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ScreenInitiativeInput:
    id: relay.GlobalID
    to_status: InitiativeStatusEnum  # type: ignore[valid-type]
    note: str = strawberry.field(default="", description="For staff only.")
    public_note: str = strawberry.field(
        default="",
        description="Shown with the tracking code; required for NEEDS_INFO and REJECTED.",
    )


@strawberry.type
class InitiativePayload:
    initiative: InitiativeType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RecordReplicationInput:
    initiative_id: relay.GlobalID
    organization_id: relay.GlobalID
    started_at: date
    status: ReplicationStatusEnum  # type: ignore[valid-type]
    note: str = ""


@strawberry.type
class ReplicationPayload:
    replication: ReplicationType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class InitiativeMutation:
    @strawberry.mutation(
        description="Submit an idea or initiative; no account needed. Returns a tracking code."
    )
    async def submit_initiative(
        self, info: Info, input: SubmitInitiativeInput
    ) -> SubmitInitiativePayload:
        async def work() -> Any:
            data = to_domain(
                input,
                SubmissionData,
                organization_id=global_int(input.organization_id, "Organization", "organizationId"),
                attachment_tokens=input.attachment_ids,
            )
            return await initiative_services.submit(
                info.context.actor, data=data, client_addr=client_addr(info)
            )

        def present(submission: Any) -> SubmitInitiativePayload:
            stored = submission.initiative
            return SubmitInitiativePayload(
                tracking_code=submission.tracking_code,
                status=stored.status if stored is not None else InitiativeStatus.SUBMITTED,
                duplicate=submission.duplicate,
                similar=[InitiativeSummaryType.from_similar(s) for s in submission.similar],
            )

        return await mutate(info, work, present, SubmitInitiativePayload)

    @strawberry.mutation(
        description="The submitter answers a request for more information (status "
        "NEEDS_INFO); screening resumes. No account needed: tracking code and phone."
    )
    async def provide_initiative_info(
        self, info: Info, input: ProvideInitiativeInfoInput
    ) -> PublicInitiativePayload:
        try:  # outside the transaction, so that wrong codes and phones stay counted
            found = await initiative_services.verify_submitter(
                code=input.tracking_code, phone=input.phone, client_addr=client_addr(info)
            )
        except DomainError as error:
            return PublicInitiativePayload(errors=to_user_errors(error, info.context.lang))

        async def work() -> PublicInitiativeType:
            initiative = await initiative_services.provide_info(
                info.context.actor,
                initiative_id=found.id,
                info=input.info,
                attachment_tokens=input.attachment_ids,
            )
            history = await initiative_services.transitions_of([initiative.id])
            await initiative.fetch_related("admin_unit")
            return PublicInitiativeType.from_model(
                initiative, initiative.admin_unit, history[initiative.id]
            )

        return await mutate(
            info,
            work,
            lambda node: PublicInitiativePayload(initiative=node),
            PublicInitiativePayload,
        )

    @strawberry.mutation(
        description="Move an initiative through screening (province admins, unit managers).",
        permission_classes=EDITORS,
    )
    async def screen_initiative(
        self, info: Info, input: ScreenInitiativeInput
    ) -> InitiativePayload:
        async def work() -> Initiative:
            return await initiative_services.screen(
                info.context.actor,
                initiative_id=required_int(input.id, "Initiative", "id"),
                to_status=InitiativeStatus(enum_value(input.to_status)),
                note=input.note,
                public_note=input.public_note,
            )

        def present(row: Initiative) -> InitiativePayload:
            return InitiativePayload(initiative=InitiativeType.from_model(row, info))

        return await mutate(info, work, present, InitiativePayload)

    @strawberry.mutation(
        description="Record (or update) that an organisation in your scope replicates an "
        "awarded model.",
        permission_classes=EDITORS,
    )
    async def record_replication(
        self, info: Info, input: RecordReplicationInput
    ) -> ReplicationPayload:
        async def work() -> Replication:
            return await award_services.record_replication(
                info.context.actor,
                initiative_id=required_int(input.initiative_id, "Initiative", "initiativeId"),
                organization_id=required_int(
                    input.organization_id, "Organization", "organizationId"
                ),
                started_at=input.started_at,
                status=ReplicationStatus(enum_value(input.status)),
                note=input.note,
            )

        def present(row: Replication) -> ReplicationPayload:
            return ReplicationPayload(replication=ReplicationType.from_model(row))

        return await mutate(info, work, present, ReplicationPayload)
