"""Member organisations of the Network."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet, ValuesListQuery

from core import audit
from core.actor import Actor
from core.errors import DomainError
from core.queries import first_or_not_found
from core.text import fold, fold_search
from core.validation import (
    FormCheck,
    clean_text,
    normalize_email,
    normalize_phone,
    require_length,
    require_updatable,
)
from network import admin_units
from network.access import require_editor, require_in_scope, require_reader, scoped
from network.models import AdminUnit, Organization, OrganizationKind, OrganizationTally


@dataclass(frozen=True)
class OrganizationData:
    name: str
    kind: OrganizationKind | str
    admin_unit_code: str
    parent_id: int | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    address: str = ""


UPDATABLE = {
    "name",
    "kind",
    "admin_unit_code",
    "parent_id",
    "contact_phone",
    "contact_email",
    "address",
}


def get_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    kind: OrganizationKind | None = None,
    search: str | None = None,
    include_inactive: bool = False,
) -> QuerySet[Organization]:
    require_reader(actor)
    query = scoped(actor, Organization.all(), within)
    if kind is not None:
        query = query.filter(kind=kind)
    if search and (folded := fold_search(search)):
        query = query.filter(name_folded__contains=folded)
    if not include_inactive:
        query = query.filter(is_active=True)
    return query.order_by("name_folded", "id")


async def count_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    kind: OrganizationKind | None = None,
    include_inactive: bool = False,
) -> int:
    """``get_all(...).count()`` without a search, summed from the tallies the database
    keeps per unit path, kind and activity (migration 0021, decision 0037)."""
    return sum(
        int(str(n))
        for n in await counts(actor, within=within, kind=kind, include_inactive=include_inactive)
    )


def counts(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    kind: OrganizationKind | None = None,
    include_inactive: bool = False,
) -> ValuesListQuery[Any]:
    """The kept tallies ``count_all`` adds up (a few hundred rows for a province)."""
    require_reader(actor)
    query = scoped(actor, OrganizationTally.all(), within)
    if kind is not None:
        query = query.filter(kind=kind)
    if not include_inactive:
        query = query.filter(is_active=True)
    return query.values_list("n", flat=True)


async def get(actor: Actor, *, organization_id: int, field: str = "id") -> Organization:
    require_reader(actor)
    return await first_or_not_found(
        scoped(actor, Organization.filter(id=organization_id)),
        "ORGANIZATION_NOT_FOUND",
        field=field,
    )


async def _clean(
    actor: Actor, values: Mapping[str, Any], current: Organization | None
) -> dict[str, Any]:
    """Validate the provided fields; collect every error before refusing."""
    check = FormCheck()
    cleaned, errors = check.cleaned, check.errors

    if "name" in values:
        check.clean("name", lambda: require_length(values["name"], field="name", low=2, high=255))
    if "kind" in values:
        if values["kind"] in OrganizationKind.__members__:
            cleaned["kind"] = OrganizationKind(values["kind"])
        else:
            errors.append(DomainError("INVALID_CHOICE", field="kind"))
    if "contact_phone" in values:
        check.clean(
            "contact_phone", lambda: normalize_phone(values["contact_phone"], field="contactPhone")
        )
    if "contact_email" in values:
        check.clean(
            "contact_email", lambda: normalize_email(values["contact_email"], field="contactEmail")
        )
    if "address" in values:
        cleaned["address"] = clean_text(values["address"])[:255]
    if "admin_unit_code" in values:
        with check.catch():
            unit = await admin_units.get_in_scope(actor, code=values["admin_unit_code"])
            cleaned["admin_unit_id"], cleaned["unit_path"] = unit.id, unit.path
    if values.get("parent_id") is not None:
        with check.catch():
            parent = await get(actor, organization_id=values["parent_id"], field="parentId")
            if current is not None and parent.id == current.id:
                errors.append(DomainError("INVALID", field="parentId"))
            cleaned["parent_id"] = parent.id
    elif "parent_id" in values:
        cleaned["parent_id"] = None
    name = cleaned.get("name", current.name if current else None)
    unit_id = cleaned.get("admin_unit_id", current.admin_unit_id if current else None)
    if name and unit_id and "name" not in {e.field for e in errors}:
        duplicate = Organization.filter(
            name_folded=fold(name), admin_unit_id=unit_id, is_active=True
        )
        if current is not None:
            duplicate = duplicate.exclude(id=current.id)
        if await duplicate.exists():
            errors.append(DomainError("DUPLICATE_ORGANIZATION", field="name"))
    check.raise_errors()
    if "name" in cleaned:
        cleaned["name_folded"] = fold(cleaned["name"])
    return cleaned


async def create(actor: Actor, *, data: OrganizationData) -> Organization:
    require_editor(actor)
    values = {k: getattr(data, k) for k in UPDATABLE}
    cleaned = await _clean(actor, values, None)
    organization = await Organization.create(**cleaned)
    await audit.record(actor, "organization.create", "Organization", organization.id, cleaned)
    return organization


async def update(actor: Actor, *, organization_id: int, changes: Mapping[str, Any]) -> Organization:
    require_editor(actor)
    organization = await get(actor, organization_id=organization_id)
    require_updatable(changes, UPDATABLE)
    cleaned = await _clean(actor, changes, organization)
    changed = audit.apply_changes(organization, cleaned)
    if changed:
        await organization.save(update_fields=[*changed, "updated_at"])
        if "unit_path" in changed:
            # Members sit where their organisation sits.
            from network.models import Member

            await Member.filter(organization_id=organization.id).update(
                admin_unit_id=organization.admin_unit_id, unit_path=organization.unit_path
            )
        await audit.record(actor, "organization.update", "Organization", organization.id, changed)
    return organization


async def set_active(actor: Actor, *, organization_id: int, active: bool) -> Organization:
    require_editor(actor)
    organization = await get(actor, organization_id=organization_id)
    require_in_scope(actor, organization.unit_path)
    if organization.is_active != active:
        organization.is_active = active
        await organization.save(update_fields=["is_active", "updated_at"])
        action = "organization.reactivate" if active else "organization.deactivate"
        await audit.record(actor, action, "Organization", organization.id, ["is_active"])
    return organization
