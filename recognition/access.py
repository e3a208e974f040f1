"""Who may read, screen and judge initiatives, and who may see submitters' personal data.

- Reading initiatives: staff of any role inside their scope, partner keys holding
  ``read:recognition`` inside theirs. A round's committee also reads the initiatives
  nominated to it (without personal data), wherever they come from.
- Screening, rounds, nominations, awards and replications: province admins and unit
  managers, inside their scope.
- Submitter name, phone and email: province admins and unit managers whose scope holds
  the initiative, the member who submitted it, and keys with ``read:pii`` (inside the
  key's subtree). Committee members do not see them: they judge the idea, and a member
  with a conflict of interest is recused automatically instead.
- Public (no account): ``initiativeByTrackingCode`` and ``showcase``, never personal data.
"""

from __future__ import annotations

from core.actor import EDITOR_ROLES, Actor, ApiScope
from network.access import require_editor, require_in_scope
from network.access import require_reader as network_reader
from recognition.models import Initiative


def require_reader(actor: Actor) -> None:
    network_reader(actor, ApiScope.READ_RECOGNITION)


def require_editor_in_scope(actor: Actor, unit_path: str, *, field: str | None = None) -> None:
    require_editor(actor)
    require_in_scope(actor, unit_path, field=field)


def can_read_pii(actor: Actor, initiative: Initiative) -> bool:
    if actor.kind == "system":
        return True
    if actor.member_id is not None and actor.member_id == initiative.member_id:
        return True
    if not actor.can_see(initiative.unit_path):
        return False
    if actor.kind == "api_key":
        return actor.has_api_scope(ApiScope.READ_PII)
    return actor.has_role(*EDITOR_ROLES)
