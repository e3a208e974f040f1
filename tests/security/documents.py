"""Minimal documents for any root field, built from ``schema.graphql``.

Required arguments get the smallest values their types accept, so every request passes GraphQL
validation and reaches the resolver's permission checks.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
    build_schema,
    get_named_type,
)

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


@cache
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))


def root_fields(kind: str) -> dict[str, GraphQLField]:
    root = schema().query_type if kind == "query" else schema().mutation_type
    assert root is not None
    return dict(root.fields)


def node_types() -> list[str]:
    return sorted(
        name
        for name, t in schema().type_map.items()
        if isinstance(t, GraphQLObjectType) and any(i.name == "Node" for i in t.interfaces)
    )


def global_id(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


SCALARS: dict[str, Any] = {
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "ID": global_id("Member", 999999),
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00Z",
    "JSON": {},
    "Vnd": 0,
}


def minimal(type_: Any) -> Any:
    if isinstance(type_, GraphQLNonNull):
        return minimal(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [minimal(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLScalarType):
        return SCALARS[type_.name]
    assert isinstance(type_, GraphQLInputObjectType)
    return {
        name: minimal(f.type)
        for name, f in type_.fields.items()
        if isinstance(f.type, GraphQLNonNull) and f.default_value in (None, Undefined)
    }


def _selection(field: GraphQLField) -> str:
    named = get_named_type(field.type)
    if isinstance(named, GraphQLInterfaceType):
        return "{ __typename }"
    if not isinstance(named, GraphQLObjectType):
        return ""
    if "errors" in named.fields:
        return "{ __typename errors { code } }"
    return "{ __typename }"


def document(kind: str, name: str, overrides: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The document calling root field ``name`` with its required arguments (and ``overrides``)."""
    field = root_fields(kind)[name]
    variables: dict[str, Any] = {}
    declared: list[str] = []
    passed: list[str] = []
    for arg_name, arg in field.args.items():
        if arg_name in overrides:
            value = overrides[arg_name]
            if isinstance(value, dict) and isinstance(
                get_named_type(arg.type), GraphQLInputObjectType
            ):
                value = {**minimal(arg.type), **value}  # the override names only what matters
            variables[arg_name] = value
        elif isinstance(arg.type, GraphQLNonNull) and arg.default_value in (None, Undefined):
            variables[arg_name] = minimal(arg.type)
        else:
            continue
        declared.append(f"${arg_name}: {arg.type}")
        passed.append(f"{arg_name}: ${arg_name}")
    head = f"({', '.join(declared)})" if declared else ""
    call = f"({', '.join(passed)})" if passed else ""
    return f"{kind} Matrix{head} {{ {name}{call} {_selection(field)} }}", variables


def codes(body: dict[str, Any]) -> list[str]:
    """Every error code in an answer: top-level ``extensions.code`` and payload ``errors``."""
    found = [str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "errors" and isinstance(item, list):
                    found.extend(str(e.get("code")) for e in item if isinstance(e, dict))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(body.get("data"))
    return found
