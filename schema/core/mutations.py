"""One shape for every mutation: run the work in a transaction, then build the payload.

A resolver writes its ``work`` (calling one domain service) and says how a result
becomes a payload; ``mutate`` does the rest::

    async def work() -> Organization:
        return await organizations.create(info.context.actor, data=...)

    return await mutate(info, work, lambda org: OrganizationPayload(
        organization=OrganizationType.from_model(org)), OrganizationPayload)

Expected failures (``DomainError``) roll the transaction back and become
``failed(errors=[...])``; payload types give every other field a default for that.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TypeVar

from strawberry.types import Info
from tortoise.transactions import in_transaction

from core.errors import DomainError
from schema.core.errors import UserError, to_user_errors

T = TypeVar("T")
P = TypeVar("P")


async def mutate(
    info: Info,
    work: Callable[[], Awaitable[T]],
    present: Callable[[T], P | Awaitable[P]],
    failed: Callable[..., P],
) -> P:
    """``present(result)`` when ``work`` succeeds, else ``failed(errors=user_errors)``.

    ``present`` runs after the commit and may be async (e.g. to load related rows).
    """
    try:
        async with in_transaction():
            result = await work()
    except DomainError as error:
        errors: list[UserError] = to_user_errors(error, info.context.lang)
        return failed(errors=errors)
    payload = present(result)
    if inspect.isawaitable(payload):
        return await payload
    return payload
