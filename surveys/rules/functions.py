"""The functions of the rule language (their semantics are listed in ``surveys.rules``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from surveys.rules import dates
from surveys.rules.regex import search
from surveys.rules.syntax import Call, Node, Ref, RuleTypeError
from surveys.rules.values import (
    NodeSet,
    is_repeat,
    items,
    need_number,
    normal,
    scalar,
    text,
    tidy,
    truthy,
)


class Context(Protocol):
    """What the functions need from the evaluator (which this module does not import)."""

    answers: Mapping[str, Any]
    current: Any
    position: int | None  # the 1-based index of the current instance, None outside a repeat

    def evaluate(self, node: Node) -> Any:
        """A node's raw value (node-sets kept)."""

    def today(self) -> str: ...

    def now(self) -> str: ...

    def collect(self, node: Mapping[str, Any], key: str) -> list[Any] | None:
        """Every value of ``key`` in the repeats under ``node``; None when it is not there."""


def _string_arg(value: Any) -> str:
    return text(scalar(value))


def _integer(value: Any, what: str) -> int:
    number = need_number(scalar(value), what)
    if number != number or number in (float("inf"), float("-inf")):
        raise RuleTypeError(f"{what} needs a finite number")
    return int(number)


def _round(value: Any, digits: int) -> Any:
    if value is None:
        return None
    number = need_number(value, "round()")
    if number != number or number in (float("inf"), float("-inf")):
        return number
    if not -15 <= digits <= 15:
        raise RuleTypeError("round() takes at most 15 digits")
    exact = Decimal(repr(float(number)))
    rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return tidy(float(rounded))


def _numbers(values: list[Any], what: str) -> list[float | int]:
    return [need_number(v, what) for v in values if v is not None and v != ""]


def _indexed_repeat(nodes: tuple[Node, ...], context: Context) -> Any:
    field = nodes[0]
    assert isinstance(field, Ref)
    node: Mapping[str, Any] = context.answers
    for group, index in zip(nodes[1::2], nodes[2::2], strict=True):
        assert isinstance(group, Ref)
        instances = node.get(group.key)
        n = _integer(context.evaluate(index), "indexed-repeat()")
        if not is_repeat(instances) or not 1 <= n <= len(instances):
            return None
        node = instances[n - 1]
    if field.key not in node:
        nested = context.collect(node, field.key)
        return None if nested is None else NodeSet(tuple(nested))
    value = node[field.key]
    return NodeSet(tuple(value)) if is_repeat(value) else normal(value)


def _selected_at(value: Any, index: Any) -> str:
    n = _integer(index, "selected-at()")
    options = value if isinstance(value, list) else text(value).split() if value is not None else []
    return text(options[n]) if 0 <= n < len(options) else ""


def _substr(value: Any, start: Any, end: Any) -> str:
    chars = _string_arg(value)
    first = max(0, _integer(start, "substr()"))
    last = len(chars) if end is None else min(len(chars), _integer(end, "substr()"))
    return chars[first:last] if first < last else ""


def _extreme(args: list[Any], pick: Callable[[list[float | int]], float | int], what: str) -> Any:
    numbers = _numbers([v for a in args for v in items(a)], what)
    return tidy(pick(numbers)) if numbers else None


def call(node: Call, context: Context) -> Any:
    """The value of a function call (its arguments evaluated here, some lazily)."""
    name, nodes = node.name, node.args
    if name == "if":
        chosen = nodes[1] if truthy(scalar(context.evaluate(nodes[0]))) else nodes[2]
        return context.evaluate(chosen)
    if name == "coalesce":
        for argument in nodes:
            value = scalar(context.evaluate(argument))
            if value is not None and value != "":
                return value
        return None
    if name == "once":
        current = normal(context.current)
        return current if current is not None else context.evaluate(nodes[0])
    if name == "indexed-repeat":
        return _indexed_repeat(nodes, context)
    raw = [context.evaluate(a) for a in nodes]
    if name in _AGGREGATES:
        return _AGGREGATES[name](raw)
    args = [scalar(v) for v in raw]
    return _SCALARS[name](args, context)


def _count(raw: list[Any]) -> Any:
    return len(items(raw[0]))


def _sum(raw: list[Any]) -> Any:
    return tidy(sum(_numbers(items(raw[0]), "sum()")))


def _join(raw: list[Any]) -> Any:
    separator = _string_arg(raw[0])
    return separator.join(text(v) for a in raw[1:] for v in items(a))


def _concat(raw: list[Any]) -> Any:
    return "".join(text(v) for a in raw for v in items(a))


_AGGREGATES: dict[str, Callable[[list[Any]], Any]] = {
    "count": _count,
    "sum": _sum,
    "max": lambda raw: _extreme(raw, max, "max()"),
    "min": lambda raw: _extreme(raw, min, "min()"),
    "join": _join,
    "concat": _concat,
}


def _selected(args: list[Any], _: Context) -> Any:
    value, option = args
    if value is None:
        return False
    if isinstance(value, list):
        return str(option) in {str(v) for v in value}
    return str(value) == str(option)


def _count_selected(args: list[Any], _: Context) -> Any:
    (value,) = args
    if value is None:
        return 0
    return len(value) if isinstance(value, list) else 1


def _string_length(args: list[Any], _: Context) -> Any:
    (value,) = args
    if value is None:
        return 0
    if isinstance(value, bool):
        return len("true" if value else "false")
    if isinstance(value, list):
        return len(" ".join(str(v) for v in value))
    return len(value if isinstance(value, str) else str(value))


def _int(args: list[Any], _: Context) -> Any:
    if args[0] is None:
        return None
    return _integer(args[0], "int()")


def _number(args: list[Any], _: Context) -> Any:
    return None if args[0] is None else need_number(args[0], "number()")


def _position(_: list[Any], context: Context) -> Any:
    if context.position is None:
        raise RuleTypeError("position(..) is only defined inside a repeat")
    return context.position


def _position_of(function: Callable[[str, str], bool]) -> Callable[[list[Any], Context], Any]:
    return lambda args, _: function(_string_arg(args[0]), _string_arg(args[1]))


_SCALARS: dict[str, Callable[[list[Any], Context], Any]] = {
    "selected": _selected,
    "count-selected": _count_selected,
    "selected-at": lambda args, _: _selected_at(args[0], args[1]),
    "string-length": _string_length,
    "today": lambda _, context: context.today(),
    "now": lambda _, context: context.now(),
    "not": lambda args, _: not truthy(args[0]),
    "true": lambda _, __: True,
    "false": lambda _, __: False,
    "substr": lambda args, _: _substr(args[0], args[1], args[2] if len(args) > 2 else None),
    "regex": lambda args, _: search(_string_arg(args[1]), _string_arg(args[0])),
    "contains": _position_of(lambda haystack, needle: needle in haystack),
    "starts-with": _position_of(lambda haystack, needle: haystack.startswith(needle)),
    "ends-with": _position_of(lambda haystack, needle: haystack.endswith(needle)),
    "int": _int,
    "round": lambda args, _: _round(args[0], _integer(args[1], "round()") if len(args) > 1 else 0),
    "number": _number,
    "string": lambda args, _: text(args[0]),
    "boolean": lambda args, _: truthy(args[0]),
    "position": _position,
    "date": lambda args, _: dates.to_date(args[0]),
    "decimal-date-time": lambda args, _: dates.decimal_date_time(args[0]),
    "format-date": lambda args, _: dates.format_date(args[0], _string_arg(args[1])),
    "format-date-time": lambda args, _: dates.format_date(args[0], _string_arg(args[1])),
    "uuid": lambda _, __: str(uuid.uuid4()),
}
