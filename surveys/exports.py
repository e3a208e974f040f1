"""Every response of a survey as CSV or Excel: one row per response, one column per
question key, Vietnamese headers ("Nhãn câu hỏi [key]"). Rows are read as plain values
in pages of 2,000 by id, never a query per row. Answers may hold personal data: only
editors in scope (and the command line) and partner keys holding ``read:pii`` export;
each export is recorded in the audit trail.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Literal

from core import audit
from core.actor import Actor, ApiScope
from core.errors import PermissionDenied
from network.access import require_editor
from network.models import AdminUnit
from network.spreadsheets import Cell, write_csv, write_xlsx
from surveys import services
from surveys.definition import column_labels
from surveys.models import SurveyResponse
from surveys.results import latest_form

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
PAGE = 2_000
FIXED_HEADERS = [
    "Mã phiếu [client_id]",
    "Phiên bản [version]",
    "Thời điểm thu thập [collected_at]",
    "Mã đơn vị hành chính [admin_unit]",
    "Thiết bị [device_id]",
    "Vĩ độ [latitude]",
    "Kinh độ [longitude]",
    "Đủ ảnh [complete]",
]
FIELDS = (
    "id",
    "client_id",
    "version",
    "collected_at",
    "admin_unit__code",
    "device_id",
    "latitude",
    "longitude",
    "photos_expected",
    "photos_received",
    "answers",
)


def _cell(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        accuracy = value.get("accuracy")
        where = f"{value.get('lat')}, {value.get('lon')}"
        return where if accuracy is None else f"{where} (±{accuracy} m)"
    if isinstance(value, int | float | str):
        return value
    return str(value)


async def export_responses(
    actor: Actor, *, survey_id: int, fmt: Format, within: AdminUnit | None = None
) -> bytes:
    survey = await services.get(actor, survey_id=survey_id)
    if actor.kind == "api_key":
        if not actor.has_api_scope(ApiScope.READ_PII):
            raise PermissionDenied()
    else:
        require_editor(actor)
    form = await latest_form(survey)
    columns = column_labels(form)
    area = within.path if within is not None else survey.unit_path
    if not actor.can_see(area):
        area = actor.scope_path or "\x00"
    query = SurveyResponse.filter(survey_id=survey.id, unit_path__startswith=area)
    rows: list[list[Cell]] = []
    last = 0
    while True:
        page = await query.filter(id__gt=last).order_by("id").limit(PAGE).values_list(*FIELDS)
        for values in page:
            (
                _,
                client_id,
                version,
                collected,
                unit,
                device,
                lat,
                lon,
                expected,
                received,
                answers,
            ) = values
            collected_text = collected.isoformat() if isinstance(collected, datetime) else collected
            rows.append(
                [
                    client_id,
                    version,
                    collected_text,
                    unit,
                    device,
                    lat,
                    lon,
                    "Có" if received >= expected else "Không",
                ]
                + [_cell(answers.get(key)) for key, _ in columns]
            )
        if len(page) < PAGE:
            break
        last = page[-1][0]
    await audit.record(actor, "survey_response.export", "Survey", survey.id, ["answers"])
    headers = FIXED_HEADERS + [f"{label} [{key}]" for key, label in columns]
    writer = write_xlsx if fmt == "xlsx" else write_csv
    return await asyncio.to_thread(writer, headers, rows)
