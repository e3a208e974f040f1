"""Bounds on what one GraphQL document may ask for: depth, aliases, tokens, directives,
cost, the number of validation errors reported, and one operation per request.

The validation rules are built once at import so that the validation cache (keyed by the
document and the rule classes) keeps hitting across requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as create_alias_validator
from strawberry.extensions.query_depth_limiter import IgnoreContext
from strawberry.extensions.query_depth_limiter import create_validator as create_depth_validator
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.types.graphql import OperationType

from core.actor import Role

MAX_DEPTH = 12
MAX_ALIASES = 15
MAX_TOKENS = 3000
MAX_DIRECTIVES = 20
MAX_COST = 5000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Validation stops after this many errors (one more error says it stopped).
MAX_VALIDATION_ERRORS = 5
# Rows all the connections of one request may return together (enforced while running).
MAX_NODES_PER_REQUEST = 10_000


def _ignore_introspection(context: IgnoreContext) -> bool:
    return context.field_name.startswith("__")


DepthRule = create_depth_validator(MAX_DEPTH, _ignore_introspection)
AliasRule = create_alias_validator(MAX_ALIASES)


class DirectiveCountRule(ValidationRule):
    """At most ``MAX_DIRECTIVES`` directive uses in one document."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_directive(self, node: DirectiveNode, *_args: Any) -> None:
        self.count += 1
        if self.count == MAX_DIRECTIVES + 1:
            self.report_error(
                GraphQLError(
                    f"The document uses more than {MAX_DIRECTIVES} directives.",
                    node,
                    extensions={"code": "TOO_MANY_DIRECTIVES", "limit": MAX_DIRECTIVES},
                )
            )


class CostRule(ValidationRule):
    """Estimate the work an operation asks for and refuse it above ``MAX_COST``.

    Every field costs 1. A field that takes ``first`` (a connection) multiplies the cost
    of its selection by the page it returns: ``first`` when given as a literal, the
    default page size when absent (what the resolver returns), the largest page when
    given as a variable (validation cannot see variable values). Lists without a page
    size (criteria, a committee, focal points, the KPI tree) are short by construction
    and priced like fields; a connection's ``edges`` are priced by their connection.
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.schema: GraphQLSchema = context.schema
        self.fragments: dict[str, FragmentDefinitionNode] = {
            d.name.value: d
            for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        root = self.schema.get_root_type(node.operation)
        cost = self._cost(node.selection_set, root, frozenset())
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"The operation is too expensive: estimated cost {cost}, limit {MAX_COST}.",
                    node,
                    extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost, "limit": MAX_COST},
                )
            )

    def _type(self, name: str, default: GraphQLNamedType | None) -> GraphQLNamedType | None:
        return self.schema.get_type(name) or default

    def _selections(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType | None,
        seen: frozenset[str],
    ) -> Iterator[tuple[FieldNode, GraphQLNamedType | None, frozenset[str]]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent, seen
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self._type(condition.name.value, parent) if condition else parent
                yield from self._selections(selection.selection_set, inner, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    inner = self._type(fragment.type_condition.name.value, parent)
                    yield from self._selections(fragment.selection_set, inner, seen | {name})

    def _multiplier(self, field: FieldNode, parent: GraphQLNamedType | None) -> tuple[int, Any]:
        """The field's multiplier, and its named return type (None when unknown)."""
        if not isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
            return 1, None
        definition = parent.fields.get(field.name.value)
        if definition is None:
            return 1, None
        named = get_named_type(definition.type)
        if "first" in definition.args:
            given = next((a for a in field.arguments or () if a.name.value == "first"), None)
            if given is None:
                return DEFAULT_PAGE_SIZE, named
            if isinstance(given.value, IntValueNode):
                return max(1, min(int(given.value.value), MAX_PAGE_SIZE)), named
            if isinstance(given.value, VariableNode):
                return MAX_PAGE_SIZE, named
            return DEFAULT_PAGE_SIZE, named
        return 1, named

    def _cost(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        seen: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for field, field_parent, field_seen in self._selections(selection_set, parent, seen):
            if field.name.value.startswith("__"):
                continue
            multiplier, named = self._multiplier(field, field_parent)
            total += 1 + multiplier * self._cost(field.selection_set, named, field_seen)
            if total > MAX_COST * 10:
                return total
        return total


LIMIT_RULES: tuple[type[ValidationRule], ...] = (
    DepthRule,
    AliasRule,
    DirectiveCountRule,
    CostRule,
)


@lru_cache(maxsize=256)
def validate_document(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ValidationRule], ...]
) -> list[GraphQLError]:
    """graphql-core's validation with strawberry's own rules, stopping after
    ``MAX_VALIDATION_ERRORS`` errors (an invalid document gets no error flood), cached."""
    rules = (*rules, MaybeNullValidationRule, OneOfInputValidationRule)
    return validate(schema, document, rules, max_errors=MAX_VALIDATION_ERRORS)


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


class RequestLimits(SchemaExtension):
    """Adds the limit rules and validates with them (bounded error list, cached); refuses
    a document of several operations without ``operationName``; forbids introspection
    outside development unless the caller is a province administrator; and starts the
    time budget of a query (the shell's deadline, see ``Context.deadline``)."""

    def on_operation(self) -> Iterator[None]:
        ctx = self.execution_context
        ctx.parse_options["max_tokens"] = MAX_TOKENS
        rules = LIMIT_RULES
        context = ctx.context
        allow_introspection = context.settings.is_development or context.actor.has_role(
            Role.PROVINCE_ADMIN
        )
        if not allow_introspection:
            rules = (*rules, NoSchemaIntrospectionCustomRule)
        ctx.validation_rules = ctx.validation_rules + rules
        yield

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        assert document is not None
        if ctx._provided_operation_name is None and len(_operations(document)) > 1:
            ctx.pre_execution_errors = [
                GraphQLError(
                    "The document holds several operations: name the one to run in operationName.",
                    extensions={"code": "OPERATION_NAME_REQUIRED"},
                )
            ]
        else:
            ctx.pre_execution_errors = validate_document(
                ctx.schema._schema, document, tuple(ctx.validation_rules)
            )
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        deadline: asyncio.Timeout | None = context.deadline
        budget = context.settings.operation_timeout_seconds
        is_query = self.execution_context.operation_type == OperationType.QUERY
        if deadline is not None and is_query and budget > 0:
            deadline.reschedule(asyncio.get_running_loop().time() + budget)
        yield
        if deadline is not None:
            deadline.reschedule(None)
