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
from schema.core.loaders import DataLoaderBase, grouped

BudgetLinesByProjectLoader = grouped(ProjectBudgetLine, "project_id")
TeamByProjectLoader = grouped(ProjectTeamMember, "project_id", related=("member",))
MilestonesByProjectLoader = grouped(Milestone, "project_id")
TasksByProjectLoader = grouped(Task, "project_id")
ReportsByProjectLoader = grouped(StatusReport, "project_id")


class DependenciesByTaskLoader(DataLoaderBase[int, list[int]]):
    """The ids of the tasks each task waits for."""

    async def fetch(self, keys: Sequence[int]) -> list[list[int]]:
        waits: dict[int, list[int]] = defaultdict(list)
        rows = await TaskDependency.filter(task_id__in=list(set(keys))).values_list(
            "task_id", "depends_on_id"
        )
        for task_id, depends_on_id in rows:
            waits[int(task_id)].append(int(depends_on_id))
        return [sorted(waits[k]) for k in keys]
