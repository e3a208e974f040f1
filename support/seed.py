"""The default expertise tags (migration 0014 inserts the same list; this puts them back
in a database emptied by tests or by hand). Safe to run again."""

from __future__ import annotations

from support.models import ExpertiseTag

DEFAULT_TAGS: tuple[str, ...] = (
    "VNeID",
    "Dịch vụ công trực tuyến",
    "Thanh toán không dùng tiền mặt",
    "An toàn thông tin",
    "Hạ tầng mạng",
    "Dữ liệu",
    "Đào tạo kỹ năng số",
    "Chữ ký số",
    "Thương mại điện tử",
)


async def seed_tags() -> dict[str, ExpertiseTag]:
    """Every default tag, by name (created when missing)."""
    found = {t.name: t for t in await ExpertiseTag.filter(name__in=DEFAULT_TAGS)}
    for name in DEFAULT_TAGS:
        if name not in found:
            found[name] = await ExpertiseTag.create(name=name)
    return found
