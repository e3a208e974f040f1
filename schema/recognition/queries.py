"""Queries of initiatives and recognition.

Public (no account): ``initiativeByTrackingCode`` and ``showcase``. Everything else is
for staff (any role, in scope) and partner keys holding ``read:recognition``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import ApiScope
from core.clock import VIETNAM, in_vietnam
from core.errors import DomainError
from network import admin_units
from network.models import AdminUnit
from projects.portfolio import on_time_rates
from recognition import awards as award_services
from recognition import emulation
from recognition import initiatives as initiative_services
from recognition import rounds as round_services
from recognition.access import require_reader
from recognition.emulation import EmulationPolicy, Part
from recognition.models import InitiativeAttachment
from schema.core.errors import or_none
from schema.core.ids import client_addr, global_int
from schema.core.loaders import loader
from schema.core.pagination import (
    Connection,
    columns_for,
    page_of,
    paginate_values,
    remap,
    selects,
)
from schema.core.permissions import has_role_or_api_scope
from schema.network.admin_units import UNIT_COLUMNS
from schema.network.loaders import AdminUnitByIdLoader
from schema.network.types import ORGANIZATION_COLUMNS
from schema.recognition.public_types import LeaderboardType, PublicInitiativeType, ShowcaseItemType
from schema.recognition.round_types import RoundResultType, RoundType
from schema.recognition.types import (
    INITIATIVE_COLUMNS,
    InitiativeCategoryEnum,
    InitiativeExtras,
    InitiativeStatusEnum,
    InitiativeSummaryType,
    InitiativeType,
    RoundStatusEnum,
)
from support.figures import person_days_by_child

READERS = [has_role_or_api_scope(ApiScope.READ_RECOGNITION)]
# What a showcase item shows, joined in the same query as the award.
SHOWCASE_RELATED = (
    "initiative",
    "initiative__admin_unit",
    "initiative__organization",
    "nomination__round",
)


@strawberry.input(description="Days in Vietnam, both included.")
class PeriodInput:
    start: date
    end: date


async def _contributions(
    unit: AdminUnit, start: date, end: date, today: date
) -> dict[Part, dict[str, float]]:
    """The parts the projects and support domains add to the score (decision 0031): two
    queries of counts over ``unit``'s subtree, which the resolver has checked is in scope."""
    since = in_vietnam(start)
    until = in_vietnam(end + timedelta(days=1))
    return {
        Part.PROJECTS_ON_TIME: await on_time_rates(unit, start=start, end=end, on=today),
        Part.SUPPORT_DELIVERED: await person_days_by_child(unit, start=since, end=until),
    }


@strawberry.type
class RecognitionQuery:
    @strawberry.field(
        description="Public: an initiative's status and public notes by its tracking code "
        "(case, spaces and dashes ignored). Unknown codes are counted per client address."
    )
    async def initiative_by_tracking_code(self, info: Info, code: str) -> PublicInitiativeType:
        initiative = await initiative_services.get_by_tracking_code(
            code=code, client_addr=client_addr(info)
        )
        unit = await loader(info, AdminUnitByIdLoader).load(initiative.admin_unit_id)
        history = await initiative_services.transitions_of([initiative.id])
        return PublicInitiativeType.from_model(initiative, unit, history[initiative.id])

    @strawberry.field(
        description="Initiatives in your scope, newest first, searchable without diacritics.",
        permission_classes=READERS,
    )
    async def initiatives(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        status: InitiativeStatusEnum | None = None,  # type: ignore[valid-type]
        category: InitiativeCategoryEnum | None = None,  # type: ignore[valid-type]
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[InitiativeType]:
        actor = info.context.actor
        require_reader(actor)
        within = await admin_units.within(actor, code=admin_unit_code)
        query = initiative_services.get_all(
            actor, within=within, status=status, category=category, search=search
        )
        # The selection's columns only, when it asks for nothing else (issue 19).
        columns = columns_for(
            info,
            ("edges", "node"),
            INITIATIVE_COLUMNS,
            {"organization": ORGANIZATION_COLUMNS, "adminUnit": UNIT_COLUMNS},
        )
        if columns is not None:
            return await paginate_values(
                info,
                query,
                columns=columns,
                first=first,
                after=after,
                to_node=InitiativeType.from_values,
            )
        related = [
            name
            for name, selection in (("organization", "organization"), ("admin_unit", "adminUnit"))
            if selects(info, "edges", "node", selection)
        ]
        if related:
            query = query.select_related(*related)
        page, rows = await page_of(info, query, first=first, after=after)
        ids = [r.id for r in rows]
        extras = {i: InitiativeExtras() for i in ids}
        if ids and selects(info, "edges", "node", "attachments"):
            grouped: dict[int, list[InitiativeAttachment]] = {i: [] for i in ids}
            for attachment in await InitiativeAttachment.filter(initiative_id__in=ids):
                grouped[attachment.initiative_id or 0].append(attachment)
            for i in ids:
                extras[i].attachments = grouped[i]
        if ids and selects(info, "edges", "node", "history"):
            history = await initiative_services.transitions_of(ids)
            for i in ids:
                extras[i].transitions = history[i]
        return remap(page, lambda r: InitiativeType.from_model(r, info, extras[r.id]))

    @strawberry.field(permission_classes=READERS)
    async def initiative(self, info: Info, id: relay.GlobalID) -> InitiativeType | None:
        initiative_id = global_int(id, "Initiative", "id")
        row = await or_none(
            lambda: initiative_services.get(info.context.actor, initiative_id=initiative_id or 0),
            "INITIATIVE_NOT_FOUND",
        )
        return None if row is None else InitiativeType.from_model(row, info)

    @strawberry.field(
        description="Earlier initiatives very like this one (diacritic-insensitive).",
        permission_classes=READERS,
    )
    async def similar_initiatives(
        self, info: Info, id: relay.GlobalID
    ) -> list[InitiativeSummaryType]:
        initiative_id = global_int(id, "Initiative", "id")
        row = await initiative_services.get(info.context.actor, initiative_id=initiative_id or 0)
        similar = await initiative_services.similar_to(info.context.actor, row)
        return [InitiativeSummaryType.from_similar(s) for s in similar]

    @strawberry.field(
        description="Rounds of units in your scope, and rounds whose committee you sit on.",
        permission_classes=READERS,
    )
    async def recognition_rounds(
        self,
        info: Info,
        status: RoundStatusEnum | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[RoundType]:
        query = await round_services.get_all(info.context.actor, status=status)
        if selects(info, "edges", "node", "adminUnit"):
            query = query.select_related("admin_unit")
        page, _ = await page_of(info, query, first=first, after=after)
        return remap(page, RoundType.from_model)

    @strawberry.field(permission_classes=READERS)
    async def recognition_round(self, info: Info, id: relay.GlobalID) -> RoundType | None:
        round_id = global_int(id, "RecognitionRound", "id")
        row = await or_none(
            lambda: round_services.get_round(info.context.actor, round_id=round_id or 0),
            "ROUND_NOT_FOUND",
        )
        return None if row is None else RoundType.from_model(row)

    @strawberry.field(
        description="A closed round's frozen results, ranked (refused while it is open).",
        permission_classes=READERS,
    )
    async def round_results(self, info: Info, round_id: relay.GlobalID) -> list[RoundResultType]:
        pk = global_int(round_id, "RecognitionRound", "roundId")
        _, rows = await round_services.results(info.context.actor, round_id=pk or 0)
        return [RoundResultType.from_model(r, info) for r in rows]

    @strawberry.field(
        description="Public: awarded models with their place, award and replications; "
        "never personal data. For the PWA and partner apps."
    )
    async def showcase(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        category: InitiativeCategoryEnum | None = None,  # type: ignore[valid-type]
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ShowcaseItemType]:
        within = await admin_units.get(code=admin_unit_code) if admin_unit_code else None
        query = award_services.showcase(within=within, category=category, search=search)
        query = query.select_related(*SHOWCASE_RELATED)
        page, rows = await page_of(info, query, first=first, after=after)
        replications = (
            await award_services.replications_of([a.initiative_id for a in rows])
            if selects(info, "edges", "node", "replications")
            else {}
        )
        return remap(
            page,
            lambda a: ShowcaseItemType.from_model(
                a, replications.get(a.initiative_id, []), a.granted_at.astimezone(VIETNAM).date()
            ),
        )

    @strawberry.field(
        description="Public: one awarded model of the showcase by its id (ShowcaseItem.id), "
        "for a shared link; null when there is none."
    )
    async def showcase_item(self, info: Info, id: strawberry.ID) -> ShowcaseItemType | None:
        award_id = str(id)
        if not award_id.isdigit() or len(award_id) > 18:
            return None
        award = (
            await award_services.showcase()
            .filter(id=int(award_id))
            .select_related(*SHOWCASE_RELATED)
            .first()
        )
        if award is None:
            return None
        replications = await award_services.replications_of([award.initiative_id])
        return ShowcaseItemType.from_model(
            award, replications[award.initiative_id], award.granted_at.astimezone(VIETNAM).date()
        )

    @strawberry.field(
        description="The emulation leaderboard of `adminUnitCode`'s child units (your scope "
        "by default) over `period` (this calendar year by default). Partner keys also need "
        "read:network.",
        permission_classes=READERS,
    )
    async def emulation_leaderboard(
        self, info: Info, admin_unit_code: str | None = None, period: PeriodInput | None = None
    ) -> LeaderboardType:
        actor = info.context.actor
        require_reader(actor)
        unit = await admin_units.get_in_scope(actor, code=admin_unit_code or actor.scope_code or "")
        today = datetime.now(VIETNAM).date()
        start = period.start if period else date(today.year, 1, 1)
        end = period.end if period else date(today.year, 12, 31)
        if end < start:
            raise DomainError("INVALID_PERIOD", field="period")
        policy = EmulationPolicy.parse(info.context.settings.emulation_weights)
        board = await emulation.leaderboard(
            actor,
            unit=unit,
            period_start=start,
            period_end=end,
            kpi_policy=info.context.kpi_policy,
            policy=policy,
            contributions=await _contributions(unit, start, end, today),
        )
        return LeaderboardType.from_leaderboard(board)
