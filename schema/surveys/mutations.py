"""Mutations of surveys: one input, a payload with errors. ``syncSurveyResponses``
answers each response of the batch on its own."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

import strawberry
from strawberry import UNSET, relay
from strawberry.scalars import JSON
from strawberry.types import Info
from strawberry.types.arguments import InputContext

from core.errors import DomainError, Unauthenticated
from i18n import Language
from schema.core.errors import ErrorCode, UserError, message_for
from schema.core.inputs import coordinates, provided, to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS
from schema.surveys.queries import survey_pk
from schema.surveys.types import SurveySyncStatus, SurveyType
from surveys import services
from surveys import sync as sync_services
from surveys.models import Survey
from surveys.services import SurveyData
from surveys.sync import ResponseData


@strawberry.input
class CreateSurveyInput:
    title: str
    admin_unit_code: str = strawberry.field(description="The area surveyed (its subtree).")
    definition: JSON = strawberry.field(description="Pages and questions.")
    description: str = ""
    organization_kinds: list[str] = strawberry.field(default_factory=list)
    network_roles: list[str] = strawberry.field(default_factory=list)
    is_public: bool = False
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@strawberry.input
class UpdateSurveyInput:
    id: relay.GlobalID
    title: str | None = UNSET
    description: str | None = UNSET
    definition: JSON | None = strawberry.field(
        default=UNSET, description="New questions; on a published survey, a new version."
    )
    organization_kinds: list[str] | None = UNSET
    network_roles: list[str] | None = UNSET
    is_public: bool | None = UNSET
    opens_at: datetime | None = UNSET
    closes_at: datetime | None = UNSET


@strawberry.input
class SurveyIdInput:
    id: relay.GlobalID


@strawberry.input
class CloseSurveyInput:
    id: relay.GlobalID
    archive: bool = strawberry.field(default=False, description="Archive a closed survey.")


@strawberry.type
class SurveyPayload:
    survey: SurveyType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class SurveyLocationInput:
    latitude: float
    longitude: float
    accuracy: float | None = None


@strawberry.input
class SurveyResponseInput:
    client_id: str = strawberry.field(description="The device's UUID for this response.")
    survey_id: relay.GlobalID
    version: int
    answers: JSON = strawberry.field(description="Answers by question key.")
    collected_at: datetime
    admin_unit_code: str
    device_id: str = ""
    location: SurveyLocationInput | None = None


def _response_from_input(
    cls: type[SurveyResponseInput], value: Mapping[str, Any], context: InputContext
) -> SurveyResponseInput:
    """Build one response of a sync batch in one step. graphql-core has already checked
    and parsed every field (types, required, dates), so Strawberry's field-by-field
    conversion only repeated its work: about a fifth of a 100-response call. The global
    id still goes through Strawberry's own conversion."""
    location = value.get("location")
    return cls(
        client_id=value["clientId"],
        survey_id=cast(relay.GlobalID, context.convert(value["surveyId"], relay.GlobalID)),
        version=value["version"],
        answers=value["answers"],
        collected_at=value["collectedAt"],
        admin_unit_code=value["adminUnitCode"],
        device_id=value.get("deviceId", ""),
        location=None
        if location is None
        else SurveyLocationInput(
            latitude=location["latitude"],
            longitude=location["longitude"],
            accuracy=location.get("accuracy"),
        ),
    )


# Strawberry's hook for types that build their own value (see StrawberryObjectDefinition).
SurveyResponseInput.__strawberry_definition__.from_input = _response_from_input  # type: ignore[attr-defined,assignment]


@strawberry.input
class SyncSurveyResponsesInput:
    responses: list[SurveyResponseInput] = strawberry.field(description="At most 100.")


@strawberry.type
class SurveyResponseSyncResult:
    client_id: str
    result: SurveySyncStatus  # type: ignore[valid-type]
    response_id: relay.GlobalID | None
    errors: list[UserError]
    is_complete: bool | None = strawberry.field(
        description="CREATED or DUPLICATE: every photo the response names has arrived "
        "(after a lost answer, the photos need not be sent again). Null otherwise."
    )


@strawberry.type
class SyncSurveyResponsesPayload:
    results: list[SurveyResponseSyncResult] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Errors of the whole call."
    )


def _survey_payload(survey: Survey) -> SurveyPayload:
    # Editors (the only callers) collect in their area whatever the audience.
    return SurveyPayload(survey=SurveyType.from_model(survey, can_respond=True))


def _item(info: Info, raw: SurveyResponseInput) -> ResponseData:
    try:
        survey_id = survey_pk(raw.survey_id, "surveyId")
    except DomainError:
        survey_id = 0
    answers = raw.answers if isinstance(raw.answers, dict) else {"": raw.answers}
    return to_domain(
        raw, ResponseData, survey_id=survey_id, answers=answers, **coordinates(raw.location)
    )


def _sync_result(outcome: Any, lang: Language) -> SurveyResponseSyncResult:
    response_id = outcome.response_id
    return SurveyResponseSyncResult(
        client_id=outcome.client_id,
        result=outcome.status,
        response_id=relay.GlobalID("SurveyResponse", str(response_id)) if response_id else None,
        errors=[
            UserError(field=e.field, code=ErrorCode(e.code), message=message_for(e, lang))
            for e in outcome.errors
        ],
        is_complete=outcome.complete,
    )


@strawberry.type
class SurveysMutation:
    @strawberry.mutation(permission_classes=EDITORS)
    async def create_survey(self, info: Info, input: CreateSurveyInput) -> SurveyPayload:
        async def work() -> Survey:
            definition = input.definition if isinstance(input.definition, dict) else {}
            data = to_domain(input, SurveyData, definition=definition)
            return await services.create(info.context.actor, data=data)

        return await mutate(info, work, _survey_payload, SurveyPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def update_survey(self, info: Info, input: UpdateSurveyInput) -> SurveyPayload:
        async def work() -> Survey:
            changes = provided(input)
            for name in ("title", "definition", "organization_kinds", "network_roles", "is_public"):
                if name in changes and changes[name] is None:
                    raise DomainError("REQUIRED", field=name)
            return await services.update(
                info.context.actor, survey_id=survey_pk(input.id, "id"), changes=changes
            )

        return await mutate(info, work, _survey_payload, SurveyPayload)

    @strawberry.mutation(
        description="Freeze the draft as version 1 and open it for answers.",
        permission_classes=EDITORS,
    )
    async def publish_survey(self, info: Info, input: SurveyIdInput) -> SurveyPayload:
        async def work() -> Survey:
            return await services.publish(info.context.actor, survey_id=survey_pk(input.id, "id"))

        return await mutate(info, work, _survey_payload, SurveyPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def close_survey(self, info: Info, input: CloseSurveyInput) -> SurveyPayload:
        async def work() -> Survey:
            return await services.close(
                info.context.actor, survey_id=survey_pk(input.id, "id"), archive=input.archive
            )

        return await mutate(info, work, _survey_payload, SurveyPayload)

    @strawberry.mutation(
        description="Send up to 100 responses collected offline; each is stored exactly "
        "once per clientId and answered on its own. Public surveys need no account. "
        "Photos go to POST /uploads/survey-photos/{clientId}/{questionKey} afterwards."
    )
    async def sync_survey_responses(
        self, info: Info, input: SyncSurveyResponsesInput
    ) -> SyncSurveyResponsesPayload:
        request = info.context.request
        address = request.client.host if request.client else ""

        async def work() -> Any:
            if info.context.auth_error:
                # A session that ended must not turn staff responses into a visitor's.
                raise Unauthenticated()
            items = [_item(info, r) for r in input.responses]
            return await sync_services.sync_responses(
                info.context.actor, items=items, client_address=address
            )

        def present(outcomes: Any) -> SyncSurveyResponsesPayload:
            return SyncSurveyResponsesPayload(results=[_sync_result(o, lang) for o in outcomes])

        lang = info.context.lang
        return await mutate(info, work, present, SyncSurveyResponsesPayload)
