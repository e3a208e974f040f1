"""Survey media answers (decision 0038) include Word and Excel files, whose media types
("application/vnd.openxmlformats-officedocument.wordprocessingml.document", 71
characters) do not fit the photos' 40: ``survey_photo.content_type`` grows to 100.

On PostgreSQL one ``ALTER COLUMN … TYPE`` (the unique key stays); on SQLite nothing is
run: it never enforces a VARCHAR length, and Tortoise's generic AlterField would
rebuild the table, dropping the photos' unique key (as in 0013)."""

from typing import Any

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class WidenContentType(ops.AlterField):
    """AlterField's state; in the database only PostgreSQL's in-place type change."""

    def __init__(self, length: int) -> None:
        super().__init__("SurveyPhoto", "content_type", fields.CharField(max_length=length))
        self.length = length

    async def _widen(self, state_editor: Any, length: int) -> None:
        if state_editor is None or state_editor.client.capabilities.dialect != "postgres":
            return
        await state_editor.client.execute_script(
            f'ALTER TABLE "survey_photo" ALTER COLUMN "content_type" TYPE VARCHAR({length})'
        )

    async def database_forward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        await self._widen(state_editor, self.length)

    async def database_backward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        await self._widen(state_editor, 40)


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0021_kpi_tallies")]

    initial = False

    operations = [WidenContentType(100)]
