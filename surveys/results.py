"""Results of a survey within an area, computed by GROUP BY over the narrow answer table.

A fixed number of queries whatever the number of responses: the response count, the
counts per unit, the counts per option, the answered count of the other questions, the
numbers' count/mean/min/max, plus one sorted, offset query per numeric question for its
median. For the survey's whole area the unit path filter is left out, so the
(survey, question key) index serves every query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.functions import Avg, Count, Max, Min

from network import services as admin_units
from network.actor import Actor, ApiScope
from network.errors import NotFound, PermissionDenied
from network.models import AdminUnit
from surveys import services
from surveys.definition import (
    CHOICE_KINDS,
    NUMBER_KINDS,
    TEXT_KINDS,
    Form,
    QuestionKind,
    parse_form,
)
from surveys.models import Survey, SurveyAnswer, SurveyResponse, SurveyVersion

OPTION_KINDS = CHOICE_KINDS | {QuestionKind.YES_NO, QuestionKind.RATING}


@dataclass(frozen=True)
class OptionCount:
    value: str
    count: int
    percent: float


@dataclass(frozen=True)
class NumberSummary:
    count: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class QuestionResult:
    key: str
    kind: QuestionKind
    label_vi: str
    label_en: str
    answered: int
    options: list[OptionCount]
    numbers: NumberSummary | None


@dataclass(frozen=True)
class UnitCount:
    unit: AdminUnit
    responses: int


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    area: AdminUnit
    responses: int
    questions: list[QuestionResult]
    units: list[UnitCount]


async def area_of(actor: Actor, survey: Survey, code: str | None) -> AdminUnit:
    """The unit results are read for: ``code`` (in scope), else the survey's unit when
    the actor sees all of it, else the actor's own unit."""
    if code:
        return await admin_units.get_in_scope(actor, code=code)
    if actor.can_see(survey.unit_path):
        return await AdminUnit.get(id=survey.admin_unit_id)
    return await admin_units.get(code=actor.scope_code or "")


async def latest_form(survey: Survey) -> Form:
    version = (
        await SurveyVersion.filter(survey_id=survey.id).order_by("-version").first()
        if survey.current_version
        else None
    )
    return parse_form(version.definition if version else survey.definition)


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


async def results(
    actor: Actor, *, survey_id: int, admin_unit_code: str | None = None
) -> SurveyResults:
    survey = await services.get(actor, survey_id=survey_id)
    area = await area_of(actor, survey, admin_unit_code)
    form = await latest_form(survey)
    path = area.path
    responses = SurveyResponse.filter(survey_id=survey.id)
    answers = SurveyAnswer.filter(survey_id=survey.id)
    if path != survey.unit_path:  # every response lies in the survey's own area
        responses = responses.filter(unit_path__startswith=path)
        answers = answers.filter(unit_path__startswith=path)
    total = await responses.count()
    per_path = (
        await responses.annotate(n=Count("id")).group_by("unit_path").values_list("unit_path", "n")
    )
    children = await AdminUnit.filter(parent_id=area.id, valid_to=None).order_by("path")
    counts = {c.id: 0 for c in children}
    for unit_path, n in per_path:
        child = next((c for c in children if str(unit_path).startswith(c.path)), None)
        if child is not None:
            counts[child.id] += int(n)
    units = [UnitCount(c, counts[c.id]) for c in children]

    option_keys = [q.key for q in form.questions if q.kind in OPTION_KINDS]
    number_keys = [q.key for q in form.questions if q.kind in NUMBER_KINDS]
    other_keys = [q.key for q in form.questions if q.kind not in OPTION_KINDS | NUMBER_KINDS] + [
        f"{q.key}_other" for q in form.questions if q.allows_other
    ]
    answered: dict[str, int] = {}
    options: dict[str, dict[str, int]] = {}
    if option_keys:
        option_rows = (
            await answers.filter(question_key__in=option_keys)
            .annotate(n=Count("id"), flagged=Count("value_number"))
            .group_by("question_key", "value_text")
            .values_list("question_key", "value_text", "n", "flagged")
        )
        for key, value, n, flagged in option_rows:
            options.setdefault(str(key), {})[str(value)] = int(n)
            question = form.by_key[str(key)]
            counted = flagged if question.kind == QuestionKind.MULTIPLE_CHOICE else n
            answered[str(key)] = answered.get(str(key), 0) + int(counted)
    if other_keys:
        answered.update(
            (str(k), int(n))
            for k, n in await answers.filter(question_key__in=other_keys)
            .annotate(n=Count("id"))
            .group_by("question_key")
            .values_list("question_key", "n")
        )
    number_rows = (
        await answers.filter(question_key__in=number_keys)
        .annotate(
            n=Count("id"), mean=Avg("value_number"), lo=Min("value_number"), hi=Max("value_number")
        )
        .group_by("question_key")
        .values_list("question_key", "n", "mean", "lo", "hi")
        if number_keys
        else []
    )
    numbers = {str(row[0]): row[1:] for row in number_rows}
    for key, count, *_ in number_rows:
        answered[str(key)] = int(count)

    questions: list[QuestionResult] = []
    for question in form.questions:
        if question.kind in (QuestionKind.NOTE, QuestionKind.PHOTO, QuestionKind.LOCATION):
            continue
        n_answered = int(answered.get(question.key, 0))
        found = options.get(question.key, {})
        values = list(question.choices)
        if question.kind == QuestionKind.YES_NO:
            values = ["yes", "no"]
        elif question.kind == QuestionKind.RATING:
            values = ["1", "2", "3", "4", "5"]
        elif question.allows_other:
            values.append("other")
        option_counts = (
            [OptionCount(v, found.get(v, 0), _percent(found.get(v, 0), n_answered)) for v in values]
            if question.kind in OPTION_KINDS
            else []
        )
        summary = None
        if question.kind in NUMBER_KINDS:
            count, mean, low, high = numbers.get(question.key, (0, None, None, None))
            median = await _median(answers.filter(question_key=question.key), int(count))
            summary = NumberSummary(int(count), _round(mean), median, _round(low), _round(high))
        questions.append(
            QuestionResult(
                key=question.key,
                kind=question.kind,
                label_vi=str(question.get("labelVi") or ""),
                label_en=str(question.get("labelEn") or question.get("labelVi") or ""),
                answered=n_answered,
                options=option_counts,
                numbers=summary,
            )
        )
    return SurveyResults(survey, area, total, questions, units)


def _percent(count: int, of: int) -> float:
    return round(100.0 * count / of, 2) if of else 0.0


async def _median(query: Any, count: int) -> float | None:
    if count == 0:
        return None
    middle = await (
        query.order_by("value_number")
        .offset((count - 1) // 2)
        .limit(1 if count % 2 else 2)
        .values_list("value_number", flat=True)
    )
    return _round(sum(float(v) for v in middle) / len(middle))


async def text_answers(
    actor: Actor,
    *,
    survey_id: int,
    question_key: str,
    admin_unit_code: str | None = None,
) -> Any:
    """A queryset of one text question's answers in an area (free text may hold
    personal data: partner keys need ``read:pii``)."""
    survey = await services.get(actor, survey_id=survey_id)
    if actor.kind == "api_key" and not actor.has_api_scope(ApiScope.READ_PII):
        raise PermissionDenied()
    form = await latest_form(survey)
    question = form.by_key.get(question_key.removesuffix("_other"))
    if question is None or not (question.kind in TEXT_KINDS or question_key.endswith("_other")):
        raise NotFound("UNKNOWN_QUESTION", field="questionKey", key=question_key)
    area = await area_of(actor, survey, admin_unit_code)
    return SurveyAnswer.filter(
        survey_id=survey.id, question_key=question_key, unit_path__startswith=area.path
    ).order_by("id")
