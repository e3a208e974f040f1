"""Creating, changing, publishing and closing surveys; reading them within scope.

Status moves DRAFT -> PUBLISHED -> CLOSED -> ARCHIVED. Publishing freezes the draft as
version 1; changing the questions of a published survey freezes a new version at once,
and responses to older versions are still accepted until the survey closes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core import audit
from core.actor import EDITOR_ROLES, FIELD_ROLES, Actor, ApiScope
from core.clock import utcnow
from core.errors import (
    DomainError,
    NotFound,
    ValidationFailed,
)
from core.queries import first_or_not_found
from core.validation import require_length
from network import admin_units
from network.access import in_or_above, require_editor, require_reader
from network.models import Member, NetworkRole, OrganizationKind
from surveys.definition import Form, parse_form
from surveys.models import Survey, SurveyStatus, SurveyVersion


@dataclass(frozen=True)
class SurveyData:
    title: str
    admin_unit_code: str
    definition: Mapping[str, Any]
    description: str = ""
    organization_kinds: Sequence[str] = field(default_factory=list)
    network_roles: Sequence[str] = field(default_factory=list)
    is_public: bool = False
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@dataclass(frozen=True)
class Respondent:
    """What a survey's audience is matched against: the signed-in user's own member
    record (its organisation's kind and its network roles)."""

    organization_kind: str | None = None
    network_roles: frozenset[str] = frozenset()


async def respondent(actor: Actor) -> Respondent:
    """The actor as a respondent, read once per call (nothing for keys and visitors)."""
    if actor.member_id is None:
        return Respondent()
    rows = await Member.filter(id=actor.member_id).values_list("organization__kind", "roles")
    if not rows:
        return Respondent()
    kind, roles = rows[0]
    return Respondent(
        organization_kind=str(getattr(kind, "value", kind)),
        network_roles=frozenset(r for r in str(roles).split(",") if r),
    )


def related(actor: Actor, path: str) -> bool:
    """The unit ``path`` lies in the actor's subtree or above it."""
    scope = actor.scope_path
    return scope is not None and (path.startswith(scope) or scope.startswith(path))


def can_respond(actor: Actor, survey: Survey, who: Respondent) -> bool:
    """The survey's audience includes the actor, its status aside.

    Public surveys are open to everyone. Otherwise the actor must be staff who collect
    (not a partner key) of the survey's area; managers and admins may always collect,
    while field staff must also match the survey's organisation kinds and network roles
    when it names any (through their own member record).
    """
    if survey.is_public:
        return True
    if actor.kind not in ("user", "system") or not actor.has_role(*FIELD_ROLES):
        return False
    if not related(actor, survey.unit_path):
        return False
    if actor.has_role(*EDITOR_ROLES):
        return True
    if survey.organization_kinds and who.organization_kind not in survey.organization_kinds:
        return False
    return not survey.network_roles or bool(who.network_roles & set(survey.network_roles))


def _of_area(actor: Actor) -> Q:
    """Surveys of the actor's subtree and of the units above it (none without a scope)."""
    return in_or_above(actor.scope_path or "\x00")


def visible(actor: Actor, query: QuerySet[Survey]) -> QuerySet[Survey]:
    """Surveys of the actor's subtree and of the units above it."""
    return query.filter(_of_area(actor))


def answerable(actor: Actor, query: QuerySet[Survey]) -> QuerySet[Survey]:
    """What ``visible`` gives, plus every published public survey: the only surveys a
    visitor without an account sees (their definitions, never their results)."""
    public = Q(is_public=True, status=SurveyStatus.PUBLISHED)
    if not actor.is_authenticated:
        return query.filter(public)
    require_reader(actor, ApiScope.READ_SURVEYS)
    return query.filter(_of_area(actor) | public)


def _audience(data: SurveyData) -> list[DomainError]:
    errors = []
    if any(k not in OrganizationKind.__members__ for k in data.organization_kinds):
        errors.append(DomainError("INVALID_CHOICE", field="organizationKinds"))
    if any(r not in NetworkRole.__members__ for r in data.network_roles):
        errors.append(DomainError("INVALID_CHOICE", field="networkRoles"))
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        errors.append(DomainError("INVALID_PERIOD", field="closesAt"))
    if data.is_public and (data.organization_kinds or data.network_roles):
        field = "organizationKinds" if data.organization_kinds else "networkRoles"
        errors.append(DomainError("PUBLIC_SURVEY_RESTRICTED", field=field))
    return errors


def _check_definition(definition: Mapping[str, Any]) -> tuple[Form | None, list[DomainError]]:
    try:
        return parse_form(definition), []
    except ValidationFailed as failed:
        return None, failed.errors
    except DomainError as error:
        return None, [error]


async def create(actor: Actor, *, data: SurveyData) -> Survey:
    require_editor(actor)
    unit = await admin_units.get_in_scope(actor, code=data.admin_unit_code)
    errors = _audience(data)
    try:
        title = require_length(data.title, field="title", low=3, high=255)
    except DomainError as error:
        errors.append(error)
    if len(data.description) > 5000:
        errors.append(DomainError("INVALID_LENGTH", field="description", min=0, max=5000))
    _, problems = _check_definition(data.definition)
    errors.extend(problems)
    if errors:
        raise ValidationFailed(errors)
    survey = await Survey.create(
        title=title,
        description=data.description.strip(),
        admin_unit_id=unit.id,
        unit_path=unit.path,
        organization_kinds=list(data.organization_kinds),
        network_roles=list(data.network_roles),
        is_public=data.is_public,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        definition=dict(data.definition),
        created_by_id=actor.user_id,
    )
    await audit.record(actor, "survey.create", "Survey", survey.id, ["title", "definition"])
    return survey


async def get(actor: Actor, *, survey_id: int, field: str = "surveyId") -> Survey:
    """A survey of the actor's area, for staff and keys with read:surveys (results,
    exports)."""
    require_reader(actor, ApiScope.READ_SURVEYS)
    return await first_or_not_found(
        visible(actor, Survey.filter(id=survey_id)), "SURVEY_NOT_FOUND", field=field
    )


async def get_definition(actor: Actor, *, survey_id: int, field: str = "id") -> Survey:
    """A survey to read or answer: ``get``'s, or a published public one for anyone."""
    query = answerable(actor, Survey.filter(id=survey_id))
    return await first_or_not_found(query, "SURVEY_NOT_FOUND", field=field)


def get_all(actor: Actor, *, status: SurveyStatus | None = None) -> QuerySet[Survey]:
    """Newest first: the actor's area's surveys and published public ones."""
    query = answerable(actor, Survey.all())
    if status is not None:
        query = query.filter(status=status)
    return query.order_by("-created_at", "-id")


async def _editable(actor: Actor, survey_id: int) -> Survey:
    require_editor(actor)
    survey = await Survey.filter(id=survey_id).select_for_update().first()
    if survey is None or not actor.can_see(survey.unit_path):
        raise NotFound("SURVEY_NOT_FOUND", field="id")
    return survey


async def update(actor: Actor, *, survey_id: int, changes: Mapping[str, Any]) -> Survey:
    """Change a draft or published survey; new questions on a published one make a
    new version."""
    survey = await _editable(actor, survey_id)
    if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.PUBLISHED):
        raise DomainError("ILLEGAL_SURVEY_TRANSITION", field="id", status=survey.status.value)
    merged = SurveyData(
        title=changes.get("title", survey.title),
        admin_unit_code="",
        definition=changes.get("definition", survey.definition),
        description=changes.get("description", survey.description) or "",
        organization_kinds=changes.get("organization_kinds", survey.organization_kinds),
        network_roles=changes.get("network_roles", survey.network_roles),
        is_public=changes.get("is_public", survey.is_public),
        opens_at=changes.get("opens_at", survey.opens_at),
        closes_at=changes.get("closes_at", survey.closes_at),
    )
    errors = _audience(merged)
    try:
        title = require_length(merged.title, field="title", low=3, high=255)
    except DomainError as error:
        errors.append(error)
    _, problems = _check_definition(merged.definition)
    errors.extend(problems)
    if errors:
        raise ValidationFailed(errors)
    cleaned = {
        "title": title,
        "description": merged.description.strip(),
        "organization_kinds": list(merged.organization_kinds),
        "network_roles": list(merged.network_roles),
        "is_public": merged.is_public,
        "opens_at": merged.opens_at,
        "closes_at": merged.closes_at,
        "definition": dict(merged.definition),
    }
    changed = audit.apply_changes(survey, cleaned)
    if "definition" in changed and survey.status == SurveyStatus.PUBLISHED:
        await _freeze(survey)
    if changed:
        await survey.save()
        await audit.record(actor, "survey.update", "Survey", survey.id, changed)
    return survey


async def _freeze(survey: Survey) -> None:
    survey.current_version += 1
    await SurveyVersion.create(
        survey_id=survey.id, version=survey.current_version, definition=survey.definition
    )


async def publish(actor: Actor, *, survey_id: int) -> Survey:
    survey = await _editable(actor, survey_id)
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError("ILLEGAL_SURVEY_TRANSITION", field="id", status=survey.status.value)
    _, problems = _check_definition(survey.definition)
    if problems:
        raise ValidationFailed(problems)
    survey.status = SurveyStatus.PUBLISHED
    await _freeze(survey)
    await survey.save(update_fields=["status", "current_version", "updated_at"])
    await audit.record(actor, "survey.publish", "Survey", survey.id, ["status", "version"])
    return survey


async def close(actor: Actor, *, survey_id: int, archive: bool = False) -> Survey:
    """PUBLISHED -> CLOSED, or CLOSED -> ARCHIVED with ``archive``."""
    survey = await _editable(actor, survey_id)
    wanted = SurveyStatus.ARCHIVED if archive else SurveyStatus.CLOSED
    needed = SurveyStatus.CLOSED if archive else SurveyStatus.PUBLISHED
    if survey.status != needed:
        raise DomainError("ILLEGAL_SURVEY_TRANSITION", field="id", status=survey.status.value)
    survey.status = wanted
    if not archive and (survey.closes_at is None or survey.closes_at > utcnow()):
        survey.closes_at = utcnow()
    await survey.save(update_fields=["status", "closes_at", "updated_at"])
    action = "survey.archive" if archive else "survey.close"
    await audit.record(actor, action, "Survey", survey.id, ["status"])
    return survey
