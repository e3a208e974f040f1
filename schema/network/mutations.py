"""Mutations of the Network registry: one input, a payload with the result and errors."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry import UNSET, relay
from strawberry.types import Info

from core.actor import EDITOR_ROLES
from network import members as member_services
from network import organizations as organization_services
from network.members import MemberData
from network.models import MemberStatus, OrganizationKind
from network.organizations import OrganizationData
from schema.core.errors import UserError, run_mutation
from schema.core.ids import enum_value, global_int, required_int
from schema.core.permissions import IsAuthenticated, has_role
from schema.network.types import (
    AdoptionStatusEnum,
    ITQualificationEnum,
    MemberStatusEnum,
    MemberType,
    NetworkRoleEnum,
    OrganizationKindEnum,
    OrganizationType,
    PlatformAdoptionType,
)

EDITORS = [has_role(*EDITOR_ROLES)]


def provided(source: object, mapping: dict[str, str]) -> dict[str, Any]:
    """The fields the client actually sent (``UNSET`` ones are left unchanged)."""
    values = {}
    for attr, key in mapping.items():
        value = getattr(source, attr)
        if value is not UNSET:
            values[key] = value
    return values


@strawberry.input
class CreateOrganizationInput:
    name: str
    kind: OrganizationKindEnum  # type: ignore[valid-type]
    admin_unit_code: str
    parent_id: relay.GlobalID | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    address: str = ""


@strawberry.input
class UpdateOrganizationInput:
    id: relay.GlobalID
    name: str | None = UNSET
    kind: OrganizationKindEnum | None = UNSET  # type: ignore[valid-type]
    admin_unit_code: str | None = UNSET
    parent_id: relay.GlobalID | None = UNSET
    contact_phone: str | None = UNSET
    contact_email: str | None = UNSET
    address: str | None = UNSET


@strawberry.input
class SetOrganizationActiveInput:
    id: relay.GlobalID
    active: bool = False


@strawberry.type
class OrganizationPayload:
    organization: OrganizationType | None
    errors: list[UserError]


@strawberry.input
class CreateMemberInput:
    full_name: str
    organization_id: relay.GlobalID
    phone: str | None = None
    email: str | None = None
    national_id: str | None = None
    position: str = ""
    it_qualification: ITQualificationEnum = ITQualificationEnum.NONE  # type: ignore[valid-type]
    roles: list[NetworkRoleEnum] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
    joined_on: date | None = None


@strawberry.input
class UpdateMemberInput:
    id: relay.GlobalID
    full_name: str | None = UNSET
    organization_id: relay.GlobalID | None = UNSET
    phone: str | None = UNSET
    email: str | None = UNSET
    national_id: str | None = UNSET
    position: str | None = UNSET
    it_qualification: ITQualificationEnum | None = UNSET  # type: ignore[valid-type]
    roles: list[NetworkRoleEnum] | None = UNSET  # type: ignore[valid-type]
    joined_on: date | None = UNSET


@strawberry.input
class DeactivateMemberInput:
    id: relay.GlobalID
    status: MemberStatusEnum = MemberStatusEnum.LEFT  # type: ignore[valid-type]
    left_on: date | None = None


@strawberry.type
class MemberPayload:
    member: MemberType | None
    errors: list[UserError]


@strawberry.input
class DesignateFocalPointInput:
    organization_id: relay.GlobalID
    member_id: relay.GlobalID
    replace_existing: bool = strawberry.field(
        default=False, description="End the organisation's other current focal points."
    )


@strawberry.type
class DesignateFocalPointPayload:
    organization: OrganizationType | None
    errors: list[UserError]


@strawberry.input
class RecordPlatformAdoptionInput:
    member_id: relay.GlobalID
    platform_code: str
    status: AdoptionStatusEnum  # type: ignore[valid-type]
    since: date | None = None


@strawberry.type
class PlatformAdoptionPayload:
    adoption: PlatformAdoptionType | None
    errors: list[UserError]


@strawberry.type
class RegistryMutation:
    @strawberry.mutation(permission_classes=EDITORS)
    async def create_organization(
        self, info: Info, input: CreateOrganizationInput
    ) -> OrganizationPayload:
        async def work() -> Any:
            data = OrganizationData(
                name=input.name,
                kind=OrganizationKind(enum_value(input.kind)),
                admin_unit_code=input.admin_unit_code,
                parent_id=global_int(input.parent_id, "Organization", "parentId"),
                contact_phone=input.contact_phone,
                contact_email=input.contact_email,
                address=input.address,
            )
            return await organization_services.create(info.context.actor, data=data)

        org, errors = await run_mutation(info, work)
        return OrganizationPayload(
            organization=OrganizationType.from_model(org) if org else None, errors=errors
        )

    @strawberry.mutation(permission_classes=EDITORS)
    async def update_organization(
        self, info: Info, input: UpdateOrganizationInput
    ) -> OrganizationPayload:
        async def work() -> Any:
            changes = provided(
                input,
                {
                    "name": "name",
                    "kind": "kind",
                    "admin_unit_code": "admin_unit_code",
                    "contact_phone": "contact_phone",
                    "contact_email": "contact_email",
                    "address": "address",
                },
            )
            if "kind" in changes:
                changes["kind"] = enum_value(changes["kind"])
            if input.parent_id is not UNSET:
                changes["parent_id"] = global_int(input.parent_id, "Organization", "parentId")
            return await organization_services.update(
                info.context.actor,
                organization_id=required_int(input.id, "Organization", "id"),
                changes=changes,
            )

        org, errors = await run_mutation(info, work)
        return OrganizationPayload(
            organization=OrganizationType.from_model(org) if org else None, errors=errors
        )

    @strawberry.mutation(
        description="Deactivate (or, with active: true, reactivate) an organisation.",
        permission_classes=EDITORS,
    )
    async def deactivate_organization(
        self, info: Info, input: SetOrganizationActiveInput
    ) -> OrganizationPayload:
        async def work() -> Any:
            return await organization_services.set_active(
                info.context.actor,
                organization_id=required_int(input.id, "Organization", "id"),
                active=input.active,
            )

        org, errors = await run_mutation(info, work)
        return OrganizationPayload(
            organization=OrganizationType.from_model(org) if org else None, errors=errors
        )

    @strawberry.mutation(permission_classes=EDITORS)
    async def create_member(self, info: Info, input: CreateMemberInput) -> MemberPayload:
        async def work() -> Any:
            data = MemberData(
                full_name=input.full_name,
                organization_id=required_int(
                    input.organization_id, "Organization", "organizationId"
                ),
                phone=input.phone,
                email=input.email,
                national_id=input.national_id,
                position=input.position,
                it_qualification=enum_value(input.it_qualification),
                roles=[enum_value(r) for r in input.roles],
                joined_on=input.joined_on,
            )
            return await member_services.create(info.context.actor, data=data)

        member, errors = await run_mutation(info, work)
        return MemberPayload(
            member=MemberType.from_model(member, info) if member else None, errors=errors
        )

    @strawberry.mutation(permission_classes=EDITORS)
    async def update_member(self, info: Info, input: UpdateMemberInput) -> MemberPayload:
        async def work() -> Any:
            changes = provided(
                input,
                {
                    "full_name": "full_name",
                    "phone": "phone",
                    "email": "email",
                    "national_id": "national_id",
                    "position": "position",
                    "it_qualification": "it_qualification",
                    "roles": "roles",
                    "joined_on": "joined_on",
                },
            )
            if "it_qualification" in changes:
                changes["it_qualification"] = enum_value(changes["it_qualification"])
            if "roles" in changes:
                changes["roles"] = [enum_value(r) for r in changes["roles"] or []]
            if input.organization_id is not UNSET and input.organization_id is not None:
                changes["organization_id"] = required_int(
                    input.organization_id, "Organization", "organizationId"
                )
            return await member_services.update(
                info.context.actor,
                member_id=required_int(input.id, "Member", "id"),
                changes=changes,
            )

        member, errors = await run_mutation(info, work)
        return MemberPayload(
            member=MemberType.from_model(member, info) if member else None, errors=errors
        )

    @strawberry.mutation(permission_classes=EDITORS)
    async def deactivate_member(self, info: Info, input: DeactivateMemberInput) -> MemberPayload:
        async def work() -> Any:
            return await member_services.deactivate(
                info.context.actor,
                member_id=required_int(input.id, "Member", "id"),
                status=MemberStatus(enum_value(input.status)),
                left_on=input.left_on,
            )

        member, errors = await run_mutation(info, work)
        return MemberPayload(
            member=MemberType.from_model(member, info) if member else None, errors=errors
        )

    @strawberry.mutation(permission_classes=EDITORS)
    async def designate_focal_point(
        self, info: Info, input: DesignateFocalPointInput
    ) -> DesignateFocalPointPayload:
        async def work() -> Any:
            organization_id = required_int(input.organization_id, "Organization", "organizationId")
            await member_services.designate_focal_point(
                info.context.actor,
                organization_id=organization_id,
                member_id=required_int(input.member_id, "Member", "memberId"),
                replace_existing=input.replace_existing,
            )
            return await organization_services.get(
                info.context.actor, organization_id=organization_id
            )

        org, errors = await run_mutation(info, work)
        return DesignateFocalPointPayload(
            organization=OrganizationType.from_model(org) if org else None, errors=errors
        )

    @strawberry.mutation(
        description="Record that a member has access to, or actively uses, a national platform.",
        permission_classes=[IsAuthenticated],
    )
    async def record_platform_adoption(
        self, info: Info, input: RecordPlatformAdoptionInput
    ) -> PlatformAdoptionPayload:
        async def work() -> Any:
            adoption = await member_services.record_platform_adoption(
                info.context.actor,
                member_id=required_int(input.member_id, "Member", "memberId"),
                platform_code=input.platform_code,
                status=enum_value(input.status),
                since=input.since,
            )
            await adoption.fetch_related("platform")
            return adoption

        adoption, errors = await run_mutation(info, work)
        return PlatformAdoptionPayload(
            adoption=PlatformAdoptionType.from_model(adoption) if adoption else None, errors=errors
        )
