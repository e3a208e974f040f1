"""From rows to GraphQL objects: ``from_row`` copies same-named fields, ``prefetched``
reads a relation only when the query joined it."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")
_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def from_row(cls: type[T], row: object, /, **values: Any) -> T:
    """``cls`` built from ``values``, every other field read from ``row``'s attribute of
    the same name (a missing one is a bug: AttributeError)."""
    names = _FIELDS.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        names = _FIELDS[cls] = tuple(f.name for f in fields if f.init)
    for name in names:
        if name not in values:
            values[name] = getattr(row, name)
    return cls(**values)


def prefetched(model: Any, name: str) -> Any:
    """The related object if the query prefetched it (``select_related``), else None:
    never a lazy query."""
    return getattr(model, f"_{name}", None)
