"""Awards, the public showcase of awarded models, and where each model is replicated."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core import audit
from core.actor import Actor
from core.clock import today_in_vietnam, utcnow
from core.errors import DomainError, NotFound, ValidationFailed
from core.text import fold_search
from network import organizations as organization_services
from network.access import require_editor
from network.models import AdminUnit
from recognition import rounds, workflow
from recognition.access import require_editor_in_scope
from recognition.models import (
    Award,
    AwardLevel,
    Initiative,
    InitiativeCategory,
    InitiativeStatus,
    RecognitionRound,
    Replication,
    ReplicationStatus,
    RoundResult,
    RoundStatus,
)
from recognition.text import long_text

CITATION = (10, 2000)
NOTE = (0, 2000)


async def grant(
    actor: Actor,
    *,
    nomination_id: int,
    level: AwardLevel,
    citation: str,
    now: datetime | None = None,
) -> Award:
    """Award a nomination of a closed round that reached quorum."""
    now = now or utcnow()
    require_editor(actor)
    nomination = await rounds.get_nomination(actor, nomination_id=nomination_id)
    require_editor_in_scope(actor, nomination.round.unit_path, field="nominationId")
    round_ = await RecognitionRound.filter(id=nomination.round_id).select_for_update().get()
    if round_.status == RoundStatus.OPEN:
        raise DomainError("ROUND_STILL_OPEN", field="nominationId")
    if round_.status == RoundStatus.FINALIZED:
        raise DomainError("ROUND_FINALIZED", field="nominationId")
    text = long_text(citation, field="citation", low=CITATION[0], high=CITATION[1])
    result = await RoundResult.get_or_none(nomination_id=nomination.id)
    if result is None or not result.has_quorum:
        raise DomainError("NO_QUORUM", field="nominationId")
    if await Award.exists(nomination_id=nomination.id):
        raise DomainError("ALREADY_AWARDED", field="nominationId")
    initiative = await Initiative.get(id=nomination.initiative_id)
    await workflow.move(
        actor,
        initiative,
        InitiativeStatus.AWARDED,
        workflow.Step.AWARD,
        now=now,
        field="nominationId",
    )
    try:
        award = await Award.create(
            nomination_id=nomination.id,
            initiative_id=initiative.id,
            level=level,
            citation=text,
            unit_path=initiative.unit_path,
            granted_at=now,
            granted_by_user_id=actor.user_id,
        )
    except IntegrityError:
        raise DomainError("ALREADY_AWARDED", field="nominationId") from None
    await audit.record(actor, "award.grant", "Award", award.id, ["level", "citation"])
    return award


def showcase(
    *,
    within: AdminUnit | None = None,
    category: InitiativeCategory | None = None,
    search: str | None = None,
) -> QuerySet[Award]:
    """Awarded models, newest first. Public: callers choose only public fields."""
    query = Award.all()
    if within is not None:
        query = query.filter(unit_path__startswith=within.path)
    if category is not None:
        query = query.filter(initiative__category=category)
    if search and (folded := fold_search(search)):
        query = query.filter(initiative__text_folded__contains=folded)
    return query.order_by("-granted_at", "-id")


async def replications_of(initiative_ids: Sequence[int]) -> dict[int, list[Replication]]:
    grouped: dict[int, list[Replication]] = {i: [] for i in initiative_ids}
    if initiative_ids:
        rows = (
            await Replication.filter(initiative_id__in=list(initiative_ids))
            .select_related("organization", "organization__admin_unit")
            .order_by("started_at", "id")
        )
        for row in rows:
            grouped[row.initiative_id].append(row)
    return grouped


async def record_replication(
    actor: Actor,
    *,
    initiative_id: int,
    organization_id: int,
    started_at: date,
    status: ReplicationStatus,
    note: str = "",
    today: date | None = None,
) -> Replication:
    """Record (or update) that an organisation in scope replicates an awarded model."""
    require_editor(actor)
    today = today or today_in_vietnam()
    errors: list[DomainError] = []
    organization = None
    try:
        organization = await organization_services.get(
            actor, organization_id=organization_id, field="organizationId"
        )
    except DomainError as error:
        errors.append(error)
    initiative = await Initiative.get_or_none(id=initiative_id)
    if initiative is None:
        errors.append(NotFound("INITIATIVE_NOT_FOUND", field="initiativeId"))
    elif initiative.status != InitiativeStatus.AWARDED:
        errors.append(DomainError("INITIATIVE_NOT_AWARDED", field="initiativeId"))
    if started_at > today:
        errors.append(DomainError("DATE_IN_FUTURE", field="startedAt"))
    text = ""
    try:
        text = long_text(note, field="note", low=NOTE[0], high=NOTE[1])
    except DomainError as error:
        errors.append(error)
    if errors or organization is None or initiative is None:
        raise ValidationFailed(errors)
    values: dict[str, Any] = {
        "started_at": started_at,
        "status": status,
        "note": text,
        "unit_path": organization.unit_path,
        "recorded_by_user_id": actor.user_id,
    }
    replication = await Replication.get_or_none(
        initiative_id=initiative.id, organization_id=organization.id
    )
    if replication is None:
        try:
            async with in_transaction():  # a savepoint: a concurrent insert may win
                replication = await Replication.create(
                    initiative_id=initiative.id, organization_id=organization.id, **values
                )
        except IntegrityError:
            replication = await Replication.get(
                initiative_id=initiative.id, organization_id=organization.id
            )
    changed = audit.apply_changes(replication, values)
    if changed:
        await replication.save(update_fields=[*changed, "updated_at"])
    await audit.record(
        actor,
        "replication.record",
        "Replication",
        replication.id,
        changed or ["started_at", "status", "note"],
    )
    replication.organization = organization
    return replication
