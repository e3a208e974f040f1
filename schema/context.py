"""The per-request GraphQL context: who is asking, in which language, and the loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from accounts.services import SessionPolicy
from activities.coverage import trained_counts_provider
from core.actor import Actor
from i18n import Language
from network.kpis import KpiPolicy
from network.models import ITQualification, OrganizationKind

if TYPE_CHECKING:
    from api.settings import Settings
    from schema.loaders import Loaders


@dataclass
class Context:
    request: Request
    response: Response
    settings: Settings
    actor: Actor
    lang: Language
    request_id: str
    loaders: Loaders
    session_policy: SessionPolicy
    # Set when the request carried a session or key that is expired, revoked or unknown.
    auth_error: str | None = None
    session_token: str | None = field(default=None, repr=False)

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
        )
