"""A household survey using every question kind, and helpers to publish and answer it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from core.actor import Actor
from network.models import AdminUnit
from surveys import services
from surveys.models import Survey
from surveys.services import SurveyData
from surveys.sync import ResponseData

NOW = datetime.now(UTC).replace(microsecond=0)
PHOTO_SHA = "a" * 64


def question(key: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "kind": kind,
        "labelVi": f"Câu {key}",
        "labelEn": f"Question {key}",
        **extra,
    }


def ask(key: str, kind: str, label: str, **extra: Any) -> dict[str, Any]:
    """A question of a survey definition, labelled ``label`` in Vietnamese."""
    return {"key": key, "kind": kind, "labelVi": label, **extra}


def options(*choices: tuple[str, str]) -> list[dict[str, str]]:
    """The choices of a question from (value, Vietnamese label) pairs."""
    return [{"value": value, "labelVi": label} for value, label in choices]


def choices(*values: str) -> list[dict[str, str]]:
    return [{"value": v, "labelVi": v, "labelEn": v} for v in values]


DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "household",
            "titleVi": "Hộ gia đình",
            "questions": [
                question("intro", "NOTE"),
                question("head_name", "TEXT", required=True, maxLength=50),
                question(
                    "phone",
                    "TEXT",
                    pattern=r"0\d{9}",
                    constraintMessageVi="Số điện thoại có 10 chữ số.",
                    constraintMessageEn="A phone number has 10 digits.",
                ),
                question("members", "INTEGER", required=True, min=1, max=30),
                question(
                    "adults",
                    "INTEGER",
                    constraint=". <= ${members}",
                    constraintMessageVi="Không quá số thành viên.",
                    constraintMessageEn="At most the number of members.",
                ),
                question("income", "DECIMAL", min=0),
                question("internet", "YES_NO", required=True),
                question(
                    "connection",
                    "SINGLE_CHOICE",
                    choices=choices("fiber", "mobile", "none"),
                    relevant="${internet} = true()",
                    required=True,
                    allowOther=True,
                ),
                question(
                    "services",
                    "MULTIPLE_CHOICE",
                    choices=choices("vneid", "portal", "cashless"),
                    allowOther=True,
                ),
                question("services_note", "LONG_TEXT", relevant="count-selected(${services}) >= 2"),
            ],
        },
        {
            "key": "visit",
            "questions": [
                question("visited_on", "DATE"),
                question("satisfaction", "RATING"),
                question("home", "LOCATION", requiredAccuracy=50),
                question("house_photo", "PHOTO"),
            ],
        },
    ]
}

GOOD_ANSWERS: dict[str, Any] = {
    "head_name": "Nguyễn Văn An",
    "phone": "0912345678",
    "members": 4,
    "adults": 2,
    "income": 12.5,
    "internet": True,
    "connection": "fiber",
    "services": ["vneid", "cashless"],
    "services_note": "Dùng VNeID hằng tuần",
    "visited_on": "2025-07-01",
    "satisfaction": 4,
    "home": {"lat": 9.17, "lon": 105.15, "accuracy": 8},
}


async def published_survey(actor: Actor, *, unit: str = "96", public: bool = False) -> Survey:
    survey = await services.create(
        actor,
        data=SurveyData(
            title="Khảo sát hộ gia đình",
            admin_unit_code=unit,
            definition=DEFINITION,
            is_public=public,
        ),
    )
    return await services.publish(actor, survey_id=survey.id)


def response(
    survey: Survey,
    answers: dict[str, Any] | None = None,
    *,
    client_id: str | None = None,
    unit: str = "32002",
    version: int = 1,
    collected_at: datetime | None = None,
    device_id: str = "device-1",
) -> ResponseData:
    return ResponseData(
        client_id=client_id or str(uuid.uuid4()),
        survey_id=survey.id,
        version=version,
        answers=GOOD_ANSWERS if answers is None else answers,
        collected_at=collected_at or NOW - timedelta(hours=1),
        admin_unit_code=unit,
        device_id=device_id,
    )


async def other_commune() -> str:
    """A commune of the province other than 32002."""
    unit = await AdminUnit.filter(parent__code="96").exclude(code="32002").order_by("code").first()
    assert unit is not None
    return unit.code
