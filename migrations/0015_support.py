"""Expert support (issue 18): expertise tags, partners' offers, requests and engagements;
one accepted engagement per request is kept by a unique accepted_request_id."""

from datetime import UTC, datetime
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from support.models import EngagementStatus, RequestStatus
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

TAGS = (
    "VNeID",
    "Dịch vụ công trực tuyến",
    "Thanh toán không dùng tiền mặt",
    "An toàn thông tin",
    "Hạ tầng mạng",
    "Dữ liệu",
    "Đào tạo kỹ năng số",
    "Chữ ký số",
    "Thương mại điện tử",
)


async def _seed_tags(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for name in TAGS:
        await client.execute_query(
            "INSERT INTO support_tag (name, is_active, created_at) VALUES ($1, TRUE, $2)"
            if postgres
            else "INSERT INTO support_tag (name, is_active, created_at) VALUES (?, 1, ?)",
            [name, datetime.now(UTC) if postgres else datetime.now(UTC).isoformat(" ")],
        )


async def _no_op(apps: Any, schema_editor: Any) -> None:
    return None


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0014_projects")]

    initial = False

    operations = [
        ops.CreateModel(
            name='ExpertiseTag',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'support_tag', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'An area of expertise offers and requests are matched on (editable by the province).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SupportOffer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('dxnet.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='support_offers', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('tag_ids', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('tags_text', fields.CharField(default='|', max_length=512)),
                ('expert_ids', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('capacity_person_days', fields.IntField(description='Person-days a month.')),
                ('served_unit_codes', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('served_unit_paths', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('is_active', fields.BooleanField(default=True)),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'support_offer', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'What a partner organisation lends: expertise, experts, capacity, area and period.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SupportRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='support_requests', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('title', fields.CharField(max_length=200)),
                ('need', fields.TextField(default='', unique=False)),
                ('tag_ids', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('tags_text', fields.CharField(default='|', max_length=512)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('person_days', fields.IntField(description='Person-days of expert time asked for.')),
                ('people_to_help', fields.IntField(default=0)),
                ('status', fields.CharEnumField(default=RequestStatus.OPEN, description='OPEN: OPEN\nMATCHED: MATCHED\nDELIVERED: DELIVERED', enum_type=RequestStatus, max_length=16)),
                ('requested_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('matched_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'support_request', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A need for expert help from an agency or commune, in one admin unit.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SupportEngagement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('dxnet.SupportRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='engagements', on_delete=OnDelete.CASCADE)),
                ('offer', fields.ForeignKeyField('dxnet.SupportOffer', source_field='offer_id', db_constraint=True, to_field='id', related_name='engagements', on_delete=OnDelete.RESTRICT)),
                ('organization_id', fields.IntField(db_index=True, description="The offer's organisation.")),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('status', fields.CharEnumField(default=EngagementStatus.PROPOSED, description='PROPOSED: PROPOSED\nACCEPTED: ACCEPTED\nDECLINED: DECLINED\nDELIVERED: DELIVERED', enum_type=EngagementStatus, max_length=16)),
                ('accepted_request_id', fields.IntField(null=True, unique=True, description='The request, while accepted or delivered.')),
                ('person_days', fields.IntField(description='Planned, from the request.')),
                ('period', fields.CharField(description='YYYY-MM the capacity is counted in.', max_length=7)),
                ('proposed_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('hours_delivered', fields.FloatField(default=0)),
                ('person_days_delivered', fields.FloatField(default=0)),
                ('people_helped', fields.IntField(default=0)),
                ('notes', fields.TextField(default='', unique=False)),
                ('requester_rating', fields.SmallIntField(null=True)),
                ('requester_comment', fields.TextField(default='', unique=False)),
                ('partner_rating', fields.SmallIntField(null=True)),
                ('partner_comment', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'support_engagement', 'app': 'dxnet', 'unique_together': (('request', 'offer'),), 'pk_attr': 'id', 'table_description': 'One offer proposed for one request: answered by the partner, delivered, rated.'},
            bases=['Model'],
        ),
        ops.RunPython(_seed_tags, _no_op),
    ]
