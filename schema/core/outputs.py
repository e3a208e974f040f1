"""From rows to GraphQL objects: ``from_row`` copies same-named fields, ``prefetched``
reads a relation only when the query joined it; ``from_values`` builds an object from
the columns a list page read with ``.values()`` (see ``schema.core.pagination.columns_for``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")
_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        names = _FIELDS[cls] = tuple(f.name for f in fields if f.init)
    return names


def from_row(cls: type[T], row: object, /, **values: Any) -> T:
    """``cls`` built from ``values``, every other field read from ``row``'s attribute of
    the same name (a missing one is a bug: AttributeError)."""
    for name in _names(cls):
        if name not in values:
            values[name] = getattr(row, name)
    return cls(**values)


def prefetched(model: Any, name: str) -> Any:
    """The related object if the query prefetched it (``select_related``), else None:
    never a lazy query."""
    return getattr(model, f"_{name}", None)


def from_values(cls: type[T], row: Mapping[str, Any], /, prefix: str = "", **values: Any) -> T:
    """``cls`` built from ``values``, every other field from ``row[prefix + name]``, or
    None when the page did not read that column: only for fields the request's
    selection does not ask for (``columns_for`` decides which columns to read)."""
    for name in _names(cls):
        if name not in values:
            values[name] = row.get(prefix + name)
    return cls(**values)
