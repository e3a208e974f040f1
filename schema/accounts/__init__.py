"""GraphQL for sign-in, the viewer, user accounts and partner API keys."""

from __future__ import annotations

from schema.accounts.mutations import AccountsMutation
from schema.accounts.queries import AccountsQuery

__all__ = ["AccountsMutation", "AccountsQuery"]
