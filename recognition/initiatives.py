"""Initiatives: submission without an account, tracking, screening, and staff reads.

A submission may carry the ``client_id`` its device gave it (the PWA queues it offline
and resends it until it gets an answer): the first one is stored, a resend of the same
submission gets the same tracking code back and changes nothing (no second initiative,
no rate-limit hit), and the same ``client_id`` with another title or phone is
CLIENT_ID_CONFLICT. The unique key on ``client_id`` decides, so two resends racing each
other still store one.

Services take the ``Actor`` first and do not commit on their own.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core import audit, ratelimit
from core.actor import Actor
from core.clock import utcnow
from core.errors import DomainError, NotFound, ValidationFailed
from core.queries import first_or_not_found
from core.text import fold, fold_search
from core.validation import (
    FormCheck,
    clean_text,
    normalize_email,
    normalize_phone,
    require_client_id,
    require_length,
)
from network import admin_units
from network import organizations as organization_services
from network.access import require_editor, scoped
from network.models import AdminUnit, Member
from recognition import files, similarity, tracking, workflow
from recognition.access import require_reader
from recognition.models import (
    Initiative,
    InitiativeCategory,
    InitiativeStatus,
    InitiativeTransition,
)
from recognition.similarity import SimilarInitiative
from recognition.text import long_text

# citizens submit without an account: limits per phone and per client address
SUBMISSIONS_PER_PHONE = ratelimit.Limit("submit-phone", 5, timedelta(days=1))
SUBMISSIONS_PER_ADDRESS = ratelimit.Limit("submit-addr", 20, timedelta(hours=1))
TRACKING_MISSES_PER_ADDRESS = ratelimit.Limit("track-miss-addr", 20, timedelta(hours=1))

TITLE = (10, 200)
SUMMARY = (20, 1000)
BODY = (20, 5000)
RESULTS = (0, 5000)
NAME = (2, 200)
NOTE = (0, 2000)
PUBLIC_NOTE = (0, 1000)
INFO = (10, 5000)
# The screener must tell the submitter what is missing, or why the idea is declined.
PUBLIC_NOTE_REQUIRED = frozenset({InitiativeStatus.NEEDS_INFO, InitiativeStatus.REJECTED})
FOLDED = {"title_folded", "text_folded"}


@dataclass(frozen=True)
class SubmissionData:
    title: str
    summary: str
    problem: str
    solution: str
    category: InitiativeCategory | str
    submitter_name: str
    submitter_phone: str
    results: str = ""
    admin_unit_code: str | None = None
    submitter_email: str | None = None
    organization_id: int | None = None
    attachment_tokens: Sequence[str] = field(default_factory=list)
    # The honeypot: a field people never see, so only robots fill it.
    website: str = ""
    # The device's id for this submission (see the module docstring); optional.
    client_id: str | None = None


@dataclass(frozen=True)
class Submission:
    """``initiative`` is None when the honeypot caught a robot (nothing was stored);
    ``duplicate`` when a resend was answered with the initiative stored the first time."""

    initiative: Initiative | None
    tracking_code: str
    similar: list[SimilarInitiative]
    duplicate: bool = False


def province_path(unit_path: str) -> str:
    return "/" + unit_path.strip("/").split("/")[0] + "/"


async def _clean_submission(actor: Actor, data: SubmissionData) -> dict[str, Any]:
    check = FormCheck()
    cleaned, errors = check.cleaned, check.errors

    check.clean(
        "title", lambda: require_length(data.title, field="title", low=TITLE[0], high=TITLE[1])
    )
    for name, (low, high) in (
        ("summary", SUMMARY),
        ("problem", BODY),
        ("solution", BODY),
        ("results", RESULTS),
    ):
        with check.catch():
            cleaned[name] = long_text(getattr(data, name), field=name, low=low, high=high)
    if str(data.category) in InitiativeCategory.__members__:
        cleaned["category"] = InitiativeCategory(str(data.category))
    else:
        errors.append(DomainError("INVALID_CHOICE", field="category"))
    check.clean(
        "submitter_name",
        lambda: require_length(
            data.submitter_name, field="submitterName", low=NAME[0], high=NAME[1]
        ),
    )
    if not (data.submitter_phone or "").strip():
        errors.append(DomainError("REQUIRED", field="submitterPhone"))
    else:
        check.clean(
            "submitter_phone",
            lambda: normalize_phone(data.submitter_phone, field="submitterPhone"),
        )
    check.clean(
        "submitter_email", lambda: normalize_email(data.submitter_email, field="submitterEmail")
    )
    unit: AdminUnit | None = None
    if data.organization_id is not None:
        if not actor.is_authenticated:
            errors.append(DomainError("FORBIDDEN", field="organizationId"))
        else:
            with check.catch():
                organization = await organization_services.get(
                    actor, organization_id=data.organization_id, field="organizationId"
                )
                cleaned["organization_id"] = organization.id
                if not data.admin_unit_code:
                    unit = await AdminUnit.get(id=organization.admin_unit_id)
    if data.admin_unit_code:
        with check.catch():
            unit = await admin_units.get(code=data.admin_unit_code)
            if not unit.is_active:
                raise NotFound("ADMIN_UNIT_NOT_FOUND", field="adminUnitCode", code=unit.code)
    elif unit is None and data.organization_id is None:
        errors.append(DomainError("REQUIRED", field="adminUnitCode"))
    if len(data.attachment_tokens) > files.MAX_ATTACHMENTS:
        errors.append(
            DomainError("TOO_MANY_ATTACHMENTS", field="attachmentIds", max=files.MAX_ATTACHMENTS)
        )
    if errors or unit is None:
        raise ValidationFailed(errors)
    cleaned["admin_unit_id"], cleaned["unit_path"] = unit.id, unit.path
    if actor.member_id is not None and await Member.exists(id=actor.member_id):
        cleaned["member_id"] = actor.member_id
    cleaned["title_folded"] = fold(cleaned["title"])[:200]
    cleaned["text_folded"] = fold(f"{cleaned['title']} {cleaned['summary']}")
    return cleaned


async def _create_with_code(values: dict[str, Any]) -> Initiative | None:
    """Insert with a fresh tracking code; a collision (about 1 in 10^11) draws again.
    None when another request stored the same ``client_id`` first."""
    for _ in range(5):
        try:
            async with in_transaction():  # a savepoint inside the caller's transaction
                return await Initiative.create(tracking_code=tracking.new_code(), **values)
        except IntegrityError:
            client_id = values.get("client_id")
            if client_id is not None and await Initiative.exists(client_id=client_id):
                return None
            continue
    raise RuntimeError("could not allocate a unique tracking code")


def _replay(previous: Initiative, data: SubmissionData) -> Submission:
    """A resent submission: the first answer again, if it is the same submission."""
    try:
        phone = normalize_phone(data.submitter_phone, field="submitterPhone")
    except DomainError:
        phone = None
    if phone != previous.submitter_phone or clean_text(data.title) != previous.title:
        raise ValidationFailed([DomainError("CLIENT_ID_CONFLICT", field="clientId")])
    return Submission(previous, previous.tracking_code, [], duplicate=True)


async def submit(
    actor: Actor, *, data: SubmissionData, client_addr: str, now: datetime | None = None
) -> Submission:
    """Accept an initiative from anyone; return its tracking code and similar ones."""
    now = now or utcnow()
    if data.website.strip():
        return Submission(None, tracking.new_code(), [])
    if data.client_id is not None:
        require_client_id(data.client_id)
        previous = await Initiative.get_or_none(client_id=data.client_id)
        if previous is not None:
            return _replay(previous, data)
    cleaned = await _clean_submission(actor, data)
    await ratelimit.hit(SUBMISSIONS_PER_ADDRESS, client_addr, now=now)
    await ratelimit.hit(
        SUBMISSIONS_PER_PHONE, cleaned["submitter_phone"], now=now, field="submitterPhone"
    )
    similar = await similarity.find_similar(
        text_folded=cleaned["text_folded"],
        title_folded=cleaned["title_folded"],
        category=cleaned["category"],
        area_path=province_path(cleaned["unit_path"]),
        now=now,
    )
    initiative = await _create_with_code(
        {
            **cleaned,
            "client_id": data.client_id,
            "status": InitiativeStatus.SUBMITTED,
            "status_changed_at": now,
            "submitted_by_user_id": actor.user_id,
        }
    )
    if initiative is None:  # a resend raced the first send, which won
        return _replay(await Initiative.get(client_id=data.client_id), data)
    await workflow.record_submission(actor, initiative, now=now)
    await files.claim(initiative, data.attachment_tokens, now=now)
    await audit.record(
        actor, "initiative.submit", "Initiative", initiative.id, set(cleaned) - FOLDED
    )
    return Submission(initiative, initiative.tracking_code, similar)


async def get_by_tracking_code(
    *, code: str, client_addr: str, now: datetime | None = None
) -> Initiative:
    """The initiative with this code; misses are counted per client address."""
    now = now or utcnow()
    await ratelimit.check(TRACKING_MISSES_PER_ADDRESS, client_addr, now=now)
    normalized = tracking.normalize(code)
    initiative = await Initiative.get_or_none(tracking_code=normalized) if normalized else None
    if initiative is None:
        await ratelimit.hit(TRACKING_MISSES_PER_ADDRESS, client_addr, now=now, field="code")
        raise NotFound("TRACKING_CODE_NOT_FOUND", field="code")
    return initiative


async def verify_submitter(
    *, code: str, phone: str, client_addr: str, now: datetime | None = None
) -> Initiative:
    """The initiative if ``phone`` is the submitter's; a wrong phone counts as a miss.

    Call it outside the use case's transaction, so that misses stay counted.
    """
    now = now or utcnow()
    initiative = await get_by_tracking_code(code=code, client_addr=client_addr, now=now)
    try:
        given = normalize_phone(phone, field="phone") or ""
    except DomainError:
        given = ""
    if not hmac.compare_digest(given.encode(), initiative.submitter_phone.encode()):
        await ratelimit.hit(TRACKING_MISSES_PER_ADDRESS, client_addr, now=now, field="code")
        raise NotFound("TRACKING_CODE_NOT_FOUND", field="code")
    return initiative


async def provide_info(
    actor: Actor,
    *,
    initiative_id: int,
    info: str,
    attachment_tokens: Sequence[str] = (),
    now: datetime | None = None,
) -> Initiative:
    """The submitter answers a request for information; screening resumes."""
    now = now or utcnow()
    initiative = await Initiative.get(id=initiative_id)
    text = long_text(info, field="info", low=INFO[0], high=INFO[1])
    workflow.require_allowed(
        initiative.status, InitiativeStatus.SCREENING, workflow.Step.PROVIDE_INFO, field="code"
    )
    await files.claim(initiative, attachment_tokens, now=now)
    await workflow.move(
        actor,
        initiative,
        InitiativeStatus.SCREENING,
        workflow.Step.PROVIDE_INFO,
        now=now,
        note=text,
        field="code",
    )
    return initiative


def get_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    status: InitiativeStatus | None = None,
    category: InitiativeCategory | None = None,
    search: str | None = None,
) -> QuerySet[Initiative]:
    require_reader(actor)
    query = scoped(actor, Initiative.all(), within)
    if status is not None:
        query = query.filter(status=status)
    if category is not None:
        query = query.filter(category=category)
    if search and (folded := fold_search(search)):
        query = query.filter(Q(title_folded__contains=folded) | Q(text_folded__contains=folded))
    return query.order_by("-created_at", "-id")


async def get(actor: Actor, *, initiative_id: int, field: str = "id") -> Initiative:
    require_reader(actor)
    return await first_or_not_found(
        scoped(actor, Initiative.filter(id=initiative_id)), "INITIATIVE_NOT_FOUND", field=field
    )


async def screen(
    actor: Actor,
    *,
    initiative_id: int,
    to_status: InitiativeStatus,
    note: str = "",
    public_note: str = "",
    now: datetime | None = None,
) -> Initiative:
    """Move an initiative through screening (province admins, unit managers in scope)."""
    require_editor(actor)
    now = now or utcnow()
    initiative = await get(actor, initiative_id=initiative_id)
    check = FormCheck()
    cleaned, errors = check.cleaned, check.errors
    for name, value, bounds in (
        ("note", note, NOTE),
        ("publicNote", public_note, PUBLIC_NOTE),
    ):
        with check.catch():
            cleaned[name] = long_text(value, field=name, low=bounds[0], high=bounds[1])
    if to_status in PUBLIC_NOTE_REQUIRED and not cleaned.get("publicNote", "x"):
        errors.append(DomainError("REQUIRED", field="publicNote"))
    check.raise_errors()
    if to_status not in workflow.SCREENING_TARGETS:
        raise DomainError("ILLEGAL_TRANSITION", field="toStatus")
    await workflow.move(
        actor,
        initiative,
        to_status,
        workflow.Step.SCREEN,
        now=now,
        note=cleaned["note"],
        public_note=cleaned["publicNote"],
    )
    return initiative


async def similar_to(
    actor: Actor, initiative: Initiative, *, now: datetime | None = None
) -> list[SimilarInitiative]:
    """Earlier initiatives very like this one (for screeners), among those ``actor`` may
    read: a commune's manager is not shown other communes' initiatives (issue 12)."""
    within = actor.scope_path or "\x00"
    return await similarity.find_similar(
        text_folded=initiative.text_folded,
        title_folded=initiative.title_folded,
        category=initiative.category,
        area_path=within,
        now=now or utcnow(),
        exclude_id=initiative.id,
    )


async def transitions_of(initiative_ids: Sequence[int]) -> dict[int, list[InitiativeTransition]]:
    grouped: dict[int, list[InitiativeTransition]] = {i: [] for i in initiative_ids}
    for row in await InitiativeTransition.filter(initiative_id__in=list(initiative_ids)).order_by(
        "at", "id"
    ):
        grouped[row.initiative_id].append(row)
    return grouped
