"""The rule language against the shared vectors (the PWA's evaluator runs the same file)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from surveys.rules import RuleError, RuleSyntaxError, Scope, evaluate, parse, validate

VECTORS: list[dict[str, Any]] = [
    vector
    for path in sorted(Path(__file__).parent.glob("rule_vectors*.json"))
    for vector in json.loads(path.read_text(encoding="utf-8"))
]


def test_there_are_enough_vectors() -> None:
    assert len(VECTORS) >= 351
    assert sum("error" in v for v in VECTORS) >= 15


@pytest.mark.parametrize("vector", VECTORS, ids=[v["expression"] or "<empty>" for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    today = date.fromisoformat(vector["today"]) if "today" in vector else None
    now = datetime.fromisoformat(vector["now"]) if "now" in vector else None
    path = [(group, index) for group, index in vector.get("path", [])]
    scope = Scope(vector["answers"], vector.get("current"), today, now, path)
    if "error" in vector:
        with pytest.raises(RuleError) as raised:
            evaluate(parse(vector["expression"]), scope)
        assert raised.value.kind == vector["error"]
    else:
        result = evaluate(parse(vector["expression"]), scope)
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
