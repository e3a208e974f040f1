"""Exporting the registry to CSV or Excel, in the import templates' format.

The headers and labels are the templates' (``network.sheet_format``), and every row
starts with the record's id, so an export can be edited and imported again: the rows
update the records they came from (``network.imports``). Rows are read as plain values in pages of 2,000 by keyset
(name, id), with the organisation's name and the admin unit's code joined in: never a
query per row, and no model objects to build. A member's phone, email and national ID
are written only where ``can_read_pii`` allows; an export that included any records one
``member.export_pii`` audit event naming the exported subtree.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, Literal

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core import audit
from core.actor import Actor
from network import members as member_services
from network import organizations as organization_services
from network.access import can_read_pii
from network.members import PII_FIELDS
from network.models import AdminUnit, ITQualification, NetworkRole, OrganizationKind
from network.sheet_format import (
    IT_QUALIFICATIONS,
    MEMBER_COLUMNS,
    ORGANIZATION_COLUMNS,
    ORGANIZATION_KINDS,
    format_roles,
)
from network.spreadsheets import Cell, write_csv, write_xlsx

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
PAGE = 2_000
# Every page query reads the keyset (id, name_folded) first, then what the rows need.
MEMBER_FIELDS = (
    "id",
    "name_folded",
    "unit_path",
    "full_name",
    "organization__name",
    "admin_unit__code",
    "position",
    "phone",
    "email",
    "national_id",
    "it_qualification",
    "roles",
    "joined_on",
)
ORGANIZATION_FIELDS = (
    "id",
    "name_folded",
    "name",
    "kind",
    "admin_unit__code",
    "contact_phone",
    "contact_email",
    "address",
)
Values = tuple[Any, ...]


async def export_members(actor: Actor, *, within: AdminUnit | None, fmt: Format) -> bytes:
    """Active members in the actor's scope (and in ``within``), ordered by name."""
    query = member_services.get_all(actor, within=within)
    rows: list[list[Cell]] = []
    with_pii = 0
    async for page in _pages(query, MEMBER_FIELDS):
        for values in page:
            member_id, _, unit_path = values[:3]
            pii = can_read_pii(actor, unit_path=unit_path, member_id=member_id)
            with_pii += pii
            rows.append(_member_row(values, pii=pii))
    if with_pii:
        scope = within.code if within is not None else actor.scope_code
        await audit.record(actor, "member.export_pii", "AdminUnit", scope, PII_FIELDS)
    return await _write(fmt, [c.header for c in MEMBER_COLUMNS], rows)


async def export_organizations(actor: Actor, *, within: AdminUnit | None, fmt: Format) -> bytes:
    """Active organisations in the actor's scope (and in ``within``), ordered by name."""
    query = organization_services.get_all(actor, within=within)
    rows: list[list[Cell]] = []
    async for page in _pages(query, ORGANIZATION_FIELDS):
        rows.extend(_organization_row(values) for values in page)
    return await _write(fmt, [c.header for c in ORGANIZATION_COLUMNS], rows)


async def _pages(query: QuerySet[Any], fields: Sequence[str]) -> AsyncIterator[list[Values]]:
    """Pages of ``fields`` ordered by (name_folded, id), each after the previous one's last."""
    after: Values | None = None
    while True:
        page_query = query.order_by("name_folded", "id")
        if after is not None:
            last_id, name = after[:2]
            page_query = page_query.filter(
                Q(name_folded__gt=name) | Q(name_folded=name, id__gt=last_id)
            )
        page: list[Values] = await page_query.limit(PAGE).values_list(*fields)
        if page:
            yield page
        if len(page) < PAGE:
            return
        after = page[-1]


def _member_row(values: Values, *, pii: bool) -> list[Cell]:
    """MEMBER_FIELDS values -> cells in MEMBER_COLUMNS order."""
    name, organization, unit, position, phone, email, national_id = values[3:10]
    qualification, roles, joined_on = values[10:]
    return [
        values[0],
        name,
        organization,
        unit,
        position,
        phone if pii else None,
        email if pii else None,
        national_id if pii else None,
        IT_QUALIFICATIONS.label(ITQualification(qualification)),
        format_roles([NetworkRole(r) for r in roles.strip(",").split(",") if r]),
        joined_on,
    ]


def _organization_row(values: Values) -> list[Cell]:
    """ORGANIZATION_FIELDS values -> cells in ORGANIZATION_COLUMNS order."""
    name, kind, unit, phone, email, address = values[2:]
    return [
        values[0],
        name,
        ORGANIZATION_KINDS.label(OrganizationKind(kind)),
        unit,
        phone,
        email,
        address,
    ]


async def _write(fmt: Format, headers: Sequence[str], rows: list[list[Cell]]) -> bytes:
    writer: Callable[[Sequence[str], list[list[Cell]]], bytes] = (
        write_xlsx if fmt == "xlsx" else write_csv
    )
    # Building a large workbook takes seconds of CPU: keep the event loop free meanwhile.
    return await asyncio.to_thread(writer, headers, rows)
