"""Organisations, members, focal points and platform adoption at the service level."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from accounts import services as accounts
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.models import AuditEvent
from network import members, organizations
from network.members import MemberData
from network.models import (
    AdoptionStatus,
    FocalPointDesignation,
    ITQualification,
    Member,
    MemberStatus,
    NetworkRole,
    OrganizationKind,
)
from network.organizations import OrganizationData
from tests.helpers import actor_for
from tests.network.registry_data import build_registry


def codes(error: ValidationFailed) -> list[tuple[str | None, str]]:
    return sorted((e.field, e.code) for e in error.errors)


async def refused_member(actor: Actor, **data: Any) -> list[tuple[str | None, str]]:
    """The sorted (field, code) pairs ``members.create`` refuses ``data`` with."""
    with pytest.raises(ValidationFailed) as caught:
        await members.create(actor, data=MemberData(**data))
    return codes(caught.value)


async def test_member_contact_details_are_normalised_and_searchable(system: Actor) -> None:
    registry = await build_registry(system)
    member = await members.create(
        system,
        data=MemberData(
            full_name="  Phạm   Thị  Đào ",
            organization_id=registry.pc_an_xuyen.id,
            phone="+84 98 765 4321",
            email="Dao.Pham@CaMau.gov.VN",
            national_id="096 123 456 789",
        ),
    )

    assert (member.full_name, member.phone, member.email, member.national_id) == (
        "Phạm Thị Đào",
        "0987654321",
        "dao.pham@camau.gov.vn",
        "096123456789",
    )
    assert (member.unit_path, member.name_folded) == ("/96/32002/", "pham thi dao")
    found = await members.get_all(system, search="dao").values_list("full_name", flat=True)
    assert found == ["Phạm Thị Đào"]


async def test_bad_member_input_reports_every_field(system: Actor) -> None:
    registry = await build_registry(system)

    refused = await refused_member(
        system,
        full_name="A",
        organization_id=registry.pc_an_xuyen.id,
        phone="12345",
        email="not-an-email",
        national_id="12",
        roles=["KING"],
        joined_on=today_in_vietnam() + timedelta(days=3),
    )

    assert refused == [
        ("email", "INVALID_EMAIL"),
        ("fullName", "INVALID_LENGTH"),
        ("joinedOn", "DATE_IN_FUTURE"),
        ("nationalId", "INVALID_NATIONAL_ID"),
        ("phone", "INVALID_PHONE"),
        ("roles", "INVALID_CHOICE"),
    ]
    assert await Member.filter(full_name="A").count() == 0


async def test_duplicate_phone_and_email_are_refused(system: Actor) -> None:
    registry = await build_registry(system)

    refused = await refused_member(
        system,
        full_name="Người Trùng",
        organization_id=registry.pc_hong_dan.id,
        phone="0912 000 001",
        email="0912000002@EXAMPLE.vn",
    )

    assert refused == [("email", "DUPLICATE_EMAIL"), ("phone", "DUPLICATE_PHONE")]


async def test_a_contact_held_outside_the_managers_area_is_refused_without_naming_it(
    system: Actor,
) -> None:
    """Given Hồng Dân's manager, a phone held in An Xuyên and an email held at the
    province are refused with FORBIDDEN, not DUPLICATE_*, so the form is no oracle."""
    registry = await build_registry(system)
    manager = await actor_for(system, Role.UNIT_MANAGER, "31843")

    refused = await refused_member(
        manager,
        full_name="Người Trùng",
        organization_id=registry.pc_hong_dan.id,
        phone=registry.an_xuyen_staff.phone,
        email=registry.director.email,
    )

    assert refused == [("email", "FORBIDDEN"), ("phone", "FORBIDDEN")]


async def test_manager_works_only_inside_their_scope(system: Actor) -> None:
    registry = await build_registry(system)
    manager = await actor_for(system, Role.UNIT_MANAGER, "32002")

    visible = await members.get_all(manager).values_list("full_name", flat=True)
    assert sorted(visible) == ["Huỳnh Văn Em", "Lê Văn Cường", "Trần Thị Bích"]
    refused = await refused_member(
        manager, full_name="Ngoài Phạm Vi", organization_id=registry.pc_hong_dan.id
    )
    assert refused == [("organizationId", "ORGANIZATION_NOT_FOUND")]
    with pytest.raises(ValidationFailed) as org_caught:
        await organizations.create(
            manager,
            data=OrganizationData(
                name="Hợp tác xã Hồng Dân",
                kind=OrganizationKind.ENTERPRISE,
                admin_unit_code="31843",
            ),
        )
    assert codes(org_caught.value) == [("adminUnitCode", "OUT_OF_SCOPE")]


@pytest.mark.parametrize("role", [Role.FIELD_STAFF, Role.COMMITTEE_MEMBER])
async def test_only_editors_change_the_registry(system: Actor, role: Role) -> None:
    registry = await build_registry(system)
    actor = await actor_for(system, role, "96")

    assert await members.get_all(actor).count() == 5
    with pytest.raises(PermissionDenied):
        await members.update(actor, member_id=registry.director.id, changes={"position": "x"})


async def test_partner_key_needs_read_network(system: Actor) -> None:
    await build_registry(system)
    _key, raw = await accounts.create_api_key(system, name="Only surveys", scopes=["read:surveys"])
    key, unit = await accounts.resolve_api_key(raw=raw)

    with pytest.raises(PermissionDenied):
        members.get_all(accounts.actor_for_api_key(key, unit))


async def test_update_records_changed_field_names_but_never_values(system: Actor) -> None:
    registry = await build_registry(system)

    await members.update(
        system,
        member_id=registry.an_xuyen_staff.id,
        changes={
            "phone": "0977111222",
            "position": "Công chức văn hóa",
            "full_name": "Lê Văn Cường",
        },
    )

    event = await AuditEvent.filter(action="member.update").get()
    assert event.object_id == str(registry.an_xuyen_staff.id)
    assert event.fields_changed == ["phone", "position"]
    stored = await AuditEvent.all().values_list("fields_changed", "object_id")
    assert "0977111222" not in repr(stored)


async def test_moving_an_organisation_moves_its_members(system: Actor) -> None:
    registry = await build_registry(system)

    await organizations.update(
        system, organization_id=registry.team_an_xuyen.id, changes={"admin_unit_code": "31843"}
    )

    leader = await Member.get(id=registry.team_leader.id)
    assert leader.unit_path == "/96/31843/"


async def test_focal_point_must_belong_to_the_organisation(system: Actor) -> None:
    registry = await build_registry(system)

    with pytest.raises(ValidationFailed) as caught:
        await members.designate_focal_point(
            system, organization_id=registry.pc_hong_dan.id, member_id=registry.director.id
        )

    assert codes(caught.value) == [("memberId", "NOT_ORGANIZATION_MEMBER")]


async def test_replacing_a_focal_point_ends_the_previous_designation(system: Actor) -> None:
    registry = await build_registry(system)

    await members.designate_focal_point(
        system,
        organization_id=registry.pc_an_xuyen.id,
        member_id=registry.an_xuyen_staff.id,
        replace_existing=True,
    )

    current = await FocalPointDesignation.filter(
        organization_id=registry.pc_an_xuyen.id, ended_on=None
    ).values_list("member_id", flat=True)
    assert current == [registry.an_xuyen_staff.id]
    staff = await Member.get(id=registry.an_xuyen_staff.id)
    assert NetworkRole.FOCAL_POINT in staff.role_list


async def test_leaving_ends_focal_point_designations(system: Actor) -> None:
    registry = await build_registry(system)

    await members.deactivate(system, member_id=registry.director.id)

    director = await Member.get(id=registry.director.id)
    assert director.status == MemberStatus.LEFT and director.left_on == today_in_vietnam()
    assert not await FocalPointDesignation.filter(member_id=director.id, ended_on=None).exists()
    assert registry.director.id not in await members.get_all(system).values_list("id", flat=True)


async def test_platform_adoption_is_upserted_and_counted(system: Actor) -> None:
    registry = await build_registry(system)
    field_staff = await actor_for(system, Role.FIELD_STAFF, "32002")

    await members.record_platform_adoption(
        field_staff,
        member_id=registry.an_xuyen_staff.id,
        platform_code="VNEID",
        status=AdoptionStatus.HAS_ACCESS,
    )
    again = await members.record_platform_adoption(
        field_staff,
        member_id=registry.an_xuyen_staff.id,
        platform_code="VNEID",
        status=AdoptionStatus.ACTIVE_USE,
        since=date(2025, 1, 5),
    )
    await members.record_platform_adoption(
        system,
        member_id=registry.an_xuyen_staff.id,
        platform_code="QLVB",
        status=AdoptionStatus.ACTIVE_USE,
    )

    assert (again.status, again.since) == (AdoptionStatus.ACTIVE_USE, date(2025, 1, 5))
    staff = await Member.get(id=registry.an_xuyen_staff.id)
    assert staff.core_platforms == 1  # QLVB is not a core platform
    with pytest.raises(ValidationFailed):
        await members.record_platform_adoption(
            system, member_id=staff.id, platform_code="FACEBOOK", status=AdoptionStatus.HAS_ACCESS
        )
    outsider = await actor_for(system, Role.FIELD_STAFF, "31843")
    with pytest.raises(NotFound):  # out of scope: the member does not exist for them
        await members.record_platform_adoption(
            outsider, member_id=staff.id, platform_code="VNEID", status=AdoptionStatus.HAS_ACCESS
        )


async def test_qualification_scale_is_ordered() -> None:
    assert ITQualification.NONE < ITQualification.IT_VOCATIONAL < ITQualification.IT_POSTGRADUATE


async def test_concurrent_creates_with_one_phone_store_exactly_one_member(system: Actor) -> None:
    import asyncio

    from tortoise.transactions import in_transaction

    registry = await build_registry(system)

    async def attempt(i: int) -> str:
        try:
            async with in_transaction():
                await members.create(
                    system,
                    data=MemberData(
                        full_name=f"Người Thứ {i}",
                        organization_id=registry.pc_hong_dan.id,
                        phone="0966 555 444",
                    ),
                )
            return "created"
        except ValidationFailed as error:
            return error.errors[0].code

    outcomes = await asyncio.gather(*(attempt(i) for i in range(8)))

    assert sorted(outcomes) == ["DUPLICATE_PHONE"] * 7 + ["created"]
    assert await Member.filter(phone="0966555444").count() == 1
