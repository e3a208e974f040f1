"""Who sees and changes what in expert support.

Staff (any role) and partner keys with ``read:support`` read requests and engagements in
their admin-unit subtree and every offer (offers are an enterprise's public commitment,
with no personal data). A ``PARTNER`` user has no admin-unit scope: their organisation is
the one of the registry member their account is linked to, and they see only its offers,
the open requests those offers may answer, and its engagements.
"""

from __future__ import annotations

from core.actor import EDITOR_ROLES, Actor, ApiScope, Role
from core.errors import PermissionDenied, Unauthenticated
from network.access import require_reader
from network.models import Member, OrganizationKind

PARTNER_KINDS = frozenset(
    {
        OrganizationKind.TELECOM_POSTAL,
        OrganizationKind.BANK,
        OrganizationKind.BUSINESS_ASSOCIATION,
        OrganizationKind.ENTERPRISE,
    }
)
"""Organisation kinds that may publish offers: telecoms and post, banks, the business
association, and enterprises (technology companies among them)."""


def is_partner(actor: Actor) -> bool:
    return actor.kind == "user" and actor.has_role(Role.PARTNER)


async def partner_organization_id(actor: Actor) -> int:
    """The partner's own organisation (through their linked registry member)."""
    if not actor.is_authenticated:
        raise Unauthenticated()
    if not is_partner(actor) or actor.member_id is None:
        raise PermissionDenied()
    found = await Member.filter(id=actor.member_id).first().values("organization_id")
    if not found:
        raise PermissionDenied()
    return int(found["organization_id"])


def require_staff_reader(actor: Actor) -> None:
    """Staff and ``read:support`` keys; partners are refused (they have their own views)."""
    require_reader(actor, ApiScope.READ_SUPPORT)
    if is_partner(actor):
        raise PermissionDenied()


def require_requester(actor: Actor) -> None:
    """Who asks for help and proposes engagements: the editors of a unit."""
    if not actor.is_authenticated:
        raise Unauthenticated()
    if not actor.has_role(*EDITOR_ROLES):
        raise PermissionDenied()
