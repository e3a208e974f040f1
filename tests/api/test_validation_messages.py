"""graphql-core's messages for bad documents, with a code and in the caller's language:
Vietnamese through the catalogue, English as graphql-core words it."""

from __future__ import annotations

from typing import Any

import httpx

from tests.helpers import JSON

CASES: list[tuple[str, str, dict[str, Any], str, str, str]] = [
    # (case, document, variables, code, Vietnamese message, English message)
    (
        "syntax error",
        "{ adminUnits(first: 1) { edges ",
        {},
        "GRAPHQL_PARSE_FAILED",
        "Lỗi cú pháp GraphQL: Expected Name, found <EOF>.",
        "Syntax Error: Expected Name, found <EOF>.",
    ),
    (
        "unknown field",
        "{ adminUnits(first: 1) { edges { node { secret } } } }",
        {},
        "UNKNOWN_FIELD",
        "Kiểu AdminUnit không có trường secret.",
        "Cannot query field 'secret' on type 'AdminUnit'.",
    ),
    (
        "unknown argument",
        "{ adminUnits(first: 1, owner: 2) { totalCount } }",
        {},
        "UNKNOWN_ARGUMENT",
        "Query.adminUnits không có tham số owner.",
        "Unknown argument 'owner' on field 'Query.adminUnits'.",
    ),
    (
        "missing required argument",
        "{ adminUnit { code } }",
        {},
        "MISSING_ARGUMENT",
        "Query.adminUnit cần tham số code (kiểu String!) nhưng yêu cầu không có.",
        "Argument 'Query.adminUnit(code:)' of type 'String!' is required, but it was not provided.",
    ),
    (
        "missing required variable",
        "query Unit($code: String!) { adminUnit(code: $code) { code } }",
        {},
        "MISSING_ARGUMENT",
        "Thiếu giá trị cho biến $code (kiểu String!).",
        "Variable '$code' has invalid value: Expected a value of non-null type 'String!' to be provided.",
    ),
    (
        "wrong literal type",
        '{ adminUnits(first: "many") { totalCount } }',
        {},
        "INVALID_VALUE",
        "Giá trị không đúng kiểu Int.",
        'Int cannot represent non-integer value: "many"',
    ),
    (
        "wrong variable type",
        "query Units($first: Int) { adminUnits(first: $first) { totalCount } }",
        {"first": "many"},
        "INVALID_VALUE",
        "Biến $first có giá trị không đúng kiểu.",
        "Variable '$first' has invalid value: Int cannot represent non-integer value: 'many'",
    ),
    (
        "unknown type",
        "query Units($first: Number) { adminUnits(first: $first) { totalCount } }",
        {},
        "UNKNOWN_TYPE",
        "Không có kiểu Number.",
        "Unknown type 'Number'.",
    ),
    (
        "undeclared variable",
        "{ adminUnits(first: $first) { totalCount } }",
        {},
        "UNDEFINED_VARIABLE",
        "Biến $first chưa được khai báo.",
        "Variable '$first' is not defined.",
    ),
]


async def test_document_errors_are_coded_and_translated(client: httpx.AsyncClient, db: str) -> None:
    failures = []
    for case, document, variables, code, vietnamese, english in CASES:
        body = {"query": document, "variables": variables}
        vi = await client.post("/graphql", json=body, headers=JSON)
        en = await client.post("/graphql", json=body, headers={**JSON, "accept-language": "en"})
        first_vi, first_en = vi.json()["errors"][0], en.json()["errors"][0]
        got = (
            vi.status_code,
            en.status_code,
            first_vi.get("extensions", {}).get("code"),
            first_en.get("extensions", {}).get("code"),
            first_vi["message"],
            first_en["message"],
        )
        if got != (400, 400, code, code, vietnamese, english):
            failures.append(f"{case}: {got}")
    assert not failures, "\n".join(failures)
