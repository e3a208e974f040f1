"""The rules of each import: how a row is cleaned, the bulk checks against the database,
and how a valid row becomes a model object. ``network.imports`` runs them.

Every lookup is one query per chunk of up to ``CHUNK`` distinct values, never one per row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from tortoise.models import Model

from core.actor import Actor
from core.errors import DomainError
from core.text import fold
from core.validation import (
    clean_text,
    normalize_email,
    normalize_national_id,
    normalize_phone,
    require_length,
)
from network.admin_units import _CODE as UNIT_CODE
from network.members import clash_code, encode_roles
from network.models import AdminUnit, AdminUnitKind, ITQualification, Member, Organization
from network.sheet_format import (
    ADMIN_UNIT_COLUMNS,
    CHILD_UNIT_KINDS,
    IT_QUALIFICATIONS,
    MEMBER_COLUMNS,
    ORGANIZATION_COLUMNS,
    ORGANIZATION_KINDS,
    Choices,
    parse_date,
    parse_roles,
)
from network.spreadsheets import Column, Record

CHUNK = 500
UNIQUE_MEMBER_COLUMNS = (
    ("phone", "DUPLICATE_PHONE"),
    ("email", "DUPLICATE_EMAIL"),
    ("national_id", "DUPLICATE_NATIONAL_ID"),
)
PARENT_KINDS = {AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE}
T = TypeVar("T")


@dataclass
class Draft:
    """One record being checked: its cleaned values and the errors found so far."""

    record: Record
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def fail(self, key: str, code: str, /, **params: Any) -> None:
        self.errors.append((key, code, params))

    def check(self, key: str, parse: Callable[[str], Any], *, required: bool = False) -> None:
        """Clean the cell ``key`` with ``parse``; a blank cell becomes None (or REQUIRED)."""
        text = self.record.get(key)
        if not text:
            self.values[key] = None
            if required:
                self.fail(key, "REQUIRED")
            return
        try:
            self.values[key] = parse(text)
        except DomainError as error:
            self.fail(key, error.code, **error.params)

    def has(self, *keys: str) -> bool:
        """Every one of ``keys`` was cleaned to a value without error."""
        failed = {key for key, _, _ in self.errors}
        return all(self.values.get(key) is not None and key not in failed for key in keys)


@dataclass(frozen=True)
class Kind:
    """What differs between the three imports."""

    columns: Sequence[Column]
    check_row: Callable[[Draft], None]
    check_all: Callable[[Actor, list[Draft]], Awaitable[None]]
    build: Callable[[Draft], Model]
    model: type[Model]
    action: str


# Cell parsers ---------------------------------------------------------------------------


def _length(api_field: str, low: int, high: int) -> Callable[[str], str]:
    return lambda text: require_length(text, field=api_field, low=low, high=high)


def _choice(choices: Choices[Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        value = choices.parse(text)
        if value is None:
            raise DomainError("INVALID_CHOICE", value=text)
        return value

    return parse


def _past_date(text: str) -> date:
    value = parse_date(text)
    if value > date.today():
        raise DomainError("DATE_IN_FUTURE")
    return value


# Shared bulk checks -----------------------------------------------------------------------


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _units_by_code(codes: Iterable[str]) -> dict[str, AdminUnit]:
    found: dict[str, AdminUnit] = {}
    for chunk in chunks(sorted(set(codes))):
        found.update({unit.code: unit for unit in await AdminUnit.filter(code__in=chunk)})
    return found


async def _existing(model: type[Model], column: str, values: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(values))):
        rows = await model.filter(**{f"{column}__in": chunk}).values_list(column, flat=True)
        found.update(str(value) for value in rows)
    return found


async def _place(actor: Actor, drafts: list[Draft], key: str) -> None:
    """Resolve the admin-unit code in column ``key`` to ``values["unit"]``, within scope."""
    usable = [draft for draft in drafts if draft.has(key)]
    units = await _units_by_code(draft.values[key] for draft in usable)
    for draft in usable:
        code = draft.values[key]
        unit = units.get(code)
        if unit is None:
            draft.fail(key, "ADMIN_UNIT_NOT_FOUND", code=code)
        elif not actor.can_see(unit.path):
            draft.fail(key, "OUT_OF_SCOPE", code=code)
        else:
            draft.values["unit"] = unit


def _flag_repeats(drafts: list[Draft], key: str, identity: Callable[[Draft], object]) -> None:
    """Every row repeating an earlier row's ``identity`` is a DUPLICATE_IN_FILE."""
    first: dict[object, int] = {}
    for draft in drafts:
        value = identity(draft)
        if value is None:
            continue
        if value in first:
            draft.fail(key, "DUPLICATE_IN_FILE", row=first[value])
        else:
            first[value] = draft.record.row


def _value_of(key: str) -> Callable[[Draft], object]:
    return lambda draft: draft.values.get(key)


# Members --------------------------------------------------------------------------------


def _check_member(draft: Draft) -> None:
    draft.check("full_name", _length("fullName", 2, 200), required=True)
    draft.check("organization_name", clean_text, required=True)
    draft.check("admin_unit_code", str.strip, required=True)
    draft.check("position", _length("position", 0, 200))
    draft.check("phone", normalize_phone)
    draft.check("email", normalize_email)
    draft.check("national_id", normalize_national_id)
    draft.check("it_qualification", _choice(IT_QUALIFICATIONS))
    draft.check("roles", parse_roles)
    draft.check("joined_on", _past_date)


async def _check_members(actor: Actor, drafts: list[Draft]) -> None:
    await _place(actor, drafts, "admin_unit_code")
    await _find_organizations(drafts)
    for key, code in UNIQUE_MEMBER_COLUMNS:
        _flag_repeats(drafts, key, _value_of(key))
        await _flag_taken_contacts(actor, drafts, key, code)


async def _flag_taken_contacts(actor: Actor, drafts: list[Draft], key: str, code: str) -> None:
    """Rows whose phone, email or ID number a member already holds: the duplicate is
    named only when the actor may see that member (``members.clash_code``)."""
    usable = [draft for draft in drafts if draft.has(key)]
    holders: dict[str, str] = {}
    for chunk in chunks(sorted({str(draft.values[key]) for draft in usable})):
        rows = await Member.filter(**{f"{key}__in": chunk}).values_list(key, "unit_path")
        holders.update((str(value), str(path)) for value, path in rows)
    for draft in usable:
        path = holders.get(str(draft.values[key]))
        if path is not None:
            draft.fail(key, clash_code(actor, code, path))


async def _find_organizations(drafts: list[Draft]) -> None:
    """Match (organisation name, admin unit) to an organisation, preferring active ones."""
    placed = [
        draft for draft in drafts if "unit" in draft.values and draft.has("organization_name")
    ]
    names = {fold(draft.values["organization_name"]) for draft in placed}
    known: dict[tuple[int, str], Organization] = {}
    for chunk in chunks(sorted(names)):
        # Filtered by name only (bounded by the names); the unit is matched below.
        for org in await Organization.filter(name_folded__in=chunk).order_by("is_active", "id"):
            known[(org.admin_unit_id, org.name_folded)] = org
    for draft in placed:
        found = known.get((draft.values["unit"].id, fold(draft.values["organization_name"])))
        if found is None:
            draft.fail("organization_name", "ORGANIZATION_NOT_FOUND")
        elif not found.is_active:
            draft.fail("organization_name", "ORGANIZATION_INACTIVE")
        else:
            draft.values["organization"] = found


def _build_member(draft: Draft) -> Member:
    values = draft.values
    organization: Organization = values["organization"]
    return Member(
        full_name=values["full_name"],
        name_folded=fold(values["full_name"]),
        phone=values["phone"],
        email=values["email"],
        national_id=values["national_id"],
        organization_id=organization.id,
        admin_unit_id=organization.admin_unit_id,
        unit_path=organization.unit_path,
        position=values["position"] or "",
        it_qualification=values["it_qualification"] or ITQualification.NONE,
        roles=encode_roles(values["roles"] or []),
        joined_on=values["joined_on"] or date.today(),
    )


# Organisations ----------------------------------------------------------------------------


def _check_organization(draft: Draft) -> None:
    draft.check("name", _length("name", 2, 255), required=True)
    draft.check("kind", _choice(ORGANIZATION_KINDS), required=True)
    draft.check("admin_unit_code", str.strip, required=True)
    draft.check("contact_phone", lambda text: normalize_phone(text, field="contactPhone"))
    draft.check("contact_email", lambda text: normalize_email(text, field="contactEmail"))
    draft.check("address", _length("address", 0, 255))


async def _check_organizations(actor: Actor, drafts: list[Draft]) -> None:
    await _place(actor, drafts, "admin_unit_code")
    placed = [draft for draft in drafts if "unit" in draft.values and draft.has("name")]

    def identity(draft: Draft) -> tuple[int, str]:
        return draft.values["unit"].id, fold(draft.values["name"])

    _flag_repeats(placed, "name", identity)
    taken: set[tuple[int, str]] = set()
    for chunk in chunks(sorted({fold(draft.values["name"]) for draft in placed})):
        rows = await Organization.filter(name_folded__in=chunk, is_active=True).values_list(
            "admin_unit_id", "name_folded"
        )
        taken.update((unit_id, name) for unit_id, name in rows)
    for draft in placed:
        if identity(draft) in taken:
            draft.fail("name", "DUPLICATE_ORGANIZATION")


def _build_organization(draft: Draft) -> Organization:
    values = draft.values
    unit: AdminUnit = values["unit"]
    return Organization(
        name=values["name"],
        name_folded=fold(values["name"]),
        kind=values["kind"],
        admin_unit_id=unit.id,
        unit_path=unit.path,
        contact_phone=values["contact_phone"],
        contact_email=values["contact_email"],
        address=values["address"] or "",
    )


# Units below a commune ----------------------------------------------------------------------


def _unit_code(text: str) -> str:
    if not UNIT_CODE.match(text):
        raise DomainError("INVALID_CODE")
    return text


def _check_admin_unit(draft: Draft) -> None:
    draft.check("parent_code", str.strip, required=True)
    draft.check("code", _unit_code, required=True)
    draft.check("name", _length("name", 1, 200), required=True)
    draft.check("kind", _choice(CHILD_UNIT_KINDS), required=True)


async def _check_admin_units(actor: Actor, drafts: list[Draft]) -> None:
    await _place(actor, drafts, "parent_code")
    for draft in drafts:
        parent: AdminUnit | None = draft.values.get("unit")
        if parent is not None and (parent.kind not in PARENT_KINDS or not parent.is_active):
            draft.fail("parent_code", "INVALID_CHOICE", value=parent.code)
    _flag_repeats(drafts, "code", _value_of("code"))
    usable = [draft for draft in drafts if draft.has("code")]
    taken = await _existing(AdminUnit, "code", (draft.values["code"] for draft in usable))
    for draft in usable:
        if draft.values["code"] in taken:
            draft.fail("code", "DUPLICATE_CODE", code=draft.values["code"])


def _build_admin_unit(draft: Draft) -> AdminUnit:
    values = draft.values
    parent: AdminUnit = values["unit"]
    return AdminUnit(
        code=values["code"],
        name=values["name"],
        name_folded=fold(values["name"]),
        kind=values["kind"],
        level=parent.level + 1,
        parent_id=parent.id,
        path=f"{parent.path}{values['code']}/",
        valid_from=date.today(),
    )


MEMBERS = Kind(
    MEMBER_COLUMNS, _check_member, _check_members, _build_member, Member, "member.import"
)
ORGANIZATIONS = Kind(
    ORGANIZATION_COLUMNS,
    _check_organization,
    _check_organizations,
    _build_organization,
    Organization,
    "organization.import",
)
ADMIN_UNITS = Kind(
    ADMIN_UNIT_COLUMNS,
    _check_admin_unit,
    _check_admin_units,
    _build_admin_unit,
    AdminUnit,
    "admin_unit.import",
)
