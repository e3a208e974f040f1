"""Responses synced from the field: each stored exactly once, whatever the retries.

A batch (at most 100) is handled in a few statements, never one per response:

1. the rows already stored under the batch's client ids are read (a re-send is answered
   from them, even after the survey has closed);
2. every new item is checked against its survey version, unit and the actor's scope;
   a rejected item gets its own errors and does not stop the others;
3. the valid items are inserted in one ``INSERT ... ON CONFLICT DO NOTHING`` tagged
   with a random batch token: the unique key on ``client_id`` (and on
   (survey, public device)) decides, never a check-then-insert;
4. the rows are read back by client id: rows carrying this call's token were CREATED;
   any other row came from a concurrent retry and is a DUPLICATE when its content hash
   matches, else a CONFLICT; nothing stored is left untouched;
5. the answers of the created rows go to the narrow table in one bulk insert, and
   their counts per (unit path, question, text, number) to the counts table that
   results read.

The content hash is the SHA-256 of the canonical JSON (sorted keys) of everything the
client sent but its client id.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import orjson

from core import audit, bulk, ratelimit
from core.actor import FIELD_ROLES, Actor
from core.clock import VIETNAM, as_utc, utcnow
from core.errors import DomainError, PermissionDenied, Unauthenticated
from network.models import AdminUnit
from surveys.definition import CheckedAnswers, Form, check_answers, parse_form
from surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyAnswerCount,
    SurveyResponse,
    SurveyStatus,
    SurveyVersion,
)
from surveys.services import Respondent, can_respond, related, respondent

MAX_BATCH = 100
CLOCK_SKEW = timedelta(minutes=10)
# Public answers without an account: calls per client address (the DB-backed counters
# of the public initiative form, shared by every worker).
PUBLIC_SYNCS_PER_ADDRESS = ratelimit.Limit("survey-addr", 30, timedelta(hours=1))
_CLIENT_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-")


class SyncStatus(StrEnum):
    CREATED = "CREATED"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    REJECTED = "REJECTED"


@dataclass(frozen=True)
class ResponseData:
    client_id: str
    survey_id: int
    version: int
    answers: Mapping[str, Any]
    collected_at: datetime
    admin_unit_code: str
    device_id: str = ""
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None


@dataclass
class ItemResult:
    client_id: str
    status: SyncStatus
    response_id: int | None = None
    errors: list[DomainError] = field(default_factory=list)
    # Stored (CREATED or DUPLICATE) with every photo it names: the PWA need not send them.
    complete: bool | None = None


@dataclass
class _Pending:
    index: int
    data: ResponseData
    digest: str
    survey: Survey
    unit: AdminUnit
    checked: CheckedAnswers


def content_hash(data: ResponseData) -> str:
    collected = as_utc(data.collected_at)
    canonical = {
        "survey": data.survey_id,
        "version": data.version,
        "answers": data.answers,
        "collectedAt": collected.astimezone(UTC).isoformat(),
        "unit": data.admin_unit_code,
        "device": data.device_id,
        "location": [data.latitude, data.longitude, data.accuracy],
    }
    return hashlib.sha256(orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _valid_client_id(client_id: str) -> bool:
    return 8 <= len(client_id) <= 64 and set(client_id) <= _CLIENT_ID_CHARS


# Versions are frozen, so their parsed forms are kept across calls, keyed by row id and
# publication time (a restored or re-created database may reuse ids).
_FORMS: dict[tuple[int, datetime], Form] = {}
_FORMS_KEPT = 256


class _Context:
    """The surveys, versions and units a batch refers to, read once."""

    def __init__(
        self,
        surveys: dict[int, Survey],
        forms: dict[tuple[int, int], Form],
        units: dict[str, AdminUnit],
        who: Respondent | None = None,
    ) -> None:
        self.surveys = surveys
        self.forms = forms
        self.units = units
        self.who = who or Respondent()


async def _load(actor: Actor, items: Sequence[ResponseData]) -> _Context:
    survey_ids = sorted({i.survey_id for i in items})
    surveys = {
        s.id: s
        for s in await Survey.filter(id__in=survey_ids).only(
            "id",
            "status",
            "is_public",
            "unit_path",
            "opens_at",
            "closes_at",
            "organization_kinds",
            "network_roles",
        )
    }
    versions = await SurveyVersion.filter(survey_id__in=survey_ids).values_list(
        "id", "survey_id", "version", "published_at"
    )
    missing = [pk for pk, _, _, at in versions if (pk, at) not in _FORMS]
    if missing:
        if len(_FORMS) > _FORMS_KEPT:
            _FORMS.clear()
        for pk, at, definition in await SurveyVersion.filter(id__in=missing).values_list(
            "id", "published_at", "definition"
        ):
            _FORMS[(pk, at)] = parse_form(definition)
    forms = {(survey_id, number): _FORMS[(pk, at)] for pk, survey_id, number, at in versions}
    codes = sorted({i.admin_unit_code.strip() for i in items})
    units = {u.code: u for u in await AdminUnit.filter(code__in=codes).only("id", "code", "path")}
    restricted = any(s.organization_kinds or s.network_roles for s in surveys.values())
    who = await respondent(actor) if restricted else None
    return _Context(surveys, forms, units, who)


def _check(actor: Actor, data: ResponseData, ctx: _Context, now: datetime) -> Any:
    """(survey, unit, checked answers), or the item's errors."""
    errors: list[DomainError] = []
    survey = ctx.surveys.get(data.survey_id)
    public = not actor.is_authenticated
    if (
        survey is None
        or survey.status == SurveyStatus.DRAFT
        or (public and not survey.is_public)
        or (not public and not survey.is_public and not related(actor, survey.unit_path))
    ):
        return [DomainError("SURVEY_NOT_FOUND", field="surveyId")]
    if not can_respond(actor, survey, ctx.who):
        return [DomainError("SURVEY_NOT_IN_AUDIENCE", field="surveyId")]
    collected = as_utc(data.collected_at)
    if survey.status in (SurveyStatus.CLOSED, SurveyStatus.ARCHIVED) or (
        survey.closes_at is not None and collected > survey.closes_at
    ):
        return [DomainError("SURVEY_CLOSED", field="surveyId")]
    if survey.opens_at is not None and collected < survey.opens_at:
        errors.append(DomainError("SURVEY_NOT_OPEN", field="collectedAt"))
    if collected > now + CLOCK_SKEW:
        errors.append(DomainError("DATE_IN_FUTURE", field="collectedAt"))
    form = ctx.forms.get((survey.id, data.version))
    if form is None:
        return [*errors, DomainError("UNKNOWN_SURVEY_VERSION", field="version")]
    unit = ctx.units.get(data.admin_unit_code.strip())
    if unit is None:
        errors.append(
            DomainError("ADMIN_UNIT_NOT_FOUND", field="adminUnitCode", code=data.admin_unit_code)
        )
    elif not unit.path.startswith(survey.unit_path):
        errors.append(DomainError("OUTSIDE_SURVEY_AREA", field="adminUnitCode"))
    elif not public and not actor.can_see(unit.path):
        errors.append(DomainError("OUT_OF_SCOPE", field="adminUnitCode", code=unit.code))
    if len(data.device_id) > 64 or (public and not data.device_id.strip()):
        errors.append(DomainError("INVALID_DEVICE_ID", field="deviceId"))
    if (data.latitude is None) != (data.longitude is None) or not (
        (data.latitude is None or -90 <= data.latitude <= 90)
        and (data.longitude is None or -180 <= data.longitude <= 180)
        and (data.accuracy is None or 0 <= data.accuracy <= 100_000)
    ):
        errors.append(DomainError("INVALID_LOCATION", field="location"))
    # today() and now() read Vietnam's wall clock at collection, as on the phone that
    # collected it (the rules read times as wall-clock time, surveys/rules/dates.py)
    local = collected.astimezone(VIETNAM)
    checked = check_answers(form, data.answers, today=local.date(), now=local)
    errors.extend(checked.errors)
    if errors:
        return errors
    return survey, unit, checked


async def sync_responses(
    actor: Actor,
    *,
    items: Sequence[ResponseData],
    now: datetime | None = None,
    client_address: str = "",
) -> list[ItemResult]:
    """Store each response once; one result per item, in order. Anonymous callers may
    answer public surveys only, one response per device, rate-limited per address."""
    if len(items) > MAX_BATCH:
        raise DomainError("TOO_MANY_RESPONSES", field="responses", max=MAX_BATCH)
    if not actor.is_authenticated:
        await ratelimit.hit(PUBLIC_SYNCS_PER_ADDRESS, client_address or "unknown", now=now)
    if actor.is_authenticated and not actor.has_role(*FIELD_ROLES):
        raise PermissionDenied()
    if actor.kind == "api_key":
        raise Unauthenticated()
    now = now or utcnow()
    results: list[ItemResult | None] = [None] * len(items)
    stored = await _stored([i.client_id for i in items if _valid_client_id(i.client_id)])
    ctx = await _load(actor, items) if len(stored) < len(items) else _Context({}, {}, {})
    pending: dict[str, _Pending] = {}
    for index, data in enumerate(items):
        if not _valid_client_id(data.client_id):
            error = DomainError("INVALID_CLIENT_ID", field="clientId")
            results[index] = ItemResult(data.client_id, SyncStatus.REJECTED, errors=[error])
            continue
        digest = content_hash(data)
        if data.client_id in stored:
            results[index] = _replay(data.client_id, stored[data.client_id], digest)
            continue
        if data.client_id in pending:  # the same item twice in one batch
            continue
        outcome = _check(actor, data, ctx, now)
        if isinstance(outcome, list):
            results[index] = ItemResult(data.client_id, SyncStatus.REJECTED, errors=outcome)
            continue
        survey, unit, checked = outcome
        pending[data.client_id] = _Pending(index, data, digest, survey, unit, checked)
    if pending:
        await _insert(actor, list(pending.values()), results)
    for index, data in enumerate(items):
        if results[index] is None:  # a repeat inside the batch: answer as its first copy
            first = next(r for r in results if r is not None and r.client_id == data.client_id)
            digest = content_hash(data)
            same = pending[data.client_id].digest == digest
            if first.status == SyncStatus.REJECTED:
                results[index] = ItemResult(data.client_id, first.status, None, first.errors)
            elif same:
                results[index] = ItemResult(
                    data.client_id, SyncStatus.DUPLICATE, first.response_id, [], first.complete
                )
            else:
                conflict = DomainError("CLIENT_ID_CONFLICT", field="clientId")
                results[index] = ItemResult(data.client_id, SyncStatus.CONFLICT, None, [conflict])
    return [r for r in results if r is not None]


async def _stored(client_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """Responses already stored, by client id: (id, content hash, photos expected,
    photos received), what ``_replay`` needs."""
    rows = await SurveyResponse.filter(client_id__in=client_ids).values_list(
        "client_id", "id", "content_hash", "photos_expected", "photos_received"
    )
    return {row[0]: row[1:] for row in rows}


def _replay(client_id: str, row: tuple[Any, ...], digest: str) -> ItemResult:
    """A client id already stored, as ``_stored`` read it."""
    pk, stored_hash, expected, received = row
    if stored_hash == digest:
        return ItemResult(client_id, SyncStatus.DUPLICATE, pk, complete=received >= expected)
    return ItemResult(
        client_id,
        SyncStatus.CONFLICT,
        errors=[DomainError("CLIENT_ID_CONFLICT", field="clientId")],
    )


async def _insert(actor: Actor, pending: list[_Pending], results: list[ItemResult | None]) -> None:
    token = secrets.token_hex(16)
    public = not actor.is_authenticated
    created_at = utcnow()
    new_rows = [
        {
            "client_id": p.data.client_id,
            "survey_id": p.survey.id,
            "version": p.data.version,
            "content_hash": p.digest,
            "sync_batch": token,
            "collected_at": as_utc(p.data.collected_at),
            "device_id": p.data.device_id.strip(),
            "public_device": p.data.device_id.strip() if public else None,
            "latitude": p.data.latitude,
            "longitude": p.data.longitude,
            "accuracy": p.data.accuracy,
            "admin_unit_id": p.unit.id,
            "unit_path": p.unit.path,
            "answers": p.checked.answers,
            "photos_expected": p.checked.photos,
            "photos_received": 0,
            "recorded_by_id": actor.user_id,
            "created_at": created_at,
        }
        for p in pending
    ]
    inserted = await _insert_responses(new_rows)
    created: list[tuple[int, _Pending]] = []
    refused: list[_Pending] = []
    for p in pending:
        pk = inserted.get(p.data.client_id)
        if pk is not None:
            results[p.index] = ItemResult(
                p.data.client_id, SyncStatus.CREATED, pk, complete=p.checked.photos == 0
            )
            created.append((pk, p))
        else:
            refused.append(p)
    if refused:  # rare: a concurrent retry stored it first, or the device already answered
        stored = await _stored([p.data.client_id for p in refused])
        for p in refused:
            row = stored.get(p.data.client_id)
            if row is None:  # the unique (survey, public device) key refused it
                error = DomainError("ALREADY_RESPONDED", field="deviceId")
                results[p.index] = ItemResult(p.data.client_id, SyncStatus.REJECTED, errors=[error])
            else:
                results[p.index] = _replay(p.data.client_id, row, p.digest)
    counted = [
        [p.survey.id, p.unit.path, key, text, number]
        for _, p in created
        for key, text, number in p.checked.rows
    ]
    if counted:
        await _insert_answer_counts(counted)
    texts = [
        [pk, p.survey.id, p.unit.path, key, text, number]
        for pk, p in created
        for key, text, number in p.checked.texts
    ]
    if texts:
        await _insert_answers(texts)
    if created:
        await audit.record_many(
            actor, "survey_response.sync", "SurveyResponse", [pk for pk, _ in created], ["answers"]
        )


async def _insert_responses(rows: list[dict[str, Any]]) -> dict[str, int]:
    """One ``INSERT ... ON CONFLICT DO NOTHING ... RETURNING``: the unique keys decide,
    and the rows it returns are exactly the responses this call created (client id ->
    id), with no second read. Values are converted by their fields as the ORM would
    (dates, JSON); building a hundred model objects cost more than the insert."""
    fields_map = SurveyResponse._meta.fields_map
    columns = list(rows[0])
    values = [fields_map[c].to_db_value(row[c], SurveyResponse) for row in rows for c in columns]
    insert = bulk.insert_sql(SurveyResponse, columns, len(rows))
    found = await SurveyResponse._meta.db.execute_query_dict(
        f"{insert} ON CONFLICT DO NOTHING RETURNING id, client_id", values
    )
    return {row["client_id"]: row["id"] for row in found}


async def _insert_answers(rows: list[list[Any]]) -> None:
    """The free-text answers, one prepared INSERT run: read one by one by
    ``surveyTextAnswers``. Every other answer lives in the response's JSON and in the
    counts results add up, so it is not written a third time."""
    columns = [
        "response_id",
        "survey_id",
        "unit_path",
        "question_key",
        "value_text",
        "value_number",
    ]
    await bulk.insert_many(SurveyAnswer, columns, rows)


async def _insert_answer_counts(rows: list[list[Any]]) -> None:
    """Every answer row counted per (survey, unit path, question, text, number), in the
    transaction that stores the responses: what results add up."""
    counts = Counter(tuple(row) for row in rows)
    await bulk.insert_many(
        SurveyAnswerCount,
        ["survey_id", "unit_path", "question_key", "value_text", "value_number", "n"],
        [[*key, n] for key, n in counts.items()],
    )
