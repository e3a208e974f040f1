"""Files attached to articles (issue 17): the file's facts, the versions it was added and
removed in (a new version carries the previous attachments by itself), and its bytes in a
table of their own, as initiatives' attachments are kept. See knowledge/attachments.py."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0017_support_delivery_photos')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ArticleAttachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token', fields.CharField(unique=True, max_length=40)),
                ('article', fields.ForeignKeyField('dxnet.Article', source_field='article_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.CASCADE)),
                ('file_name', fields.CharField(max_length=200)),
                ('content_type', fields.CharField(max_length=100)),
                ('size', fields.IntField()),
                ('sha256', fields.CharField(max_length=64)),
                ('uploaded_by_user_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('added_in_version', fields.IntField(null=True)),
                ('removed_in_version', fields.IntField(null=True)),
            ],
            options={'table': 'knowledge_attachment', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A file attached to an article (a PDF checklist, a screenshot, a form to fill in).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ArticleAttachmentContent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('attachment', fields.OneToOneField('dxnet.ArticleAttachment', source_field='attachment_id', db_constraint=True, to_field='id', related_name='content', on_delete=OnDelete.CASCADE)),
                ('data', fields.BinaryField()),
            ],
            options={'table': 'knowledge_attachment_content', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': "The bytes of an article's attachment, apart so that listing them never reads them."},
            bases=['Model'],
        ),
    ]
