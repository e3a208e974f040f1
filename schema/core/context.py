"""The per-request GraphQL context: who is asking, in which language, and the loaders.

``SchemaSettings`` is the adapter's own view of the configuration: the shell
(``api/graphql.py``) fills it from its settings, so ``schema/`` never imports ``api/``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from accounts.services import SessionPolicy
from activities.coverage import trained_counts_provider
from core.actor import Actor
from i18n import Language
from network.kpis import KpiPolicy
from network.models import ITQualification, OrganizationKind
from schema.core.loaders import LoaderRegistry


@dataclass(frozen=True)
class SchemaSettings:
    """What resolvers read of the configuration, and nothing else."""

    secret_key: str
    is_development: bool
    cookie_secure: bool
    focal_point_kinds: tuple[str, ...]
    focal_point_min_qualification: str
    trained_period_days: int
    emulation_weights: str
    # How old KPI figures may be (seconds; ``KpiPolicy.max_age_seconds``).
    kpi_max_age_seconds: float = 0.0
    # The time budget of one query (seconds); 0 turns it off.
    operation_timeout_seconds: float = 5.0
    # The assistant's optional OpenAI-compatible endpoint (empty url: none).
    assistant_url: str = ""
    assistant_key: str = field(default="", repr=False)
    assistant_model: str = "gpt-4o-mini"


@dataclass
class Context:
    request: Request
    response: Response
    settings: SchemaSettings
    actor: Actor
    lang: Language
    request_id: str
    session_policy: SessionPolicy
    # Set when the request carried a session or key that is expired, revoked or unknown.
    auth_error: str | None = None
    session_token: str | None = field(default=None, repr=False)
    loaders: LoaderRegistry = field(default_factory=LoaderRegistry)
    # Set by the shell around execution; ``RequestLimits`` starts it for queries.
    deadline: asyncio.Timeout | None = None
    # Rows returned by the connections of this request so far (``MAX_NODES_PER_REQUEST``).
    nodes_returned: int = 0
    # Personal data shown by this request: action -> (object type, object ids), written
    # to the audit trail once at the end of the operation (``schema.core.pii``).
    pii_reads: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    @property
    def kpi_policy(self) -> KpiPolicy:
        return KpiPolicy(
            focal_point_kinds=frozenset(
                OrganizationKind(k) for k in self.settings.focal_point_kinds
            ),
            focal_point_min_qualification=ITQualification[
                self.settings.focal_point_min_qualification
            ],
            trained_period_days=self.settings.trained_period_days,
            trained_counts=trained_counts_provider,
            max_age_seconds=self.settings.kpi_max_age_seconds,
        )
