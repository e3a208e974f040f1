"""The initiative workflow: which status may follow which, and by which step.

    SUBMITTED -> SCREENING -> ACCEPTED_FOR_REVIEW | NEEDS_INFO | REJECTED
    NEEDS_INFO -> SCREENING (the submitter adds information, or staff resume)
    NEEDS_INFO -> REJECTED (no answer)
    ACCEPTED_FOR_REVIEW -> NOMINATED (nominateInitiative)
    NOMINATED -> AWARDED (grantAward) | NOT_AWARDED (settled when its round closes
                 without quorum, or when the round's awards are finalised)
    NOT_AWARDED -> NOMINATED (the model competes again in a later round)

``TRANSITIONS`` is the single source of truth; every status change goes through
``move`` or ``move_many``, which record actor, time and notes and write the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from core import audit
from core.actor import Actor
from core.errors import DomainError
from recognition.models import Initiative, InitiativeStatus, InitiativeTransition

S = InitiativeStatus


class Step(StrEnum):
    SUBMIT = "submit"
    SCREEN = "screen"
    PROVIDE_INFO = "provide_info"
    NOMINATE = "nominate"
    AWARD = "award"
    SETTLE = "settle"


TRANSITIONS: dict[InitiativeStatus, dict[InitiativeStatus, frozenset[Step]]] = {
    S.SUBMITTED: {S.SCREENING: frozenset({Step.SCREEN})},
    S.SCREENING: {
        S.ACCEPTED_FOR_REVIEW: frozenset({Step.SCREEN}),
        S.NEEDS_INFO: frozenset({Step.SCREEN}),
        S.REJECTED: frozenset({Step.SCREEN}),
    },
    S.NEEDS_INFO: {
        S.SCREENING: frozenset({Step.SCREEN, Step.PROVIDE_INFO}),
        S.REJECTED: frozenset({Step.SCREEN}),
    },
    S.ACCEPTED_FOR_REVIEW: {S.NOMINATED: frozenset({Step.NOMINATE})},
    S.NOMINATED: {
        S.AWARDED: frozenset({Step.AWARD}),
        S.NOT_AWARDED: frozenset({Step.SETTLE}),
    },
    S.NOT_AWARDED: {S.NOMINATED: frozenset({Step.NOMINATE})},
    S.AWARDED: {},
    S.REJECTED: {},
}
# Statuses a screener may set with screenInitiative.
SCREENING_TARGETS = frozenset(
    target
    for targets in TRANSITIONS.values()
    for target, steps in targets.items()
    if Step.SCREEN in steps
)


def allowed(current: InitiativeStatus, target: InitiativeStatus, step: Step) -> bool:
    return step in TRANSITIONS.get(current, {}).get(target, frozenset())


def require_allowed(
    current: InitiativeStatus, target: InitiativeStatus, step: Step, *, field: str = "toStatus"
) -> None:
    if not allowed(current, target, step):
        raise DomainError("ILLEGAL_TRANSITION", field=field)


def _transition(
    actor: Actor,
    initiative_id: int,
    current: InitiativeStatus | None,
    target: InitiativeStatus,
    note: str,
    public_note: str,
    at: datetime,
) -> InitiativeTransition:
    return InitiativeTransition(
        initiative_id=initiative_id,
        from_status=current,
        to_status=target,
        actor_kind=actor.kind,
        actor_user_id=actor.user_id,
        note=note,
        public_note=public_note,
        at=at,
    )


async def record_submission(actor: Actor, initiative: Initiative, *, now: datetime) -> None:
    await _transition(actor, initiative.id, None, S.SUBMITTED, "", "", now).save()


async def move(
    actor: Actor,
    initiative: Initiative,
    target: InitiativeStatus,
    step: Step,
    *,
    now: datetime,
    note: str = "",
    public_note: str = "",
    field: str = "toStatus",
) -> InitiativeTransition:
    """Change the status if the table allows it, guarding against a concurrent change."""
    current = initiative.status
    require_allowed(current, target, step, field=field)
    changed = await Initiative.filter(id=initiative.id, status=current).update(
        status=target, status_changed_at=now, updated_at=now
    )
    if not changed:  # someone moved it meanwhile; the caller's view is stale
        raise DomainError("ILLEGAL_TRANSITION", field=field)
    initiative.status, initiative.status_changed_at = target, now
    transition = _transition(actor, initiative.id, current, target, note, public_note, now)
    await transition.save()
    await audit.record(actor, f"initiative.{step.value}", "Initiative", initiative.id, ["status"])
    return transition


async def move_many(
    actor: Actor,
    initiative_ids: Sequence[int],
    current: InitiativeStatus,
    target: InitiativeStatus,
    step: Step,
    *,
    now: datetime,
) -> int:
    """Move every initiative still in ``current`` to ``target`` (settling a round)."""
    require_allowed(current, target, step)
    rows = await Initiative.filter(id__in=list(initiative_ids), status=current).values("id")
    ids = [int(row["id"]) for row in rows]
    if not ids:
        return 0
    await Initiative.filter(id__in=ids, status=current).update(
        status=target, status_changed_at=now, updated_at=now
    )
    await InitiativeTransition.bulk_create(
        [_transition(actor, i, current, target, "", "", now) for i in ids]
    )
    await audit.record_many(actor, f"initiative.{step.value}", "Initiative", ids, ["status"])
    return len(ids)
