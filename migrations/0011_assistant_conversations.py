"""Conversations with the assistant, so a follow-up question is read with the one before it."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0010_ballot_comment')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Conversation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=64)),
                ('last_question', fields.CharField(default='', max_length=500)),
                ('last_article_id', fields.IntField(null=True)),
                ('turns', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(db_index=True, auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'knowledge_conversation', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A conversation with the assistant, so a follow-up is read with the question'},
            bases=['Model'],
        ),
    ]
