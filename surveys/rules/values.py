"""Rule values and the type rules of the operators (see ``surveys.rules``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from surveys.rules.syntax import RuleTypeError


@dataclass(frozen=True)
class NodeSet:
    """The values of a field in every instance of a repeat (or the instances themselves)."""

    items: tuple[Any, ...]


def is_repeat(value: Any) -> TypeGuard[Sequence[Mapping[str, Any]]]:
    """A repeat group's answer: a non-empty list of instance dicts."""
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def normal(value: Any) -> Any:
    """Answers as rule values: empty text and empty lists are null; tuples are lists."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):  # a location answers as "lat lon" like ODK's geopoint
        return f"{value.get('lat')} {value.get('lon')}"
    return value


def scalar(value: Any) -> Any:
    """One value where one is needed: a node-set of one node is its value, of none null."""
    if not isinstance(value, NodeSet):
        return value
    if not value.items:
        return None
    if len(value.items) > 1:
        raise RuleTypeError(
            "a repeated field needs count(), sum(), max(), min(), join() or indexed-repeat()"
        )
    item = value.items[0]
    if isinstance(item, Mapping):
        raise RuleTypeError("a repeat instance is not a value")
    return item


def items(value: Any) -> list[Any]:
    """The values a node-set argument holds: a lone value is a set of one, null of none."""
    if isinstance(value, NodeSet):
        return list(value.items)
    return [] if value is None else [value]


def truthy(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value is not False and value != 0


def as_number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return int(number) if number.is_integer() and "." not in value else number
    return None


def _days(value: Any) -> float | int | None:
    """A date or date-time text as days since 1970-01-01 (decimal-date-time), else None."""
    if not isinstance(value, str) or len(value) < 10 or value[4:5] != "-":
        return None
    from surveys.rules.dates import decimal_date_time  # dates builds on this module

    try:
        return decimal_date_time(value)
    except RuleTypeError:
        return None


def as_operand(value: Any) -> float | int | None:
    """A number for arithmetic: numbers, numeric text, booleans, and dates as their days
    (``today() - ${dob}`` is a number of days, as in ODK)."""
    number = as_number(value)
    return _days(value) if number is None else number


def need_number(value: Any, what: str) -> float | int:
    number = as_number(value)
    if number is None or isinstance(value, list | Mapping):
        raise RuleTypeError(f"{what} needs a number, not {value!r}")
    return number


def tidy(number: float | int) -> float | int:
    """Integral results as integers (both evaluators print them the same way)."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def text(value: Any) -> str:
    """A value as text, the way string() and concat() write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(tidy(value))
    if isinstance(value, list):
        return " ".join(text(v) for v in value)
    if isinstance(value, Mapping):
        raise RuleTypeError("a repeat instance is not a value")
    return str(value)


def _date_and_number(a: Any, b: Any, left: Any, right: Any) -> bool:
    """Whether one side is text that is not a number and the other a number (not text):
    the text then counts as a date's days. Two texts still compare as texts."""
    return (a is None and b is not None and not isinstance(right, str)) or (
        b is None and a is not None and not isinstance(left, str)
    )


def equal(left: Any, right: Any) -> bool:
    left = None if left == "" else left
    right = None if right == "" else right
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, list) or isinstance(right, list):
        listed, other = (left, right) if isinstance(left, list) else (right, left)
        if isinstance(other, list):
            return sorted(map(str, listed)) == sorted(map(str, other))
        return len(listed) == 1 and str(listed[0]) == str(other)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    a, b = as_number(left), as_number(right)
    if _date_and_number(a, b, left, right):  # a date against a number: its days
        a, b = as_operand(left), as_operand(right)
    if a is None or b is None:
        return False
    return a == b


def compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    a: Any = as_number(left)
    b: Any = as_number(right)
    if isinstance(left, list) or isinstance(right, list):
        raise RuleTypeError(f"cannot compare {left!r} {op} {right!r}")
    if _date_and_number(a, b, left, right):  # its days (``. > today() - 7``)
        a, b = as_operand(left), as_operand(right)
    if a is None or b is None:
        if not (isinstance(left, str) and isinstance(right, str)):
            raise RuleTypeError(f"cannot compare {left!r} {op} {right!r}")
        a, b = left, right
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


def arithmetic(op: str, left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    a, b = as_operand(left), as_operand(right)
    if a is None or b is None or isinstance(left, list) or isinstance(right, list):
        raise RuleTypeError(f"{op} needs numbers or dates, not {left!r} and {right!r}")
    if op == "+":
        result: float | int = a + b
    elif op == "-":
        result = a - b
    elif op == "*":
        result = a * b
    elif b == 0:
        raise RuleTypeError(f"{op} by zero")
    elif op == "div":
        result = a / b
    else:
        result = a - b * int(a / b)  # the sign follows the dividend, as in XPath
    return tidy(result)
