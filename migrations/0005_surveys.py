from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from surveys.models import SurveyStatus
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0004_activities')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Survey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=255)),
                ('description', fields.TextField(default='', unique=False)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='surveys', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('organization_kinds', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('network_roles', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('is_public', fields.BooleanField(default=False)),
                ('status', fields.CharEnumField(default=SurveyStatus.DRAFT, description='DRAFT: DRAFT\nPUBLISHED: PUBLISHED\nCLOSED: CLOSED\nARCHIVED: ARCHIVED', enum_type=SurveyStatus, max_length=16)),
                ('opens_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closes_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('definition', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('current_version', fields.IntField(default=0)),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'survey', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A survey of the subtree of an admin unit. ``definition`` is the editable draft, frozen'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=64)),
                ('survey', fields.ForeignKeyField('dxnet.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='responses', on_delete=OnDelete.CASCADE)),
                ('version', fields.IntField()),
                ('content_hash', fields.CharField(max_length=64)),
                ('sync_batch', fields.CharField(max_length=32)),
                ('collected_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('device_id', fields.CharField(default='', max_length=64)),
                ('public_device', fields.CharField(null=True, max_length=64)),
                ('latitude', fields.FloatField(null=True)),
                ('longitude', fields.FloatField(null=True)),
                ('accuracy', fields.FloatField(null=True)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='survey_responses', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('answers', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('photos_expected', fields.SmallIntField(default=0)),
                ('photos_received', fields.SmallIntField(default=0)),
                ('recorded_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'survey_response', 'app': 'dxnet', 'unique_together': (('survey', 'public_device'),), 'pk_attr': 'id', 'table_description': 'One response, stored once per client id (the unique key decides, never a check).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyAnswer',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('response', fields.ForeignKeyField('dxnet.SurveyResponse', source_field='response_id', db_constraint=True, to_field='id', related_name='answer_rows', on_delete=OnDelete.CASCADE)),
                ('survey_id', fields.IntField()),
                ('unit_path', fields.CharField(max_length=512)),
                ('question_key', fields.CharField(max_length=40)),
                ('value_text', fields.TextField(null=True, unique=False)),
                ('value_number', fields.FloatField(null=True)),
            ],
            options={'table': 'survey_answer', 'app': 'dxnet', 'indexes': [Index(fields=['survey_id', 'question_key', 'value_text', 'value_number', 'unit_path']), Index(fields=['survey_id', 'question_key', 'value_number', 'unit_path'])], 'pk_attr': 'id', 'table_description': 'One answer (or one selected option) of a response, typed into text or number.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyPhoto',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('response', fields.ForeignKeyField('dxnet.SurveyResponse', source_field='response_id', db_constraint=True, to_field='id', related_name='photos', on_delete=OnDelete.CASCADE)),
                ('question_key', fields.CharField(max_length=40)),
                ('sha256', fields.CharField(max_length=64)),
                ('content_type', fields.CharField(max_length=40)),
                ('size', fields.IntField()),
                ('data', fields.BinaryField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'survey_photo', 'app': 'dxnet', 'unique_together': (('response', 'question_key', 'sha256'),), 'pk_attr': 'id', 'table_description': 'A photo answer, keyed by (response, question, SHA-256) so a re-send is harmless.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('dxnet.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='versions', on_delete=OnDelete.CASCADE)),
                ('version', fields.IntField()),
                ('definition', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('published_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'survey_version', 'app': 'dxnet', 'unique_together': (('survey', 'version'),), 'pk_attr': 'id', 'table_description': 'A published, frozen definition, and responses name the version they answer.'},
            bases=['Model'],
        ),
    ]
