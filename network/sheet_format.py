"""The registry's spreadsheet format, shared by imports, exports and the templates.

Headers and choice labels are part of the file format (like a CSV dialect), not
messages: templates and exports always use the Vietnamese headers and labels below, and
imports also accept the English field names and the enum names
(``PEOPLES_COMMITTEE``, ``IT_BACHELOR``, ``EXPERT``), case- and diacritic-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Generic, TypeVar

from core.errors import DomainError
from network.models import AdminUnitKind, ITQualification, NetworkRole, OrganizationKind
from network.spreadsheets import Column, match_key

E = TypeVar("E", bound=Enum)

ORGANIZATION_NAME = Column("organization_name", "Tên tổ chức", True, ("Tổ chức", "Đơn vị công tác"))
ADMIN_UNIT_CODE = Column(
    "admin_unit_code", "Mã đơn vị hành chính", True, ("Mã ĐVHC", "Mã xã/phường", "Mã xã")
)

# The record's id, written by the exports: a row carrying one updates that record.
MEMBER_ID = Column("id", "Mã thành viên", aliases=("ID", "Mã số thành viên"))
ORGANIZATION_ID = Column("id", "Mã tổ chức", aliases=("ID", "Mã số tổ chức"))

MEMBER_COLUMNS = (
    MEMBER_ID,
    Column("full_name", "Họ và tên", True, ("Họ tên",)),
    ORGANIZATION_NAME,
    ADMIN_UNIT_CODE,
    Column("position", "Chức vụ"),
    Column("phone", "Số điện thoại", aliases=("Điện thoại", "SĐT")),
    Column("email", "Email", aliases=("Thư điện tử",)),
    Column("national_id", "Số định danh cá nhân", aliases=("Số CCCD", "CCCD", "Căn cước")),
    Column("it_qualification", "Trình độ CNTT", aliases=("Trình độ công nghệ thông tin",)),
    Column("roles", "Vai trò trong mạng lưới", aliases=("Vai trò",)),
    Column("joined_on", "Ngày tham gia"),
)

ORGANIZATION_COLUMNS = (
    ORGANIZATION_ID,
    Column("name", ORGANIZATION_NAME.header, True, ORGANIZATION_NAME.aliases),
    Column("kind", "Loại tổ chức", True, ("Loại hình",)),
    ADMIN_UNIT_CODE,
    Column("contact_phone", "Số điện thoại liên hệ", aliases=("Số điện thoại", "Điện thoại")),
    Column("contact_email", "Email liên hệ", aliases=("Email",)),
    Column("address", "Địa chỉ"),
)

ADMIN_UNIT_COLUMNS = (
    Column("parent_code", "Mã xã/phường", True, ("Mã đơn vị cấp xã", "Mã đơn vị cha")),
    Column("code", "Mã ấp/khóm", True, ("Mã thôn/tổ dân phố", "Mã")),
    Column("name", "Tên ấp/khóm", True, ("Tên thôn/tổ dân phố", "Tên")),
    Column("kind", "Loại", True, ("Loại đơn vị",)),
)


class Choices(Generic[E]):
    """An enum read from its name or any of its labels; written as its first label."""

    def __init__(self, labels: Mapping[E, Sequence[str]]) -> None:
        self._labels = labels
        self._values = {
            match_key(text): value
            for value, texts in labels.items()
            for text in (value.name, *texts)
        }

    def parse(self, text: str) -> E | None:
        return self._values.get(match_key(text))

    def label(self, value: E) -> str:
        return self._labels[value][0]

    @property
    def values(self) -> list[E]:
        return list(self._labels)


ORGANIZATION_KINDS: Choices[OrganizationKind] = Choices(
    {
        OrganizationKind.PROVINCIAL_DEPARTMENT: ("Sở, ban, ngành", "Sở", "Ban", "Ngành"),
        OrganizationKind.MASS_ORGANIZATION: (
            "Tổ chức chính trị - xã hội",
            "Mặt trận, đoàn thể",
            "Đoàn thể",
        ),
        OrganizationKind.PEOPLES_COMMITTEE: ("Ủy ban nhân dân", "UBND"),
        OrganizationKind.PUBLIC_SERVICE_UNIT: ("Đơn vị sự nghiệp công lập", "Đơn vị sự nghiệp"),
        OrganizationKind.ENTERPRISE: ("Doanh nghiệp",),
        OrganizationKind.TELECOM_POSTAL: ("Viễn thông, bưu chính", "Viễn thông", "Bưu chính"),
        OrganizationKind.BANK: ("Ngân hàng",),
        OrganizationKind.BUSINESS_ASSOCIATION: ("Hiệp hội doanh nghiệp", "Hiệp hội"),
        OrganizationKind.COMMUNITY_TECH_TEAM: ("Tổ công nghệ số cộng đồng", "Tổ CNSCĐ"),
        OrganizationKind.OTHER: ("Khác",),
    }
)

IT_QUALIFICATIONS: Choices[ITQualification] = Choices(
    {
        ITQualification.NONE: ("Không", "0"),
        ITQualification.BASIC_DIGITAL_SKILLS: ("Kỹ năng số cơ bản", "1"),
        ITQualification.IT_CERTIFICATE: ("Chứng chỉ ứng dụng CNTT", "2"),
        ITQualification.IT_VOCATIONAL: ("Trung cấp CNTT", "3"),
        ITQualification.IT_COLLEGE: ("Cao đẳng CNTT", "4"),
        ITQualification.IT_BACHELOR: ("Đại học CNTT", "5"),
        ITQualification.IT_POSTGRADUATE: ("Sau đại học CNTT", "Thạc sĩ CNTT", "Tiến sĩ CNTT", "6"),
    }
)

NETWORK_ROLES: Choices[NetworkRole] = Choices(
    {
        NetworkRole.FOCAL_POINT: ("Cán bộ đầu mối", "Đầu mối"),
        NetworkRole.TECH_TEAM_LEADER: ("Tổ trưởng tổ công nghệ số", "Tổ trưởng"),
        NetworkRole.TECH_TEAM_DEPUTY: ("Tổ phó tổ công nghệ số", "Tổ phó"),
        NetworkRole.TECH_TEAM_MEMBER: ("Thành viên tổ công nghệ số", "Tổ viên"),
        NetworkRole.EXPERT: ("Chuyên gia",),
        NetworkRole.TRAINER: ("Giảng viên", "Báo cáo viên"),
        NetworkRole.MEMBER: ("Thành viên",),
    }
)

# Units below a commune: rural ấp/thôn/bản/buôn/sóc; urban khóm/tổ dân phố/khu phố.
CHILD_UNIT_KINDS: Choices[AdminUnitKind] = Choices(
    {
        AdminUnitKind.HAMLET: ("Ấp", "Thôn", "Bản", "Buôn", "Sóc", "Làng"),
        AdminUnitKind.RESIDENTIAL_GROUP: ("Khóm", "Tổ dân phố", "Khu phố"),
    }
)

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")


def parse_date(text: str) -> date:
    """'15/03/2025' (day first, as written in Vietnam) or '2025-03-15'."""
    day_first = _DAY_FIRST.match(text)
    iso = _ISO.match(text)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            return date(year, month, day)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise DomainError("INVALID_DATE")


def parse_roles(text: str) -> list[NetworkRole]:
    """Roles separated by commas or semicolons, by name or label."""
    roles: list[NetworkRole] = []
    for part in re.split(r"[,;]", text):
        if not part.strip():
            continue
        role = NETWORK_ROLES.parse(part)
        if role is None:
            raise DomainError("INVALID_CHOICE", value=part.strip())
        roles.append(role)
    return roles


def format_roles(roles: Sequence[NetworkRole]) -> str:
    return ", ".join(NETWORK_ROLES.label(role) for role in roles)
