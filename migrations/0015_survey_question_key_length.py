"""Answer, count and photo rows name their question by key, and keys now follow XLSForm
(up to 100 characters, decision 0026), stored with "_other" for the text of an Other
answer: the columns grow from 40 to 128 characters. The old 40 was already short for a
40-character key's "_other" row on PostgreSQL."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0012_initiative_client_id")]

    initial = False

    operations = [
        ops.AlterField(
            model_name="SurveyAnswer",
            name="question_key",
            field=fields.CharField(max_length=128),
        ),
        ops.AlterField(
            model_name="SurveyAnswerCount",
            name="question_key",
            field=fields.CharField(max_length=128),
        ),
        ops.AlterField(
            model_name="SurveyPhoto",
            name="question_key",
            field=fields.CharField(max_length=128),
        ),
    ]
