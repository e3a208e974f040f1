"""Evaluating a parsed rule over a response's answers (see ``surveys.rules``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from surveys.rules.functions import Context, call
from surveys.rules.syntax import (
    Binary,
    Call,
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


@dataclass(frozen=True)
class Scope:
    """What a rule is evaluated against.

    ``path`` is the instance being filled, outermost repeat first: ``(("members", 2),)``
    is the third instance (0-based) of the repeat ``members``. ``today`` and ``now`` fix
    the clock (the machine's when absent).
    """

    answers: Mapping[str, Any]
    current: Any = None
    today: date | None = None
    now: datetime | None = None
    path: Sequence[tuple[str, int]] = ()


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
        value = scope.answers.get(key)
        if key in scope.answers and not is_repeat(value):
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


def _raw(node: Node, scope: Scope) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return resolve(node.key, scope)
    if isinstance(node, Current):
        return normal(scope.current)
    if isinstance(node, Unary):
        return arithmetic("-", 0, scalar(_raw(node.operand, scope)))
    if isinstance(node, Binary):
        left = scalar(_raw(node.left, scope))
        if node.op == "and":
            return truthy(left) and truthy(scalar(_raw(node.right, scope)))
        if node.op == "or":
            return truthy(left) or truthy(scalar(_raw(node.right, scope)))
        right = scalar(_raw(node.right, scope))
        if node.op == "=":
            return equal(left, right)
        if node.op == "!=":
            return not equal(left, right)
        if node.op in ("<", "<=", ">", ">="):
            return compare(node.op, left, right)
        return arithmetic(node.op, left, right)
    return _call(node, scope)


def _today(scope: Scope) -> str:
    if scope.today is not None:
        return scope.today.isoformat()
    return (scope.now.date() if scope.now else date.today()).isoformat()


def _now(scope: Scope) -> str:
    return (scope.now or datetime.now().astimezone()).isoformat(timespec="milliseconds")


def _call(node: Call, scope: Scope) -> Any:
    context = Context(
        lambda n: _raw(n, scope),
        scope.answers,
        scope.current,
        lambda: _today(scope),
        lambda: _now(scope),
        scope.path[-1][1] + 1 if scope.path else None,
        _collect,
    )
    return call(node, context)


def evaluate(node: Node, scope: Scope) -> Any:
    """The value of a rule; a repeated field must be aggregated (else a type error)."""
    return scalar(_raw(node, scope))


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


def validate(text: str, *, earlier: Sequence[str], allow_current: bool) -> Node:
    """Parse a rule of a survey definition and check what it refers to."""
    node = parse(text)
    unknown = sorted(references(node) - set(earlier))
    if unknown:
        raise RuleSyntaxError(f"unknown or later question {unknown[0]!r}", 0)
    if not allow_current and uses_current(node):
        raise RuleSyntaxError("'.' is only allowed in constraints", 0)
    return node
