"""People in the Network: members, focal points and their use of national platforms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import RawSQL, Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet, ValuesListQuery

from core import audit
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from core.errors import DomainError, PermissionDenied, ValidationFailed
from core.queries import first_or_not_found
from core.text import fold, fold_search
from core.validation import (
    FormCheck,
    normalize_email,
    normalize_national_id,
    normalize_phone,
    require_length,
    require_updatable,
)
from network import organizations as orgs
from network.access import require_editor, require_reader, scoped
from network.models import (
    AdminUnit,
    AdoptionStatus,
    AdoptionTally,
    FocalPointDesignation,
    ITQualification,
    Member,
    MemberCount,
    MemberFacetTally,
    MemberStatus,
    NetworkRole,
    Organization,
    OrganizationKind,
    Platform,
    PlatformAdoption,
)

PII_FIELDS = ("phone", "email", "national_id")
# Contact details unique across the province, with the code naming a clash the actor sees.
UNIQUE_CONTACTS = (
    ("phone", "DUPLICATE_PHONE", "phone"),
    ("email", "DUPLICATE_EMAIL", "email"),
    ("national_id", "DUPLICATE_NATIONAL_ID", "nationalId"),
)
# A clash with a member the actor may not see: refused, but without saying that the
# value exists elsewhere (decision 0013). An existing code, as the GraphQL enum is closed.
UNAVAILABLE_CONTACT = "FORBIDDEN"


def clash_code(actor: Actor, duplicate_code: str, holder_unit_path: str) -> str:
    """How to refuse a unique contact detail already held by a member at
    ``holder_unit_path``: name the duplicate when the actor may see that member, else
    the neutral ``UNAVAILABLE_CONTACT``, so imports and forms are no oracle for phones,
    emails and ID numbers registered outside the actor's area."""
    return duplicate_code if actor.can_see(holder_unit_path) else UNAVAILABLE_CONTACT


@dataclass(frozen=True)
class MemberData:
    full_name: str
    organization_id: int
    phone: str | None = None
    email: str | None = None
    national_id: str | None = None
    position: str = ""
    it_qualification: ITQualification | int | str = ITQualification.NONE
    roles: Sequence[str] = field(default_factory=list)
    joined_on: date | None = None


UPDATABLE = {
    "full_name",
    "organization_id",
    "phone",
    "email",
    "national_id",
    "position",
    "it_qualification",
    "roles",
    "joined_on",
}


def encode_roles(roles: Sequence[str]) -> str:
    return "," + "".join(f"{r}," for r in sorted(set(roles)))


@dataclass(frozen=True)
class Walk:
    """The filters common enough that a page is found fastest by walking the members in
    name order and testing each one (decision 0041); a filter not named here starts
    from the few rows that match it, through its index, and sorts them."""

    platform_id: int | None = None
    organization_kind: bool = False
    # How many members the one tallied filter matches, when the tallies were read to
    # choose: the page's total, for ``totalCount`` not to sum them again.
    matching: int | None = None


# Per member, tested while walking: correlated, so no index can start from them.
_HAS_PLATFORM = (
    "EXISTS (SELECT 1 FROM network_platform_adoption a "
    'WHERE a.member_id = "network_member"."id" AND a.platform_id = {platform_id})'
)
_ORGANIZATION_KIND = (
    '(SELECT o.kind FROM network_organization o WHERE o.id = "network_member"."organization_id")'
)


def get_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    organization_id: int | None = None,
    role: NetworkRole | None = None,
    search: str | None = None,
    include_inactive: bool = False,
    organization_kind: OrganizationKind | None = None,
    min_qualification: ITQualification | None = None,
    platform_code: str | None = None,
    walk: Walk = Walk(),
) -> QuerySet[Member]:
    """Members in scope, filtered; ``platform_code`` keeps those with access to (or
    active use of) that platform, each member once. ``walk`` (from :func:`choose_walk`)
    says how the platform and kind filters are written; either way the same members."""
    require_reader(actor)
    query = scoped(actor, Member.all(), within)
    if organization_id is not None:
        query = query.filter(organization_id=organization_id)
    if role is not None:
        query = query.filter(roles__contains=f",{role.value},")
    if organization_kind is not None:
        if walk.organization_kind:
            query = query.annotate(walked_kind=RawSQL(_ORGANIZATION_KIND)).filter(
                walked_kind=organization_kind.value
            )
        else:
            of_kind = Organization.filter(kind=organization_kind).values("id")
            query = query.filter(organization_id__in=Subquery(of_kind))
    if min_qualification is not None:
        query = query.filter(it_qualification__gte=min_qualification)
    if platform_code is not None:
        if walk.platform_id is not None:
            has = RawSQL(_HAS_PLATFORM.format(platform_id=int(walk.platform_id)))
            query = query.annotate(walked_platform=has).filter(walked_platform=True)
        else:
            adopters = PlatformAdoption.filter(platform__code=platform_code).values("member_id")
            query = query.filter(id__in=Subquery(adopters))
    if search and (folded := fold_search(search)):
        query = query.filter(name_folded__contains=folded)
    if not include_inactive:
        query = query.filter(status=MemberStatus.ACTIVE)
    return query.order_by("name_folded", "id")


async def choose_walk(
    actor: Actor,
    *,
    rows: int,
    within: AdminUnit | None = None,
    include_inactive: bool = False,
    organization_kind: OrganizationKind | None = None,
    min_qualification: ITQualification | None = None,
    platform_code: str | None = None,
) -> Walk:
    """How to write the kind and platform filters for a page that reads ``rows`` rows,
    from the kept tallies: walking the members in name order tests about
    ``rows * members / matching`` of them; starting from the matching ones reads and
    sorts ``matching``. Walk when that is the fewer (decision 0041)."""
    if organization_kind is None and platform_code is None:
        return Walk()
    tally = partial(count_all, actor, within=within, include_inactive=include_inactive)
    members = await tally()

    def common(matching: int) -> bool:
        return matching * matching >= rows * members

    platform_id = None
    adopters = of_kind = None
    if platform_code is not None:
        adopters = await tally(platform_code=platform_code)
        if common(adopters):
            platform_id = (
                await Platform.filter(code=platform_code).first().values_list("id", flat=True)
            )
    if organization_kind is not None:
        of_kind = await tally(organization_kind=organization_kind)
    # one tallied filter alone: what it matches is the page's total
    alone = min_qualification is None and (adopters is None or of_kind is None)
    return Walk(
        platform_id=None if platform_id is None else int(str(platform_id)),
        organization_kind=of_kind is not None and common(of_kind),
        matching=(of_kind if adopters is None else adopters) if alone else None,
    )


def countable(
    *,
    organization_id: object = None,
    role: object = None,
    search: str | None = None,
    organization_kind: object = None,
    min_qualification: object = None,
    platform_code: str | None = None,
) -> bool:
    """Whether :func:`count_all` can sum these filters from the kept tallies: scope and
    status with a platform, or with organisation kind and qualification."""
    if organization_id is not None or role is not None or search:
        return False
    return platform_code is None or (organization_kind is None and min_qualification is None)


async def count_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    include_inactive: bool = False,
    platform_code: str | None = None,
    organization_kind: OrganizationKind | None = None,
    min_qualification: ITQualification | None = None,
) -> int:
    """``get_all(actor, ...).count()`` for the filters :func:`countable` accepts, summed
    from what the database keeps: the counts per unit path and status (decision 0034), a
    platform's adoptions per unit path and member status (decision 0037; one adoption per
    member and platform), or the members per organisation kind and qualification
    (decision 0041)."""
    kept = await counts(
        actor,
        within=within,
        include_inactive=include_inactive,
        platform_code=platform_code,
        organization_kind=organization_kind,
        min_qualification=min_qualification,
    )
    return sum(int(str(n)) for n in kept)


def counts(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    include_inactive: bool = False,
    platform_code: str | None = None,
    organization_kind: OrganizationKind | None = None,
    min_qualification: ITQualification | None = None,
) -> ValuesListQuery[Any]:
    """The kept counts ``count_all`` adds up (a few hundred rows for a province)."""
    require_reader(actor)
    if platform_code is not None:
        if organization_kind is not None or min_qualification is not None:
            raise ValueError("a platform with a kind or qualification is not kept")
        platform = Platform.filter(code=platform_code).values("id")
        kept: QuerySet[Any] = scoped(
            actor, AdoptionTally.filter(platform_id__in=Subquery(platform)), within
        )
        status = "member_status"
    elif organization_kind is not None or min_qualification is not None:
        kept = scoped(actor, MemberFacetTally.all(), within)
        if organization_kind is not None:
            kept = kept.filter(organization_kind=organization_kind)
        if min_qualification is not None:
            kept = kept.filter(it_qualification__gte=int(min_qualification))
        status = "status"
    else:
        kept = scoped(actor, MemberCount.all(), within)
        status = "status"
    if not include_inactive:
        kept = kept.filter(**{status: MemberStatus.ACTIVE})
    return kept.values_list("n", flat=True)


async def get(actor: Actor, *, member_id: int, field: str = "id") -> Member:
    require_reader(actor)
    return await first_or_not_found(
        scoped(actor, Member.filter(id=member_id)), "MEMBER_NOT_FOUND", field=field
    )


def _qualification(value: Any) -> ITQualification:
    if isinstance(value, ITQualification):
        return value
    if isinstance(value, str) and value in ITQualification.__members__:
        return ITQualification[value]
    return ITQualification(int(value))


async def _clean(actor: Actor, values: Mapping[str, Any], current: Member | None) -> dict[str, Any]:
    check = FormCheck()
    cleaned, errors = check.cleaned, check.errors

    if "full_name" in values:
        check.clean(
            "full_name",
            lambda: require_length(values["full_name"], field="fullName", low=2, high=200),
        )
    if "phone" in values:
        check.clean("phone", lambda: normalize_phone(values["phone"]))
    if "email" in values:
        check.clean("email", lambda: normalize_email(values["email"]))
    if "national_id" in values:
        check.clean("national_id", lambda: normalize_national_id(values["national_id"]))
    if "position" in values:
        check.clean(
            "position",
            lambda: require_length(values["position"] or "", field="position", low=0, high=200),
        )
    if "it_qualification" in values:
        try:
            cleaned["it_qualification"] = _qualification(values["it_qualification"])
        except (ValueError, KeyError):
            errors.append(DomainError("INVALID_CHOICE", field="itQualification"))
    if "roles" in values:
        unknown = [r for r in values["roles"] if r not in NetworkRole.__members__]
        if unknown:
            errors.append(DomainError("INVALID_CHOICE", field="roles"))
        else:
            cleaned["roles"] = encode_roles(values["roles"])
    if "joined_on" in values:
        joined = values["joined_on"]
        if joined is not None and joined > today_in_vietnam():
            errors.append(DomainError("DATE_IN_FUTURE", field="joinedOn"))
        cleaned["joined_on"] = joined
    if "organization_id" in values:
        with check.catch():
            organization = await orgs.get(
                actor, organization_id=values["organization_id"], field="organizationId"
            )
            if not organization.is_active:
                errors.append(DomainError("ORGANIZATION_INACTIVE", field="organizationId"))
            cleaned["organization_id"] = organization.id
            cleaned["admin_unit_id"] = organization.admin_unit_id
            cleaned["unit_path"] = organization.unit_path
    for key, code, api_field in UNIQUE_CONTACTS:
        value = cleaned.get(key)
        if value:
            clash = Member.filter(**{key: value})
            if current is not None:
                clash = clash.exclude(id=current.id)
            holder = await clash.values_list("unit_path", flat=True)
            if holder:
                errors.append(DomainError(clash_code(actor, code, str(holder[0])), field=api_field))
    check.raise_errors()
    if "full_name" in cleaned:
        cleaned["name_folded"] = fold(cleaned["full_name"])
    return cleaned


def _unique_clash(error: IntegrityError) -> ValidationFailed:
    """A concurrent insert won the race for a unique contact detail."""
    text = str(error).lower()
    for key, code, api_field in UNIQUE_CONTACTS:
        if key in text:
            return ValidationFailed([DomainError(code, field=api_field)])
    return ValidationFailed([DomainError("INVALID")])


async def create(actor: Actor, *, data: MemberData) -> Member:
    require_editor(actor)
    values = {k: getattr(data, k) for k in UPDATABLE}
    cleaned = await _clean(actor, values, None)
    try:
        member = await Member.create(
            joined_on=cleaned.pop("joined_on", None) or today_in_vietnam(), **cleaned
        )
    except IntegrityError as error:
        raise _unique_clash(error) from None
    await audit.record(actor, "member.create", "Member", member.id, cleaned)
    return member


async def update(actor: Actor, *, member_id: int, changes: Mapping[str, Any]) -> Member:
    require_editor(actor)
    member = await get(actor, member_id=member_id)
    require_updatable(changes, UPDATABLE)
    cleaned = await _clean(actor, changes, member)
    changed = audit.apply_changes(member, cleaned)
    if changed:
        try:
            await member.save(update_fields=[*changed, "updated_at"])
        except IntegrityError as error:
            raise _unique_clash(error) from None
        await audit.record(actor, "member.update", "Member", member.id, changed)
    return member


async def deactivate(
    actor: Actor,
    *,
    member_id: int,
    status: MemberStatus = MemberStatus.LEFT,
    left_on: date | None = None,
) -> Member:
    """Mark a member inactive or departed; their focal-point designations end."""
    require_editor(actor)
    if status == MemberStatus.ACTIVE:
        raise ValidationFailed([DomainError("INVALID_CHOICE", field="status")])
    member = await get(actor, member_id=member_id)
    member.status = status
    member.left_on = left_on or today_in_vietnam()
    await member.save(update_fields=["status", "left_on", "updated_at"])
    await FocalPointDesignation.filter(member_id=member.id, ended_on=None).update(
        ended_on=member.left_on
    )
    await audit.record(actor, "member.deactivate", "Member", member.id, ["status", "left_on"])
    return member


async def designate_focal_point(
    actor: Actor,
    *,
    organization_id: int,
    member_id: int,
    replace_existing: bool = False,
    designated_on: date | None = None,
) -> FocalPointDesignation:
    """Make a member of the organisation one of its focal points (cán bộ đầu mối)."""
    require_editor(actor)
    organization = await orgs.get(actor, organization_id=organization_id, field="organizationId")
    member = await get(actor, member_id=member_id, field="memberId")
    if member.organization_id != organization.id:
        raise ValidationFailed([DomainError("NOT_ORGANIZATION_MEMBER", field="memberId")])
    if member.status != MemberStatus.ACTIVE:
        raise ValidationFailed([DomainError("MEMBER_INACTIVE", field="memberId")])
    today = designated_on or today_in_vietnam()
    if replace_existing:
        await (
            FocalPointDesignation.filter(organization_id=organization.id, ended_on=None)
            .exclude(member_id=member.id)
            .update(ended_on=today)
        )
    designation = await FocalPointDesignation.filter(
        organization_id=organization.id, member_id=member.id, ended_on=None
    ).first()
    if designation is None:
        designation = await FocalPointDesignation.create(
            organization_id=organization.id, member_id=member.id, designated_on=today
        )
    if NetworkRole.FOCAL_POINT not in member.role_list:
        member.roles = encode_roles([*member.role_list, NetworkRole.FOCAL_POINT])
        await member.save(update_fields=["roles", "updated_at"])
    await audit.record(
        actor, "focal_point.designate", "Organization", organization.id, ["focal_points"]
    )
    return designation


async def record_platform_adoption(
    actor: Actor,
    *,
    member_id: int,
    platform_code: str,
    status: AdoptionStatus,
    since: date | None = None,
) -> PlatformAdoption:
    """Record (or update) that a member has access to, or actively uses, a platform.

    Managers and field staff record it for members in their scope; a member for themself.
    """
    if actor.member_id != member_id and not actor.has_role(
        Role.PROVINCE_ADMIN, Role.UNIT_MANAGER, Role.FIELD_STAFF
    ):
        raise PermissionDenied()
    member = await get(actor, member_id=member_id, field="memberId")
    platform = await Platform.get_or_none(code=platform_code)
    if platform is None:
        raise ValidationFailed([DomainError("PLATFORM_NOT_FOUND", field="platformCode")])
    if since is not None and since > today_in_vietnam():
        raise ValidationFailed([DomainError("DATE_IN_FUTURE", field="since")])
    adoption = await PlatformAdoption.get_or_none(member_id=member.id, platform_id=platform.id)
    if adoption is None:
        try:
            adoption = await PlatformAdoption.create(
                member_id=member.id, platform_id=platform.id, status=status, since=since
            )
        except IntegrityError:  # a concurrent request recorded it first
            adoption = await PlatformAdoption.get(member_id=member.id, platform_id=platform.id)
    adoption.status = status
    adoption.since = since or adoption.since or today_in_vietnam()
    await adoption.save(update_fields=["status", "since", "updated_at"])
    await refresh_core_platforms([member.id])
    await audit.record(actor, "platform_adoption.record", "Member", member.id, ["platforms"])
    return adoption


async def refresh_core_platforms(member_ids: Sequence[int] | None = None) -> None:
    """Recount ``Member.core_platforms`` (for some members, or all after the catalogue changes)."""
    counts = PlatformAdoption.filter(platform__is_core=True)
    if member_ids is not None:
        counts = counts.filter(member_id__in=list(member_ids))
    rows = await counts.annotate(n=Count("id")).group_by("member_id").values_list("member_id", "n")
    reset = Member.all() if member_ids is None else Member.filter(id__in=list(member_ids))
    await reset.update(core_platforms=0)
    # One UPDATE per distinct count (at most the catalogue size), in chunks of ids.
    by_count: dict[int, list[int]] = defaultdict(list)
    for member_id, n in rows:
        by_count[n].append(member_id)
    for n, ids in by_count.items():
        for start in range(0, len(ids), 1000):
            await Member.filter(id__in=ids[start : start + 1000]).update(core_platforms=n)


async def get_platforms() -> list[Platform]:
    return await Platform.all().order_by("sort_order", "code")
