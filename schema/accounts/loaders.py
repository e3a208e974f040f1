"""DataLoaders of accounts: users and partner keys by id (see ``schema.core.loaders``)."""

from __future__ import annotations

from accounts.models import ApiKey, User
from schema.core.loaders import by_id

UserByIdLoader = by_id(User)
ApiKeyByIdLoader = by_id(ApiKey)
