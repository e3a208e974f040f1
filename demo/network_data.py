"""What the demo Network is drawn from: names, people, organisations and positions.

Kept apart from ``demo.network`` so the generator there reads as logic, not as tables.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from core.text import fold
from network.models import ITQualification, NetworkRole, OrganizationKind

Q = ITQualification
JOINED = (date(2024, 1, 15), date(2025, 11, 20))  # when demo members joined

# Surnames with rough weights (per cent of the population; the south's Huỳnh and Võ
# rather than Hoàng and Vũ, and a few Khmer surnames common in Cà Mau and Bạc Liêu).
SURNAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 36.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 6.5),
    ("Huỳnh", 5.0),
    ("Võ", 4.5),
    ("Phan", 4.5),
    ("Trương", 2.0),
    ("Đặng", 2.0),
    ("Bùi", 1.8),
    ("Đỗ", 1.4),
    ("Hồ", 1.4),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.8),
    ("Lâm", 0.8),
    ("Châu", 0.6),
    ("Mai", 0.6),
    ("Tô", 0.5),
    ("Quách", 0.5),
    ("Cao", 0.5),
    ("Đinh", 0.4),
    ("Danh", 0.6),
    ("Thạch", 0.5),
)

MIDDLE_MALE = ("Văn", "Văn", "Văn", "Minh", "Thanh", "Hoàng", "Quốc", "Hữu", "Tấn", "Chí", "Công")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Hồng", "Bích")
# A second middle name some women carry ("Trần Thị Thu Hà").
MIDDLE_FEMALE_SECOND = ("Thu", "Ngọc", "Kim", "Mỹ", "Thanh", "Bích", "Hồng", "Diễm")

GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Duy", "Hải", "Hậu", "Hiếu", "Hùng", "Huy", "Khang",
    "Khánh", "Kiệt", "Long", "Lộc", "Lợi", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong",
    "Phúc", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thiện", "Tính", "Toàn",
    "Trí", "Trung", "Tuấn", "Việt", "Vinh", "Vũ", "Em",
)  # fmt: skip
GIVEN_FEMALE = (
    "Anh", "Bích", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hoa",
    "Hương", "Huyền", "Lan", "Linh", "Loan", "Mai", "My", "Ngân", "Nhi", "Nhung", "Oanh",
    "Phương", "Quyên", "Thảo", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến",
    "Xuân", "Kiều",
)  # fmt: skip

# Mobile prefixes of the three large networks (09x, 03x, 08x); seven digits follow.
PHONE_PREFIXES = (
    "090", "091", "093", "094", "096", "097", "098",
    "032", "033", "034", "035", "036", "037", "038", "039",
    "081", "082", "083", "084", "085", "086", "088", "089",
)  # fmt: skip


@dataclass(frozen=True)
class OrgSpec:
    """A province-level organisation of the demo, with who works there."""

    name: str
    kind: OrganizationKind
    deputy: str  # the deputy head's title, the first staff position
    staff: tuple[str, ...]  # positions the rest of the staff are drawn from
    size: tuple[int, int] = (3, 8)
    role: NetworkRole = NetworkRole.MEMBER
    focal_point: bool = True
    # Relative weights of NONE .. IT_POSTGRADUATE for this organisation's staff.
    qualifications: tuple[float, ...] = (0, 1, 3, 1.5, 1.5, 3, 0.5)
    email_domain: str | None = None  # "{province}.gov.vn" when None and government


_SO = ("Chánh Văn phòng Sở", "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Chuyên viên")
_MASS = ("Chánh Văn phòng", "Trưởng ban", "Chuyên viên", "Chuyên viên")
_TELECOM = (
    "Kỹ sư giải pháp chuyển đổi số",
    "Chuyên viên kỹ thuật",
    "Chuyên viên kinh doanh dịch vụ số",
    "Kỹ sư an toàn thông tin",
    "Chuyên viên chăm sóc khách hàng doanh nghiệp",
)
_TELECOM_Q = (0, 0, 0.5, 1, 2, 4, 1)


def province_organizations(province: str) -> tuple[OrgSpec, ...]:
    """Departments, boards and partners at the province (``province``: "Cà Mau").

    The departments are those every province has after the 2025 reorganisation
    (Decree 45/2025/NĐ-CP); mass organisations now sit under the Fatherland Front.
    """
    dept = OrganizationKind.PROVINCIAL_DEPARTMENT
    mass = OrganizationKind.MASS_ORGANIZATION
    telecom = OrganizationKind.TELECOM_POSTAL
    specs = [
        OrgSpec("Văn phòng UBND tỉnh", dept, "Phó Chánh Văn phòng", ("Trưởng phòng", "Chuyên viên", "Chuyên viên")),
        OrgSpec("Văn phòng Đoàn ĐBQH và HĐND tỉnh", dept, "Phó Chánh Văn phòng", ("Trưởng phòng", "Chuyên viên")),
        OrgSpec("Sở Nội vụ", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Tư pháp", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Tài chính", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Công Thương", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Nông nghiệp và Môi trường", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Xây dựng", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec(
            "Sở Khoa học và Công nghệ", dept, "Phó Giám đốc Sở",
            ("Trưởng phòng Chuyển đổi số", "Chuyên viên Phòng Chuyển đổi số", "Chuyên viên Trung tâm Công nghệ thông tin", "Chánh Văn phòng Sở"),
            qualifications=(0, 0, 1, 1, 2, 5, 2),
        ),
        OrgSpec("Sở Giáo dục và Đào tạo", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Y tế", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Sở Văn hóa, Thể thao và Du lịch", dept, "Phó Giám đốc Sở", _SO),
        OrgSpec("Thanh tra tỉnh", dept, "Phó Chánh Thanh tra", ("Trưởng phòng", "Thanh tra viên", "Chuyên viên")),
        OrgSpec("Ban Quản lý Khu kinh tế tỉnh", dept, "Phó Trưởng ban", ("Trưởng phòng", "Chuyên viên")),
        OrgSpec(
            f"Công an tỉnh {province}", OrganizationKind.OTHER, "Phó Giám đốc Công an tỉnh",
            ("Cán bộ Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Cán bộ Phòng An ninh mạng"),
        ),
        OrgSpec(f"Ủy ban MTTQ Việt Nam tỉnh {province}", mass, "Phó Chủ tịch", _MASS, qualifications=(1, 3, 3, 1, 1, 2, 0)),
        OrgSpec(f"Tỉnh Đoàn {province}", mass, "Phó Bí thư Tỉnh Đoàn", ("Chánh Văn phòng", "Chuyên viên Ban Phong trào", "Chuyên viên"), qualifications=(0, 2, 3, 1, 1, 3, 0)),
        OrgSpec(f"Hội Liên hiệp Phụ nữ tỉnh {province}", mass, "Phó Chủ tịch", _MASS, qualifications=(1, 3, 3, 1, 1, 2, 0)),
        OrgSpec(f"Hội Nông dân tỉnh {province}", mass, "Phó Chủ tịch", _MASS, qualifications=(1, 3, 3, 1, 1, 1, 0)),
        OrgSpec(f"Hội Cựu chiến binh tỉnh {province}", mass, "Phó Chủ tịch", _MASS, qualifications=(2, 3, 2, 1, 0, 1, 0)),
        OrgSpec(f"Liên đoàn Lao động tỉnh {province}", mass, "Phó Chủ tịch", _MASS, qualifications=(1, 3, 3, 1, 1, 2, 0)),
        OrgSpec(f"VNPT {province}", telecom, "Phó Giám đốc", _TELECOM, (3, 6), NetworkRole.EXPERT, False, _TELECOM_Q, ""),
        OrgSpec(f"Viettel {province}", telecom, "Phó Giám đốc", _TELECOM, (3, 6), NetworkRole.EXPERT, False, _TELECOM_Q, ""),
        OrgSpec(f"MobiFone {province}", telecom, "Phó Giám đốc", _TELECOM, (3, 5), NetworkRole.EXPERT, False, _TELECOM_Q, ""),
        OrgSpec(
            f"Bưu điện tỉnh {province}", telecom, "Phó Giám đốc",
            ("Chuyên viên dịch vụ hành chính công", "Chuyên viên thương mại điện tử", "Chuyên viên kỹ thuật"),
            (3, 5), NetworkRole.EXPERT, False, (0, 1, 2, 2, 2, 3, 0), "",
        ),
        OrgSpec(
            f"Ngân hàng Nhà nước chi nhánh tỉnh {province}", OrganizationKind.BANK, "Phó Giám đốc",
            ("Trưởng phòng Thanh toán", "Chuyên viên thanh toán không dùng tiền mặt", "Chuyên viên"),
            (3, 5), NetworkRole.EXPERT, False, (0, 0, 2, 0, 1, 4, 1), "",
        ),
        OrgSpec(
            f"Hiệp hội Doanh nghiệp tỉnh {province}", OrganizationKind.BUSINESS_ASSOCIATION, "Phó Chủ tịch Hiệp hội",
            ("Tổng Thư ký", "Giám đốc công ty phần mềm", "Giám đốc công ty thương mại điện tử", "Chủ doanh nghiệp"),
            (3, 6), NetworkRole.EXPERT, False, (1, 2, 2, 1, 1, 3, 0), "",
        ),
    ]  # fmt: skip
    return tuple(specs)


# Staff of a commune's People's Committee under the two-tier structure (2025): the
# first position is the focal point for digital transformation, the second a deputy chair.
PC_FOCAL_POSITION = "Chuyên viên Phòng Văn hóa - Xã hội (phụ trách chuyển đổi số)"
PC_STAFF = (
    "Chuyên viên Văn phòng HĐND và UBND",
    "Chuyên viên Phòng Văn hóa - Xã hội",
    "Viên chức Trung tâm Phục vụ hành chính công",
    "Chuyên viên Phòng Kinh tế",
)
PC_STAFF_WARD = (
    "Chuyên viên Văn phòng HĐND và UBND",
    "Chuyên viên Phòng Văn hóa - Xã hội",
    "Viên chức Trung tâm Phục vụ hành chính công",
    "Chuyên viên Phòng Kinh tế, Hạ tầng và Đô thị",
)
PC_DEPUTY = "Phó Chủ tịch UBND"
PC_STAFF_Q = (0, 2, 4, 1, 1, 1.5, 0)
PC_FOCAL_QUALIFIED = (Q.IT_VOCATIONAL, Q.IT_COLLEGE, Q.IT_COLLEGE, Q.IT_BACHELOR, Q.IT_BACHELOR)
PC_FOCAL_UNQUALIFIED = (Q.BASIC_DIGITAL_SKILLS, Q.IT_CERTIFICATE, Q.IT_CERTIFICATE)


@dataclass(frozen=True)
class TeamSeat:
    """A place on a Community Digital Technology Team and who usually fills it."""

    position: str  # "{hamlet}" is replaced by "ấp" or "khóm"
    female_share: float
    qualifications: tuple[float, ...]
    repeatable: bool = False


TEAM_LEADER = TeamSeat("Trưởng {hamlet}", 0.25, (2, 5, 2, 0.3, 0, 0, 0))
TEAM_DEPUTY = TeamSeat("Bí thư Đoàn", 0.5, (0, 3, 4, 1, 1, 1, 0))
TEAM_SEATS = (
    TeamSeat("Công an {hamlet}", 0.1, (1, 4, 3, 0.5, 0.5, 0.5, 0)),
    TeamSeat("Chi hội trưởng Hội Phụ nữ", 1.0, (3, 5, 1, 0, 0, 0, 0)),
    TeamSeat("Chi hội trưởng Hội Nông dân", 0.2, (4, 4, 0.5, 0, 0, 0, 0)),
    TeamSeat("Chi hội trưởng Hội Cựu chiến binh", 0.05, (5, 3, 0.5, 0, 0, 0, 0)),
    TeamSeat("Trưởng Ban công tác Mặt trận", 0.3, (3, 4, 1, 0, 0, 0, 0)),
    TeamSeat("Nhân viên Viettel", 0.3, (0, 0, 1, 3, 3, 2, 0)),
    TeamSeat("Nhân viên VNPT", 0.3, (0, 0, 1, 3, 3, 2, 0)),
    TeamSeat("Nhân viên Bưu điện", 0.5, (0, 2, 3, 1, 1, 0.5, 0)),
    TeamSeat("Chủ cửa hàng điện thoại", 0.3, (0, 1, 3, 3, 1, 0.5, 0)),
    TeamSeat("Giáo viên", 0.7, (0, 1, 4, 0.5, 1, 2, 0)),
    TeamSeat("Đoàn viên thanh niên", 0.5, (0, 3, 4, 1, 1, 0.5, 0), repeatable=True),
)


@dataclass
class DemoPerson:
    """Someone the demo will insert, with what the generator decided about them."""

    full_name: str
    position: str
    qualification: ITQualification
    roles: list[str]
    phone: str
    email: str | None
    joined_on: date
    all_core_share: float
    focal_point: bool = False


class People:
    """Invents Vietnamese people with unique phones and e-mail addresses."""

    def __init__(self, rng: random.Random, phones: set[str], emails: set[str]) -> None:
        self.rng = rng
        self.phones = phones
        self.emails = emails
        names, weights = zip(*SURNAMES, strict=True)
        self.surnames: tuple[str, ...] = names
        self.surname_weights: tuple[float, ...] = weights

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def name(self, female: bool) -> str:
        rng = self.rng
        surname = rng.choices(self.surnames, self.surname_weights)[0]
        if female:
            middle = rng.choice(MIDDLE_FEMALE)
            if middle == "Thị" and rng.random() < 0.3:
                middle += " " + rng.choice(MIDDLE_FEMALE_SECOND)
            given = rng.choice(GIVEN_FEMALE)
        else:
            middle, given = rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE)
        return f"{surname} {middle} {given}"

    def phone(self) -> str:
        while True:
            number = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def email(self, full_name: str, domain: str) -> str:
        parts = fold(full_name).split()
        local = f"{parts[-1]}.{parts[0]}"
        candidate, n = f"{local}@{domain}", 1
        while candidate in self.emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self.emails.add(candidate)
        return candidate

    def qualification(self, weights: Sequence[float]) -> ITQualification:
        return self.rng.choices(list(ITQualification), weights)[0]

    def person(
        self,
        position: str,
        *,
        weights: Sequence[float],
        role: NetworkRole,
        all_core_share: float,
        female_share: float = 0.5,
        email_domain: str | None = None,
        joined_on: date | None = None,
        persona: tuple[str, str | None] | None = None,
    ) -> DemoPerson:
        full_name = self.name(self.rng.random() < female_share)
        if persona is not None:
            full_name, position = persona[0], persona[1] or position
        return DemoPerson(
            full_name=full_name,
            position=position,
            qualification=self.qualification(weights),
            roles=[role.value],
            phone=self.phone(),
            email=self.email(full_name, email_domain) if email_domain else None,
            joined_on=joined_on or self.day(*JOINED),
            all_core_share=all_core_share,
        )
