"""The trail of reads of submitters' personal data (Decree 13/2023/ND-CP)."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.types import Info

from core import audit
from core.actor import Actor
from recognition.access import can_read_pii
from recognition.models import Initiative
from schema.core.pagination import selects_any

PII_SELECTIONS = ("submitterName", "submitterPhone", "submitterEmail", "trackingCode")


async def audit_pii_reads(
    info: Info, initiatives: Sequence[Initiative], prefix: tuple[str, ...]
) -> None:
    """One ``initiative.pii_read`` event per initiative shown with personal data, when a
    personal field is selected under ``prefix`` (one bulk insert)."""
    actor: Actor = info.context.actor
    if not initiatives or not selects_any(info, prefix, PII_SELECTIONS):
        return
    shown = [i.id for i in initiatives if can_read_pii(actor, i)]
    await audit.record_many(actor, "initiative.pii_read", "Initiative", shown, ["pii"])
