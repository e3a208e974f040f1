"""The administrative tree as data: any depth, units merged or retired with history."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from network.text import fold


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
