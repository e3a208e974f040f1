"""The trail of reads of personal data (decision 0007, Decree 13/2023/ND-CP), in one place.

Every personal-data field (``Member.phone``, ``email``, ``nationalId``; an initiative's
submitter contacts and tracking code) is declared with the ``PersonalData`` field
extension. Whatever path reaches the object (a list, ``node(id)``, a nested member, a
mutation payload), a value shown (not null: types null it unless the caller may read
it) is noted on the request context; ``PersonalDataAudit`` writes one audit event per
object and action for the request, in one bulk insert per action, when the operation
ends. No resolver records reads itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types import Info

from core import audit


def note_read(info: Info, action: str, object_type: str, object_id: object) -> None:
    """Remember that this request showed personal data of one object."""
    reads: dict[tuple[str, str], set[str]] = info.context.pii_reads
    reads.setdefault((action, object_type), set()).add(str(object_id))


class PersonalData(FieldExtension):
    """Declare a field personal data: each non-null value resolved is noted for the
    audit trail under ``action`` (e.g. ``member.pii_read``), keyed by the parent's id."""

    def __init__(self, object_type: str, action: str) -> None:
        super().__init__()
        self.object_type = object_type
        self.action = action

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        value = next_(source, info, **kwargs)
        if value is not None:
            note_read(info, self.action, self.object_type, source.id)
        return value

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        value = await next_(source, info, **kwargs)
        if value is not None:
            note_read(info, self.action, self.object_type, source.id)
        return value


MEMBER_PII = PersonalData("Member", "member.pii_read")
INITIATIVE_PII = PersonalData("Initiative", "initiative.pii_read")


class PersonalDataAudit(SchemaExtension):
    """Write the reads noted during the operation: one event per object and action."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        context = self.execution_context.context
        reads: dict[tuple[str, str], set[str]] = context.pii_reads
        for (action, object_type), ids in sorted(reads.items()):
            await audit.record_many(context.actor, action, object_type, sorted(ids), ["pii"])
        reads.clear()


__all__ = ["INITIATIVE_PII", "MEMBER_PII", "PersonalData", "PersonalDataAudit", "note_read"]
