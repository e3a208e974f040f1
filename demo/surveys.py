"""Demo data (``dxnet seed --demo``): a published household digital-readiness survey
with a few hundred believable responses spread over the communes, collected by staff;
and a public survey on online public services that citizens answer without an account;
and a draft survey of the demo ward, for its manager to edit and publish in the builder;
and a household roster (decision 0035): one instance per member, as many as the
household size says, open to the province's field staff (``canbo.<commune>`` fills it
in the PWA), with a few dozen responses already collected.

Deterministic (a seeded random generator and client ids derived from a fixed
namespace), and safe to run again: the survey is found by title and a re-sync of the
same responses stores nothing new.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from core.actor import Actor
from network.models import AdminUnit, AdminUnitKind
from surveys import services
from surveys.models import Survey
from surveys.services import SurveyData
from surveys.sync import MAX_BATCH, ItemResult, ResponseData, SyncStatus, sync_responses

TITLE = "Khảo sát mức độ sẵn sàng số của hộ gia đình"
RESPONSES = 320
NAMESPACE = uuid.UUID("5d6b2f1e-3c1a-4e0b-9a53-6f2d7c1e9b40")
COMMUNE_KINDS = (AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE)


def _q(key: str, kind: str, vi: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "kind": kind, "labelVi": vi, "labelEn": en, **extra}


def _choices(*pairs: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"value": v, "labelVi": vi, "labelEn": en} for v, vi, en in pairs]


DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "household",
            "titleVi": "Thông tin hộ",
            "titleEn": "Household",
            "questions": [
                _q(
                    "intro",
                    "NOTE",
                    "Phiếu dành cho chủ hộ hoặc người đại diện.",
                    "For the head of household.",
                ),
                _q(
                    "members",
                    "INTEGER",
                    "Số nhân khẩu trong hộ",
                    "People in the household",
                    required=True,
                    min=1,
                    max=30,
                ),
                _q(
                    "internet",
                    "YES_NO",
                    "Hộ có kết nối Internet không?",
                    "Does the household have internet access?",
                    required=True,
                ),
                _q(
                    "connection",
                    "SINGLE_CHOICE",
                    "Hình thức kết nối chính",
                    "Main connection",
                    required=True,
                    relevant="${internet} = true()",
                    choices=_choices(
                        ("fiber", "Cáp quang", "Fibre"),
                        ("mobile", "Dữ liệu di động 4G/5G", "Mobile data"),
                    ),
                    allowOther=True,
                ),
                _q(
                    "smartphones",
                    "INTEGER",
                    "Số điện thoại thông minh trong hộ",
                    "Smartphones in the household",
                    required=True,
                    min=0,
                    max=30,
                ),
            ],
        },
        {
            "key": "services",
            "titleVi": "Sử dụng dịch vụ số",
            "titleEn": "Digital services",
            "questions": [
                _q(
                    "vneid",
                    "SINGLE_CHOICE",
                    "Tài khoản định danh điện tử VNeID",
                    "VNeID electronic identity",
                    required=True,
                    relevant="${smartphones} > 0",
                    choices=_choices(
                        ("level2", "Đã kích hoạt mức 2", "Level 2 activated"),
                        ("level1", "Đã kích hoạt mức 1", "Level 1 activated"),
                        ("none", "Chưa kích hoạt", "Not activated"),
                    ),
                ),
                _q(
                    "portal",
                    "YES_NO",
                    "Đã nộp hồ sơ trên Cổng dịch vụ công",
                    "Has used the public-service portal",
                    required=True,
                ),
                _q(
                    "cashless",
                    "MULTIPLE_CHOICE",
                    "Hình thức thanh toán không dùng tiền mặt đang dùng",
                    "Cashless payments in use",
                    relevant="${smartphones} > 0",
                    choices=_choices(
                        ("bank_app", "Ứng dụng ngân hàng", "Banking app"),
                        ("qr", "Quét mã QR", "QR code"),
                        ("e_wallet", "Ví điện tử", "E-wallet"),
                    ),
                ),
                _q(
                    "satisfaction",
                    "RATING",
                    "Mức hài lòng với hỗ trợ của Tổ công nghệ số cộng đồng",
                    "Satisfaction with the community tech team",
                ),
                _q(
                    "needs",
                    "LONG_TEXT",
                    "Hộ cần hỗ trợ thêm gì?",
                    "What further help is needed?",
                    maxLength=500,
                ),
            ],
        },
    ]
}
PUBLIC_TITLE = "Góp ý của người dân về dịch vụ công trực tuyến"
PUBLIC_RESPONSES = 60
PUBLIC_DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "opinion",
            "titleVi": "Ý kiến của bạn",
            "titleEn": "Your opinion",
            "questions": [
                _q(
                    "intro",
                    "NOTE",
                    "Không cần tài khoản; phiếu không hỏi họ tên hay số điện thoại.",
                    "No account needed; the form asks no name or phone number.",
                ),
                _q(
                    "used",
                    "MULTIPLE_CHOICE",
                    "Bạn đã dùng dịch vụ nào trong 12 tháng qua?",
                    "Which services have you used in the past 12 months?",
                    required=True,
                    choices=_choices(
                        ("portal", "Cổng dịch vụ công quốc gia", "National public-service portal"),
                        ("vneid", "Ứng dụng VNeID", "The VNeID app"),
                        ("province", "Hệ thống thủ tục hành chính của tỉnh", "Provincial system"),
                        ("none", "Chưa dùng dịch vụ nào", "None yet"),
                    ),
                    allowOther=True,
                ),
                _q(
                    "ease",
                    "RATING",
                    "Thủ tục trực tuyến có dễ thực hiện không? (1 = rất khó, 5 = rất dễ)",
                    "How easy was it? (1 = very hard, 5 = very easy)",
                    relevant="not(selected(${used}, 'none'))",
                    required=True,
                ),
                _q(
                    "obstacle",
                    "SINGLE_CHOICE",
                    "Khó khăn lớn nhất",
                    "The biggest obstacle",
                    choices=_choices(
                        ("signal", "Mạng yếu, hay mất kết nối", "Weak or lost connection"),
                        ("steps", "Nhiều bước, khó hiểu", "Too many confusing steps"),
                        ("documents", "Phải chuẩn bị giấy tờ điện tử", "Digital documents"),
                        ("help", "Không biết hỏi ai khi vướng", "Nobody to ask for help"),
                    ),
                ),
                _q(
                    "suggestion",
                    "LONG_TEXT",
                    "Góp ý để dịch vụ tốt hơn",
                    "How could the services be better?",
                    maxLength=1000,
                ),
            ],
        }
    ]
}
DRAFT_TITLE = "Nhu cầu tập huấn kỹ năng số của tổ công nghệ số (bản nháp)"
DRAFT_DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "training",
            "titleVi": "Nhu cầu tập huấn",
            "titleEn": "Training needs",
            "questions": [
                _q(
                    "trained",
                    "YES_NO",
                    "Đã dự lớp tập huấn kỹ năng số trong năm nay",
                    "Attended digital skills training this year",
                    required=True,
                ),
                _q(
                    "topics",
                    "MULTIPLE_CHOICE",
                    "Muốn được tập huấn thêm về",
                    "Would like training on",
                    relevant="${trained} = false()",
                    choices=_choices(
                        ("vneid", "Hướng dẫn VNeID cho người dân", "Helping people with VNeID"),
                        ("dvc", "Nộp hồ sơ dịch vụ công trực tuyến", "Online public services"),
                        ("payment", "Thanh toán không dùng tiền mặt", "Cashless payments"),
                    ),
                ),
            ],
        }
    ]
}
SUGGESTIONS = [
    "Nên có hướng dẫn bằng video ngắn cho từng thủ tục",
    "Mở thêm điểm hỗ trợ tại nhà văn hóa ấp vào buổi tối",
    "Gửi tin nhắn khi hồ sơ được giải quyết xong",
]
NEEDS = [
    "Hướng dẫn kích hoạt VNeID mức 2 cho người cao tuổi",
    "Cần hỗ trợ nộp hồ sơ khai sinh trực tuyến",
    "Muốn học cách thanh toán tiền điện qua ứng dụng",
    "Sóng di động yếu ở cuối ấp",
]


ROSTER_TITLE = "Điều tra nhân khẩu hộ gia đình"
ROSTER_RESPONSES = 40
RELATIONS = _choices(
    ("head", "Chủ hộ", "Head of household"),
    ("spouse", "Vợ/chồng", "Spouse"),
    ("child", "Con", "Child"),
    ("parent", "Cha/mẹ", "Parent"),
    ("other", "Khác", "Other"),
)
ROSTER_DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "household",
            "titleVi": "Thông tin hộ",
            "titleEn": "Household",
            "questions": [
                _q("head_name", "TEXT", "Họ tên chủ hộ", "Head of household", required=True),
                _q(
                    "household_size",
                    "INTEGER",
                    "Số nhân khẩu",
                    "Household size",
                    required=True,
                    min=1,
                    max=15,
                    hintVi="Mỗi nhân khẩu được hỏi ở trang sau.",
                    hintEn="Each member is asked about on the next page.",
                ),
            ],
        },
        {
            "key": "people",
            "titleVi": "Nhân khẩu",
            "titleEn": "Members",
            "questions": [
                _q(
                    "members",
                    "REPEAT",
                    "Thành viên",
                    "Members",
                    repeatCount="${household_size}",
                    maxCount=15,
                    questions=[
                        _q("name", "TEXT", "Họ tên", "Name", required=True),
                        _q(
                            "sex",
                            "SINGLE_CHOICE",
                            "Giới tính",
                            "Sex",
                            required=True,
                            choices=_choices(("f", "Nữ", "Female"), ("m", "Nam", "Male")),
                        ),
                        _q("age", "INTEGER", "Tuổi", "Age", required=True, min=0, max=110),
                        _q(
                            "relationship",
                            "SINGLE_CHOICE",
                            "Quan hệ với chủ hộ",
                            "Relationship to the head",
                            required=True,
                            choices=RELATIONS,
                            constraint=". != 'head' or ${age} >= 15",
                            constraintMessageVi="Chủ hộ phải từ 15 tuổi trở lên.",
                            constraintMessageEn="The head of household is 15 or older.",
                        ),
                        _q(
                            "in_school",
                            "YES_NO",
                            "Đang đi học?",
                            "In school?",
                            required=True,
                            relevant="${age} >= 6 and ${age} <= 18",
                        ),
                        {
                            "key": "is_child",
                            "kind": "CALCULATE",
                            "calculation": "if(${age} < 16, 1, 0)",
                        },
                    ],
                ),
                {
                    "key": "member_count",
                    "kind": "CALCULATE",
                    "labelVi": "Số thành viên đã nhập",
                    "labelEn": "Members entered",
                    "calculation": "count(${members})",
                    "appearance": "show",
                },
                {
                    "key": "children",
                    "kind": "CALCULATE",
                    "labelVi": "Số trẻ em dưới 16 tuổi",
                    "labelEn": "Children under 16",
                    "calculation": "sum(${is_child})",
                    "appearance": "show",
                },
            ],
        },
    ]
}
_GIVEN = ("Lan", "Minh", "Hoa", "Tuấn", "Thảo", "Phúc", "Ngọc", "Khang", "Vy", "Bảo")
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ")


def _roster(rng: random.Random) -> dict[str, Any]:
    """A household: the head, maybe a spouse, children and a grandparent."""
    family = rng.choice(_FAMILY)
    head_age = rng.randint(28, 70)
    people: list[tuple[str, int]] = [("head", head_age)]
    if rng.random() < 0.8:
        people.append(("spouse", max(18, head_age + rng.randint(-6, 4))))
    for _ in range(rng.choice([0, 1, 2, 2, 3])):
        people.append(("child", rng.randint(0, max(0, head_age - 20))))
    if rng.random() < 0.25:
        people.append(("parent", min(110, head_age + rng.randint(20, 30))))
    members = []
    for relation, age in people:
        member: dict[str, Any] = {
            "name": f"{family} {rng.choice(_GIVEN)}",
            "sex": rng.choice(["f", "m"]),
            "age": age,
            "relationship": relation,
        }
        if 6 <= age <= 18:
            member["in_school"] = rng.random() < 0.92
        members.append(member)
    return {
        "head_name": members[0]["name"],
        "household_size": len(members),
        "members": members,
    }


@dataclass(frozen=True)
class DemoSurveys:
    surveys: int
    responses: int  # of the household survey, collected by staff
    public_responses: int  # of the public survey, sent by visitors
    created: bool
    roster_responses: int = 0  # of the household roster, members in repeat instances


def _answers(rng: random.Random, urban: bool) -> dict[str, Any]:
    members = rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7])
    internet = rng.random() < (0.9 if urban else 0.68)
    smartphones = min(members, max(0, round(rng.gauss(members * (0.7 if urban else 0.5), 1))))
    answers: dict[str, Any] = {
        "members": members,
        "internet": internet,
        "smartphones": smartphones,
        "portal": rng.random() < (0.55 if urban else 0.3),
    }
    if internet:
        answers["connection"] = rng.choices(["fiber", "mobile", "other"], [55, 40, 5])[0]
        if answers["connection"] == "other":
            answers["connection_other"] = "Wi-Fi dùng chung với hàng xóm"
    if smartphones > 0:
        answers["vneid"] = rng.choices(["level2", "level1", "none"], [60, 25, 15])[0]
        answers["cashless"] = sorted(
            {c for c, p in (("bank_app", 0.6), ("qr", 0.5), ("e_wallet", 0.3)) if rng.random() < p}
        )
    if rng.random() < 0.8:
        answers["satisfaction"] = rng.choices([2, 3, 4, 5], [5, 20, 45, 30])[0]
    if rng.random() < 0.25:
        answers["needs"] = rng.choice(NEEDS)
    return answers


async def _survey(
    actor: Actor,
    unit: AdminUnit,
    title: str,
    definition: dict[str, Any],
    description: str,
    *,
    is_public: bool = False,
    publish: bool = True,
) -> Survey:
    """The demo survey titled ``title`` in ``unit``, created (and published) on the first
    run only."""
    survey = await Survey.get_or_none(title=title, admin_unit_id=unit.id)
    if survey is None:
        survey = await services.create(
            actor,
            data=SurveyData(
                title=title,
                admin_unit_code=unit.code,
                definition=definition,
                description=description,
                is_public=is_public,
            ),
        )
        if publish:
            survey = await services.publish(actor, survey_id=survey.id)
    return survey


def _stored(outcome: Sequence[ItemResult]) -> int:
    """How many of the synced responses the server holds (new or already there)."""
    return sum(r.status in (SyncStatus.CREATED, SyncStatus.DUPLICATE) for r in outcome)


async def seed_demo_surveys(actor: Actor, root: AdminUnit) -> DemoSurveys:
    created = not await Survey.exists(title=TITLE, admin_unit_id=root.id)
    survey = await _survey(
        actor,
        root,
        TITLE,
        DEFINITION,
        "Khảo sát hộ gia đình về Internet, điện thoại thông minh, VNeID, "
        "dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.",
    )
    communes = await AdminUnit.filter(
        path__startswith=root.path, kind__in=COMMUNE_KINDS, valid_to=None
    ).order_by("path")
    rng = random.Random(4)  # noqa: S311 - demo data, not secrets
    # Anchored on the survey's creation so a second run sends identical responses.
    start = survey.created_at.astimezone(UTC).replace(microsecond=0) - timedelta(days=30)
    items = []
    for n in range(RESPONSES if communes else 0):
        commune = communes[n % len(communes)]
        items.append(
            ResponseData(
                client_id=str(uuid.uuid5(NAMESPACE, f"{survey.id}-{n}")),
                survey_id=survey.id,
                version=1,
                answers=_answers(rng, commune.kind == AdminUnitKind.WARD),
                collected_at=start + timedelta(minutes=rng.randrange(0, 29 * 24 * 60)),
                admin_unit_code=commune.code,
                device_id=f"demo-phone-{n % 25:02d}",
            )
        )
    stored = 0
    for first in range(0, len(items), MAX_BATCH):
        outcome = await sync_responses(actor, items=items[first : first + MAX_BATCH])
        stored += _stored(outcome)
    public = await _seed_public_survey(actor, root, communes)
    await _seed_draft_survey(actor, root)
    rosters = await _seed_roster_survey(actor, root, communes)
    return DemoSurveys(
        surveys=4,
        responses=stored,
        public_responses=public,
        created=created,
        roster_responses=rosters,
    )


async def _seed_roster_survey(actor: Actor, root: AdminUnit, communes: list[AdminUnit]) -> int:
    """The household roster, published for the whole province with no audience
    restriction, so every field staff login (``canbo.<commune>``) may fill it in; its
    responses go to the demo logins' ward and commune (see demo/accounts.py)."""
    survey = await _survey(
        actor,
        root,
        ROSTER_TITLE,
        ROSTER_DEFINITION,
        "Mỗi hộ khai từng nhân khẩu: họ tên, giới tính, tuổi, quan hệ với "
        "chủ hộ và việc đi học của trẻ từ 6 đến 18 tuổi.",
    )
    rng = random.Random(11)  # noqa: S311 - demo data, not secrets
    start = survey.created_at.astimezone(UTC).replace(microsecond=0) - timedelta(days=10)
    by_code = sorted(communes, key=lambda u: u.code)
    where = [
        unit
        for kind in (AdminUnitKind.WARD, AdminUnitKind.COMMUNE)
        if (unit := next((u for u in by_code if u.parent_id == root.id and u.kind == kind), None))
    ]
    items = [
        ResponseData(
            client_id=str(uuid.uuid5(NAMESPACE, f"roster-{survey.id}-{n}")),
            survey_id=survey.id,
            version=1,
            answers=_roster(rng),
            collected_at=start + timedelta(minutes=rng.randrange(0, 9 * 24 * 60)),
            admin_unit_code=where[n % len(where)].code,
            device_id=f"demo-phone-{n % 5:02d}",
        )
        for n in range(ROSTER_RESPONSES if where else 0)
    ]
    outcome = await sync_responses(actor, items=items) if items else []
    return _stored(outcome)


async def _seed_draft_survey(actor: Actor, root: AdminUnit) -> Survey:
    """A survey left as a draft in the demo ward (the unit of ``quanly.<ward>``, see
    demo/accounts.py), so its manager finds one to edit, preview and publish."""
    ward = (
        await AdminUnit.filter(parent_id=root.id, kind=AdminUnitKind.WARD).order_by("code").first()
    )
    return await _survey(
        actor,
        ward or root,
        DRAFT_TITLE,
        DRAFT_DEFINITION,
        "Hỏi thành viên tổ công nghệ số cộng đồng đã được tập huấn chưa "
        "và muốn học thêm gì; chưa phát hành.",
        publish=False,
    )


async def _seed_public_survey(actor: Actor, root: AdminUnit, communes: list[AdminUnit]) -> int:
    """The public survey and its citizens' responses, sent as visitors (one per
    device, each with its own address)."""
    survey = await _survey(
        actor,
        root,
        PUBLIC_TITLE,
        PUBLIC_DEFINITION,
        "Người dân góp ý về Cổng dịch vụ công, VNeID và hệ thống thủ tục "
        "hành chính của tỉnh; không cần đăng nhập.",
        is_public=True,
    )
    rng = random.Random(7)  # noqa: S311 - demo data, not secrets
    start = survey.created_at.astimezone(UTC).replace(microsecond=0) - timedelta(days=14)
    items = []
    for n in range(PUBLIC_RESPONSES if communes else 0):
        used = sorted(
            {u for u, p in (("portal", 0.5), ("vneid", 0.7), ("province", 0.3)) if rng.random() < p}
        ) or ["none"]
        answers: dict[str, Any] = {"used": used}
        if used != ["none"]:
            answers["ease"] = rng.choices([1, 2, 3, 4, 5], [5, 10, 30, 35, 20])[0]
        if rng.random() < 0.7:
            answers["obstacle"] = rng.choice(["signal", "steps", "documents", "help"])
        if rng.random() < 0.2:
            answers["suggestion"] = rng.choice(SUGGESTIONS)
        items.append(
            ResponseData(
                client_id=str(uuid.uuid5(NAMESPACE, f"public-{survey.id}-{n}")),
                survey_id=survey.id,
                version=1,
                answers=answers,
                collected_at=start + timedelta(minutes=rng.randrange(0, 13 * 24 * 60)),
                admin_unit_code=communes[rng.randrange(len(communes))].code,
                device_id=f"citizen-{n:03d}",
            )
        )
    stored = 0
    for n, item in enumerate(items):
        outcome = await sync_responses(
            Actor.anonymous(), items=[item], client_address=f"demo-citizen-{n}"
        )
        stored += _stored(outcome)
    return stored
