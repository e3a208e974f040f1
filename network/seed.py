"""Load a province and its communes/wards from the ``vietnam-provinces`` package.

The data follows the two-tier tree in force since 1 July 2025 (province -> commune,
ward, special zone). Re-running is safe: existing units are updated in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from core.text import fold
from network.models import AdminUnit, AdminUnitKind

TWO_TIER_SINCE = date(2025, 7, 1)

_KINDS = {
    VietNamDivisionType.TINH: AdminUnitKind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: AdminUnitKind.CENTRAL_CITY,
    VietNamDivisionType.XA: AdminUnitKind.COMMUNE,
    VietNamDivisionType.PHUONG: AdminUnitKind.WARD,
    VietNamDivisionType.DAC_KHU: AdminUnitKind.SPECIAL_ZONE,
}
_PROVINCE_PREFIX = {
    VietNamDivisionType.TINH: "Tỉnh",
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "Thành phố",
}


@dataclass(frozen=True)
class SeedReport:
    province: str
    created: int
    updated: int


def province_source(province_code: int) -> tuple[Province, list[Ward]]:
    try:
        province = Province.from_code(ProvinceCode(province_code))
    except ValueError:
        raise ValueError(f"Unknown province code {province_code}") from None
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: int(w.code))
    return province, wards


async def seed_province(province_code: int) -> SeedReport:
    """Insert or update the province and every commune-level unit below it."""
    province, wards = province_source(province_code)
    code = str(int(province.code))
    prefix = _PROVINCE_PREFIX.get(province.division_type, "")
    name = f"{prefix} {province.name}".strip()
    root = await AdminUnit.get_or_none(code=code)
    created = updated = 0
    if root is None:
        root = await AdminUnit.create(
            code=code,
            name=name,
            name_folded=fold(name),
            kind=_KINDS[province.division_type],
            level=1,
            path=f"/{code}/",
            valid_from=TWO_TIER_SINCE,
        )
        created += 1
    elif root.name != name:
        root.name = name
        await root.save()
        updated += 1

    existing = {u.code: u for u in await AdminUnit.filter(parent_id=root.id)}
    new_units = []
    for ward in wards:
        ward_code = str(int(ward.code))
        unit = existing.get(ward_code)
        if unit is None:
            new_units.append(
                AdminUnit(
                    code=ward_code,
                    name=ward.name,
                    name_folded=fold(ward.name),
                    kind=_KINDS[ward.division_type],
                    level=2,
                    parent_id=root.id,
                    path=f"{root.path}{ward_code}/",
                    valid_from=TWO_TIER_SINCE,
                )
            )
        elif unit.name != ward.name:
            unit.name = ward.name
            await unit.save()
            updated += 1
    if new_units:
        await AdminUnit.bulk_create(new_units)
        created += len(new_units)
    return SeedReport(province=name, created=created, updated=updated)


# The nationally unified platforms a commune's staff and residents are expected to use.
PLATFORMS = [
    (
        "VNEID",
        "Ứng dụng định danh điện tử quốc gia VNeID",
        "VNeID national electronic identity app",
        "https://vneid.gov.vn",
        True,
    ),
    (
        "DVCQG",
        "Cổng Dịch vụ công quốc gia",
        "National Public Service Portal",
        "https://dichvucong.gov.vn",
        True,
    ),
    (
        "TTHC_TINH",
        "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
        "Provincial administrative-procedure system",
        "",
        True,
    ),
    (
        "MOOCS",
        "Nền tảng học trực tuyến mở đại trà (MOOCs)",
        "Mass open online learning platform (MOOCs)",
        "https://onetouch.mic.gov.vn",
        True,
    ),
    (
        "BDHVS",
        "Nền tảng Bình dân học vụ số",
        '"Bình dân học vụ số" digital-literacy platform',
        "https://binhdanhocvuso.gov.vn",
        True,
    ),
    (
        "QLVB",
        "Hệ thống quản lý văn bản và điều hành",
        "Document management and executive system",
        "",
        False,
    ),
]


async def seed_platforms() -> int:
    """Insert or update the national platform catalogue; returns how many were created."""
    from network.models import Platform

    created = 0
    for order, (code, name, name_en, url, core) in enumerate(PLATFORMS):
        platform = await Platform.get_or_none(code=code)
        values: dict[str, Any] = {
            "name": name,
            "name_en": name_en,
            "url": url,
            "is_core": core,
            "sort_order": order,
        }
        if platform is None:
            await Platform.create(code=code, **values)
            created += 1
        else:
            await Platform.filter(id=platform.id).update(**values)
    return created
