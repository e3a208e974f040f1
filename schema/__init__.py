"""The GraphQL adapter: assembles the root schema from each domain's queries and mutations."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import ParserCache
from strawberry.schema.config import StrawberryConfig

from schema.accounts import AccountsMutation, AccountsQuery
from schema.activities import ActivitiesMutation, ActivitiesQuery
from schema.core.audit import AuditQuery
from schema.core.errors import PresentErrors
from schema.core.limits import MAX_PAGE_SIZE, RequestLimits
from schema.core.pii import PersonalDataAudit
from schema.knowledge import KnowledgeMutation, KnowledgeQuery
from schema.network import NetworkMutation, NetworkQuery
from schema.projects import ProjectsMutation, ProjectsQuery
from schema.projects.types import SCALARS as PROJECT_SCALARS
from schema.recognition import RecognitionMutation, RecognitionQuery
from schema.support import SupportMutation, SupportQuery
from schema.surveys import SurveysMutation, SurveysQuery


@strawberry.type
class Query(
    AccountsQuery,
    NetworkQuery,
    AuditQuery,
    RecognitionQuery,
    ActivitiesQuery,
    SurveysQuery,
    KnowledgeQuery,
    ProjectsQuery,
    SupportQuery,
):
    node: relay.Node | None = relay.node(description="Fetch any object by its global ID.")


@strawberry.type
class Mutation(
    AccountsMutation,
    NetworkMutation,
    RecognitionMutation,
    ActivitiesMutation,
    SurveysMutation,
    KnowledgeMutation,
    ProjectsMutation,
    SupportMutation,
):
    pass


class DXNetSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Silence strawberry's own error log: ``PresentErrors`` logs the unexpected ones
        with the request id, and expected ones (bad input, refusals) are not server errors."""


def build_schema() -> strawberry.Schema:
    return DXNetSchema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(
            disable_field_suggestions=True,
            relay_max_results=MAX_PAGE_SIZE,
            scalar_map={**PROJECT_SCALARS},
        ),
        extensions=[
            RequestLimits,
            PersonalDataAudit,
            lambda: ParserCache(maxsize=256),
            PresentErrors,
        ],
    )


schema = build_schema()
