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
from core.clock import today_in_vietnam
from core.errors import DomainError
from core.text import fold
from core.validation import (
    clean_text,
    normalize_email,
    normalize_national_id,
    normalize_phone,
    require_length,
)
from network.access import scoped
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
    """What differs between the three imports.

    ``fields`` gives the model fields a valid row sets (only for the columns the file
    has); a row whose id matched a record (``values["current"]``) updates the fields
    that differ, a row without an id is built into a new record.
    """

    columns: Sequence[Column]
    check_row: Callable[[Draft], None]
    check_all: Callable[[Actor, list[Draft]], Awaitable[None]]
    build: Callable[[Draft], Model]
    model: type[Model]
    action: str
    fields: Callable[[Draft], dict[str, Any]] | None = None
    update_action: str = ""
    object_type: str = ""

    def changes(self, draft: Draft) -> dict[str, Any]:
        """The fields a valid row would change on its matched record ({} when none)."""
        current: Model | None = draft.values.get("current")
        if current is None or self.fields is None:
            return {}
        return {
            key: value
            for key, value in self.fields(draft).items()
            if getattr(current, key) != value
        }


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
    if value > today_in_vietnam():
        raise DomainError("DATE_IN_FUTURE")
    return value


def _record_id(text: str) -> int:
    if not text.isdigit() or len(text) > 10:
        raise DomainError("INVALID")
    return int(text)


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


async def _match(actor: Actor, drafts: list[Draft], model: type[Model], not_found: str) -> None:
    """Rows carrying an id (an exported file) get the record as ``values["current"]``.

    The lookup is scoped: an id outside the actor's subtree reads as not found, the same
    answer as an id that never existed, so a file is no oracle for other areas' records.
    """
    usable = [draft for draft in drafts if draft.has("id")]
    _flag_repeats(usable, "id", _value_of("id"))
    found: dict[int, Model] = {}
    for chunk in chunks(sorted({draft.values["id"] for draft in usable})):
        found.update({row.pk: row for row in await scoped(actor, model.filter(id__in=chunk))})
    for draft in usable:
        current = found.get(draft.values["id"])
        if current is None:
            draft.fail("id", not_found)
        else:
            draft.values["current"] = current


def _current_id(draft: Draft) -> int | None:
    current: Model | None = draft.values.get("current")
    return None if current is None else int(current.pk)


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
    draft.check("id", _record_id)
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
    await _match(actor, drafts, Member, "MEMBER_NOT_FOUND")
    await _place(actor, drafts, "admin_unit_code")
    await _find_organizations(drafts)
    for key, code in UNIQUE_MEMBER_COLUMNS:
        _flag_repeats(drafts, key, _value_of(key))
        await _flag_taken_contacts(actor, drafts, key, code)


async def _flag_taken_contacts(actor: Actor, drafts: list[Draft], key: str, code: str) -> None:
    """Rows whose phone, email or ID number another member already holds (a row that
    updates a member may keep its own): the duplicate is named only when the actor may
    see that member (``members.clash_code``)."""
    usable = [draft for draft in drafts if draft.has(key)]
    holders: dict[str, tuple[int, str]] = {}
    for chunk in chunks(sorted({str(draft.values[key]) for draft in usable})):
        rows = await Member.filter(**{f"{key}__in": chunk}).values_list(key, "id", "unit_path")
        holders.update((str(value), (member_id, str(path))) for value, member_id, path in rows)
    for draft in usable:
        holder = holders.get(str(draft.values[key]))
        if holder is not None and holder[0] != _current_id(draft):
            draft.fail(key, clash_code(actor, code, holder[1]))


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


def _member_fields(draft: Draft) -> dict[str, Any]:
    """Member fields set by a valid row, for the columns present in the file. A blank
    cell clears its field, except a blank date, which keeps the recorded one."""
    values, present = draft.values, draft.record.values
    organization: Organization = values["organization"]
    fields: dict[str, Any] = {
        "full_name": values["full_name"],
        "name_folded": fold(values["full_name"]),
        "organization_id": organization.id,
        "admin_unit_id": organization.admin_unit_id,
        "unit_path": organization.unit_path,
    }
    optional: dict[str, Any] = {
        "position": values.get("position") or "",
        "phone": values.get("phone"),
        "email": values.get("email"),
        "national_id": values.get("national_id"),
        "it_qualification": values.get("it_qualification") or ITQualification.NONE,
        "roles": encode_roles(values.get("roles") or []),
    }
    fields.update((key, value) for key, value in optional.items() if key in present)
    if values.get("joined_on") is not None:
        fields["joined_on"] = values["joined_on"]
    return fields


def _build_member(draft: Draft) -> Member:
    return Member(**{"joined_on": today_in_vietnam(), **_member_fields(draft)})


# Organisations ----------------------------------------------------------------------------


def _check_organization(draft: Draft) -> None:
    draft.check("id", _record_id)
    draft.check("name", _length("name", 2, 255), required=True)
    draft.check("kind", _choice(ORGANIZATION_KINDS), required=True)
    draft.check("admin_unit_code", str.strip, required=True)
    draft.check("contact_phone", lambda text: normalize_phone(text, field="contactPhone"))
    draft.check("contact_email", lambda text: normalize_email(text, field="contactEmail"))
    draft.check("address", _length("address", 0, 255))


async def _check_organizations(actor: Actor, drafts: list[Draft]) -> None:
    await _match(actor, drafts, Organization, "ORGANIZATION_NOT_FOUND")
    await _place(actor, drafts, "admin_unit_code")
    placed = [draft for draft in drafts if "unit" in draft.values and draft.has("name")]

    def identity(draft: Draft) -> tuple[int, str]:
        return draft.values["unit"].id, fold(draft.values["name"])

    _flag_repeats(placed, "name", identity)
    taken: dict[tuple[int, str], int] = {}
    for chunk in chunks(sorted({fold(draft.values["name"]) for draft in placed})):
        rows = await Organization.filter(name_folded__in=chunk, is_active=True).values_list(
            "admin_unit_id", "name_folded", "id"
        )
        taken.update(((unit_id, name), org_id) for unit_id, name, org_id in rows)
    for draft in placed:
        holder = taken.get(identity(draft))
        if holder is not None and holder != _current_id(draft):
            draft.fail("name", "DUPLICATE_ORGANIZATION")


def _organization_fields(draft: Draft) -> dict[str, Any]:
    """Organisation fields set by a valid row, for the columns present in the file."""
    values, present = draft.values, draft.record.values
    unit: AdminUnit = values["unit"]
    fields: dict[str, Any] = {
        "name": values["name"],
        "name_folded": fold(values["name"]),
        "kind": values["kind"],
        "admin_unit_id": unit.id,
        "unit_path": unit.path,
    }
    optional: dict[str, Any] = {
        "contact_phone": values.get("contact_phone"),
        "contact_email": values.get("contact_email"),
        "address": values.get("address") or "",
    }
    fields.update((key, value) for key, value in optional.items() if key in present)
    return fields


def _build_organization(draft: Draft) -> Organization:
    return Organization(**_organization_fields(draft))


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
        valid_from=today_in_vietnam(),
    )


MEMBERS = Kind(
    MEMBER_COLUMNS,
    _check_member,
    _check_members,
    _build_member,
    Member,
    "member.import",
    fields=_member_fields,
    update_action="member.update",
    object_type="Member",
)
ORGANIZATIONS = Kind(
    ORGANIZATION_COLUMNS,
    _check_organization,
    _check_organizations,
    _build_organization,
    Organization,
    "organization.import",
    fields=_organization_fields,
    update_action="organization.update",
    object_type="Organization",
)
ADMIN_UNITS = Kind(
    ADMIN_UNIT_COLUMNS,
    _check_admin_unit,
    _check_admin_units,
    _build_admin_unit,
    AdminUnit,
    "admin_unit.import",
)
