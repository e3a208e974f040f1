from tortoise import migrations
from tortoise.migrations import operations as ops
from network.models import AdoptionStatus, ITQualification, MemberStatus, OrganizationKind
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('actor_kind', fields.CharField(max_length=16)),
                ('actor_user_id', fields.IntField(null=True, db_index=True)),
                ('actor_api_key_id', fields.IntField(null=True, db_index=True)),
                ('action', fields.CharField(max_length=64)),
                ('object_type', fields.CharField(max_length=48)),
                ('object_id', fields.CharField(db_index=True, max_length=64)),
                ('fields_changed', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('request_id', fields.CharField(default='', max_length=64)),
            ],
            options={'table': 'audit_event', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'Who did what to which object, and which fields changed (never the values).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Organization',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=255)),
                ('name_folded', fields.CharField(db_index=True, max_length=255)),
                ('kind', fields.CharEnumField(db_index=True, description='PROVINCIAL_DEPARTMENT: PROVINCIAL_DEPARTMENT\nMASS_ORGANIZATION: MASS_ORGANIZATION\nPEOPLES_COMMITTEE: PEOPLES_COMMITTEE\nPUBLIC_SERVICE_UNIT: PUBLIC_SERVICE_UNIT\nENTERPRISE: ENTERPRISE\nTELECOM_POSTAL: TELECOM_POSTAL\nBANK: BANK\nBUSINESS_ASSOCIATION: BUSINESS_ASSOCIATION\nCOMMUNITY_TECH_TEAM: COMMUNITY_TECH_TEAM\nOTHER: OTHER', enum_type=OrganizationKind, max_length=32)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='organizations', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('parent', fields.ForeignKeyField('dxnet.Organization', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('contact_phone', fields.CharField(null=True, max_length=20)),
                ('contact_email', fields.CharField(null=True, max_length=254)),
                ('address', fields.CharField(default='', max_length=255)),
                ('is_active', fields.BooleanField(default=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'network_organization', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A member organisation of the Network, placed in the administrative tree.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Member',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('full_name', fields.CharField(max_length=200)),
                ('name_folded', fields.CharField(db_index=True, max_length=200)),
                ('phone', fields.CharField(null=True, unique=True, max_length=20)),
                ('email', fields.CharField(null=True, unique=True, max_length=254)),
                ('national_id', fields.CharField(null=True, unique=True, max_length=12)),
                ('organization', fields.ForeignKeyField('dxnet.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.RESTRICT)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('position', fields.CharField(default='', max_length=200)),
                ('it_qualification', fields.IntEnumField(default=ITQualification.NONE, description='NONE: 0\nBASIC_DIGITAL_SKILLS: 1\nIT_CERTIFICATE: 2\nIT_VOCATIONAL: 3\nIT_COLLEGE: 4\nIT_BACHELOR: 5\nIT_POSTGRADUATE: 6', enum_type=ITQualification, generated=False)),
                ('roles', fields.CharField(default=',', max_length=255)),
                ('joined_on', fields.DateField(null=True)),
                ('left_on', fields.DateField(null=True)),
                ('status', fields.CharEnumField(default=MemberStatus.ACTIVE, description='ACTIVE: ACTIVE\nINACTIVE: INACTIVE\nLEFT: LEFT', enum_type=MemberStatus, max_length=16)),
                ('core_platforms', fields.SmallIntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'network_member', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A person in the Network. Phone, email and national ID are personal data.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FocalPointDesignation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organization', fields.ForeignKeyField('dxnet.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='focal_points', on_delete=OnDelete.CASCADE)),
                ('member', fields.ForeignKeyField('dxnet.Member', source_field='member_id', db_constraint=True, to_field='id', related_name='focal_point_of', on_delete=OnDelete.CASCADE)),
                ('designated_on', fields.DateField()),
                ('ended_on', fields.DateField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'network_focal_point', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A focal point (cán bộ đầu mối) of an organisation, with ``ended_on`` set when replaced.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Platform',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=40)),
                ('name', fields.CharField(max_length=200)),
                ('name_en', fields.CharField(max_length=200)),
                ('url', fields.CharField(default='', max_length=255)),
                ('is_core', fields.BooleanField(default=True)),
                ('sort_order', fields.SmallIntField(default=0)),
            ],
            options={'table': 'network_platform', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A nationally unified digital platform members are expected to use.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PlatformAdoption',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('member', fields.ForeignKeyField('dxnet.Member', source_field='member_id', db_constraint=True, to_field='id', related_name='adoptions', on_delete=OnDelete.CASCADE)),
                ('platform', fields.ForeignKeyField('dxnet.Platform', source_field='platform_id', db_constraint=True, to_field='id', related_name='adoptions', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(description='HAS_ACCESS: HAS_ACCESS\nACTIVE_USE: ACTIVE_USE', enum_type=AdoptionStatus, max_length=16)),
                ('since', fields.DateField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'network_platform_adoption', 'app': 'dxnet', 'unique_together': (('member', 'platform'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
