"""regex(): a safe, documented subset of regular expressions, matched in linear time.

Neither Python's ``re`` nor JavaScript's ``RegExp`` is used: their dialects differ (``\\d``
on non-ASCII digits, ``$`` before a final newline) and both backtrack, so a pattern such
as ``(a+)+$`` could hang a device. The pattern is parsed here (the PWA has the same
parser) and run as a Thompson NFA, one step per input character.

The subset: literal characters; ``.`` (any character but a newline); classes ``[abc]``,
``[^a-z0-9]`` with ranges and the escapes below; ``\\d \\w \\s`` (ASCII digits, ASCII
letters/digits/underscore, ASCII white space) and ``\\D \\W \\S`` outside classes;
``\\n \\t``; a backslash before any of ``\\ ^ $ . | ? * + ( ) [ ] { } - /`` for that
character; anchors ``^`` and ``$`` (the start and end of the whole text); groups ``( )``
and ``(?: )``; alternation ``|``; greedy quantifiers ``* + ? {n} {n,} {n,m}`` (n, m at
most 100). Anything else (back-references, lookaround, lazy quantifiers, flags, other
escapes, an unescaped ``{ } ]`` as a literal) is a type error. The match is a search, as
in ODK Collect and Enketo: anchor with ``^...$`` to match the whole answer. Patterns are
at most 200 characters compiling to at most 400 steps, texts at most 1000 characters;
longer is a type error (the worst case then takes well under a second).
"""

from __future__ import annotations

from typing import Any

from surveys.rules.syntax import RuleTypeError

MAX_PATTERN = 200
MAX_TEXT = 1000
MAX_COUNT = 100
MAX_PROGRAM = 400

Ranges = tuple[tuple[int, int], ...]
_DIGIT: Ranges = ((48, 57),)
_WORD: Ranges = ((48, 57), (65, 90), (95, 95), (97, 122))
_SPACE: Ranges = ((9, 13), (32, 32))
_CLASSES = {"d": _DIGIT, "w": _WORD, "s": _SPACE}
_PUNCTUATION = set("\\^$.|?*+()[]{}-/")
_SPECIAL = set("\\^$.|?*+()[]{}")


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.chars = list(pattern)
        self.index = 0

    def fail(self, why: str) -> RuleTypeError:
        return RuleTypeError(f"regex(): {why} at {self.index}")

    def peek(self) -> str | None:
        return self.chars[self.index] if self.index < len(self.chars) else None

    def alternation(self) -> Any:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.index += 1
            branches.append(self.sequence())
        return ("alt", branches) if len(branches) > 1 else branches[0]

    def sequence(self) -> Any:
        parts: list[Any] = []
        while self.peek() not in (None, "|", ")"):
            atom = self.atom()
            quantified = self.quantifier(atom)
            parts.append(quantified)
        return ("cat", parts)

    def atom(self) -> Any:
        char = self.chars[self.index]
        self.index += 1
        if char == "(":
            if self.chars[self.index : self.index + 2] == ["?", ":"]:
                self.index += 2
            elif self.peek() == "?":
                raise self.fail("only (?: ) groups are supported")
            inner = self.alternation()
            if self.peek() != ")":
                raise self.fail("missing )")
            self.index += 1
            return inner
        if char == "[":
            return self.char_class()
        if char == ".":
            return ("char", ((10, 10),), True)
        if char == "^":
            return ("bol",)
        if char == "$":
            return ("eol",)
        if char == "\\":
            return self.escape(in_class=False)
        if char in _SPECIAL:
            raise self.fail(f"unexpected {char!r}")
        return ("char", ((ord(char), ord(char)),), False)

    def escape(self, *, in_class: bool) -> Any:
        char = self.peek()
        if char is None:
            raise self.fail("a pattern cannot end with \\")
        self.index += 1
        if char in _CLASSES:
            return ("char", _CLASSES[char], False)
        if char.lower() in _CLASSES and not in_class:
            return ("char", _CLASSES[char.lower()], True)
        if char in ("n", "t"):
            code = 10 if char == "n" else 9
            return ("char", ((code, code),), False)
        if char in _PUNCTUATION:
            return ("char", ((ord(char), ord(char)),), False)
        raise self.fail(f"unsupported escape \\{char}")

    def class_item(self) -> Ranges:
        char = self.chars[self.index]
        self.index += 1
        if char == "\\":
            node = self.escape(in_class=True)
            ranges: Ranges = node[1]
            return ranges
        if char in "[]":
            raise self.fail(f"escape {char!r} inside a class")
        return ((ord(char), ord(char)),)

    def char_class(self) -> Any:
        negate = self.peek() == "^"
        if negate:
            self.index += 1
        ranges: list[tuple[int, int]] = []
        while self.peek() != "]":
            if self.peek() is None:
                raise self.fail("missing ]")
            low = self.class_item()
            if (
                self.peek() == "-"
                and self.index + 1 < len(self.chars)
                and self.chars[self.index + 1] != "]"
            ):
                self.index += 1
                high = self.class_item()
                if (
                    len(low) != 1
                    or len(high) != 1
                    or low[0][0] != low[0][1]
                    or high[0][0] != high[0][1]
                ):
                    raise self.fail("a range needs single characters")
                if low[0][0] > high[0][0]:
                    raise self.fail("a range out of order")
                ranges.append((low[0][0], high[0][0]))
            else:
                ranges.extend(low)
        self.index += 1
        if not ranges:
            raise self.fail("an empty class")
        return ("char", tuple(ranges), negate)

    def number(self) -> int | None:
        start = self.index
        while (self.peek() or "").isdigit() and (self.peek() or "") in "0123456789":
            self.index += 1
        return int("".join(self.chars[start : self.index])) if self.index > start else None

    def quantifier(self, atom: Any) -> Any:
        char = self.peek()
        if char not in ("*", "+", "?", "{"):
            return atom
        if atom[0] in ("bol", "eol"):
            raise self.fail("an anchor cannot repeat")
        self.index += 1
        if char == "*":
            low, high = 0, None
        elif char == "+":
            low, high = 1, None
        elif char == "?":
            low, high = 0, 1
        else:
            low_ = self.number()
            if low_ is None:
                raise self.fail("expected a count after {")
            low, high = low_, low_
            if self.peek() == ",":
                self.index += 1
                high = self.number()
            if self.peek() != "}":
                raise self.fail("expected }")
            self.index += 1
            if low > MAX_COUNT or (high is not None and (high > MAX_COUNT or high < low)):
                raise self.fail("a count out of range")
        if self.peek() in ("*", "+", "?", "{"):
            raise self.fail("lazy or repeated quantifiers are not supported")
        return ("repeat", atom, low, high)


def _compile(node: Any, program: list[Any]) -> None:
    if len(program) > MAX_PROGRAM:
        raise RuleTypeError("regex(): pattern too large")
    kind = node[0]
    if kind in ("char", "bol", "eol"):
        program.append(node)
    elif kind == "cat":
        for part in node[1]:
            _compile(part, program)
    elif kind == "alt":
        jumps: list[int] = []
        for branch in node[1][:-1]:
            split = len(program)
            program.append(["split", split + 1, 0])
            _compile(branch, program)
            jumps.append(len(program))
            program.append(["jmp", 0])
            program[split][2] = len(program)
        _compile(node[1][-1], program)
        for jump in jumps:
            program[jump][1] = len(program)
    else:
        _, body, low, high = node
        for _ in range(low):
            _compile(body, program)
        if high is None:
            loop = len(program)
            program.append(["split", loop + 1, 0])
            _compile(body, program)
            program.append(["jmp", loop])
            program[loop][2] = len(program)
        else:
            splits: list[int] = []
            for _ in range(high - low):
                splits.append(len(program))
                program.append(["split", len(program) + 1, 0])
                _compile(body, program)
            for split in splits:
                program[split][2] = len(program)


def compile_pattern(pattern: str) -> list[Any]:
    if len(pattern) > MAX_PATTERN:
        raise RuleTypeError("regex(): pattern too long")
    parser = _Parser(pattern)
    tree = parser.alternation()
    if parser.peek() is not None:
        raise parser.fail("unexpected )")
    program: list[Any] = []
    _compile(tree, program)
    if len(program) > MAX_PROGRAM:
        raise RuleTypeError("regex(): pattern too large")
    program.append(("match",))
    return program


def _add(
    program: list[Any], threads: list[int], seen: set[int], pc: int, at: int, end: int
) -> None:
    stack = [pc]
    while stack:
        pc = stack.pop()
        if pc in seen:
            continue
        seen.add(pc)
        op = program[pc]
        if op[0] == "jmp":
            stack.append(op[1])
        elif op[0] == "split":
            stack.append(op[2])
            stack.append(op[1])
        elif op[0] == "bol":
            if at == 0:
                stack.append(pc + 1)
        elif op[0] == "eol":
            if at == end:
                stack.append(pc + 1)
        else:
            threads.append(pc)


def search(pattern: str, text: str) -> bool:
    """Whether ``pattern`` (the subset above) matches somewhere in ``text``."""
    program = compile_pattern(pattern)
    if len(text) > MAX_TEXT:
        raise RuleTypeError("regex(): text too long")
    end = len(text)
    threads: list[int] = []
    seen: set[int] = set()
    _add(program, threads, seen, 0, 0, end)
    for at in range(end + 1):
        following: list[int] = []
        following_seen: set[int] = set()
        code = ord(text[at]) if at < end else -1
        for pc in threads:
            op = program[pc]
            if op[0] == "match":
                return True
            if code < 0:
                continue
            inside = any(low <= code <= high for low, high in op[1])
            if inside != op[2]:
                _add(program, following, following_seen, pc + 1, at + 1, end)
        if at < end:
            _add(program, following, following_seen, 0, at + 1, end)
        threads = following
    return False
