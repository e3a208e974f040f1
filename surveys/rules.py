"""The rule language of survey relevance (skip logic) and constraints.

A small, safe subset of XLSForm/ODK expressions, parsed by hand (tokenizer, then a
Pratt parser to an AST) and evaluated over a response's answers: nothing is ever passed
to ``eval``. The PWA evaluates the same language in TypeScript; both implementations
must agree with every vector in ``tests/surveys/rule_vectors.json``.

Grammar (lowest precedence first; all binary operators are left-associative)::

    expr     := or
    or       := and ("or" and)*
    and      := eq ("and" eq)*
    eq       := rel (("=" | "!=") rel)*
    rel      := add (("<" | "<=" | ">" | ">=") add)*
    add      := mul (("+" | "-") mul)*
    mul      := unary (("*" | "div" | "mod") unary)*
    unary    := "-" unary | primary
    primary  := NUMBER | STRING | "${" KEY "}" | "." | "(" expr ")" | CALL
    CALL     := NAME "(" [expr ("," expr)*] ")"

- NUMBER: digits with an optional fraction (``3``, ``2.5``, ``.5``).
- STRING: in single or double quotes, no escapes (``'yes'``, ``"it's"``).
- ``${key}``: the answer to an earlier question; ``.``: the answer being checked (in
  constraints).
- Functions: ``selected(v, 'x')``, ``count-selected(v)``, ``string-length(v)``,
  ``today()``, ``not(v)``, ``true()``, ``false()``.

Values are null (a missing or empty answer), numbers, strings, booleans and lists (the
options of a multiple-choice answer). Dates are ISO strings (``'2025-07-01'``) and
``today()`` returns one, so dates compare as strings.

Type rules:

- Truth (``and``, ``or``, ``not``, and a rule's result): null, ``false``, ``0``, ``''``
  and ``[]`` are false; everything else is true. ``and``/``or`` return booleans.
- ``=`` and ``!=``: null equals only null and ``''``; a number and a string compare as
  numbers when the string is numeric, otherwise they differ; a list equals a string
  when it holds exactly that one option; booleans compare with booleans, and with the
  numbers 1 and 0.
- ``<``, ``<=``, ``>``, ``>=``: false when either side is null; two numbers (or a
  number and a numeric string, or two numeric strings) compare as numbers; other
  strings compare as strings (ISO dates order correctly); anything else (a list, a
  number against a non-numeric string) is a type error.
- ``+ - * div mod`` and unary ``-``: null when either side is null; operands must be
  numbers or numeric strings (booleans count as 1 and 0), else a type error; ``div``
  and ``mod`` by zero are errors.
- ``selected(v, x)``: v a list: x is one of its options; v a string: v equals x;
  null: false. ``count-selected(v)``: list length, 1 for a non-empty string, 0 for null.
  ``string-length(v)``: the length of v as text, 0 for null.

Errors: ``RuleSyntaxError`` at parse time (with the position), ``RuleTypeError`` at
evaluation. A survey is refused when one of its rules does not parse or names a
question that does not come earlier; at run time a rule that fails to evaluate counts
as false.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_RULE_LENGTH = 1000
MAX_DEPTH = 50


class RuleError(Exception):
    kind = "error"


class RuleSyntaxError(RuleError):
    kind = "syntax"

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at {position}")
        self.position = position


class RuleTypeError(RuleError):
    kind = "type"


@dataclass(frozen=True)
class Token:
    kind: str  # num, str, ref, dot, name, op, lparen, rparen, comma, end
    text: str
    position: int


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<ref>\$\{[A-Za-z_][A-Za-z0-9_]*\})
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<dot>\.)
    """,
    re.VERBOSE,
)
_WORD_OPERATORS = {"and", "or", "div", "mod"}


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_RULE_LENGTH:
        raise RuleSyntaxError("rule too long", MAX_RULE_LENGTH)
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise RuleSyntaxError(f"unexpected character {text[position]!r}", position)
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "name" and value in _WORD_OPERATORS:
            kind = "op"
        if kind != "space":
            tokens.append(Token(kind, value, position))
        position = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# --- the AST -----------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class Ref:
    key: str


@dataclass(frozen=True)
class Current:
    pass


@dataclass(frozen=True)
class Unary:
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Literal | Ref | Current | Unary | Binary | Call

_BINDING = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
_ARITY = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "today": 0,
    "not": 1,
    "true": 0,
    "false": 0,
}


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, kind: str) -> Token:
        token = self.take()
        if token.kind != kind:
            raise RuleSyntaxError(f"expected {kind}, found {token.text or 'end'!r}", token.position)
        return token

    def expression(self, min_binding: int = 0) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise RuleSyntaxError("rule nested too deeply", self.peek().position)
        left = self.prefix()
        while True:
            token = self.peek()
            binding = _BINDING.get(token.text) if token.kind == "op" else None
            if binding is None or binding <= min_binding:
                break
            self.take()
            left = Binary(token.text, left, self.expression(binding))
        self.depth -= 1
        return left

    def prefix(self) -> Node:
        token = self.take()
        if token.kind == "num":
            number = float(token.text)
            return Literal(int(number) if number.is_integer() and "." not in token.text else number)
        if token.kind == "str":
            return Literal(token.text[1:-1])
        if token.kind == "ref":
            return Ref(token.text[2:-1])
        if token.kind == "dot":
            return Current()
        if token.kind == "op" and token.text == "-":
            return Unary(self.expression(6))
        if token.kind == "lparen":
            inner = self.expression()
            self.expect("rparen")
            return inner
        if token.kind == "name":
            return self.call(token)
        raise RuleSyntaxError(f"unexpected {token.text or 'end'!r}", token.position)

    def call(self, name: Token) -> Node:
        if name.text not in _ARITY:
            raise RuleSyntaxError(f"unknown function {name.text!r}", name.position)
        self.expect("lparen")
        args: list[Node] = []
        if self.peek().kind != "rparen":
            args.append(self.expression())
            while self.peek().kind == "comma":
                self.take()
                args.append(self.expression())
        self.expect("rparen")
        if len(args) != _ARITY[name.text]:
            raise RuleSyntaxError(
                f"{name.text}() takes {_ARITY[name.text]} argument(s)", name.position
            )
        return Call(name.text, tuple(args))


def parse(text: str) -> Node:
    """The AST of ``text``; ``RuleSyntaxError`` when it is not a valid rule."""
    parser = _Parser(tokenize(text))
    if parser.peek().kind == "end":
        raise RuleSyntaxError("empty rule", 0)
    node = parser.expression()
    trailing = parser.peek()
    if trailing.kind != "end":
        raise RuleSyntaxError(f"unexpected {trailing.text!r}", trailing.position)
    return node


def references(node: Node) -> set[str]:
    """The question keys a rule reads."""
    if isinstance(node, Ref):
        return {node.key}
    if isinstance(node, Unary):
        return references(node.operand)
    if isinstance(node, Binary):
        return references(node.left) | references(node.right)
    if isinstance(node, Call):
        return set().union(*(references(a) for a in node.args)) if node.args else set()
    return set()


def uses_current(node: Node) -> bool:
    if isinstance(node, Current):
        return True
    if isinstance(node, Unary):
        return uses_current(node.operand)
    if isinstance(node, Binary):
        return uses_current(node.left) or uses_current(node.right)
    if isinstance(node, Call):
        return any(uses_current(a) for a in node.args)
    return False


# --- evaluation --------------------------------------------------------------------


def _normal(value: Any) -> Any:
    """Answers as rule values: empty text and empty lists are null; tuples are lists."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):  # a location answers as "lat lon" like ODK's geopoint
        return f"{value.get('lat')} {value.get('lon')}"
    return value


def truthy(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value is not False and value != 0


def _as_number(value: Any) -> float | int | None:
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


def _equal(left: Any, right: Any) -> bool:
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
    a, b = _as_number(left), _as_number(right)
    if a is None or b is None:
        return False
    return a == b


def _compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    a: Any = _as_number(left)
    b: Any = _as_number(right)
    if isinstance(left, list) or isinstance(right, list):
        raise RuleTypeError(f"cannot compare {left!r} {op} {right!r}")
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


def _arithmetic(op: str, left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    a, b = _as_number(left), _as_number(right)
    if a is None or b is None or isinstance(left, list) or isinstance(right, list):
        raise RuleTypeError(f"{op} needs numbers, not {left!r} and {right!r}")
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
    if isinstance(result, float) and result.is_integer() and abs(result) < 2**53:
        return int(result)
    return result


@dataclass(frozen=True)
class Scope:
    answers: Mapping[str, Any]
    current: Any = None
    today: date | None = None


def evaluate(node: Node, scope: Scope) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return _normal(scope.answers.get(node.key))
    if isinstance(node, Current):
        return _normal(scope.current)
    if isinstance(node, Unary):
        return _arithmetic("-", 0, evaluate(node.operand, scope))
    if isinstance(node, Binary):
        if node.op == "and":
            return truthy(evaluate(node.left, scope)) and truthy(evaluate(node.right, scope))
        if node.op == "or":
            return truthy(evaluate(node.left, scope)) or truthy(evaluate(node.right, scope))
        left, right = evaluate(node.left, scope), evaluate(node.right, scope)
        if node.op == "=":
            return _equal(left, right)
        if node.op == "!=":
            return not _equal(left, right)
        if node.op in ("<", "<=", ">", ">="):
            return _compare(node.op, left, right)
        return _arithmetic(node.op, left, right)
    return _call(node, scope)


def _call(node: Call, scope: Scope) -> Any:
    args = [evaluate(a, scope) for a in node.args]
    if node.name == "selected":
        value, option = args
        if value is None:
            return False
        if isinstance(value, list):
            return str(option) in {str(v) for v in value}
        return str(value) == str(option)
    if node.name == "count-selected":
        (value,) = args
        if value is None:
            return 0
        return len(value) if isinstance(value, list) else 1
    if node.name == "string-length":
        (value,) = args
        if value is None:
            return 0
        if isinstance(value, bool):
            return len("true" if value else "false")
        return len(value if isinstance(value, str) else _text(value))
    if node.name == "not":
        return not truthy(args[0])
    if node.name == "true":
        return True
    if node.name == "false":
        return False
    return (scope.today or date.today()).isoformat()  # today()


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def check(
    text: str, answers: Mapping[str, Any], *, current: Any = None, today: date | None = None
) -> bool:
    """Parse and evaluate a rule to true or false (errors propagate)."""
    return truthy(evaluate(parse(text), Scope(answers, current, today)))


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
