from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0006_survey_answer_index")]

    initial = False

    operations = [
        ops.CreateModel(
            name="SurveyAnswerCount",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "survey",
                    fields.ForeignKeyField(
                        "dxnet.Survey",
                        source_field="survey_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="answer_counts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("unit_path", fields.CharField(max_length=512)),
                ("question_key", fields.CharField(max_length=40)),
                ("value_text", fields.TextField(null=True, unique=False)),
                ("value_number", fields.FloatField(null=True)),
                ("n", fields.IntField()),
            ],
            options={
                "table": "survey_answer_count",
                "app": "dxnet",
                "indexes": [
                    Index(
                        fields=[
                            "survey_id",
                            "question_key",
                            "unit_path",
                            "value_text",
                            "value_number",
                            "n",
                        ]
                    )
                ],
                "pk_attr": "id",
                "table_description": "How many answer rows of one sync call share a unit path, question, text and number.",
            },
            bases=["Model"],
        ),
        ops.RunSQL(
            'INSERT INTO "survey_answer_count" '
            '("survey_id", "unit_path", "question_key", "value_text", "value_number", "n") '
            'SELECT "survey_id", "unit_path", "question_key", "value_text", "value_number", COUNT(*) '
            'FROM "survey_answer" '
            'GROUP BY "survey_id", "unit_path", "question_key", "value_text", "value_number"',
            reverse_sql='DELETE FROM "survey_answer_count"',
        ),
        ops.RemoveIndex(
            model_name="SurveyAnswer",
            name=None,
            fields=["survey_id", "question_key", "unit_path", "value_text", "value_number"],
        ),
        ops.AddIndex(
            model_name="SurveyAnswer",
            index=Index(fields=["survey_id", "question_key", "unit_path"]),
        ),
    ]
