"""Per-request DataLoaders, one small class per relation, named ``<Thing>By<Key>Loader``."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from network.models import AdminUnit


class AdminUnitByIdLoader(DataLoader[int, AdminUnit | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(ids: Sequence[int]) -> list[AdminUnit | None]:
        rows = {u.id: u for u in await AdminUnit.filter(id__in=list(ids))}
        return [rows.get(i) for i in ids]


class Loaders:
    """Built fresh for every request in the context getter."""

    def __init__(self) -> None:
        self.admin_unit_by_id = AdminUnitByIdLoader()
