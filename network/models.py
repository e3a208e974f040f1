"""The administrative tree as data: any depth, units merged or retired with history."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from tortoise import fields
from tortoise.models import Model

from core.text import fold


class AdminUnitKind(StrEnum):
    PROVINCE = "PROVINCE"
    CENTRAL_CITY = "CENTRAL_CITY"
    COMMUNE = "COMMUNE"
    WARD = "WARD"
    SPECIAL_ZONE = "SPECIAL_ZONE"
    HAMLET = "HAMLET"
    RESIDENTIAL_GROUP = "RESIDENTIAL_GROUP"


class AdminUnit(Model):
    """A node of the administrative tree.

    ``path`` is a materialised path of codes ("/96/32002/") so that "everything in this
    unit's subtree" is one indexed prefix match, whatever the depth.
    """

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    name_folded = fields.CharField(max_length=200, db_index=True)
    kind = fields.CharEnumField(AdminUnitKind, max_length=24)
    level = fields.SmallIntField()
    parent: fields.ForeignKeyNullableRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    path = fields.CharField(max_length=512, db_index=True)
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)
    successor: fields.ForeignKeyNullableRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="predecessors", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    parent_id: int | None
    successor_id: int | None

    class Meta:
        table = "admin_unit"
        ordering = ["path"]

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    def contains(self, other_path: str) -> bool:
        return other_path.startswith(self.path)

    async def save(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        self.name_folded = fold(self.name)
        await super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class OrganizationKind(StrEnum):
    PROVINCIAL_DEPARTMENT = "PROVINCIAL_DEPARTMENT"
    MASS_ORGANIZATION = "MASS_ORGANIZATION"
    PEOPLES_COMMITTEE = "PEOPLES_COMMITTEE"
    PUBLIC_SERVICE_UNIT = "PUBLIC_SERVICE_UNIT"
    ENTERPRISE = "ENTERPRISE"
    TELECOM_POSTAL = "TELECOM_POSTAL"
    BANK = "BANK"
    BUSINESS_ASSOCIATION = "BUSINESS_ASSOCIATION"
    COMMUNITY_TECH_TEAM = "COMMUNITY_TECH_TEAM"
    OTHER = "OTHER"


class ITQualification(IntEnum):
    """An ordered scale, so "qualified" is a comparison against a configured level."""

    NONE = 0
    BASIC_DIGITAL_SKILLS = 1
    IT_CERTIFICATE = 2
    IT_VOCATIONAL = 3
    IT_COLLEGE = 4
    IT_BACHELOR = 5
    IT_POSTGRADUATE = 6


class NetworkRole(StrEnum):
    FOCAL_POINT = "FOCAL_POINT"
    TECH_TEAM_LEADER = "TECH_TEAM_LEADER"
    TECH_TEAM_DEPUTY = "TECH_TEAM_DEPUTY"
    TECH_TEAM_MEMBER = "TECH_TEAM_MEMBER"
    EXPERT = "EXPERT"
    TRAINER = "TRAINER"
    MEMBER = "MEMBER"


class MemberStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    LEFT = "LEFT"


class AdoptionStatus(StrEnum):
    HAS_ACCESS = "HAS_ACCESS"
    ACTIVE_USE = "ACTIVE_USE"


class Organization(Model):
    """A member organisation of the Network, placed in the administrative tree.

    ``unit_path`` copies the admin unit's path so scope checks on large lists are one
    indexed prefix match on this table.
    """

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255)
    name_folded = fields.CharField(max_length=255, db_index=True)
    kind = fields.CharEnumField(OrganizationKind, max_length=32, db_index=True)
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="organizations", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    parent: fields.ForeignKeyNullableRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    contact_phone = fields.CharField(max_length=20, null=True)
    contact_email = fields.CharField(max_length=254, null=True)
    address = fields.CharField(max_length=255, default="")
    is_active = fields.BooleanField(default=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    admin_unit_id: int
    parent_id: int | None

    class Meta:
        table = "network_organization"
        ordering = ["name_folded", "id"]


class Member(Model):
    """A person in the Network. Phone, email and national ID are personal data."""

    id = fields.IntField(primary_key=True)
    full_name = fields.CharField(max_length=200)
    name_folded = fields.CharField(max_length=200, db_index=True)
    phone = fields.CharField(max_length=20, null=True, unique=True)
    email = fields.CharField(max_length=254, null=True, unique=True)
    national_id = fields.CharField(max_length=12, null=True, unique=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="members", on_delete=fields.RESTRICT
    )
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="members", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    position = fields.CharField(max_length=200, default="")
    it_qualification = fields.IntEnumField(ITQualification, default=ITQualification.NONE)
    # Network roles as ",FOCAL_POINT,EXPERT," so "has role" is a portable LIKE.
    roles = fields.CharField(max_length=255, default=",")
    joined_on = fields.DateField(null=True)
    left_on = fields.DateField(null=True)
    status = fields.CharEnumField(MemberStatus, max_length=16, default=MemberStatus.ACTIVE)
    # How many core national platforms this member has access to; kept up to date when
    # adoption is recorded, so the adoption KPI is one scan of this table.
    core_platforms = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    organization_id: int
    admin_unit_id: int

    class Meta:
        table = "network_member"
        ordering = ["name_folded", "id"]
        # From an organisation to its members (migration 0023, decision 0041).
        indexes = (("organization_id",),)

    @property
    def role_list(self) -> list[NetworkRole]:
        return decode_roles(self.roles)


def decode_roles(roles: str) -> list[NetworkRole]:
    """The stored ``,ROLE,ROLE,`` column as roles."""
    return [NetworkRole(r) for r in roles.strip(",").split(",") if r]


class MemberCount(Model):
    """How many members share a unit path and a status: what ``totalCount`` of an
    unfiltered member list sums instead of counting the members.

    Database triggers on ``network_member`` keep it (migration 0020): every insert,
    delete and change of ``unit_path`` or ``status`` adjusts it in the same transaction,
    whatever wrote the row (services, imports, bulk inserts, raw SQL). A row may hold 0.
    See docs/decisions/0034-maintained-member-counts.md.
    """

    id = fields.IntField(primary_key=True)
    unit_path = fields.CharField(max_length=512)
    status = fields.CharEnumField(MemberStatus, max_length=16)
    n = fields.IntField(default=0)

    class Meta:
        table = "network_member_count"
        unique_together = (("unit_path", "status"),)


class MemberTally(Model):
    """Members per admin unit, unit path, status, number of core platforms used and
    whether they hold a network role: what the KPI dashboard sums (migration 0021,
    decision 0037). Kept by triggers on ``network_member`` like ``MemberCount``."""

    id = fields.IntField(primary_key=True)
    admin_unit_id = fields.IntField()
    unit_path = fields.CharField(max_length=512)
    status = fields.CharEnumField(MemberStatus, max_length=16)
    core_platforms = fields.SmallIntField()
    role_holder = fields.SmallIntField()
    n = fields.IntField(default=0)

    class Meta:
        table = "network_member_tally"
        unique_together = (
            ("admin_unit_id", "unit_path", "status", "core_platforms", "role_holder"),
        )


class OrganizationTally(Model):
    """Organisations per admin unit, unit path, kind and whether active (migration 0021),
    kept by triggers on ``network_organization``."""

    id = fields.IntField(primary_key=True)
    admin_unit_id = fields.IntField()
    unit_path = fields.CharField(max_length=512)
    kind = fields.CharEnumField(OrganizationKind, max_length=32)
    is_active = fields.BooleanField()
    n = fields.IntField(default=0)

    class Meta:
        table = "network_organization_tally"
        unique_together = (("admin_unit_id", "unit_path", "kind", "is_active"),)


class MemberFacetTally(Model):
    """Members per unit path, status, organisation kind and IT qualification: what a
    member list filtered by organisation kind or qualification counts with (migration
    0023, decision 0041). Kept by triggers on ``network_member`` and on a change of an
    organisation's kind, like ``MemberCount``."""

    id = fields.IntField(primary_key=True)
    unit_path = fields.CharField(max_length=512)
    status = fields.CharEnumField(MemberStatus, max_length=16)
    organization_kind = fields.CharEnumField(OrganizationKind, max_length=32)
    it_qualification = fields.SmallIntField()
    n = fields.IntField(default=0)

    class Meta:
        table = "network_member_facet_tally"
        unique_together = (("unit_path", "status", "organization_kind", "it_qualification"),)


class FocalPointDesignation(Model):
    """A focal point (cán bộ đầu mối) of an organisation, with ``ended_on`` set when replaced."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="focal_points", on_delete=fields.CASCADE
    )
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="focal_point_of", on_delete=fields.CASCADE
    )
    designated_on = fields.DateField()
    ended_on = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    organization_id: int
    member_id: int

    class Meta:
        table = "network_focal_point"


class Platform(Model):
    """A nationally unified digital platform members are expected to use."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=40, unique=True)
    name = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200)
    url = fields.CharField(max_length=255, default="")
    is_core = fields.BooleanField(default=True)
    sort_order = fields.SmallIntField(default=0)

    class Meta:
        table = "network_platform"
        ordering = ["sort_order", "code"]


class PlatformAdoption(Model):
    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="adoptions", on_delete=fields.CASCADE
    )
    platform: fields.ForeignKeyRelation[Platform] = fields.ForeignKeyField(
        "dxnet.Platform", related_name="adoptions", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(AdoptionStatus, max_length=16)
    since = fields.DateField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    member_id: int
    platform_id: int

    class Meta:
        table = "network_platform_adoption"
        unique_together = (("member", "platform"),)
        # From a platform to its adopters (migration 0023, decision 0041).
        indexes = (("platform_id", "member_id"),)


class AdoptionTally(Model):
    """Platform adoptions per unit path and status of the member, platform and adoption
    status (migration 0021); kept by triggers on ``network_platform_adoption`` and on
    ``network_member`` (a member moving or leaving takes its adoptions along)."""

    id = fields.IntField(primary_key=True)
    unit_path = fields.CharField(max_length=512)
    member_status = fields.CharEnumField(MemberStatus, max_length=16)
    platform_id = fields.IntField()
    status = fields.CharEnumField(AdoptionStatus, max_length=16)
    n = fields.IntField(default=0)

    class Meta:
        table = "network_adoption_tally"
        unique_together = (("unit_path", "member_status", "platform_id", "status"),)
