"""Rounds over GraphQL: sealed ballots per viewer, translated voting errors, the whole
workflow from submission to showcase, the leaderboard, and the trail of reads."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from core.actor import Actor, Role
from core.models import AuditEvent
from network.models import AdminUnit
from recognition import ballots, rounds
from recognition.models import (
    Ballot,
    Initiative,
)
from tests.helpers import gql, login
from tests.network.registry_data import build_registry
from tests.recognition.documents import (
    CAST,
    FAR_FUTURE,
    ROUND_VIEW,
    SCREEN,
    SHOWCASE,
    SUBMIT,
    TRACK,
    assert_no_personal_data,
    gid,
    submit_input,
)
from tests.recognition.recognition_data import (
    NOW,
    accepted,
    make_committee,
    make_person,
    open_round,
    submit,
)


async def test_ballots_are_sealed_per_viewer_over_graphql(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor, count_queries: Any
) -> None:
    committee = await make_committee(3)
    round_ = await open_round(system, committee, closes_at=FAR_FUTURE)
    nominations = []
    for i in range(3):
        initiative = await accepted(
            system, submitter_phone=f"09110000{i}9", title=f"Sáng kiến số {i} về dữ liệu"
        )
        nominations.append(
            await rounds.nominate(system, round_id=round_.id, initiative_id=initiative.id, now=NOW)
        )
    scores = [("novelty", 8), ("effectiveness", 7), ("replicability", 9), ("reach", 6)]
    (first_user, first), (second_user, _) = committee.members
    await ballots.cast(first, nomination_id=nominations[0].id, scores=scores)
    round_gid = gid("RecognitionRound", round_.id)

    await login(client, first_user.username)
    member_view = (await gql(client, ROUND_VIEW, {"id": round_gid}))["data"]["recognitionRound"]
    await login(client, second_user.username)
    other_view = (await gql(client, ROUND_VIEW, {"id": round_gid}))["data"]["recognitionRound"]
    await login(client, committee.chair.username)
    counts = []
    for first_n in (1, 3):
        count_queries.queries.clear()
        chair_view = (await gql(client, ROUND_VIEW, {"id": round_gid, "first": first_n}))["data"][
            "recognitionRound"
        ]
        counts.append(len(count_queries))

    def node(view: dict[str, Any], index: int = 0) -> dict[str, Any]:
        return view["nominations"]["edges"][index]["node"]

    assert member_view["viewerOnCommittee"] and not member_view["viewerIsChair"]
    assert node(member_view)["myBallot"]["scores"][1] == {"criterion": "novelty", "score": 8.0}
    assert node(member_view)["votes"] is None and node(member_view)["votedCount"] is None
    assert node(member_view)["ballots"] is None and node(member_view)["result"] is None
    assert node(other_view)["myBallot"] is None
    assert node(chair_view)["myBallot"] is None
    assert node(chair_view)["votes"] == [{"voterName": "Hoidong 1", "recused": False}]
    assert node(chair_view)["votedCount"] == 1 and node(chair_view)["ballots"] is None
    assert [node(chair_view, i)["votedCount"] for i in range(3)] == [1, 0, 0]
    assert "8.0" not in str(chair_view) and "9.0" not in str(chair_view)
    assert all(node(v)["initiative"]["submitterPhone"] is None for v in (member_view, chair_view))
    assert {node(chair_view, i)["round"]["title"] for i in range(3)} == {chair_view["title"]}
    # session, round, committee, page (initiative and unit joined), criteria, own ballots,
    # the viewer's seat, votes, and each nomination's round (one query for the page)
    assert counts == [9, 9]

    closed = await gql(
        client,
        "mutation($id: ID!) { closeRound(input: {roundId: $id}) { round { status } errors { code } } }",
        {"id": round_gid},
    )
    after = (await gql(client, ROUND_VIEW, {"id": round_gid}))["data"]["recognitionRound"]
    assert closed["data"]["closeRound"] == {"round": {"status": "CLOSED"}, "errors": []}
    assert node(after)["ballots"] == [
        {
            "voterName": "Hoidong 1",
            "scores": [
                {"criterion": "effectiveness", "score": 7.0},
                {"criterion": "novelty", "score": 8.0},
                {"criterion": "reach", "score": 6.0},
                {"criterion": "replicability", "score": 9.0},
            ],
        }
    ]
    # 30×8/10 + 30×7/10 + 25×9/10 + 15×6/10 = 24 + 21 + 22.5 + 9
    assert node(after)["result"] == {"rank": None, "score": 76.5, "hasQuorum": False}


async def test_committee_voting_errors_are_translated_and_change_nothing(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    committee = await make_committee(2)
    round_ = await open_round(system, committee, closes_at=FAR_FUTURE)
    initiative = await accepted(system)
    nomination = await rounds.nominate(
        system, round_id=round_.id, initiative_id=initiative.id, now=NOW
    )
    await make_person("hoidong.ngoai", Role.COMMITTEE_MEMBER, "96")
    await make_person("canbo", Role.FIELD_STAFF, "96")
    target = gid("Nomination", nomination.id)
    good = [
        {"criterion": k, "score": 7} for k in ("novelty", "effectiveness", "replicability", "reach")
    ]
    en = {"accept-language": "en"}

    await login(client, "canbo")
    not_committee_role = await gql(
        client, CAST, {"input": {"nominationId": target, "scores": good}}
    )
    await login(client, "hoidong.ngoai")
    outsider = await gql(
        client, CAST, {"input": {"nominationId": target, "scores": good}}, headers=en
    )
    await login(client, committee.chair.username)
    out_of_range = await gql(
        client,
        CAST,
        {
            "input": {
                "nominationId": target,
                "scores": [*good[:3], {"criterion": "reach", "score": 11}],
            }
        },
        headers=en,
    )
    first = await gql(client, CAST, {"input": {"nominationId": target, "scores": good}})
    second = await gql(
        client, CAST, {"input": {"nominationId": target, "scores": good}}, headers=en
    )
    revised = await gql(
        client, CAST, {"input": {"nominationId": target, "scores": good, "expectedRevision": 1}}
    )
    await rounds.close_round(system, round_id=round_.id)
    closed = await gql(
        client,
        CAST,
        {"input": {"nominationId": target, "scores": good, "expectedRevision": 2}},
        headers=en,
    )

    assert not_committee_role["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert outsider["data"]["castBallot"]["errors"] == [
        {
            "field": "nominationId",
            "code": "NOT_COMMITTEE_MEMBER",
            "message": "You are not on the committee of this round.",
        }
    ]
    assert out_of_range["data"]["castBallot"]["errors"] == [
        {
            "field": "scores.reach",
            "code": "SCORE_OUT_OF_RANGE",
            "message": "The score must be between 0 and 10.",
        }
    ]
    assert first["data"]["castBallot"]["ballot"]["revision"] == 1
    assert second["data"]["castBallot"]["errors"][0]["code"] == "BALLOT_ALREADY_CAST"
    assert second["data"]["castBallot"]["errors"][0]["message"].startswith(
        "You have already cast a ballot"
    )
    assert revised["data"]["castBallot"]["ballot"]["revisions"] == [
        {"revision": 1},
        {"revision": 2},
    ]
    assert closed["data"]["castBallot"]["errors"] == [
        {
            "field": "nominationId",
            "code": "ROUND_CLOSED",
            "message": "The round is closed: ballots and nominations are no longer accepted.",
        }
    ]
    ballot = await Ballot.get(nomination_id=nomination.id)
    assert (ballot.revision, await Ballot.all().count()) == (2, 1)


async def test_the_whole_recognition_workflow_over_graphql(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    registry = await build_registry(system)
    committee = await make_committee(3)
    submitted = await gql(client, SUBMIT, submit_input())
    code = submitted["data"]["submitInitiative"]["trackingCode"]
    initiative = await Initiative.get(tracking_code=code)
    await make_person("admin", Role.PROVINCE_ADMIN, "96")
    await login(client, "admin")
    target = gid("Initiative", initiative.id)
    for status in ("SCREENING", "ACCEPTED_FOR_REVIEW"):
        screened = await gql(client, SCREEN, {"input": {"id": target, "toStatus": status}})
        assert screened["data"]["screenInitiative"]["errors"] == []

    created = await gql(
        client,
        """mutation($input: CreateRecognitionRoundInput!) { createRecognitionRound(input: $input)
          { round { id quorum status criteria { key label weight maxScore } committee { displayName isChair } }
            errors { field code message } } }""",
        {
            "input": {
                "title": "Giải thưởng sáng kiến chuyển đổi số 2025",
                "periodStart": "2025-01-01",
                "periodEnd": "2025-12-31",
                "opensAt": (NOW - timedelta(days=400)).isoformat(),
                "closesAt": "2099-01-01T00:00:00+07:00",
                "committeeUserIds": [gid("User", u.id) for u in committee.users],
                "chairUserId": gid("User", committee.chair.id),
            }
        },
        headers={"accept-language": "en"},
    )
    round_ = created["data"]["createRecognitionRound"]["round"]
    assert round_["quorum"] == 2 and round_["status"] == "OPEN"
    assert round_["criteria"][0] == {
        "key": "novelty",
        "label": "Novelty",
        "weight": 30,
        "maxScore": 10,
    }
    nominated = await gql(
        client,
        """mutation($r: ID!, $i: ID!) { nominateInitiative(input: {roundId: $r, initiativeId: $i})
          { nomination { id initiative { status } } errors { code } } }""",
        {"r": round_["id"], "i": target},
    )
    nomination_id = nominated["data"]["nominateInitiative"]["nomination"]["id"]
    assert (
        nominated["data"]["nominateInitiative"]["nomination"]["initiative"]["status"] == "NOMINATED"
    )

    for user, value in zip(committee.users, (9, 8, 7), strict=True):
        await login(client, user.username)
        cast = await gql(
            client,
            CAST,
            {
                "input": {
                    "nominationId": nomination_id,
                    "scores": [
                        {"criterion": k, "score": value}
                        for k in ("novelty", "effectiveness", "replicability", "reach")
                    ],
                }
            },
        )
        assert cast["data"]["castBallot"]["errors"] == []
    early = await gql(
        client, "query($r: ID!) { roundResults(roundId: $r) { rank } }", {"r": round_["id"]}
    )
    assert early["errors"][0]["extensions"]["code"] == "ROUND_STILL_OPEN"

    await login(client, committee.chair.username)
    await gql(
        client,
        "mutation($r: ID!) { closeRound(input: {roundId: $r}) { errors { code } } }",
        {"r": round_["id"]},
    )
    results = await gql(
        client,
        "query($r: ID!) { roundResults(roundId: $r) { rank score hasQuorum ballots criterionMeans { criterion score } initiative { title submitterPhone } award { level } } }",
        {"r": round_["id"]},
    )
    assert results["data"]["roundResults"] == [
        {
            "rank": 1,
            "score": 80.0,
            "hasQuorum": True,
            "ballots": 3,
            "criterionMeans": [
                {"criterion": c, "score": 8.0}
                for c in ("effectiveness", "novelty", "reach", "replicability")
            ],
            "initiative": {"title": "Số hóa hồ sơ hộ nghèo ấp Tân Phong", "submitterPhone": None},
            "award": None,
        }
    ]

    await login(client, "admin")
    granted = await gql(
        client,
        """mutation($n: ID!) { grantAward(input: {nominationId: $n, level: FIRST_PRIZE,
          citation: "Mô hình số hóa hiệu quả, đã nhân rộng."}) { award { level citation } errors { code } } }""",
        {"n": nomination_id},
    )
    replicated = await gql(
        client,
        """mutation($i: ID!, $o: ID!) { recordReplication(input: {initiativeId: $i, organizationId: $o,
          startedAt: "2025-10-01", status: IN_PROGRESS}) { replication { status organization { name } } errors { code } } }""",
        {"i": target, "o": gid("Organization", registry.pc_an_xuyen.id)},
    )
    finalized = await gql(
        client,
        "mutation($r: ID!) { finalizeRound(input: {roundId: $r}) { round { status } errors { code } } }",
        {"r": round_["id"]},
    )
    await gql(client, "mutation { logout { ok } }")
    showcase = await gql(client, SHOWCASE)
    tracked = await gql(client, TRACK, {"code": code})

    assert granted["data"]["grantAward"] == {
        "award": {"level": "FIRST_PRIZE", "citation": "Mô hình số hóa hiệu quả, đã nhân rộng."},
        "errors": [],
    }
    assert replicated["data"]["recordReplication"]["replication"] == {
        "status": "IN_PROGRESS",
        "organization": {"name": "UBND Phường An Xuyên"},
    }
    assert finalized["data"]["finalizeRound"]["round"]["status"] == "FINALIZED"
    item = showcase["data"]["showcase"]["edges"][0]["node"]
    assert (item["level"], item["replications"][0]["adminUnit"]["code"]) == ("FIRST_PRIZE", "32002")
    assert tracked["data"]["initiativeByTrackingCode"]["status"] == "AWARDED"
    assert_no_personal_data(showcase)
    assert_no_personal_data(tracked)

    await login(client, "admin")
    log = await gql(
        client,
        "query($o: ID) { auditLog(objectId: $o, first: 50) { edges { node { action actorKind } } } }",
        {"o": target},
    )
    events = [e["node"] for e in log["data"]["auditLog"]["edges"]]
    assert [e["action"] for e in events] == [
        "initiative.award",
        "initiative.nominate",
        "initiative.screen",
        "initiative.screen",
        "initiative.submit",
    ]
    assert events[-1]["actorKind"] == "anonymous"


async def test_emulation_leaderboard_over_graphql(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    await submit(submitter_phone="0911000001", admin_unit_code="32002")
    await Initiative.all().update(created_at=NOW)
    await make_person("quanly", Role.PROVINCE_ADMIN, "96")
    await login(client, "quanly")

    body = await gql(
        client,
        """{ emulationLeaderboard(period: {start: "2025-01-01", end: "2025-12-31"}) {
            adminUnit { code } weights { part weight }
            units { rank score adminUnit { code } parts { part value available normalized weight points } } } }""",
    )
    bad = await gql(
        client,
        '{ emulationLeaderboard(period: {start: "2025-12-31", end: "2025-01-01"}) { units { rank } } }',
        headers={"accept-language": "en"},
    )

    board = body["data"]["emulationLeaderboard"]
    assert board["adminUnit"]["code"] == "96"
    assert sum(w["weight"] for w in board["weights"]) == 100
    top = board["units"][0]
    assert (top["rank"], top["score"], top["adminUnit"]["code"]) == (1, 10.0, "32002")
    submitted = next(p for p in top["parts"] if p["part"] == "INITIATIVES_SUBMITTED")
    assert submitted == {
        "part": "INITIATIVES_SUBMITTED",
        "value": 1.0,
        "available": True,
        "normalized": 1.0,
        "weight": 10,
        "points": 10.0,
    }
    training = next(p for p in top["parts"] if p["part"] == "TRAINING")
    assert (training["available"], training["value"]) == (False, None)
    assert len(board["units"]) == 64
    assert bad["errors"][0]["extensions"]["code"] == "INVALID_PERIOD"
    assert bad["errors"][0]["message"] == "The end must come after the start."


async def test_personal_data_read_through_rounds_and_nodes_is_audited(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    committee = await make_committee(1)
    round_ = await open_round(system, committee, closes_at=FAR_FUTURE)
    for i in range(2):
        initiative = await accepted(
            system, submitter_phone=f"091200000{i}", title=f"Sáng kiến {i} số hóa"
        )
        await rounds.nominate(system, round_id=round_.id, initiative_id=initiative.id, now=NOW)
    await make_person("admin", Role.PROVINCE_ADMIN, "96")
    await login(client, "admin")

    listed = await gql(client, ROUND_VIEW, {"id": gid("RecognitionRound", round_.id)})
    node = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Initiative { submitterPhone } } }",
        {"id": gid("Initiative", initiative.id)},
    )
    without_pii = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Initiative { title } } }",
        {"id": gid("Initiative", initiative.id)},
    )

    phones = [
        e["node"]["initiative"]["submitterPhone"]
        for e in listed["data"]["recognitionRound"]["nominations"]["edges"]
    ]
    assert sorted(phones) == ["0912000000", "0912000001"]
    assert node["data"]["node"] == {"submitterPhone": "0912000001"}
    assert without_pii["data"]["node"] == {"title": "Sáng kiến 1 số hóa"}
    assert await AuditEvent.filter(action="initiative.pii_read").count() == 3
