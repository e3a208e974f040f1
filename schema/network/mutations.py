"""Mutations of the Network registry: one input, a payload with the result and errors."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import UNSET, relay
from strawberry.types import Info

from network import members as member_services
from network import organizations as organization_services
from network.members import MemberData
from network.models import Member, MemberStatus, Organization, PlatformAdoption
from network.organizations import OrganizationData
from schema.core.errors import UserError
from schema.core.ids import enum_value, global_int, required_int
from schema.core.inputs import provided, to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS, IsAuthenticated
from schema.network.admin_units import AdminUnitMutation
from schema.network.imports import ImportMutation
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
    organization: OrganizationType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


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
    member: MemberType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class DesignateFocalPointInput:
    organization_id: relay.GlobalID
    member_id: relay.GlobalID
    replace_existing: bool = strawberry.field(
        default=False, description="End the organisation's other current focal points."
    )


@strawberry.type
class DesignateFocalPointPayload:
    organization: OrganizationType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RecordPlatformAdoptionInput:
    member_id: relay.GlobalID
    platform_code: str
    status: AdoptionStatusEnum  # type: ignore[valid-type]
    since: date | None = None


@strawberry.type
class PlatformAdoptionPayload:
    adoption: PlatformAdoptionType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def organization_payload(org: Organization) -> OrganizationPayload:
    return OrganizationPayload(organization=OrganizationType.from_model(org))


@strawberry.type
class RegistryMutation:
    @strawberry.mutation(permission_classes=EDITORS)
    async def create_organization(
        self, info: Info, input: CreateOrganizationInput
    ) -> OrganizationPayload:
        async def work() -> Organization:
            parent_id = global_int(input.parent_id, "Organization", "parentId")
            data = to_domain(input, OrganizationData, parent_id=parent_id)
            return await organization_services.create(info.context.actor, data=data)

        return await mutate(info, work, organization_payload, OrganizationPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def update_organization(
        self, info: Info, input: UpdateOrganizationInput
    ) -> OrganizationPayload:
        async def work() -> Organization:
            changes = provided(input, skip=("id", "parent_id"))
            if "kind" in changes:
                changes["kind"] = enum_value(changes["kind"])
            if input.parent_id is not UNSET:
                changes["parent_id"] = global_int(input.parent_id, "Organization", "parentId")
            organization_id = required_int(input.id, "Organization", "id")
            return await organization_services.update(
                info.context.actor, organization_id=organization_id, changes=changes
            )

        return await mutate(info, work, organization_payload, OrganizationPayload)

    @strawberry.mutation(
        description="Deactivate (or, with active: true, reactivate) an organisation.",
        permission_classes=EDITORS,
    )
    async def deactivate_organization(
        self, info: Info, input: SetOrganizationActiveInput
    ) -> OrganizationPayload:
        async def work() -> Organization:
            organization_id = required_int(input.id, "Organization", "id")
            return await organization_services.set_active(
                info.context.actor, organization_id=organization_id, active=input.active
            )

        return await mutate(info, work, organization_payload, OrganizationPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def create_member(self, info: Info, input: CreateMemberInput) -> MemberPayload:
        async def work() -> Member:
            organization_id = required_int(input.organization_id, "Organization", "organizationId")
            data = to_domain(input, MemberData, organization_id=organization_id)
            return await member_services.create(info.context.actor, data=data)

        return await mutate(info, work, lambda m: member_payload(info, m), MemberPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def update_member(self, info: Info, input: UpdateMemberInput) -> MemberPayload:
        async def work() -> Member:
            changes = provided(input, skip=("id", "organization_id"))
            if "it_qualification" in changes:
                changes["it_qualification"] = enum_value(changes["it_qualification"])
            if "roles" in changes:
                changes["roles"] = [enum_value(r) for r in changes["roles"] or []]
            if input.organization_id is not UNSET and input.organization_id is not None:
                changes["organization_id"] = required_int(
                    input.organization_id, "Organization", "organizationId"
                )
            member_id = required_int(input.id, "Member", "id")
            return await member_services.update(
                info.context.actor, member_id=member_id, changes=changes
            )

        return await mutate(info, work, lambda m: member_payload(info, m), MemberPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def deactivate_member(self, info: Info, input: DeactivateMemberInput) -> MemberPayload:
        async def work() -> Member:
            return await member_services.deactivate(
                info.context.actor,
                member_id=required_int(input.id, "Member", "id"),
                status=MemberStatus(enum_value(input.status)),
                left_on=input.left_on,
            )

        return await mutate(info, work, lambda m: member_payload(info, m), MemberPayload)

    @strawberry.mutation(permission_classes=EDITORS)
    async def designate_focal_point(
        self, info: Info, input: DesignateFocalPointInput
    ) -> DesignateFocalPointPayload:
        async def work() -> Organization:
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

        def present(org: Organization) -> DesignateFocalPointPayload:
            return DesignateFocalPointPayload(organization=OrganizationType.from_model(org))

        return await mutate(info, work, present, DesignateFocalPointPayload)

    @strawberry.mutation(
        description="Record that a member has access to, or actively uses, a national platform.",
        permission_classes=[IsAuthenticated],
    )
    async def record_platform_adoption(
        self, info: Info, input: RecordPlatformAdoptionInput
    ) -> PlatformAdoptionPayload:
        async def work() -> PlatformAdoption:
            adoption = await member_services.record_platform_adoption(
                info.context.actor,
                member_id=required_int(input.member_id, "Member", "memberId"),
                platform_code=input.platform_code,
                status=enum_value(input.status),
                since=input.since,
            )
            await adoption.fetch_related("platform")
            return adoption

        def present(adoption: PlatformAdoption) -> PlatformAdoptionPayload:
            return PlatformAdoptionPayload(adoption=PlatformAdoptionType.from_model(adoption))

        return await mutate(info, work, present, PlatformAdoptionPayload)


@strawberry.type
class NetworkMutation(AdminUnitMutation, RegistryMutation, ImportMutation):
    """The Network's mutations: the administrative tree, the registry and its imports."""


def member_payload(info: Info, member: Member) -> MemberPayload:
    return MemberPayload(member=MemberType.from_model(member, info))
