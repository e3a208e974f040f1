"""GraphQL documents and helpers shared by the recognition GraphQL tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from strawberry.relay import GlobalID

SUBMITTER = {
    "name": "Nguyễn Thị Hoa",
    "phone": "0913 456 789",
    "email": "hoa.nguyen@example.vn",
}
FAR_FUTURE = datetime(2099, 1, 1, tzinfo=UTC)
FORBIDDEN_TEXT = [
    "Nguyễn Thị Hoa",
    "nguyen thi hoa",
    "0913456789",
    "0913 456 789",
    "913456789",
    "hoa.nguyen",
]

SUBMIT = """
mutation($input: SubmitInitiativeInput!) {
  submitInitiative(input: $input) {
    trackingCode status
    similar { id title category status adminUnitName submittedOn similarity }
    errors { field code message }
  }
}
"""
TRACK = """
query($code: String!) {
  initiativeByTrackingCode(code: $code) {
    trackingCode title category status submittedAt statusChangedAt publicNote
    adminUnit { code name }
    history { status at publicNote }
  }
}
"""
SHOWCASE = """
query($first: Int) {
  showcase(first: $first) {
    totalCount
    edges { node { id title summary problem solution results category organizationName
      adminUnit { code name } level citation awardedOn roundTitle
      replications { organizationName adminUnit { code } startedAt status } } }
  }
}
"""
SCREEN = """
mutation($input: ScreenInitiativeInput!) {
  screenInitiative(input: $input) { initiative { id status } errors { field code message } }
}
"""
CAST = """
mutation($input: CastBallotInput!) {
  castBallot(input: $input) {
    ballot { revision recused autoRecused scores { criterion score } revisions { revision } }
    autoRecused errors { field code message }
  }
}
"""
ROUND_VIEW = """
query($id: ID!, $first: Int) {
  recognitionRound(id: $id) {
    title status quorum viewerOnCommittee viewerIsChair
    criteria { key label weight maxScore }
    committee { displayName isChair }
    nominations(first: $first) { edges { node {
      id initiative { title submitterPhone adminUnit { code } }
      myBallot { revision scores { criterion score } }
      votes { voterName recused } votedCount
      ballots { voterName scores { criterion score } }
      result { rank score hasQuorum }
      round { title }
    } } }
  }
}
"""
INITIATIVES = """
query($first: Int) {
  initiatives(first: $first) {
    totalCount
    edges { node { id title status trackingCode submitterName submitterPhone submitterEmail
      adminUnit { code } organization { name } attachments { fileName } history { toStatus actorKind } } }
  }
}
"""


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


def strings(value: Any) -> Iterator[str]:
    """Every string (keys included) anywhere in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_no_personal_data(body: dict[str, Any]) -> None:
    text = "\n".join(strings(body)).lower()
    for needle in FORBIDDEN_TEXT:
        assert needle.lower() not in text, needle
    for key in ("submitterName", "submitterPhone", "submitterEmail", "phone", "email"):
        assert key.lower() not in {s.lower() for s in strings(body) if s.isidentifier()}, key


def submit_input(**changes: Any) -> dict[str, Any]:
    base = {
        "title": "Số hóa hồ sơ hộ nghèo ấp Tân Phong",
        "summary": "Chuyển toàn bộ hồ sơ hộ nghèo, cận nghèo của ấp sang bảng tính dùng chung.",
        "problem": "Hồ sơ giấy thất lạc, mỗi đợt rà soát mất hai tuần đối chiếu thủ công.",
        "solution": "Tổ công nghệ số cộng đồng nhập liệu, cập nhật hằng tháng.",
        "results": "Rà soát năm 2025 còn ba ngày.",
        "category": "DIGITAL_GOVERNMENT",
        "adminUnitCode": "31843",
        "submitterName": SUBMITTER["name"],
        "submitterPhone": SUBMITTER["phone"],
        "submitterEmail": SUBMITTER["email"],
    }
    return {"input": {**base, **changes}}
