from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0005_surveys')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='SurveyAnswer',
            name=None,
            fields=['survey_id', 'question_key', 'value_text', 'value_number', 'unit_path'],
        ),
        ops.RemoveIndex(
            model_name='SurveyAnswer',
            name=None,
            fields=['survey_id', 'question_key', 'value_number', 'unit_path'],
        ),
        ops.AddIndex(
            model_name='SurveyAnswer',
            index=Index(fields=['survey_id', 'question_key', 'unit_path', 'value_text', 'value_number']),
        ),
        ops.AddIndex(
            model_name='SurveyResponse',
            index=Index(fields=['survey_id', 'unit_path']),
        ),
    ]
