"""Every response of a survey as CSV or Excel: one row per response, one column per
question key, Vietnamese headers ("Nhãn câu hỏi [key]"). Rows are read as plain values
in pages of 2,000 by id, never a query per row.

Repeat groups (decision 0035) follow KoBoToolbox: a repeat's column in the responses
holds its number of instances; the Excel file adds one sheet per repeat (named by its
key, cut to Excel's 31 characters and kept unique), one row per instance, with
``_index`` (its row in that sheet, from 1), ``_parent_index`` (the row of the enclosing
instance in its repeat's sheet, or of the response in the responses sheet) and the
response's ``client_id``, then the repeat's own questions. The CSV carries the
responses only. A media answer (photo, recording, file; decision 0038) is the path of
its download, ``/files/survey-media/<client_id>/<key>/<sha256>``. Answers may hold personal data: only
editors in scope (and the command line) and partner keys holding ``read:pii`` export;
each export is recorded in the audit trail.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from core import audit
from core.actor import Actor, ApiScope
from core.clock import VIETNAM
from core.errors import PermissionDenied
from network.access import require_editor
from network.models import AdminUnit
from network.spreadsheets import Cell, write_csv, write_sheets, write_xlsx
from surveys import services
from surveys.definition import MEDIA_KINDS, Form, Question, QuestionKind, column_labels
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


# A media answer's cell: the path of its download (``GET /files/survey-media/…``, for
# the same editors and keys as this export), which names the file by its SHA-256.
MEDIA_LINK = "/files/survey-media/{client_id}/{key}/{sha256}"


def _media_cell(value: Any, client_id: str, key: str) -> Cell:
    if not isinstance(value, str) or not value:
        return None
    return MEDIA_LINK.format(client_id=client_id, key=key, sha256=value)


def _cell(value: Any, repeat: bool = False) -> Cell:
    if repeat:  # a repeat's instances: their number (they have their own sheet)
        return len(value) if isinstance(value, list) else 0
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
    repeats = {q.key for q in form.everything if q.kind == QuestionKind.REPEAT}
    media = {q.key for q in form.everything if q.kind in MEDIA_KINDS}
    sheets = _RepeatSheets(form) if fmt == "xlsx" and repeats else None
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
            # on Vietnam's clock, with its offset: the same moment, as the office reads it
            collected_text = (
                collected.astimezone(VIETNAM).isoformat()
                if isinstance(collected, datetime)
                else collected
            )
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
                + [
                    _media_cell(answers.get(key), client_id, key)
                    if key in media
                    else _cell(answers.get(key), key in repeats)
                    for key, _ in columns
                ]
            )
            if sheets is not None:
                sheets.add(answers, client_id, len(rows))
        if len(page) < PAGE:
            break
        last = page[-1][0]
    await audit.record(actor, "survey_response.export", "Survey", survey.id, ["answers"])
    headers = FIXED_HEADERS + [f"{label} [{key}]" for key, label in columns]
    if sheets is not None:
        listed = [(RESPONSES_SHEET, headers, rows), *sheets.tables()]
        return await asyncio.to_thread(write_sheets, listed)
    writer = write_xlsx if fmt == "xlsx" else write_csv
    return await asyncio.to_thread(writer, headers, rows)


RESPONSES_SHEET = "responses"
INSTANCE_HEADERS = ["_index", "_parent_index", "Mã phiếu [client_id]"]
MAX_SHEET_TITLE = 31


class _RepeatSheets:
    """One table per repeat, filled response by response (no query: the instances are
    in the answers already read)."""

    def __init__(self, form: Form) -> None:
        self.repeats = [q for q in form.everything if q.kind == QuestionKind.REPEAT]
        self.titles = _sheet_titles([q.key for q in self.repeats])
        self.columns = {q.key: _instance_columns(q) for q in self.repeats}
        self.nested = {
            q.key: {c.key for c in q.questions if c.kind == QuestionKind.REPEAT}
            for q in self.repeats
        }
        self.rows: dict[str, list[list[Cell]]] = {q.key: [] for q in self.repeats}
        self.top = [q for q in form.questions if q.kind == QuestionKind.REPEAT]
        self.by_key = {q.key: q for q in self.repeats}
        self.media = {q.key for q in form.everything if q.kind in MEDIA_KINDS}

    def add(self, answers: Mapping[str, Any], client_id: str, row: int) -> None:
        for repeat in self.top:
            self._instances(repeat, answers.get(repeat.key), client_id, row)

    def _instances(self, repeat: Question, value: Any, client_id: str, parent: int) -> None:
        if not isinstance(value, list):
            return
        rows = self.rows[repeat.key]
        nested = self.nested[repeat.key]
        for instance in value:
            if not isinstance(instance, Mapping):
                continue
            index = len(rows) + 1
            cells: list[Cell] = [index, parent, client_id]
            cells.extend(
                _media_cell(instance.get(key), client_id, key)
                if key in self.media
                else _cell(instance.get(key), key in nested)
                for key, _ in self.columns[repeat.key]
            )
            rows.append(cells)
            for key in nested:
                self._instances(self.by_key[key], instance.get(key), client_id, index)

    def tables(self) -> list[tuple[str, list[str], list[list[Cell]]]]:
        return [
            (
                self.titles[q.key],
                INSTANCE_HEADERS + [f"{label} [{key}]" for key, label in self.columns[q.key]],
                self.rows[q.key],
            )
            for q in self.repeats
        ]


def _instance_columns(repeat: Question) -> list[tuple[str, str]]:
    """A repeat's own questions as columns (a nested repeat: its count)."""
    return column_labels(Form(list(repeat.questions)))


def _sheet_titles(keys: Sequence[str]) -> dict[str, str]:
    """Sheet titles by repeat key: the key cut to 31 characters, then made unique (and
    other than the responses sheet's) by a numbered ending."""
    taken = {RESPONSES_SHEET}
    titles: dict[str, str] = {}
    for key in keys:
        title = key[:MAX_SHEET_TITLE]
        n = 1
        while title.lower() in taken:
            n += 1
            ending = f"~{n}"
            title = key[: MAX_SHEET_TITLE - len(ending)] + ending
        taken.add(title.lower())
        titles[key] = title
    return titles
