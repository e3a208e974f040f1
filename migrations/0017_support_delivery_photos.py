"""Photos of expert-support deliveries (issue 18): a delivery logged from a device keeps
the id the device gave it, and the photos taken with it are uploaded under that id and
stored once per (engagement, SHA-256)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0016_knowledge_search_statistics')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SupportDeliveryLog',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=64)),
                ('engagement', fields.ForeignKeyField('dxnet.SupportEngagement', source_field='engagement_id', db_constraint=True, to_field='id', related_name='delivery_logs', on_delete=OnDelete.CASCADE)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'support_delivery_log', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A delivery logged from a device, by the id the device gave it: the photos taken'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SupportDeliveryPhoto',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('engagement', fields.ForeignKeyField('dxnet.SupportEngagement', source_field='engagement_id', db_constraint=True, to_field='id', related_name='photos', on_delete=OnDelete.CASCADE)),
                ('sha256', fields.CharField(max_length=64)),
                ('content_type', fields.CharField(max_length=40)),
                ('size', fields.IntField()),
                ('data', fields.BinaryField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'support_delivery_photo', 'app': 'dxnet', 'unique_together': (('engagement', 'sha256'),), 'pk_attr': 'id', 'table_description': "A photo of an engagement's delivery, kept in the database so every worker serves"},
            bases=['Model'],
        ),
    ]
