"""Initiatives get the client id their submitter's device gave them (the PWA's outbox), so
a submission sent again after a lost answer is stored once (recognition/initiatives.py).
Nullable: submissions from callers that send none keep working; NULLs never clash."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0011_assistant_conversations")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Initiative",
            name="client_id",
            field=fields.CharField(null=True, unique=True, max_length=64),
        ),
    ]
