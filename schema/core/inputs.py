"""Input helpers: a GraphQL input becomes a domain dataclass or a dict of changes.

GraphQL inputs are the published contract and stay declared in ``schema/``; the
domain's dataclass is the service's contract. Where the two share field names,
``to_domain`` maps one onto the other, so no resolver copies fields by hand.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from strawberry import UNSET

D = TypeVar("D")


def to_domain(source: object, target: type[D], **overrides: Any) -> D:
    """``target`` built from ``source``'s fields of the same name.

    A field the client left ``UNSET`` takes the dataclass default; ``overrides`` give
    the fields that need converting (global IDs, nested inputs) and win over ``source``.
    """
    values: dict[str, Any] = {}
    for field in dataclasses.fields(target):  # type: ignore[arg-type]
        if field.name in overrides:
            values[field.name] = overrides[field.name]
            continue
        value = getattr(source, field.name, UNSET)
        if value is not UNSET:
            values[field.name] = value
    return target(**values)


def provided(source: object, *, skip: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """The fields of an update input the client actually sent, in declaration order
    (``UNSET`` ones stay unchanged), except ``skip``: the id, and fields that need
    converting first (global ids, nested inputs)."""
    values = {}
    for field in dataclasses.fields(source):  # type: ignore[arg-type]
        value = getattr(source, field.name)
        if field.name not in skip and value is not UNSET:
            values[field.name] = value
    return values


def coordinates(location: Any) -> dict[str, float | None]:
    """A location input (``latitude``, ``longitude``, ``accuracy``, or None) as the flat
    keyword arguments the domain dataclasses take."""
    if location is None:
        return {"latitude": None, "longitude": None, "accuracy": None}
    return {
        "latitude": location.latitude,
        "longitude": location.longitude,
        "accuracy": location.accuracy,
    }
