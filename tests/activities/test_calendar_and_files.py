"""iCalendar feeds parsed with ``icalendar``, certificate pages, field photo uploads."""

from __future__ import annotations

from datetime import timedelta

import httpx
from icalendar import Calendar
from tortoise.transactions import in_transaction

from activities import attendance, campaigns, checkin, invitations, tokens
from activities.campaigns import CampaignData, FieldLogData
from activities.models import Attendance, FieldActivityKind, FieldPhoto
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from tests.activities.activity_data import NOW, SECRET, make_event
from tests.helpers import sign_in
from tests.network.registry_data import Registry

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 64


def _events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


async def test_unit_feed_parses_and_carries_no_personal_data(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    event = await make_event(
        system, unit="96", starts_in=timedelta(days=3), trainer="Nguyễn Văn Giảng", agenda="Riêng"
    )
    await make_event(system, unit="31843", starts_in=timedelta(days=4), title="Lớp Hồng Dân")
    await invitations.invite(
        system,
        event_id=event.id,
        audience=invitations.Audience(member_ids=[registry.team_leader.id]),
    )

    response = await client.get("/calendar/unit/32002.ics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    entries = _events(response.content)
    assert list(entries) == [f"event-{event.id}@testserver"]
    entry = entries[f"event-{event.id}@testserver"]
    assert entry["DTSTART"].dt == event.starts_at  # type: ignore[index]
    assert entry["DTEND"].dt == event.ends_at  # type: ignore[index]
    assert str(entry["SUMMARY"]) == "Tập huấn kỹ năng số"  # type: ignore[index]
    assert str(entry["LOCATION"]) == "Hội trường UBND phường"  # type: ignore[index]
    text = response.content.decode()
    leader = registry.team_leader
    assert leader.phone
    for personal in ("Giảng", "Riêng", leader.full_name, leader.phone, "@example.vn"):
        assert personal not in text
    assert (await client.get("/calendar/unit/nope.ics")).status_code == 404


async def test_member_feed_follows_invitations_and_dies_with_revocation(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    invited = await make_event(system, starts_in=timedelta(days=2), trainer="Cô Lan")
    await make_event(system, starts_in=timedelta(days=5), title="Không được mời")
    await invitations.invite(
        system,
        event_id=invited.id,
        audience=invitations.Audience(member_ids=[registry.team_leader.id]),
    )
    token = await tokens.issue(
        SECRET, member_id=registry.team_leader.id, purpose=tokens.Purpose.CALENDAR
    )
    qr_token = await tokens.issue(SECRET, member_id=registry.team_leader.id)

    response = await client.get(f"/calendar/member/{token}.ics")
    as_qr = await client.get(f"/calendar/member/{qr_token}.ics")
    await tokens.revoke(system, member_id=registry.team_leader.id)
    revoked = await client.get(f"/calendar/member/{token}.ics")

    assert response.status_code == 200
    entries = _events(response.content)
    assert list(entries) == [f"event-{invited.id}@testserver"]
    assert "Cô Lan" in str(entries[f"event-{invited.id}@testserver"]["DESCRIPTION"])  # type: ignore[index]
    assert as_qr.status_code == 404  # a QR token is not a calendar token
    assert revoked.status_code == 404


async def test_certificate_page_for_a_completed_training(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    event = await make_event(system, pass_mark=50)
    async with in_transaction():
        done = await checkin.check_in(
            system,
            secret=SECRET,
            client_id="cert-0001-aaaa",
            event_id=event.id,
            member_id=registry.team_leader.id,
        )
    assert attendance.certificate_token(SECRET, done.attendance) is None  # not passed yet
    (row,) = await attendance.record_scores(
        system, event_id=event.id, scores=[(registry.team_leader.id, 90)]
    )
    token = attendance.certificate_token(SECRET, row)
    assert token is not None

    vi = await client.get(f"/certificates/{token}")
    en = await client.get(f"/certificates/{token}", headers={"accept-language": "en"})
    forged = await client.get(f"/certificates/{token[:-2]}xx")

    assert vi.status_code == 200 and "GIẤY CHỨNG NHẬN" in vi.text
    assert "Huỳnh Văn Em" in vi.text and "90/100" in vi.text
    assert "CERTIFICATE OF COMPLETION" in en.text
    assert forged.status_code == 404


async def test_field_photos_upload_once_per_content(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    campaign = await campaigns.create(
        system,
        data=CampaignData(
            title="Bình dân học vụ số",
            admin_unit_code="96",
            starts_on=today_in_vietnam() - timedelta(days=5),
            ends_on=today_in_vietnam() + timedelta(days=5),
        ),
    )
    await campaigns.log_field_activity(
        system,
        data=FieldLogData(
            client_id="log-photo-0001",
            campaign_id=campaign.id,
            admin_unit_code="32002",
            happened_at=NOW - timedelta(hours=2),
            kind=FieldActivityKind.DOOR_TO_DOOR,
            people_reached=12,
        ),
    )
    url = "/uploads/field-photos/log-photo-0001"
    anonymous = await client.post(url, content=PNG, headers={"content-type": "image/png"})
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    raw = {"content-type": "application/octet-stream"}

    first = await client.post(url, content=PNG, headers=raw)
    again = await client.post(url, content=PNG, headers=raw)
    second = await client.post(url, content=JPEG, headers={"content-type": "image/png"})
    exe = await client.post(url, content=b"MZ\x90\x00" * 20, headers=raw)
    unknown = await client.post("/uploads/field-photos/no-such-log", content=PNG, headers=raw)

    assert anonymous.status_code == 401
    assert first.status_code == 201 and first.json()["contentType"] == "image/png"
    assert again.status_code == 200
    assert second.status_code == 201 and second.json()["contentType"] == "image/jpeg"
    assert exe.status_code == 415
    assert exe.json()["errors"][0]["code"] == "UNSUPPORTED_PHOTO_TYPE"
    assert unknown.status_code == 404
    assert await FieldPhoto.all().count() == 2


async def test_a_member_can_only_check_in_once_per_event_in_history(
    system: Actor, registry: Registry
) -> None:
    from network.models import Member

    event = await make_event(system)
    async with in_transaction():
        await checkin.check_in(
            system,
            secret=SECRET,
            client_id="hist-0001-aa",
            event_id=event.id,
            member_id=registry.team_leader.id,
        )
    member = await Member.get(id=registry.team_leader.id)
    actor = Actor(
        kind="user",
        roles=frozenset({Role.FIELD_STAFF}),
        scope_path="/96/31843/",
        scope_code="31843",
        user_id=1,
        member_id=member.id,
        label="u",
    )
    history = await attendance.training_history(actor, member=member)
    assert [a.event.title for a in history] == ["Tập huấn kỹ năng số"]
    assert await Attendance.all().count() == 1
