"""Bounds on what one GraphQL document may ask for: depth, aliases, tokens, directives, cost.

The validation rules are built once at import so that ``ValidationCache`` (keyed by the
rule classes) keeps hitting across requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as create_alias_validator
from strawberry.extensions.query_depth_limiter import IgnoreContext
from strawberry.extensions.query_depth_limiter import create_validator as create_depth_validator

from core.actor import Role

MAX_DEPTH = 12
MAX_ALIASES = 15
MAX_TOKENS = 3000
MAX_DIRECTIVES = 20
MAX_COST = 5000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


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
                GraphQLError(f"The document uses more than {MAX_DIRECTIVES} directives.", node)
            )


class CostRule(ValidationRule):
    """Estimate the work an operation asks for and refuse it above ``MAX_COST``.

    Every field costs 1; a field taking ``first`` (a connection) multiplies the cost of
    its selection by its page size (the default size when ``first`` is a variable or
    absent), so nested lists are priced by the rows they could return.
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.fragments: dict[str, FragmentDefinitionNode] = {
            d.name.value: d
            for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        cost = self._cost(node.selection_set, frozenset())
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"The operation is too expensive: estimated cost {cost}, limit {MAX_COST}.",
                    node,
                    extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost, "limit": MAX_COST},
                )
            )

    def _selections(
        self, selection_set: SelectionSetNode, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, frozenset[str]]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, seen
            elif isinstance(selection, InlineFragmentNode):
                yield from self._selections(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    yield from self._selections(fragment.selection_set, seen | {name})

    def _cost(self, selection_set: SelectionSetNode | None, seen: frozenset[str]) -> int:
        if selection_set is None:
            return 0
        total = 0
        for field, field_seen in self._selections(selection_set, seen):
            if field.name.value.startswith("__"):
                continue
            multiplier = 1
            for argument in field.arguments or ():
                if argument.name.value in ("first", "last"):
                    multiplier = DEFAULT_PAGE_SIZE
                    if isinstance(argument.value, IntValueNode):
                        multiplier = max(1, min(int(argument.value.value), MAX_PAGE_SIZE))
                    elif isinstance(argument.value, VariableNode):
                        multiplier = MAX_PAGE_SIZE
            total += 1 + multiplier * self._cost(field.selection_set, field_seen)
            if total > MAX_COST * 10:
                return total
        return total


LIMIT_RULES: tuple[type[ValidationRule], ...] = (
    DepthRule,
    AliasRule,
    DirectiveCountRule,
    CostRule,
)


class RequestLimits(SchemaExtension):
    """Adds the limit rules, and forbids introspection outside development unless the
    caller is a province administrator."""

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
