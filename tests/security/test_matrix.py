"""The authorization matrix: every root field of ``schema.graphql`` for every caller."""

from __future__ import annotations

import pytest

from schema.core.errors import DOCUMENT_ERROR_CODES
from tests.security.conftest import BASE_CALLERS, CALLERS, World
from tests.security.documents import codes, document, root_fields
from tests.security.matrix import (
    ALLOW,
    DENY_CODES,
    FORBID,
    MUTATIONS,
    QUERIES,
    SCOPE_KEYS,
    Row,
    outcome,
)

pytestmark = pytest.mark.db

TABLES = {"query": QUERIES, "mutation": MUTATIONS}


@pytest.mark.parametrize("kind", ["query", "mutation"])
def test_every_root_field_has_a_row(kind: str) -> None:
    fields = set(root_fields(kind))
    table = set(TABLES[kind])
    assert not fields - table, f"root {kind} fields without a row in matrix.py: {fields - table}"
    assert not table - fields, f"rows for fields not in schema.graphql: {table - fields}"
    for name, row in TABLES[kind].items():
        assert set(row.expected) == set(BASE_CALLERS), f"{name}: a row names every base caller"
        keys_differ = row.expected["key_scoped"] == ALLOW and row.expected["key_unscoped"] == FORBID
        assert keys_differ == (row.scope is not None), (
            f"{name}: a row declares the scope a key needs exactly when read:pii alone is refused"
        )
        scopes = (row.scope,) if isinstance(row.scope, str) else row.scope or ()
        assert set(scopes) <= set(SCOPE_KEYS.values()), f"{name}: unknown scope"


def _check(kind: str, name: str, row: Row, caller: str, body: dict) -> str | None:
    found = codes(body)
    expected = outcome(row, caller)
    if "INTERNAL" in found or "INTERNAL_SERVER_ERROR" in found:
        return f"{kind} {name} as {caller}: internal error {body}"
    if "None" in found or DOCUMENT_ERROR_CODES.intersection(found):
        return f"{kind} {name} as {caller}: the document did not validate {body['errors']}"
    if expected == ALLOW:
        leaked = [c for c in found if c in DENY_CODES]
        if leaked:
            return f"{kind} {name} as {caller}: expected ALLOW, got {leaked}"
        return None
    code = expected.split(":", 1)[1]
    if code not in found:
        return f"{kind} {name} as {caller}: expected {code}, got {found or body}"
    if body.get("data") and any(v not in (None, {}) for v in body["data"].values()):
        payload = next(iter(body["data"].values()))
        if not (isinstance(payload, dict) and payload.get("errors")):
            return f"{kind} {name} as {caller}: denied but data returned {body['data']}"
    return None


async def test_matrix(world: World) -> None:
    failures: list[str] = []
    calls = 0
    # Mutations after queries; revokeUserSessions then logout last, so sessions survive the run.
    last = ["revokeUserSessions", "logout"]
    order = [("query", n, r) for n, r in QUERIES.items()] + [
        ("mutation", n, r) for n, r in MUTATIONS.items() if n not in last
    ]
    order += [("mutation", n, MUTATIONS[n]) for n in last]
    for kind, name, row in order:
        overrides = row.variables(world) if row.variables else {}
        query, variables = document(kind, name, overrides)
        for caller in CALLERS:
            if name == "login" and caller != "anonymous":
                continue  # signing in again as someone else would change the caller
            response = await world.clients[caller].post(
                "/graphql", json={"query": query, "variables": variables}
            )
            calls += 1
            if response.status_code not in (200, 400, 401, 403):
                failures.append(f"{kind} {name} as {caller}: HTTP {response.status_code}")
                continue
            problem = _check(kind, name, row, caller, response.json())
            if problem:
                failures.append(problem)
    assert not failures, f"{len(failures)} of {calls} calls broke the matrix:\n" + "\n".join(
        failures
    )
