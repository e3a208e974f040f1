"""The rule language's syntax: tokenizer, AST and Pratt parser (see ``surveys.rules``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    kind: str  # num, str, ref, parent, dot, name, op, lparen, rparen, comma, end
    text: str
    position: int


# A question name as XLSForm allows it: a letter or "_", then letters, digits, "_", "-", ".".
NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_.\-]*"

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<ref>\$\{{{NAME_PATTERN}\}})
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<parent>\.\.)
  | (?P<dot>\.)
    """,
    re.VERBOSE | re.ASCII,
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
class Column:
    """A bare name in a choice filter: that column of the choice being filtered."""

    name: str


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


Node = Literal | Ref | Current | Column | Unary | Binary | Call

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
# name: (fewest, most) arguments; None: any number.
ARITY: dict[str, tuple[int, int | None]] = {
    "selected": (2, 2),
    "count-selected": (1, 1),
    "selected-at": (2, 2),
    "string-length": (1, 1),
    "today": (0, 0),
    "now": (0, 0),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "if": (3, 3),
    "coalesce": (2, None),
    "concat": (0, None),
    "join": (1, None),
    "substr": (2, 3),
    "regex": (2, 2),
    "contains": (2, 2),
    "starts-with": (2, 2),
    "ends-with": (2, 2),
    "int": (1, 1),
    "round": (1, 2),
    "number": (1, 1),
    "string": (1, 1),
    "boolean": (1, 1),
    "sum": (1, 1),
    "count": (1, 1),
    "max": (1, None),
    "min": (1, None),
    "position": (0, 0),
    "indexed-repeat": (3, 7),
    "once": (1, 1),
    "date": (1, 1),
    "decimal-date-time": (1, 1),
    "format-date": (2, 2),
    "format-date-time": (2, 2),
    "uuid": (0, 0),
}


class _Parser:
    def __init__(self, tokens: list[Token], columns: bool = False) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.columns = columns

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
            if self.columns and self.peek().kind != "lparen":
                return Column(token.text)
            return self.call(token)
        raise RuleSyntaxError(f"unexpected {token.text or 'end'!r}", token.position)

    def call(self, name: Token) -> Node:
        if name.text not in ARITY:
            raise RuleSyntaxError(f"unknown function {name.text!r}", name.position)
        self.expect("lparen")
        args: list[Node] = []
        if name.text == "position" and self.peek().kind == "parent":
            self.take()  # position(..): the index of the current instance
        elif self.peek().kind != "rparen":
            args.append(self.expression())
            while self.peek().kind == "comma":
                self.take()
                args.append(self.expression())
        self.expect("rparen")
        fewest, most = ARITY[name.text]
        if len(args) < fewest or (most is not None and len(args) > most):
            count = (
                str(fewest)
                if fewest == most
                else f"{fewest} or more"
                if most is None
                else f"{fewest} to {most}"
            )
            raise RuleSyntaxError(f"{name.text}() takes {count} argument(s)", name.position)
        if name.text == "indexed-repeat" and (
            len(args) % 2 == 0 or not all(isinstance(a, Ref) for a in args[0::2][:1] + args[1::2])
        ):
            raise RuleSyntaxError(
                "indexed-repeat() takes ${field}, then pairs of ${repeat} and an index",
                name.position,
            )
        return Call(name.text, tuple(args))


def parse(text: str, *, columns: bool = False) -> Node:
    """The AST of ``text``; ``RuleSyntaxError`` when it is not a valid rule. With
    ``columns`` (a choice filter) a bare name not followed by ``(`` is a ``Column``."""
    parser = _Parser(tokenize(text), columns)
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
