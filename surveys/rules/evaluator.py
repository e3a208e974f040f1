"""Evaluating a parsed rule over a response's answers (see ``surveys.rules``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.clock import VIETNAM, utcnow
from surveys.rules.functions import call
from surveys.rules.syntax import (
    Binary,
    Call,
    Column,
    Current,
    Literal,
    Node,
    Ref,
    RuleError,
    RuleSyntaxError,
    RuleTypeError,
    Unary,
    parse,
    references,
    uses_current,
)
from surveys.rules.values import (
    NodeSet,
    arithmetic,
    compare,
    equal,
    is_repeat,
    normal,
    scalar,
    truthy,
)

_MISSING = object()


@dataclass(frozen=True)
class Scope:
    """What a rule is evaluated against.

    ``path`` is the instance being filled, outermost repeat first: ``(("members", 2),)``
    is the third instance (0-based) of the repeat ``members``. ``today`` and ``now`` fix
    the clock (the machine's when absent). ``choice`` is the choice a choice filter is
    evaluated for: its columns by name, ``name`` being its value.
    """

    answers: Mapping[str, Any]
    current: Any = None
    today: date | None = None
    now: datetime | None = None
    path: Sequence[tuple[str, int]] = ()
    choice: Mapping[str, Any] | None = None


def _chain(scope: Scope) -> list[Mapping[str, Any]]:
    """The answers, then each instance along the path."""
    chain = [scope.answers]
    for group, index in scope.path:
        instances = chain[-1].get(group)
        if not is_repeat(instances) or not 0 <= index < len(instances):
            raise RuleTypeError(f"no instance {index} of {group!r}")
        chain.append(instances[index])
    return chain


def _collect(node: Mapping[str, Any], key: str) -> list[Any] | None:
    """Every value of ``key`` in the repeats under ``node``; None when it is not there."""
    found = False
    values: list[Any] = []
    for value in node.values():
        if not is_repeat(value):
            continue
        direct = any(key in instance for instance in value)
        for instance in value:
            if direct:
                found = True
                values.extend(_as_items(instance.get(key)))
            else:
                nested = _collect(instance, key)
                if nested is not None:
                    found = True
                    values.extend(nested)
    return values if found else None


def _as_items(value: Any) -> list[Any]:
    return list(value) if is_repeat(value) else [normal(value)]


def resolve(key: str, scope: Scope) -> Any:
    """``${key}``: the nearest answer from the current instance outwards."""
    if not scope.path:  # the common flat survey: one lookup
        value = scope.answers.get(key, _MISSING)
        if value is not _MISSING and (value.__class__ is not list or not is_repeat(value)):
            return normal(value)
        chain: list[Mapping[str, Any]] = [scope.answers]
    else:
        chain = _chain(scope)
    for node in reversed(chain):
        if key in node and not is_repeat(node[key]):
            return normal(node[key])
        if key in node:
            return NodeSet(tuple(node[key]))
        found = _collect(node, key)
        if found is not None:
            return NodeSet(tuple(found))
    return None


class _Evaluation:
    """One evaluation of a rule: the scope, and what the functions read from it."""

    __slots__ = ("answers", "current", "position", "scope")

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.answers = scope.answers
        self.current = scope.current
        self.position = scope.path[-1][1] + 1 if scope.path else None

    def evaluate(self, node: Node) -> Any:
        return _raw(node, self)

    def today(self) -> str:
        scope = self.scope
        if scope.today is not None:
            return scope.today.isoformat()
        return self._now().date().isoformat()

    def now(self) -> str:
        return self._now().isoformat(timespec="milliseconds")

    def _now(self) -> datetime:
        """The scope's moment as it was given, or Vietnam's wall clock now."""
        return self.scope.now or utcnow().astimezone(VIETNAM)

    def collect(self, node: Mapping[str, Any], key: str) -> list[Any] | None:
        return _collect(node, key)


def _one(node: Node, run: _Evaluation) -> Any:
    value = _HANDLERS[type(node)](node, run)
    return scalar(value) if type(value) is NodeSet else value


def _binary(node: Binary, run: _Evaluation) -> Any:
    op = node.op
    left = _one(node.left, run)
    if op == "and":
        return truthy(left) and truthy(_one(node.right, run))
    if op == "or":
        return truthy(left) or truthy(_one(node.right, run))
    right = _one(node.right, run)
    if op == "=":
        return equal(left, right)
    if op == "!=":
        return not equal(left, right)
    if op in ("<", "<=", ">", ">="):
        return compare(op, left, right)
    return arithmetic(op, left, right)


def _column(node: Column, run: _Evaluation) -> Any:
    choice = run.scope.choice
    if choice is None:
        raise RuleTypeError(f"column {node.name!r} outside a choice filter")
    return normal(choice.get(node.name))


_HANDLERS: dict[type, Callable[[Any, _Evaluation], Any]] = {
    Ref: lambda node, run: resolve(node.key, run.scope),
    Literal: lambda node, run: node.value,
    Binary: _binary,
    Call: call,
    Current: lambda node, run: normal(run.current),
    Column: _column,
    Unary: lambda node, run: arithmetic("-", 0, _one(node.operand, run)),
}


def _raw(node: Node, run: _Evaluation) -> Any:
    return _HANDLERS[type(node)](node, run)


def evaluate(node: Node, scope: Scope) -> Any:
    """The value of a rule; a repeated field must be aggregated (else a type error)."""
    return scalar(_raw(node, _Evaluation(scope)))


def check(
    text: str,
    answers: Mapping[str, Any],
    *,
    current: Any = None,
    today: date | None = None,
    path: Sequence[tuple[str, int]] = (),
) -> bool:
    """Parse and evaluate a rule to true or false (errors propagate)."""
    return truthy(evaluate(parse(text), Scope(answers, current, today, path=path)))


def holds(node: Node, scope: Scope) -> bool:
    """A rule's truth at run time: one that fails to evaluate counts as false."""
    try:
        return truthy(evaluate(node, scope))
    except RuleError:
        return False


def validate(
    text: str, *, earlier: Sequence[str], allow_current: bool, columns: bool = False
) -> Node:
    """Parse a rule of a survey definition and check what it refers to (``columns``: a
    choice filter, whose bare names are the choice's columns)."""
    node = parse(text, columns=columns)
    unknown = sorted(references(node) - set(earlier))
    if unknown:
        raise RuleSyntaxError(f"unknown or later question {unknown[0]!r}", 0)
    if not allow_current and uses_current(node):
        raise RuleSyntaxError("'.' is only allowed in constraints", 0)
    return node
