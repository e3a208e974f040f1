from tortoise import migrations
from tortoise.migrations import operations as ops
from activities.models import EventKind, FieldActivityKind, Recurrence, Rsvp
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0003_recognition')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Campaign',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=255)),
                ('topic', fields.CharField(default='', max_length=255)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='campaigns', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('goal_people', fields.IntField(default=0)),
                ('goal_households', fields.IntField(default=0)),
                ('created_by', fields.ForeignKeyField('dxnet.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='campaigns_created', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'activity_campaign', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'An awareness campaign (truyen thong, tuyen truyen) over a period and some units.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignTarget',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('dxnet.Campaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.CASCADE)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='campaign_targets', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('goal_people', fields.IntField(null=True)),
                ('goal_households', fields.IntField(null=True)),
            ],
            options={'table': 'activity_campaign_target', 'app': 'dxnet', 'unique_together': (('campaign', 'admin_unit'),), 'pk_attr': 'id', 'table_description': 'A unit a campaign targets, with its own goals when set.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EventSeries',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('recurrence', fields.CharEnumField(description='MONTHLY: MONTHLY\nQUARTERLY: QUARTERLY', enum_type=Recurrence, max_length=16)),
                ('occurrences', fields.SmallIntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'activity_event_series', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'Recurring events entered once, each occurrence an Event row of its own.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Event',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(db_index=True, description='TRAINING: TRAINING\nBRIEFING: BRIEFING\nWORKSHOP: WORKSHOP\nCONFERENCE: CONFERENCE', enum_type=EventKind, max_length=16)),
                ('title', fields.CharField(max_length=255)),
                ('topic', fields.CharField(default='', max_length=255)),
                ('organizer', fields.ForeignKeyField('dxnet.Organization', source_field='organizer_id', null=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.SET_NULL)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('place', fields.CharField(default='', max_length=255)),
                ('online_url', fields.CharField(default='', max_length=500)),
                ('starts_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('capacity', fields.IntField(null=True)),
                ('agenda', fields.TextField(default='', unique=False)),
                ('documents', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('minutes', fields.TextField(default='', unique=False)),
                ('trainer', fields.CharField(default='', max_length=200)),
                ('hours', fields.DecimalField(null=True, max_digits=5, decimal_places=1)),
                ('pass_mark', fields.SmallIntField(null=True)),
                ('series', fields.ForeignKeyField('dxnet.EventSeries', source_field='series_id', null=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.SET_NULL)),
                ('sequence', fields.SmallIntField(default=0)),
                ('cancelled', fields.BooleanField(default=False)),
                ('created_by', fields.ForeignKeyField('dxnet.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='events_created', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'activity_event', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A training, briefing, workshop or conference held by or for an admin unit.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Attendance',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('dxnet.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='attendances', on_delete=OnDelete.CASCADE)),
                ('member', fields.ForeignKeyField('dxnet.Member', source_field='member_id', db_constraint=True, to_field='id', related_name='attendances', on_delete=OnDelete.CASCADE)),
                ('client_id', fields.CharField(unique=True, max_length=64)),
                ('checked_in_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('dxnet.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='check_ins', on_delete=OnDelete.SET_NULL)),
                ('walk_in', fields.BooleanField(default=False)),
                ('via_qr', fields.BooleanField(default=False)),
                ('score', fields.SmallIntField(null=True)),
                ('passed', fields.BooleanField(null=True)),
                ('completed', fields.BooleanField(default=False, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'activity_attendance', 'app': 'dxnet', 'unique_together': (('event', 'member'),), 'pk_attr': 'id', 'table_description': 'A member present at an event, recorded once whatever the number of re-sends.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FieldActivityLog',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=64)),
                ('campaign', fields.ForeignKeyField('dxnet.Campaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='field_logs', on_delete=OnDelete.CASCADE)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='field_logs', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('happened_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('kind', fields.CharEnumField(description='DOOR_TO_DOOR: DOOR_TO_DOOR\nCOMMUNITY_MEETING: COMMUNITY_MEETING\nCLASS: CLASS\nINFO_BOOTH: INFO_BOOTH\nLOUDSPEAKER: LOUDSPEAKER\nSOCIAL_MEDIA: SOCIAL_MEDIA\nOTHER: OTHER', enum_type=FieldActivityKind, max_length=24)),
                ('people_reached', fields.IntField(default=0)),
                ('households_reached', fields.IntField(default=0)),
                ('note', fields.TextField(default='', unique=False)),
                ('latitude', fields.FloatField(null=True)),
                ('longitude', fields.FloatField(null=True)),
                ('accuracy', fields.FloatField(null=True)),
                ('recorded_by', fields.ForeignKeyField('dxnet.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='field_logs', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'activity_field_log', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'One outreach activity logged from the field, recorded once per client id.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FieldPhoto',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('log', fields.ForeignKeyField('dxnet.FieldActivityLog', source_field='log_id', db_constraint=True, to_field='id', related_name='photos', on_delete=OnDelete.CASCADE)),
                ('sha256', fields.CharField(max_length=64)),
                ('content_type', fields.CharField(max_length=40)),
                ('size', fields.IntField()),
                ('data', fields.BinaryField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'activity_field_photo', 'app': 'dxnet', 'unique_together': (('log', 'sha256'),), 'pk_attr': 'id', 'table_description': 'A photo of a field activity, kept in the database so every worker can serve it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Invitation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('dxnet.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='invitations', on_delete=OnDelete.CASCADE)),
                ('member', fields.ForeignKeyField('dxnet.Member', source_field='member_id', db_constraint=True, to_field='id', related_name='invitations', on_delete=OnDelete.CASCADE)),
                ('rsvp', fields.CharEnumField(default=Rsvp.PENDING, description='PENDING: PENDING\nACCEPTED: ACCEPTED\nDECLINED: DECLINED', enum_type=Rsvp, max_length=16)),
                ('invited_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('responded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'activity_invitation', 'app': 'dxnet', 'unique_together': (('event', 'member'),), 'pk_attr': 'id', 'table_description': 'A member invited to an event, with their answer.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MemberToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('member', fields.OneToOneField('dxnet.Member', source_field='member_id', db_constraint=True, to_field='id', related_name='activity_token', on_delete=OnDelete.CASCADE)),
                ('version', fields.IntField(default=1)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'activity_member_token', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'The version of the personal QR token of a member, bumping it revokes every copy.'},
            bases=['Model'],
        ),
    ]
