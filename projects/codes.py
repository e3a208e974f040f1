"""Error codes of the DX projects domain (prefixed, so they stay apart from other domains)."""

from __future__ import annotations

CODES: tuple[str, ...] = (
    "PROJECT_NOT_FOUND",
    "DUPLICATE_PROJECT_CODE",
    "PROJECT_DATES_OUT_OF_ORDER",
    "PROJECT_BUDGET_MISMATCH",
    "PROJECT_AMOUNT_NEGATIVE",
    "ILLEGAL_PROJECT_TRANSITION",
    "PROJECT_MEMBER_OUT_OF_SCOPE",
    "MILESTONE_NOT_FOUND",
    "TASK_NOT_FOUND",
    "TASK_DEPENDENCY_CYCLE",
    "TASK_DEPENDENCY_OTHER_PROJECT",
    "PERCENT_OUT_OF_RANGE",
    "MILESTONE_HAS_TASKS",
)
