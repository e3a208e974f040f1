"""DataLoaders of DX projects (see ``schema.core.loaders``): one query per relation for a
whole page of projects. Members and organisations come from ``schema.network.loaders``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from projects.models import (
    Milestone,
    ProjectBudgetLine,
    ProjectTeamMember,
    StatusReport,
    Task,
    TaskDependency,
)
from schema.core.loaders import DataLoaderBase, GroupedLoader


class BudgetLinesByProjectLoader(GroupedLoader[ProjectBudgetLine]):
    model = ProjectBudgetLine
    key = "project_id"


class TeamByProjectLoader(GroupedLoader[ProjectTeamMember]):
    model = ProjectTeamMember
    key = "project_id"
    related = ("member",)


class MilestonesByProjectLoader(GroupedLoader[Milestone]):
    model = Milestone
    key = "project_id"


class TasksByProjectLoader(GroupedLoader[Task]):
    model = Task
    key = "project_id"


class ReportsByProjectLoader(GroupedLoader[StatusReport]):
    model = StatusReport
    key = "project_id"


class DependenciesByTaskLoader(DataLoaderBase[int, list[int]]):
    """The ids of the tasks each task waits for."""

    async def fetch(self, keys: Sequence[int]) -> list[list[int]]:
        grouped: dict[int, list[int]] = defaultdict(list)
        rows = await TaskDependency.filter(task_id__in=list(set(keys))).values_list(
            "task_id", "depends_on_id"
        )
        for task_id, depends_on_id in rows:
            grouped[int(task_id)].append(int(depends_on_id))
        return [sorted(grouped[k]) for k in keys]
