from __future__ import annotations

from collections import Counter

import pytest

from network.models import AdminUnit, AdminUnitKind
from network.seed import seed_province


async def test_seed_loads_the_real_ca_mau_tree(db: str) -> None:
    report = await seed_province(96)

    root = await AdminUnit.get(code="96")
    children = await AdminUnit.filter(parent_id=root.id)
    assert (report.province, report.created, report.updated) == ("Tỉnh Cà Mau", 65, 0)
    assert (root.name, root.kind, root.level, root.path) == (
        "Tỉnh Cà Mau",
        AdminUnitKind.PROVINCE,
        1,
        "/96/",
    )
    assert Counter(u.kind for u in children) == {AdminUnitKind.COMMUNE: 55, AdminUnitKind.WARD: 9}
    an_xuyen = await AdminUnit.get(code="32002")
    assert (an_xuyen.name, an_xuyen.name_folded, an_xuyen.path, an_xuyen.level) == (
        "Phường An Xuyên",
        "phuong an xuyen",
        "/96/32002/",
        2,
    )
    assert all(u.path == f"/96/{u.code}/" for u in children)


async def test_seed_is_idempotent_and_repairs_names(db: str) -> None:
    await seed_province(96)
    await AdminUnit.filter(code="32002").update(name="Tên cũ")

    report = await seed_province(96)

    assert (report.created, report.updated) == (0, 1)
    assert await AdminUnit.all().count() == 65
    assert (await AdminUnit.get(code="32002")).name == "Phường An Xuyên"


async def test_seed_refuses_an_unknown_province(db: str) -> None:
    with pytest.raises(ValueError, match="Unknown province code 3"):
        await seed_province(3)
