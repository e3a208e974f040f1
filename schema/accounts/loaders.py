"""DataLoaders of accounts: users and partner keys by id (see ``schema.core.loaders``)."""

from __future__ import annotations

from accounts.models import ApiKey, User
from schema.core.loaders import ByIdLoader


class UserByIdLoader(ByIdLoader[User]):
    model = User


class ApiKeyByIdLoader(ByIdLoader[ApiKey]):
    model = ApiKey
