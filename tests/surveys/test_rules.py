"""The rule language against the shared vectors (the PWA's evaluator runs the same file)."""

from __future__ import annotations

import json
import re
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from core.clock import today_in_vietnam
from surveys.rules import (
    RuleError,
    RuleSyntaxError,
    RuleTypeError,
    Scope,
    check,
    evaluate,
    holds,
    parse,
    validate,
)

VECTORS: list[dict[str, Any]] = [
    vector
    for path in sorted(Path(__file__).parent.glob("rule_vectors*.json"))
    for vector in json.loads(path.read_text(encoding="utf-8"))
]
UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_there_are_enough_vectors() -> None:
    assert len(VECTORS) >= 351
    assert sum("error" in v for v in VECTORS) >= 15


@pytest.mark.parametrize("vector", VECTORS, ids=[v["expression"] or "<empty>" for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    today = date.fromisoformat(vector["today"]) if "today" in vector else None
    now = datetime.fromisoformat(vector["now"]) if "now" in vector else None
    path = [(group, index) for group, index in vector.get("path", [])]
    scope = Scope(vector["answers"], vector.get("current"), today, now, path, vector.get("choice"))
    columns = "choice" in vector  # a choice filter: bare names are the choice's columns
    if "error" in vector:
        with pytest.raises(RuleError) as raised:
            evaluate(parse(vector["expression"], columns=columns), scope)
        assert raised.value.kind == vector["error"]
    else:
        result = evaluate(parse(vector["expression"], columns=columns), scope)
        assert result == vector["expected"]
        assert type(result) is type(vector["expected"]) or isinstance(result, int | float)


def test_rules_in_a_definition_may_only_name_earlier_questions() -> None:
    validate("${a} > 1", earlier=["a"], allow_current=False)
    with pytest.raises(RuleSyntaxError):
        validate("${b} > 1", earlier=["a"], allow_current=False)
    with pytest.raises(RuleSyntaxError):
        validate(". > 1", earlier=["a"], allow_current=False)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(RuleSyntaxError):
        parse("(" * 200 + "1" + ")" * 200)


def test_a_pathological_pattern_is_matched_in_linear_time() -> None:
    started = time.perf_counter()
    answers = {"t": "a" * 1000}
    assert not check("regex(${t}, '^(a|aa|a?a?)*(a+)+b$')", answers)
    assert not check("regex(${t}, '^(?:a?){99}(?:a?){99}b')", answers)
    assert time.perf_counter() - started < 5


def test_uuid_has_the_shape_of_a_version_4_uuid() -> None:
    values = {evaluate(parse("uuid()"), Scope({})) for _ in range(20)}
    assert len(values) == 20
    assert all(UUID_SHAPE.fullmatch(v) for v in values)


def test_the_machine_clock_is_used_when_the_scope_fixes_none() -> None:
    assert evaluate(parse("today()"), Scope({})) == today_in_vietnam().isoformat()
    now = evaluate(parse("now()"), Scope({}))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", now)


def test_check_reads_siblings_in_the_instance_given_by_the_path() -> None:
    answers = {"members": [{"age": 30}, {"age": 5}]}
    assert check("${age} > 18", answers, path=[("members", 0)])
    assert not check("${age} > 18", answers, path=[("members", 1)])
    with pytest.raises(RuleTypeError):
        check("${age} > 18", answers)
    assert holds(parse("sum(${age}) = 35"), Scope(answers))
