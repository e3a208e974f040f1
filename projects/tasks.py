"""Milestones and tasks of a project: assignees, due dates, percent done, dependencies
between tasks of the same project (a cycle is refused), and the project's roll-up
(``services.refresh``) after every change. Same scope and audit rules as the projects
(``projects.services``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core import audit
from core.actor import Actor
from core.clock import today_in_vietnam
from core.errors import DomainError, PermissionDenied
from core.queries import first_or_not_found
from core.validation import FormCheck, require_length, require_updatable
from network.access import require_editor
from projects.models import Milestone, Project, Task, TaskDependency
from projects.services import check_percent, editable, get, members_in_scope, refresh


@dataclass(frozen=True)
class TaskData:
    title: str
    assignee_id: int | None = None
    due_on: date | None = None
    percent_done: int = 0
    milestone_id: int | None = None
    depends_on_ids: Sequence[int] = field(default_factory=list)


TASK_UPDATABLE = {
    "title",
    "assignee_id",
    "due_on",
    "percent_done",
    "milestone_id",
    "depends_on_ids",
}


async def add_milestone(actor: Actor, *, project_id: int, title: str, due_on: date) -> Milestone:
    project = await editable(actor, project_id)
    check = FormCheck()
    check.clean("title", lambda: require_length(title, field="title", low=3, high=255))
    if due_on < project.starts_on:
        check.errors.append(DomainError("PROJECT_DATES_OUT_OF_ORDER", field="dueOn"))
    check.raise_errors()
    milestone = await Milestone.create(
        project_id=project.id, title=check.cleaned["title"], due_on=due_on
    )
    await refresh(project)
    await audit.record(actor, "project.milestone.add", "Project", project.id, ["milestones"])
    return milestone


async def set_milestone_done(actor: Actor, *, milestone_id: int, done: bool) -> Milestone:
    """Mark a milestone done (today) or not done. Only one without tasks: a milestone with
    tasks is done when all of them are (``services.refresh``)."""
    milestone = await first_or_not_found(
        Milestone.filter(id=milestone_id), "MILESTONE_NOT_FOUND", field="id"
    )
    project = await editable(actor, milestone.project_id)
    if await Task.filter(milestone_id=milestone.id).exists():
        raise DomainError("MILESTONE_HAS_TASKS", field="id")
    milestone.done_on = today_in_vietnam() if done else None
    await milestone.save(update_fields=["done_on"])
    await refresh(project)
    action = "project.milestone.done" if done else "project.milestone.reopen"
    await audit.record(actor, action, "Project", project.id, ["milestones"])
    return milestone


async def _check_dependencies(project_id: int, task_id: int | None, wanted: Sequence[int]) -> None:
    """Refuse dependencies on another project's tasks, and any that would close a cycle."""
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        return
    same = set(await Task.filter(id__in=wanted, project_id=project_id).values_list("id", flat=True))
    if set(wanted) - same:
        raise DomainError("TASK_DEPENDENCY_OTHER_PROJECT", field="dependsOnIds")
    if task_id is None:  # a new task: nothing depends on it yet
        return
    edges: dict[int, list[int]] = {}
    rows = await TaskDependency.filter(task__project_id=project_id).values_list(
        "task_id", "depends_on_id"
    )
    for source, target in rows:
        if source != task_id:
            edges.setdefault(int(source), []).append(int(target))
    edges[task_id] = wanted
    seen: set[int] = set()
    stack = list(wanted)
    while stack:
        current = stack.pop()
        if current == task_id:
            raise DomainError("TASK_DEPENDENCY_CYCLE", field="dependsOnIds")
        if current in seen:
            continue
        seen.add(current)
        stack.extend(edges.get(current, ()))


async def _clean_task(
    actor: Actor, project: Project, task_id: int | None, values: Mapping[str, Any]
) -> dict[str, Any]:
    check = FormCheck()
    cleaned = check.cleaned
    if "title" in values:
        check.clean(
            "title", lambda: require_length(values["title"], field="title", low=3, high=255)
        )
    if "percent_done" in values:
        check.clean("percent_done", lambda: check_percent(values["percent_done"], "percentDone"))
    if "due_on" in values:
        due = values["due_on"]
        if due is not None and due < project.starts_on:
            check.errors.append(DomainError("PROJECT_DATES_OUT_OF_ORDER", field="dueOn"))
        cleaned["due_on"] = due
    if values.get("assignee_id") is not None:
        with check.catch():
            cleaned["assignee_id"] = (
                await members_in_scope(actor, [values["assignee_id"]], "assigneeId")
            )[0]
    elif "assignee_id" in values:
        cleaned["assignee_id"] = None
    if values.get("milestone_id") is not None:
        if not await Milestone.filter(id=values["milestone_id"], project_id=project.id).exists():
            check.errors.append(DomainError("MILESTONE_NOT_FOUND", field="milestoneId"))
        cleaned["milestone_id"] = values["milestone_id"]
    elif "milestone_id" in values:
        cleaned["milestone_id"] = None
    if "depends_on_ids" in values:
        with check.catch():
            await _check_dependencies(project.id, task_id, values["depends_on_ids"])
            cleaned["depends_on_ids"] = list(dict.fromkeys(values["depends_on_ids"]))
    check.raise_errors()
    return cleaned


async def _write_dependencies(task: Task, ids: Sequence[int]) -> None:
    await TaskDependency.filter(task_id=task.id).delete()
    await TaskDependency.bulk_create(
        [TaskDependency(task_id=task.id, depends_on_id=i) for i in ids]
    )


async def add_task(actor: Actor, *, project_id: int, data: TaskData) -> Task:
    project = await editable(actor, project_id)
    values = {
        "title": data.title,
        "assignee_id": data.assignee_id,
        "due_on": data.due_on,
        "percent_done": data.percent_done,
        "milestone_id": data.milestone_id,
        "depends_on_ids": list(data.depends_on_ids),
    }
    cleaned = await _clean_task(actor, project, None, values)
    deps = cleaned.pop("depends_on_ids", [])
    task = await Task.create(project_id=project.id, **cleaned)
    await _write_dependencies(task, deps)
    await refresh(project)
    await audit.record(actor, "project.task.add", "Project", project.id, ["tasks"])
    return task


async def update_task(actor: Actor, *, task_id: int, changes: Mapping[str, Any]) -> Task:
    require_updatable(changes, TASK_UPDATABLE)
    require_editor(actor)
    task = await first_or_not_found(Task.filter(id=task_id), "TASK_NOT_FOUND", field="id")
    try:
        project = await get(actor, project_id=task.project_id)
    except DomainError:
        raise PermissionDenied("TASK_NOT_FOUND", field="id") from None
    cleaned = await _clean_task(actor, project, task.id, changes)
    deps = cleaned.pop("depends_on_ids", None)
    changed = audit.apply_changes(task, cleaned)
    if changed:
        await task.save()
    if deps is not None:
        await _write_dependencies(task, deps)
        changed.append("depends_on_ids")
    await refresh(project)
    if changed:
        await audit.record(
            actor, "project.task.update", "Project", project.id, [f"task.{c}" for c in changed]
        )
    return task
