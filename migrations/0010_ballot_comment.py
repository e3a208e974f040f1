"""A committee member's comment on a ballot and on each of its kept revisions (issue 15)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0009_knowledge")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Ballot",
            name="comment",
            field=fields.TextField(default="", unique=False),
        ),
        ops.AddField(
            model_name="BallotRevision",
            name="comment",
            field=fields.TextField(default="", unique=False),
        ),
    ]
