"""Answer, count and photo rows name their question by key, and keys now follow XLSForm
(up to 100 characters, decision 0026), stored with "_other" for the text of an Other
answer: the columns grow from 40 to 128 characters. The old 40 was already short for a
40-character key's "_other" row on PostgreSQL.

On PostgreSQL one ``ALTER COLUMN … TYPE`` per table (indexes and constraints stay). On
SQLite nothing is run: it never enforces a VARCHAR length, and Tortoise's generic
AlterField rebuilds the table there, dropping its indexes (the counts index results
seek on) and the photos' unique key."""

from typing import Any

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

TABLES = {
    "SurveyAnswer": "survey_answer",
    "SurveyAnswerCount": "survey_answer_count",
    "SurveyPhoto": "survey_photo",
}


class WidenQuestionKey(ops.AlterField):
    """AlterField's state; in the database only PostgreSQL's in-place type change."""

    def __init__(self, model_name: str, length: int) -> None:
        super().__init__(model_name, "question_key", fields.CharField(max_length=length))
        self.length = length

    async def _widen(self, state_editor: Any, length: int) -> None:
        if state_editor is None or state_editor.client.capabilities.dialect != "postgres":
            return
        table = TABLES[self.model_name]
        await state_editor.client.execute_script(
            f'ALTER TABLE "{table}" ALTER COLUMN "question_key" TYPE VARCHAR({length})'
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
    dependencies = [("dxnet", "0012_initiative_client_id")]

    initial = False

    operations = [WidenQuestionKey(model, 128) for model in TABLES]
