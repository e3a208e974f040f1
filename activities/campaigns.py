"""Awareness campaigns, field activity logged offline, and progress against goals.

``log_field_activity`` is exactly-once per ``client_id`` like check-in: insert first, and
on a clash read the row back; the same content is a DUPLICATE, other content a
CLIENT_ID_CONFLICT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Sum
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from activities.access import require_activity_reader, visible
from activities.checkin import CLOCK_SKEW
from activities.events import aware
from activities.models import Campaign, CampaignTarget, FieldActivityKind, FieldActivityLog
from core import audit
from core.actor import EDITOR_ROLES, FIELD_ROLES, Actor
from core.clock import VIETNAM, utcnow
from core.errors import DomainError, ValidationFailed
from core.queries import first_or_not_found
from core.validation import FormCheck, require_client_id, require_length
from network import admin_units
from network.access import require_role
from network.models import AdminUnit, AdminUnitKind

MAX_REACH = 1_000_000
COMMUNE_KINDS = (AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE)


class LogResult(StrEnum):
    CREATED = "CREATED"
    DUPLICATE = "DUPLICATE"


@dataclass(frozen=True)
class TargetData:
    admin_unit_code: str
    goal_people: int | None = None
    goal_households: int | None = None


@dataclass(frozen=True)
class CampaignData:
    title: str
    admin_unit_code: str
    starts_on: date
    ends_on: date
    topic: str = ""
    goal_people: int = 0
    goal_households: int = 0
    targets: Sequence[TargetData] = field(default_factory=list)


@dataclass(frozen=True)
class FieldLogData:
    client_id: str
    campaign_id: int
    admin_unit_code: str
    happened_at: datetime
    kind: FieldActivityKind
    people_reached: int = 0
    households_reached: int = 0
    note: str = ""
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None


@dataclass(frozen=True)
class LoggedActivity:
    result: LogResult
    log: FieldActivityLog


@dataclass
class ProgressRow:
    unit: AdminUnit
    people: int = 0
    households: int = 0
    activities: int = 0
    goal_people: int | None = None
    goal_households: int | None = None


@dataclass
class CampaignProgress:
    campaign: Campaign
    totals: ProgressRow
    communes: list[ProgressRow]


def _goal(value: int | None, field: str) -> int | None:
    if value is not None and not 0 <= value <= 100_000_000:
        raise DomainError("NUMBER_OUT_OF_RANGE", field=field, min=0, max=100_000_000)
    return value


async def create(actor: Actor, *, data: CampaignData) -> Campaign:
    require_role(actor, EDITOR_ROLES)
    check = FormCheck()
    errors, attempt = check.errors, check.attempt
    title = attempt(lambda: require_length(data.title, field="title", low=3, high=255))
    topic = attempt(lambda: require_length(data.topic, field="topic", low=0, high=255))
    attempt(lambda: _goal(data.goal_people, "goalPeople"))
    attempt(lambda: _goal(data.goal_households, "goalHouseholds"))
    if data.ends_on < data.starts_on:
        errors.append(DomainError("INVALID_PERIOD", field="endsOn"))
    unit = await admin_units.get_in_scope(actor, code=data.admin_unit_code)
    targets: list[tuple[AdminUnit, TargetData]] = []
    for target in data.targets or [TargetData(unit.code)]:
        try:
            target_unit = await admin_units.get_in_scope(
                actor, code=target.admin_unit_code, field="targets"
            )
        except DomainError as error:
            errors.append(error)
            continue
        if not target_unit.path.startswith(unit.path):
            errors.append(DomainError("OUTSIDE_CAMPAIGN_AREA", field="targets"))
        attempt(lambda t=target: _goal(t.goal_people, "targets"))
        attempt(lambda t=target: _goal(t.goal_households, "targets"))
        targets.append((target_unit, target))
    if len({u.id for u, _ in targets}) != len(targets):
        errors.append(DomainError("DUPLICATE_TARGET", field="targets"))
    check.raise_errors()
    campaign = await Campaign.create(
        title=title,
        topic=topic,
        admin_unit_id=unit.id,
        unit_path=unit.path,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        goal_people=data.goal_people,
        goal_households=data.goal_households,
        created_by_id=actor.user_id,
    )
    await CampaignTarget.bulk_create(
        [
            CampaignTarget(
                campaign_id=campaign.id,
                admin_unit_id=u.id,
                unit_path=u.path,
                goal_people=t.goal_people,
                goal_households=t.goal_households,
            )
            for u, t in targets
        ]
    )
    await audit.record(actor, "campaign.create", "Campaign", campaign.id, ["title", "targets"])
    return campaign


async def get(actor: Actor, *, campaign_id: int, field: str = "campaignId") -> Campaign:
    require_activity_reader(actor)
    return await first_or_not_found(
        visible(actor, Campaign.filter(id=campaign_id)), "CAMPAIGN_NOT_FOUND", field=field
    )


def get_all(
    actor: Actor, *, within: AdminUnit | None = None, active_on: date | None = None
) -> QuerySet[Campaign]:
    require_activity_reader(actor)
    query = visible(actor, Campaign.all())
    if within is not None:
        query = query.filter(unit_path__startswith=within.path)
    if active_on is not None:
        query = query.filter(starts_on__lte=active_on, ends_on__gte=active_on)
    return query.order_by("-starts_on", "id")


def _same(log: FieldActivityLog, data: FieldLogData, unit_id: int | None) -> bool:
    return (
        log.campaign_id == data.campaign_id
        and (unit_id is None or log.admin_unit_id == unit_id)
        and abs((log.happened_at - aware(data.happened_at)).total_seconds()) < 1
        and log.kind == data.kind
        and log.people_reached == data.people_reached
        and log.households_reached == data.households_reached
    )


def _replay(log: FieldActivityLog, data: FieldLogData, unit_id: int | None) -> LoggedActivity:
    if not _same(log, data, unit_id):
        raise ValidationFailed([DomainError("CLIENT_ID_CONFLICT", field="clientId")])
    return LoggedActivity(LogResult.DUPLICATE, log)


def _check_reach_and_place(data: FieldLogData) -> list[DomainError]:
    errors: list[DomainError] = []
    for value, name in (
        (data.people_reached, "peopleReached"),
        (data.households_reached, "householdsReached"),
    ):
        if value < 0:
            errors.append(DomainError("NEGATIVE_REACH", field=name))
        elif value > MAX_REACH:
            errors.append(DomainError("NUMBER_OUT_OF_RANGE", field=name, min=0, max=MAX_REACH))
    if (data.latitude is None) != (data.longitude is None) or not (
        (data.latitude is None or -90 <= data.latitude <= 90)
        and (data.longitude is None or -180 <= data.longitude <= 180)
        and (data.accuracy is None or 0 <= data.accuracy <= 100_000)
    ):
        errors.append(DomainError("INVALID_LOCATION", field="location"))
    if len(data.note) > 2000:
        errors.append(DomainError("INVALID_LENGTH", field="note", min=0, max=2000))
    return errors


async def log_field_activity(
    actor: Actor, *, data: FieldLogData, now: datetime | None = None
) -> LoggedActivity:
    """Record an outreach activity in a commune or hamlet the campaign targets."""
    require_role(actor, FIELD_ROLES)
    require_client_id(data.client_id)
    now = now or utcnow()
    previous = await FieldActivityLog.get_or_none(client_id=data.client_id)
    if previous is not None:
        return _replay(previous, data, None)
    campaign = await get(actor, campaign_id=data.campaign_id)
    unit = await admin_units.get_in_scope(actor, code=data.admin_unit_code)
    errors = _check_reach_and_place(data)
    target_paths = await CampaignTarget.filter(campaign_id=campaign.id).values_list(
        "unit_path", flat=True
    )
    if not any(unit.path.startswith(str(p)) for p in target_paths):
        errors.append(DomainError("OUTSIDE_CAMPAIGN_AREA", field="adminUnitCode"))
    happened = aware(data.happened_at).astimezone(UTC)
    if happened > now + CLOCK_SKEW:
        errors.append(DomainError("DATE_IN_FUTURE", field="happenedAt"))
    elif not campaign.starts_on <= happened.astimezone(VIETNAM).date() <= campaign.ends_on:
        errors.append(DomainError("OUTSIDE_CAMPAIGN_PERIOD", field="happenedAt"))
    if errors:
        raise ValidationFailed(errors)
    try:
        async with in_transaction():
            log = await FieldActivityLog.create(
                client_id=data.client_id,
                campaign_id=campaign.id,
                admin_unit_id=unit.id,
                unit_path=unit.path,
                happened_at=happened,
                kind=data.kind,
                people_reached=data.people_reached,
                households_reached=data.households_reached,
                note=data.note.strip(),
                latitude=data.latitude,
                longitude=data.longitude,
                accuracy=data.accuracy,
                recorded_by_id=actor.user_id,
            )
    except IntegrityError:
        return _replay(await FieldActivityLog.get(client_id=data.client_id), data, unit.id)
    await audit.record(
        actor,
        "field_log.create",
        "FieldActivityLog",
        log.id,
        ["people_reached", "households_reached"],
    )
    return LoggedActivity(LogResult.CREATED, log)


async def progress(actor: Actor, *, campaign_id: int) -> CampaignProgress:
    """Reach against goals, in total and per commune (logs in hamlets count for their
    commune). One aggregate query over the logs, grouped by unit.

    A campaign of a wider area (a province campaign read by a commune's staff) is shown
    as the reader's part of it: their area's reach against their area's target, and
    only the communes inside their area, never other communes' figures (issue 12).
    """
    campaign = await get(actor, campaign_id=campaign_id)
    root = await AdminUnit.get(id=campaign.admin_unit_id)
    scope = actor.scope_path or root.path
    part = scope if scope.startswith(root.path) and scope != root.path else None
    logs = FieldActivityLog.filter(campaign_id=campaign.id)
    if part is not None:
        logs = logs.filter(unit_path__startswith=part)
    rows = (
        await logs.annotate(p=Sum("people_reached"), h=Sum("households_reached"), n=Count("id"))
        .group_by("unit_path")
        .values_list("unit_path", "p", "h", "n")
    )
    targets = await CampaignTarget.filter(campaign_id=campaign.id).select_related("admin_unit")
    if part is not None:
        targets = [t for t in targets if t.admin_unit.path.startswith(part)]
    codes = {c for path, *_ in rows for c in str(path).strip("/").split("/")}
    communes = {
        u.code: u for u in await AdminUnit.filter(code__in=sorted(codes), kind__in=COMMUNE_KINDS)
    }
    if part is None:
        totals = ProgressRow(
            root, goal_people=campaign.goal_people, goal_households=campaign.goal_households
        )
    else:
        own = next((t for t in targets if t.admin_unit.path == part), None)
        totals = ProgressRow(
            own.admin_unit if own else await AdminUnit.get(path=part),
            goal_people=own.goal_people if own else None,
            goal_households=own.goal_households if own else None,
        )
    per_unit: dict[str, ProgressRow] = {}
    for target in targets:
        if target.admin_unit.kind in COMMUNE_KINDS:
            per_unit[target.admin_unit.code] = ProgressRow(
                target.admin_unit,
                goal_people=target.goal_people,
                goal_households=target.goal_households,
            )
    for path, people, households, count in rows:
        commune = next(
            (communes[c] for c in str(path).strip("/").split("/") if c in communes), None
        )
        found = [totals]
        if commune is not None:
            found.append(per_unit.setdefault(commune.code, ProgressRow(commune)))
        for row in found:
            row.people += int(people or 0)
            row.households += int(households or 0)
            row.activities += int(count)
    ordered = sorted(per_unit.values(), key=lambda r: r.unit.path)
    return CampaignProgress(campaign, totals, ordered)
