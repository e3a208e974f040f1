"""Schemathesis against a live ``dxnet serve``: every root query and mutation of
``schema.graphql`` with generated documents and arguments (the ``JSON`` scalar shaped like
survey definitions and sync answers), anonymously and as a province admin. No answer may
be a 5xx or carry ``INTERNAL_SERVER_ERROR``.

``make test`` runs a short, derandomised run (``DXNET_FUZZ_EXAMPLES``, default 400
documents); ``make fuzz`` a long random one. A failure prints the document that broke;
add it to ``tests/api/test_fuzz_regressions.py`` with the fix.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from surveys.definition import QuestionKind
from tests.e2e.conftest import _SETUP, ADMIN, ROOT, STAFF, STAFF_UNIT
from tests.helpers import free_port, stop_server, wait_for_health
from tests.security.documents import node_types
from tests.surveys.survey_data import DEFINITION as SURVEY
from tests.surveys.survey_data import GOOD_ANSWERS

pytestmark = pytest.mark.fuzz

SHORT_RUN = 400
EXAMPLES = int(os.environ.get("DXNET_FUZZ_EXAMPLES", str(SHORT_RUN)))
LONG_RUN = EXAMPLES > SHORT_RUN

# JSON values as GraphQL literals. Object keys must be GraphQL names: the survey
# vocabulary (so definitions get past the first checks and reach the rules) or any name.
WORDS = [
    "pages", "questions", "key", "kind", "labelVi", "labelEn", "choices", "value", "required",
    "relevant", "constraint", "min", "max", "pattern", "allowOther", "minLength", "maxLength",
    "requiredAccuracy", "constraintMessageVi", "titleVi", "q1", "q2", "other",
]  # fmt: skip
NAMES = st.sampled_from(WORDS) | st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z")
RULES = st.sampled_from(
    ["${q1} > 3", "selected(${q2}, 'a')", "${q1} = ''", "not(${q9})", "${q1} + 'x' * 3", "((("]
)
SCALAR_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from([str(k) for k in QuestionKind]),
    RULES,
)
JSON_VALUES = st.recursive(
    SCALAR_VALUES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NAMES, inner, max_size=6),
    max_leaves=25,
)
QUESTION = st.fixed_dictionaries(
    {
        "key": st.sampled_from(["q1", "q2", "q3"]),
        "kind": st.sampled_from([str(k) for k in QuestionKind]),
    },
    optional={
        "labelVi": st.text(max_size=20),
        "required": st.booleans(),
        "relevant": RULES,
        "constraint": RULES,
        "choices": st.lists(st.fixed_dictionaries({"value": st.text(max_size=5)}), max_size=3),
        "min": JSON_VALUES,
        "max": JSON_VALUES,
        "pattern": st.sampled_from(["^[0-9]+$", "(a+)+$", "["]),
    },
)
DEFINITION = st.fixed_dictionaries(
    {
        "pages": st.lists(
            st.fixed_dictionaries({"questions": st.lists(QUESTION, max_size=4)}), max_size=2
        )
    }
)
# Answers to the published survey (``survey_data.DEFINITION``): its keys with good values,
# or any value, and a stray key.
ANSWERS = st.dictionaries(
    st.sampled_from([*GOOD_ANSWERS, "q1", "x"]),
    JSON_VALUES,
    max_size=6,
).flatmap(
    lambda bad: st.fixed_dictionaries({k: st.just(v) for k, v in GOOD_ANSWERS.items()}).map(
        lambda good: {**good, **bad}
    )
)


def literal(value: Any) -> graphql.ValueNode:
    if value is None:
        return nodes.Null
    if isinstance(value, bool):
        return nodes.Boolean(value)
    if isinstance(value, int):
        return nodes.Int(value)
    if isinstance(value, float):
        return nodes.Float(value)
    if isinstance(value, str):
        return nodes.String(value)
    if isinstance(value, list):
        return nodes.List([literal(v) for v in value])
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=literal(v))
            for k, v in value.items()
        ]
    )


schemathesis.graphql.scalar("JSON", st.one_of(DEFINITION, ANSWERS, JSON_VALUES).map(literal))
# Amounts in đồng (projects' budgets): whole numbers past 32 bits, negatives, fractions, junk.
schemathesis.graphql.scalar(
    "Vnd",
    st.one_of(
        st.integers(min_value=-(10**16), max_value=10**16), st.floats(allow_nan=False), st.text()
    ).map(literal),
)
# Global IDs that decode (every Node type, small keys that exist, keys past 64 bits, signs
# and junk after the colon), and any text.
GLOBAL_IDS = st.builds(
    lambda type_name, key: base64.b64encode(f"{type_name}:{key}".encode()).decode(),
    st.sampled_from([*node_types(), "Nope"]),
    st.integers(min_value=1, max_value=40).map(str)
    | st.sampled_from(["0", "-1", "1e3", "99999999999999999999999", " 1", "1\x00", ""]),
)
schemathesis.graphql.scalar("ID", (GLOBAL_IDS | st.text(max_size=20)).map(nodes.String))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var = tmp_path_factory.mktemp("fuzz")
    database = var / "dxnet.sqlite3"
    url = f"sqlite://{database}?journal_mode=WAL&busy_timeout=5000&synchronous=FULL&foreign_keys=ON"
    script = _SETUP % {
        "admin": ADMIN[0], "admin_pw": ADMIN[1], "staff": STAFF[0], "staff_pw": STAFF[1],
        "unit": STAFF_UNIT,
    }  # fmt: skip
    subprocess.run([sys.executable, "-c", script, url], cwd=ROOT, check=True)
    port = free_port()
    env = {
        **os.environ,
        "DXNET_DATABASE_URL": url,
        "DXNET_ENV": "development",
        "DXNET_VAR_DIR": str(var),
        "DXNET_SECRET_KEY": "fuzz-secret-key-" + "x" * 40,
        "DXNET_PWA_DIST": str(var / "no-pwa"),
        "DXNET_HOST": "127.0.0.1",
        "DXNET_PORT": str(port),
        "DXNET_LOG_LEVEL": "ERROR",
    }
    dxnet = Path(sys.executable).parent / "dxnet"
    command = [str(dxnet)] if dxnet.is_file() else [shutil.which("dxnet") or "dxnet"]
    log = (var / "server.log").open("wb")  # tracebacks of internal errors, by request id
    process = subprocess.Popen([*command, "serve"], cwd=ROOT, env=env, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process)
        _publish_survey(base)  # Survey:1, public: sync fuzzing reaches the answer checks
        yield base
        print(f"server log: {var / 'server.log'}")
    finally:
        stop_server(process)
        log.close()


def _publish_survey(base: str) -> None:
    admin = httpx.Client(base_url=base, cookies=_admin_cookies(base), timeout=30)
    with admin:
        created = admin.post(
            "/graphql",
            json={
                "query": "mutation($i: CreateSurveyInput!) { createSurvey(input: $i) {"
                " survey { id } errors { code } } }",
                "variables": {
                    "i": {
                        "title": "Fuzz",
                        "adminUnitCode": "96",
                        "definition": SURVEY,
                        "isPublic": True,
                    }
                },
            },
        ).json()["data"]["createSurvey"]
        assert not created["errors"], created
        published = admin.post(
            "/graphql",
            json={
                "query": "mutation($i: SurveyIdInput!) { publishSurvey(input: $i) { errors { code } } }",
                "variables": {"i": {"id": created["survey"]["id"]}},
            },
        ).json()["data"]["publishSurvey"]
        assert not published["errors"], published


def _operations() -> list[Any]:
    schema = schemathesis.graphql.from_path(ROOT / "schema.graphql")
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = _operations()
CASES = st.sampled_from(OPERATIONS).flatmap(lambda operation: operation.as_strategy())


def _admin_cookies(base: str) -> httpx.Cookies:
    reply = httpx.post(
        f"{base}/graphql",
        json={
            "query": "mutation($i: LoginInput!) { login(input: $i) { errors { code } } }",
            "variables": {"i": {"username": ADMIN[0], "password": ADMIN[1]}},
        },
    )
    return reply.cookies


def test_fuzzing_finds_no_internal_error(server: str) -> None:
    admin = httpx.Client(base_url=server, cookies=_admin_cookies(server), timeout=30)
    anonymous = httpx.Client(base_url=server, timeout=30)
    seen: list[str] = []
    executed: list[str] = []  # documents that ran (valid, past the limits)
    refused: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not LONG_RUN,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=CASES, as_admin=st.booleans())
    def run(case: Any, as_admin: bool) -> None:
        client = admin if as_admin else anonymous
        body = {"query": case.body}  # schemathesis's GraphQL case body is the document
        response = client.post("/graphql", json=body, headers={"accept-language": "vi"})
        seen.append(case.operation.label)
        if response.status_code == 200:  # valid within the limits: it reached the resolvers
            executed.append(case.operation.label)
        else:
            refused.append(response.text[:120])
        problem = response.status_code >= 500 or "INTERNAL_SERVER_ERROR" in response.text
        assert not problem, f"{response.status_code} for {body!r}: {response.text[:500]}"

    try:
        run()
    finally:
        admin.close()
        anonymous.close()
    print(f"fuzz: {len(seen)} documents, {len(executed)} ran, {len(set(executed))} root fields")
    assert len(seen) == EXAMPLES or LONG_RUN
    # Most documents must reach the resolvers, or the run tests only validation.
    assert len(executed) >= len(seen) // 2, (len(executed), len(seen), refused[:10])
