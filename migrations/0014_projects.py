"""DX projects (issue 18): projects with budget lines and team, milestones, tasks with
dependencies, and status reports with the client id of the device that queued them
(projects/models.py). New tables only."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from projects.models import BudgetSource, PlanArea, ProjectStatus, Rag, ReportRhythm
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('dxnet', '0013_survey_question_key_length')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Project',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=255)),
                ('goal', fields.TextField(default='', unique=False)),
                ('area', fields.CharEnumField(description='DIGITAL_GOVERNMENT: DIGITAL_GOVERNMENT\nDIGITAL_ECONOMY: DIGITAL_ECONOMY\nDIGITAL_SOCIETY: DIGITAL_SOCIETY\nINFRASTRUCTURE: INFRASTRUCTURE\nSKILLS: SKILLS', enum_type=PlanArea, max_length=24)),
                ('organization', fields.ForeignKeyField('dxnet.Organization', source_field='organization_id', db_constraint=True, to_field='id', related_name='projects', on_delete=OnDelete.RESTRICT)),
                ('admin_unit', fields.ForeignKeyField('dxnet.AdminUnit', source_field='admin_unit_id', db_constraint=True, to_field='id', related_name='projects', on_delete=OnDelete.RESTRICT)),
                ('unit_path', fields.CharField(db_index=True, max_length=512)),
                ('owner', fields.ForeignKeyField('dxnet.Member', source_field='owner_id', null=True, db_constraint=True, to_field='id', related_name='owned_projects', on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(default=ProjectStatus.PROPOSED, description='PROPOSED: PROPOSED\nAPPROVED: APPROVED\nIN_PROGRESS: IN_PROGRESS\nON_HOLD: ON_HOLD\nDONE: DONE\nCANCELLED: CANCELLED', enum_type=ProjectStatus, max_length=16)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('budget_total', fields.BigIntField(default=0, description='VND.')),
                ('report_rhythm', fields.CharEnumField(default=ReportRhythm.MONTHLY, description='MONTHLY: MONTHLY\nQUARTERLY: QUARTERLY', enum_type=ReportRhythm, max_length=16)),
                ('progress', fields.SmallIntField(default=0)),
                ('next_due_on', fields.DateField(null=True)),
                ('report_due_on', fields.DateField(null=True)),
                ('last_rag', fields.CharEnumField(null=True, description='RED: RED\nAMBER: AMBER\nGREEN: GREEN', enum_type=Rag, max_length=8)),
                ('last_report_on', fields.DateField(null=True)),
                ('spend_to_date', fields.BigIntField(default=0, description='VND, from the last report.')),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'project', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A digital transformation project of an organisation in an admin unit.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Milestone',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('project', fields.ForeignKeyField('dxnet.Project', source_field='project_id', db_constraint=True, to_field='id', related_name='milestones', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=255)),
                ('due_on', fields.DateField()),
                ('done_on', fields.DateField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'project_milestone', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A dated milestone of a project.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProjectBudgetLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('project', fields.ForeignKeyField('dxnet.Project', source_field='project_id', db_constraint=True, to_field='id', related_name='budget_lines', on_delete=OnDelete.CASCADE)),
                ('source', fields.CharEnumField(description='CENTRAL_BUDGET: CENTRAL_BUDGET\nPROVINCIAL_BUDGET: PROVINCIAL_BUDGET\nCOMMUNE_BUDGET: COMMUNE_BUDGET\nENTERPRISE: ENTERPRISE\nOTHER: OTHER', enum_type=BudgetSource, max_length=24)),
                ('amount', fields.BigIntField()),
            ],
            options={'table': 'project_budget_line', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'Part of a project budget in VND from one source.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProjectTeamMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('project', fields.ForeignKeyField('dxnet.Project', source_field='project_id', db_constraint=True, to_field='id', related_name='team', on_delete=OnDelete.CASCADE)),
                ('member', fields.ForeignKeyField('dxnet.Member', source_field='member_id', db_constraint=True, to_field='id', related_name='project_teams', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'project_team_member', 'app': 'dxnet', 'unique_together': (('project', 'member'),), 'pk_attr': 'id', 'table_description': 'A registry member on a project team.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StatusReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('project', fields.ForeignKeyField('dxnet.Project', source_field='project_id', db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.CASCADE)),
                ('reported_on', fields.DateField()),
                ('text', fields.TextField(unique=False)),
                ('rag', fields.CharEnumField(description='RED: RED\nAMBER: AMBER\nGREEN: GREEN', enum_type=Rag, max_length=8)),
                ('progress', fields.SmallIntField()),
                ('spend_to_date', fields.BigIntField(default=0)),
                ('risks', fields.TextField(default='', unique=False)),
                ('client_id', fields.CharField(null=True, unique=True, description='Given by the device that queued it.', max_length=64)),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'project_status_report', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A periodic status report of a project with its red amber green rating.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Task',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('project', fields.ForeignKeyField('dxnet.Project', source_field='project_id', db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.CASCADE)),
                ('milestone', fields.ForeignKeyField('dxnet.Milestone', source_field='milestone_id', null=True, db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.SET_NULL)),
                ('title', fields.CharField(max_length=255)),
                ('assignee', fields.ForeignKeyField('dxnet.Member', source_field='assignee_id', null=True, db_constraint=True, to_field='id', related_name='project_tasks', on_delete=OnDelete.SET_NULL)),
                ('due_on', fields.DateField(null=True)),
                ('percent_done', fields.SmallIntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'project_task', 'app': 'dxnet', 'pk_attr': 'id', 'table_description': 'A task of a project, with an assignee, a due date and its percent done.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TaskDependency',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task', fields.ForeignKeyField('dxnet.Task', source_field='task_id', db_constraint=True, to_field='id', related_name='dependencies', on_delete=OnDelete.CASCADE)),
                ('depends_on', fields.ForeignKeyField('dxnet.Task', source_field='depends_on_id', db_constraint=True, to_field='id', related_name='dependents', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'project_task_dependency', 'app': 'dxnet', 'unique_together': (('task', 'depends_on'),), 'pk_attr': 'id', 'table_description': 'Task waits for another task of the same project.'},
            bases=['Model'],
        ),
    ]
