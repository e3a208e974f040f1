"""Events, invitations, RSVP, check-in and campaigns over GraphQL: payload errors in the
caller's language, results for the PWA outbox, scope, partner keys, query counts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
from strawberry.relay import GlobalID

from accounts import services as accounts
from accounts.models import User
from activities.models import Attendance, Event, FieldActivityLog, Invitation
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from core.models import AuditEvent
from network.models import NetworkRole, OrganizationKind
from tests.activities.activity_data import NOW, make_event
from tests.helpers import gql, login, make_user
from tests.network.registry_data import Registry

CREATE_EVENT = """
mutation($input: CreateEventInput!) {
  createEvent(input: $input) {
    event { id title kind startsAt endsAt hours passMark adminUnit { code } }
    occurrences { startsAt seriesKey }
    errors { field code message }
  }
}
"""
INVITE = """
mutation($input: InviteToEventInput!) {
  inviteToEvent(input: $input) { invited alreadyInvited errors { field code message } }
}
"""
RESPOND = """
mutation($input: RespondToInvitationInput!) {
  respondToInvitation(input: $input) { invitation { rsvp respondedAt } errors { code } }
}
"""
CHECK_IN = """
mutation($input: CheckInInput!) {
  checkIn(input: $input) {
    result
    attendance { clientId walkIn viaQr member { fullName } }
    errors { field code message }
  }
}
"""
QR = "query { memberQrToken { token svgDataUri calendarPath expiresAt } }"
EVENTS = """
query($first: Int) {
  events(first: $first) {
    totalCount
    edges { node { id title adminUnit { code } attendanceCount invitationCount } }
  }
}
"""
ATTENDANCE = """
query($id: ID!) {
  eventAttendance(eventId: $id, first: 50) {
    totalCount edges { node { checkedInAt walkIn member { fullName } } }
  }
}
"""
ROSTER = (
    "query($id: ID!) { eventRoster(eventId: $id) { memberPk fullName tokenVersion rsvp attended } }"
)
CAMPAIGN = """
mutation($input: CreateCampaignInput!) {
  createCampaign(input: $input) { campaign { id title targets { adminUnit { code } goalPeople } } errors { field code } }
}
"""
LOG = """
mutation($input: LogFieldActivityInput!) {
  logFieldActivity(input: $input) { result log { peopleReached } errors { field code message } }
}
"""
PROGRESS = """
query($id: ID!) {
  campaignProgress(campaignId: $id) {
    totals { peopleReached householdsReached activities goalPeople peopleRate }
    communes { adminUnit { code } peopleReached goalPeople peopleRate }
  }
}
"""


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


async def _sign_in(
    client: httpx.AsyncClient, system: Actor, role: Role, scope: str, member_id: int | None = None
) -> User:
    user = await make_user(system, "staff", role, scope)
    if member_id is not None:
        await User.filter(id=user.id).update(member_id=member_id)
    await login(client, "staff")
    return user


def _event_input(**overrides: object) -> dict[str, object]:
    starts = NOW + timedelta(days=7)
    return {
        "kind": "TRAINING",
        "title": "Tập huấn VNeID",
        "adminUnitCode": "32002",
        "startsAt": starts.isoformat(),
        "endsAt": (starts + timedelta(hours=4)).isoformat(),
        "place": "Hội trường",
        "hours": 4,
        "passMark": 60,
        **overrides,
    }


async def test_an_event_that_ends_before_it_starts_is_refused_in_english(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _sign_in(client, system, Role.UNIT_MANAGER, "32002")
    starts = NOW + timedelta(days=2)
    bad = _event_input(
        endsAt=(starts - timedelta(hours=1)).isoformat(), startsAt=starts.isoformat(), place=""
    )

    body = await gql(client, CREATE_EVENT, {"input": bad}, headers={"accept-language": "en"})

    payload = body["data"]["createEvent"]
    assert payload["event"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("endsAt", "INVALID_PERIOD"),
        ("place", "PLACE_OR_LINK_REQUIRED"),
    }
    assert "after" in payload["errors"][0]["message"] or "place" in payload["errors"][0]["message"]
    assert await Event.all().count() == 0


async def test_monthly_briefings_are_created_once_for_the_series(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _sign_in(client, system, Role.PROVINCE_ADMIN, "96")
    data = _event_input(
        kind="BRIEFING",
        title="Giao ban Mạng lưới chuyển đổi số",
        adminUnitCode="96",
        startsAt="2030-01-31T14:00:00+07:00",
        endsAt="2030-01-31T16:00:00+07:00",
        hours=None,
        passMark=None,
        recurrence="MONTHLY",
        occurrences=3,
    )

    body = await gql(client, CREATE_EVENT, {"input": data})

    payload = body["data"]["createEvent"]
    assert payload["errors"] == []
    starts = [o["startsAt"][:10] for o in payload["occurrences"]]
    assert starts == ["2030-01-31", "2030-02-28", "2030-03-31"]
    assert len({o["seriesKey"] for o in payload["occurrences"]}) == 1
    assert await AuditEvent.filter(action="event.create").count() == 3


async def test_invitations_by_audience_and_rsvp(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    event = await make_event(system, unit="96", starts_in=timedelta(days=3))
    await _sign_in(client, system, Role.UNIT_MANAGER, "32002", registry.team_leader.id)
    event_id = gid("Event", event.id)

    tech_team = await gql(
        client, INVITE, {"input": {"eventId": event_id, "roles": ["TECH_TEAM_LEADER"]}}
    )
    committees = await gql(
        client,
        INVITE,
        {"input": {"eventId": event_id, "organizationKinds": ["PEOPLES_COMMITTEE"]}},
    )
    named = await gql(
        client,
        INVITE,
        {"input": {"eventId": event_id, "memberIds": [gid("Member", registry.team_leader.id)]}},
    )
    outside = await gql(client, INVITE, {"input": {"eventId": event_id, "adminUnitCode": "31843"}})

    assert tech_team["data"]["inviteToEvent"] == {"invited": 1, "alreadyInvited": 0, "errors": []}
    # The manager of 32002 reaches only the two People's Committee staff of 32002.
    assert committees["data"]["inviteToEvent"]["invited"] == 2
    assert named["data"]["inviteToEvent"]["alreadyInvited"] == 1
    assert outside["data"]["inviteToEvent"]["errors"][0]["code"] == "OUT_OF_SCOPE"
    assert await Invitation.filter(event_id=event.id).count() == 3

    answer = await gql(client, RESPOND, {"input": {"eventId": event_id, "response": "ACCEPTED"}})
    assert answer["data"]["respondToInvitation"]["invitation"]["rsvp"] == "ACCEPTED"
    roster = await gql(client, ROSTER, {"id": event_id})
    entries = {e["memberPk"]: e for e in roster["data"]["eventRoster"]}
    assert entries[registry.team_leader.id]["rsvp"] == "ACCEPTED"
    assert entries[registry.team_leader.id]["tokenVersion"] == 1
    assert len(entries) == 3


async def test_invite_by_role_from_the_province(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    from activities.invitations import Audience, invite

    event = await make_event(system, unit="96", starts_in=timedelta(days=3))
    result = await invite(
        system,
        event_id=event.id,
        audience=Audience(
            roles=[NetworkRole.FOCAL_POINT],
            organization_kinds=[OrganizationKind.PEOPLES_COMMITTEE],
        ),
    )
    assert result.invited == 1  # the An Xuyên officer (the director is in a department)


async def test_check_in_by_qr_over_graphql_reports_results_for_the_outbox(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:
    event = await make_event(system, capacity=10)
    await _sign_in(client, system, Role.FIELD_STAFF, "32002", registry.team_leader.id)
    qr = (await gql(client, QR))["data"]["memberQrToken"]
    assert qr["svgDataUri"].startswith("data:image/svg+xml")
    assert qr["calendarPath"].startswith("/calendar/member/")
    data = {
        "clientId": "pwa-0001-aaaa",
        "eventId": gid("Event", event.id),
        "memberQrToken": qr["token"],
    }

    first = await gql(client, CHECK_IN, {"input": data})
    again = await gql(client, CHECK_IN, {"input": data})
    conflict = await gql(
        client,
        CHECK_IN,
        {"input": {**data, "memberQrToken": None, "memberId": gid("Member", registry.director.id)}},
    )
    forged = await gql(
        client,
        CHECK_IN,
        {"input": {**data, "clientId": "pwa-0002-bbbb", "memberQrToken": qr["token"][:-3] + "AAA"}},
        headers={"accept-language": "en"},
    )

    assert first["data"]["checkIn"]["result"] == "CREATED"
    assert first["data"]["checkIn"]["attendance"]["walkIn"] is True
    assert first["data"]["checkIn"]["attendance"]["member"]["fullName"] == "Huỳnh Văn Em"
    assert again["data"]["checkIn"]["result"] == "DUPLICATE"
    assert conflict["data"]["checkIn"]["result"] == "CONFLICT"
    assert forged["data"]["checkIn"]["result"] == "REJECTED"
    assert forged["data"]["checkIn"]["errors"][0]["message"] == (
        "The QR code is not valid (it was not issued by DXNet)."
    )
    assert await Attendance.all().count() == 1
    assert await AuditEvent.filter(action="event.check_in").count() == 1


async def test_lists_take_a_fixed_number_of_queries(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:
    from tests.activities.test_checkin import _check_in

    for i in range(3):
        event = await make_event(system, title=f"Lớp {i}")
        for member in (registry.team_leader, registry.an_xuyen_staff, registry.an_xuyen_officer):
            await _check_in(
                system, event.id, client_id=f"c-{i}-{member.id}-xx", member_id=member.id
            )
    await _sign_in(client, system, Role.UNIT_MANAGER, "96")

    log = count_queries
    before = len(log)  # type: ignore[arg-type]
    body = await gql(client, EVENTS, {"first": 10})
    events_queries = len(log) - before  # type: ignore[arg-type]
    before = len(log)  # type: ignore[arg-type]
    attendance = await gql(client, ATTENDANCE, {"id": gid("Event", event.id)})
    attendance_queries = len(log) - before  # type: ignore[arg-type]

    edges = body["data"]["events"]["edges"]
    assert body["data"]["events"]["totalCount"] == 3
    assert [e["node"]["attendanceCount"] for e in edges] == [3, 3, 3]
    assert attendance["data"]["eventAttendance"]["totalCount"] == 3
    # session lookup (1) + page + count + attendance counts + invitation counts
    assert events_queries == 5
    before = len(log)  # type: ignore[arg-type]
    one = await gql(client, EVENTS, {"first": 1})
    assert len(one["data"]["events"]["edges"]) == 1
    assert len(log) - before == events_queries  # type: ignore[arg-type]  # any page size
    # session (1) + event + page (with members) + count
    assert attendance_queries == 4


WINDOW = """
query($startsAfter: DateTime, $startsBefore: DateTime, $endsAfter: DateTime) {
  events(startsAfter: $startsAfter, startsBefore: $startsBefore, endsAfter: $endsAfter, first: 50) {
    edges { node { title } }
  }
}
"""


async def test_a_window_keeps_events_going_on_and_its_start_boundary(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    """`endsAfter` keeps a training that began yesterday and is still on (the phone's
    "today and this week" must show it); `startsAfter` includes an event starting at
    that very instant; `startsBefore` excludes one starting at its instant."""
    await make_event(system, title="began yesterday", starts_in=timedelta(hours=-20), hours=24)
    await make_event(system, title="ended", starts_in=timedelta(hours=-3), hours=2)
    await make_event(system, title="at the boundary", starts_in=timedelta(0))
    await make_event(system, title="next week", starts_in=timedelta(days=7))
    await _sign_in(client, system, Role.FIELD_STAFF, "32002")

    async def titles(**window: datetime) -> list[str]:
        variables = {name: moment.isoformat() for name, moment in window.items()}
        body = await gql(client, WINDOW, variables)
        return [e["node"]["title"] for e in body["data"]["events"]["edges"]]

    week = NOW + timedelta(days=7)
    assert await titles(endsAfter=NOW, startsBefore=week) == ["began yesterday", "at the boundary"]
    assert await titles(endsAfter=NOW) == ["began yesterday", "at the boundary", "next week"]
    assert await titles(startsAfter=NOW) == ["at the boundary", "next week"]
    # the same instant written in Vietnam's offset, as a phone there would send it
    vietnam = NOW.astimezone(timezone(timedelta(hours=7)))
    assert await titles(startsAfter=vietnam, startsBefore=week) == ["at the boundary"]


async def test_partner_keys_need_read_activities(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await make_event(system)
    _, without = await accounts.create_api_key(system, name="Bank", scopes=["read:network"])
    _, with_scope = await accounts.create_api_key(system, name="Telco", scopes=["read:activities"])

    refused = await gql(client, EVENTS, headers={"authorization": f"Bearer {without}"})
    allowed = await gql(client, EVENTS, headers={"authorization": f"Bearer {with_scope}"})

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert allowed["data"]["events"]["totalCount"] == 1


async def test_campaign_field_logs_and_progress(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await _sign_in(client, system, Role.PROVINCE_ADMIN, "96")
    today = NOW.date()
    created = await gql(
        client,
        CAMPAIGN,
        {
            "input": {
                "title": "Bình dân học vụ số",
                "adminUnitCode": "96",
                "startsOn": (today - timedelta(days=30)).isoformat(),
                "endsOn": (today + timedelta(days=30)).isoformat(),
                "goalPeople": 1000,
                "goalHouseholds": 400,
                "targets": [
                    {"adminUnitCode": "32002", "goalPeople": 200},
                    {"adminUnitCode": "31843", "goalPeople": 100},
                ],
            }
        },
    )
    campaign = created["data"]["createCampaign"]["campaign"]
    base = {
        "campaignId": campaign["id"],
        "happenedAt": (NOW - timedelta(days=1)).isoformat(),
        "kind": "DOOR_TO_DOOR",
    }

    first = {
        "clientId": "log-0001-aaaa",
        "adminUnitCode": "32002",
        "peopleReached": 50,
        "householdsReached": 20,
    }
    inputs = [
        first,
        first,
        {
            "clientId": "log-0002-aaaa",
            "adminUnitCode": "31843",
            "peopleReached": 30,
            "location": {"latitude": 9.2, "longitude": 105.1, "accuracy": 12},
        },
        {"clientId": "log-0003-aaaa", "adminUnitCode": "31843", "peopleReached": -5},
        {"clientId": "log-0001-aaaa", "adminUnitCode": "32002", "peopleReached": 51},
    ]
    logs = [await gql(client, LOG, {"input": {**base, **given}}) for given in inputs]

    assert [r["data"]["logFieldActivity"]["result"] for r in logs] == [
        "CREATED",
        "DUPLICATE",
        "CREATED",
        "REJECTED",
        "CONFLICT",
    ]
    assert logs[3]["data"]["logFieldActivity"]["errors"][0] == {
        "field": "peopleReached",
        "code": "NEGATIVE_REACH",
        "message": "Số người hoặc số hộ tiếp cận không được âm.",
    }
    assert await FieldActivityLog.all().count() == 2
    progress = (await gql(client, PROGRESS, {"id": campaign["id"]}))["data"]["campaignProgress"]
    assert progress["totals"] == {
        "peopleReached": 80,
        "householdsReached": 20,
        "activities": 2,
        "goalPeople": 1000,
        "peopleRate": 0.08,
    }
    assert progress["communes"] == [
        {"adminUnit": {"code": "31843"}, "peopleReached": 30, "goalPeople": 100, "peopleRate": 0.3},
        {
            "adminUnit": {"code": "32002"},
            "peopleReached": 50,
            "goalPeople": 200,
            "peopleRate": 0.25,
        },
    ]


async def test_a_walk_in_not_in_the_registry_is_registered_at_the_door(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    event = await make_event(system)
    await _sign_in(client, system, Role.FIELD_STAFF, "32002", registry.team_leader.id)
    data = {
        "clientId": "pwa-door-0001",
        "eventId": gid("Event", event.id),
        "walkIn": {
            "fullName": "Lâm Thị Kiều",
            "phone": "0983 111 222",
            "organizationId": gid("Organization", registry.team_an_xuyen.id),
        },
    }

    first = await gql(client, CHECK_IN, {"input": data})
    retry = await gql(client, CHECK_IN, {"input": data})

    assert first["data"]["checkIn"]["result"] == "CREATED"
    assert first["data"]["checkIn"]["attendance"]["member"] == {"fullName": "Lâm Thị Kiều"}
    assert first["data"]["checkIn"]["attendance"]["walkIn"] is True
    assert retry["data"]["checkIn"]["result"] == "DUPLICATE"
    assert await AuditEvent.filter(action="member.walk_in").count() == 1


CAMPAIGNS = """
query($first: Int) {
  campaigns(first: $first) {
    totalCount edges { node { id title adminUnit { code } targets { goalPeople adminUnit { code } } } }
  }
}
"""


async def test_campaign_list_costs_the_same_queries_for_any_page_size(
    client: httpx.AsyncClient, system: Actor, registry: Registry, count_queries: object
) -> None:

    from activities import campaigns
    from activities.campaigns import CampaignData, TargetData

    for i in range(4):
        await campaigns.create(
            system,
            data=CampaignData(
                title=f"Chiến dịch {i}",
                admin_unit_code="96",
                starts_on=today_in_vietnam() - timedelta(days=10),
                ends_on=today_in_vietnam() + timedelta(days=10),
                goal_people=100,
                targets=[TargetData(admin_unit_code="32002", goal_people=40)],
            ),
        )
    await _sign_in(client, system, Role.UNIT_MANAGER, "96")
    counts = []
    for size in (1, 4):
        count_queries.queries.clear()  # type: ignore[attr-defined]
        body = await gql(client, CAMPAIGNS, {"first": size})
        assert len(body["data"]["campaigns"]["edges"]) == size, body
        assert body["data"]["campaigns"]["totalCount"] == 4
        counts.append(len(count_queries))  # type: ignore[arg-type]
    assert counts[0] == counts[1], counts
