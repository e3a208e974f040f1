"""QR tokens and check-in: forgery, expiry, revocation, the window, capacity, exactly-once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from tortoise.transactions import in_transaction

from activities import checkin, tokens
from activities.checkin import CheckInResult
from activities.models import Attendance, MemberToken
from core.actor import Actor, Role
from core.errors import DomainError, ValidationFailed
from tests.activities.activity_data import NOW, SECRET, make_event
from tests.network.registry_data import Registry


def _code(error: DomainError) -> str:
    return error.errors[0].code if isinstance(error, ValidationFailed) else error.code


async def _check_in(system: Actor, event_id: int, **kwargs: object) -> checkin.CheckIn:
    async with in_transaction():
        return await checkin.check_in(
            system,
            secret=SECRET,
            event_id=event_id,
            **kwargs,  # type: ignore[arg-type]
        )


async def test_a_qr_token_checks_the_member_in_once(system: Actor, registry: Registry) -> None:
    event = await make_event(system)
    token = await tokens.issue(SECRET, member_id=registry.team_leader.id)

    first = await _check_in(system, event.id, client_id="phone-a-0001", member_qr_token=token)
    again = await _check_in(system, event.id, client_id="phone-a-0001", member_qr_token=token)
    other_device = await _check_in(
        system, event.id, client_id="phone-b-0001", member_id=registry.team_leader.id
    )

    assert first.result == CheckInResult.CREATED and first.attendance.via_qr
    assert first.attendance.walk_in  # not invited: registered on the spot
    assert again.result == CheckInResult.DUPLICATE
    assert other_device.result == CheckInResult.ALREADY_CHECKED_IN
    assert again.attendance.id == other_device.attendance.id == first.attendance.id
    assert await Attendance.all().count() == 1


async def test_a_client_id_reused_for_another_member_is_a_conflict(
    system: Actor, registry: Registry
) -> None:
    event = await make_event(system)
    await _check_in(system, event.id, client_id="phone-a-0001", member_id=registry.team_leader.id)

    with pytest.raises(ValidationFailed) as caught:
        await _check_in(
            system, event.id, client_id="phone-a-0001", member_id=registry.an_xuyen_staff.id
        )

    assert _code(caught.value) == "CLIENT_ID_CONFLICT"
    assert await Attendance.all().count() == 1


def _forge(token: str) -> list[str]:
    payload, _, tag = token.partition(".")
    other = tokens.sign("another-secret-" + "y" * 32, tokens.Purpose.QR, 1, 1, NOW)
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    calendar = tokens.sign(SECRET, tokens.Purpose.CALENDAR, 1, 1, NOW)
    return [other, f"{flipped}.{tag}", f"{payload}.", "garbage", calendar, payload]


@pytest.mark.parametrize("variant", range(6))
async def test_forged_tokens_are_refused_and_change_nothing(
    system: Actor, registry: Registry, variant: int
) -> None:
    event = await make_event(system)
    token = await tokens.issue(SECRET, member_id=registry.team_leader.id)

    with pytest.raises(ValidationFailed) as caught:
        await _check_in(
            system, event.id, client_id="phone-a-0001", member_qr_token=_forge(token)[variant]
        )

    assert _code(caught.value) == "INVALID_TOKEN"
    assert await Attendance.all().count() == 0


async def test_revoked_and_expired_tokens_are_refused(system: Actor, registry: Registry) -> None:
    event = await make_event(system)
    member_id = registry.team_leader.id
    old = await tokens.issue(SECRET, member_id=member_id)
    stale = tokens.sign(SECRET, tokens.Purpose.QR, member_id, 1, NOW - timedelta(days=401))

    assert await tokens.revoke(system, member_id=member_id) == 2
    fresh = await tokens.issue(SECRET, member_id=member_id)

    for token, code in ((old, "TOKEN_REVOKED"), (stale, "TOKEN_EXPIRED")):
        with pytest.raises(ValidationFailed) as caught:
            await _check_in(system, event.id, client_id="phone-a-0001", member_qr_token=token)
        assert _code(caught.value) == code
    assert await Attendance.all().count() == 0
    done = await _check_in(system, event.id, client_id="phone-a-0001", member_qr_token=fresh)
    assert done.result == CheckInResult.CREATED
    assert (await MemberToken.get(member_id=member_id)).version == 2


@pytest.mark.parametrize(
    ("starts_in", "checked_in_after_start", "code"),
    [
        (timedelta(hours=3), None, "EVENT_NOT_STARTED"),
        (timedelta(days=-3), None, "EVENT_ENDED"),
        (timedelta(hours=-1), timedelta(hours=-3), "EVENT_NOT_STARTED"),
        (timedelta(hours=-1), timedelta(hours=2), "DATE_IN_FUTURE"),
    ],
)
async def test_check_in_outside_the_window_is_refused(
    system: Actor,
    registry: Registry,
    starts_in: timedelta,
    checked_in_after_start: timedelta | None,
    code: str,
) -> None:
    event = await make_event(system, starts_in=starts_in)
    when = event.starts_at + checked_in_after_start if checked_in_after_start else None

    with pytest.raises(ValidationFailed) as caught:
        await _check_in(
            system,
            event.id,
            client_id="phone-a-0001",
            member_id=registry.team_leader.id,
            checked_in_at=when,
        )

    assert _code(caught.value) == code
    assert await Attendance.all().count() == 0


async def test_an_offline_check_in_synced_the_next_day_is_accepted(
    system: Actor, registry: Registry
) -> None:
    event = await make_event(system, starts_in=timedelta(hours=-30), hours=3)

    done = await _check_in(
        system,
        event.id,
        client_id="phone-a-0001",
        member_id=registry.team_leader.id,
        checked_in_at=event.starts_at + timedelta(minutes=5),
    )

    assert done.result == CheckInResult.CREATED
    assert done.attendance.checked_in_at == event.starts_at + timedelta(minutes=5)


async def test_capacity_counts_walk_ins(system: Actor, registry: Registry) -> None:
    event = await make_event(system, capacity=2)
    await _check_in(system, event.id, client_id="phone-a-0001", member_id=registry.team_leader.id)
    await _check_in(
        system, event.id, client_id="phone-a-0002", member_id=registry.an_xuyen_staff.id
    )

    with pytest.raises(ValidationFailed) as caught:
        await _check_in(system, event.id, client_id="phone-a-0003", member_id=registry.director.id)
    again = await _check_in(
        system, event.id, client_id="phone-b-0009", member_id=registry.team_leader.id
    )

    assert _code(caught.value) == "OVER_CAPACITY"
    assert again.result == CheckInResult.ALREADY_CHECKED_IN
    assert await Attendance.filter(event_id=event.id).count() == 2


async def test_twenty_concurrent_identical_check_ins_store_exactly_one(
    system: Actor, registry: Registry
) -> None:
    event = await make_event(system, capacity=1)
    token = await tokens.issue(SECRET, member_id=registry.team_leader.id)

    async def attempt() -> str:
        done = await _check_in(system, event.id, client_id="phone-a-0001", member_qr_token=token)
        return done.result.value

    outcomes = await asyncio.gather(*(attempt() for _ in range(20)))

    assert sorted(outcomes) == ["CREATED"] + ["DUPLICATE"] * 19
    assert await Attendance.all().count() == 1


async def test_concurrent_check_ins_of_one_member_from_many_phones_store_one(
    system: Actor, registry: Registry
) -> None:
    event = await make_event(system)

    async def attempt(i: int) -> str:
        done = await _check_in(
            system, event.id, client_id=f"phone-{i:02d}-0001", member_id=registry.team_leader.id
        )
        return done.result.value

    outcomes = await asyncio.gather(*(attempt(i) for i in range(20)))

    assert sorted(outcomes) == ["ALREADY_CHECKED_IN"] * 19 + ["CREATED"]
    assert await Attendance.all().count() == 1


async def test_field_staff_register_a_new_walk_in_exactly_once(
    system: Actor, registry: Registry
) -> None:
    from network.models import Member
    from tests.helpers import actor_for

    staff = await actor_for(system, Role.FIELD_STAFF, "32002", username="canbo")
    event = await make_event(system)
    walk_in = checkin.WalkIn(
        full_name="Tạ Thị Mỹ", phone="+84 971 234 567", organization_id=registry.team_an_xuyen.id
    )

    first = await _check_in(staff, event.id, client_id="door-0001", walk_in=walk_in)
    retry = await _check_in(staff, event.id, client_id="door-0001", walk_in=walk_in)
    again_elsewhere = await _check_in(staff, event.id, client_id="door-0002", walk_in=walk_in)

    person = await Member.get(phone="0971234567")
    assert (person.full_name, person.unit_path, person.organization_id) == (
        "Tạ Thị Mỹ",
        "/96/32002/",
        registry.team_an_xuyen.id,
    )
    assert first.result == CheckInResult.CREATED and first.attendance.walk_in
    assert first.attendance.member_id == person.id
    assert retry.result == CheckInResult.DUPLICATE
    assert again_elsewhere.result == CheckInResult.ALREADY_CHECKED_IN
    assert await Member.filter(phone="0971234567").count() == 1
    assert await Attendance.all().count() == 1


async def test_a_bad_walk_in_changes_nothing(system: Actor, registry: Registry) -> None:
    from network.models import Member

    event = await make_event(system)
    before = await Member.all().count()

    with pytest.raises(ValidationFailed) as caught:
        await _check_in(
            system,
            event.id,
            client_id="door-0003",
            walk_in=checkin.WalkIn(
                full_name="X", phone="12", organization_id=registry.team_an_xuyen.id
            ),
        )

    assert sorted(e.code for e in caught.value.errors) == ["INVALID_LENGTH", "INVALID_PHONE"]
    assert await Member.all().count() == before
    assert await Attendance.all().count() == 0


async def _people(registry: Registry, count: int, unit_org_id: int | None = None) -> list[int]:
    """``count`` more active members of the An Xuyên tech team (ward 32002)."""
    from network.models import Member

    team = registry.team_an_xuyen
    created = [
        await Member.create(
            full_name=f"Người tham dự {n:02d}",
            name_folded=f"nguoi tham du {n:02d}",
            phone=f"09130000{n:02d}",
            organization_id=unit_org_id or team.id,
            admin_unit_id=team.admin_unit_id,
            unit_path=team.unit_path,
            roles="",
            joined_on=NOW.date(),
        )
        for n in range(count)
    ]
    return [m.id for m in created]


async def test_twenty_concurrent_check_ins_fill_a_capacity_of_five_exactly(
    system: Actor, registry: Registry
) -> None:
    """Given an event for five and twenty different people checked in at once (each in
    its own transaction, on PostgreSQL each on its own connection), exactly five are in."""
    event = await make_event(system, capacity=5)
    people = await _people(registry, 20)

    async def attempt(i: int, member_id: int) -> str:
        try:
            done = await _check_in(
                system, event.id, client_id=f"door-{i:02d}-0001", member_id=member_id
            )
        except ValidationFailed as error:
            return _code(error)
        return done.result.value

    outcomes = await asyncio.gather(*(attempt(i, m) for i, m in enumerate(people)))

    assert sorted(outcomes) == ["CREATED"] * 5 + ["OVER_CAPACITY"] * 15
    assert await Attendance.filter(event_id=event.id).count() == 5


async def _field_staff(system: Actor, username: str, unit: str) -> Actor:
    from tests.helpers import actor_for

    return await actor_for(system, Role.FIELD_STAFF, unit, username=username)


async def test_field_staff_cannot_check_in_a_member_of_another_commune(
    system: Actor, registry: Registry
) -> None:
    """Given Hồng Dân's field staff at Hồng Dân's own event, a member of An Xuyên who was
    not invited is refused: their name, organisation and training score stay in An Xuyên."""
    hong_dan = await _field_staff(system, "canbo.hongdan", "31843")
    event = await make_event(system, unit="31843")

    with pytest.raises(ValidationFailed) as caught:
        await _check_in(
            hong_dan, event.id, client_id="door-hd-0001", member_id=registry.an_xuyen_staff.id
        )
    own = await _check_in(
        hong_dan, event.id, client_id="door-hd-0002", member_id=registry.hong_dan_officer.id
    )

    assert _code(caught.value) == "OUT_OF_SCOPE"
    assert own.result == CheckInResult.CREATED
    assert await Attendance.filter(event_id=event.id).count() == 1


async def test_an_invited_member_from_elsewhere_may_be_checked_in(
    system: Actor, registry: Registry
) -> None:
    """Given a province training to which the province invited An Xuyên's staff, Hồng
    Dân's field staff at the door may check that invited member in."""
    from activities import invitations

    hong_dan = await _field_staff(system, "canbo.hongdan", "31843")
    event = await make_event(system, unit="96")
    await invitations.invite(
        system,
        event_id=event.id,
        audience=invitations.Audience(member_ids=[registry.an_xuyen_staff.id]),
    )

    done = await _check_in(
        hong_dan, event.id, client_id="door-hd-0003", member_id=registry.an_xuyen_staff.id
    )

    assert done.result == CheckInResult.CREATED and not done.attendance.walk_in


@pytest.mark.parametrize("unit", ["32002", "96"])
async def test_a_replayed_client_id_is_scope_checked_before_it_is_answered(
    system: Actor, registry: Registry, unit: str
) -> None:
    """Given An Xuyên's staff checked in (at an An Xuyên event, or at a province event),
    Hồng Dân's field staff re-sending that client id does not get the stored attendance."""
    hong_dan = await _field_staff(system, "canbo.hongdan", "31843")
    event = await make_event(system, unit=unit)
    await _check_in(
        system, event.id, client_id="door-ax-0001", member_id=registry.an_xuyen_staff.id
    )

    with pytest.raises(DomainError) as caught:
        await _check_in(
            hong_dan, event.id, client_id="door-ax-0001", member_id=registry.an_xuyen_staff.id
        )

    assert _code(caught.value) == ("EVENT_NOT_FOUND" if unit == "32002" else "OUT_OF_SCOPE")
