"""A survey's questions, grouped into pages, and the checking of answers against them.

A definition is plain JSON (stored on the survey and frozen in each version)::

    {"pages": [{"key": "p1", "titleVi": "...", "titleEn": "...", "questions": [
        {"key": "members", "kind": "INTEGER", "labelVi": "...", "labelEn": "...",
         "required": true, "min": 1, "max": 30, "minLength": null, "maxLength": null,
         "pattern": null, "choices": [{"value": "yes", "labelVi": "...", "labelEn": "..."}],
         "allowOther": false, "relevant": "${has_phone} = true()",
         "constraint": ". <= 20", "constraintMessageVi": "...", "constraintMessageEn": "...",
         "requiredAccuracy": 50}]}]}

Answers are JSON values by question key: text for TEXT, LONG_TEXT, SINGLE_CHOICE and
DATE ("YYYY-MM-DD"), TIME ("HH:MM" or "HH:MM:SS", 24 hours), DATETIME (local
"YYYY-MM-DDTHH:MM[:SS]") and BARCODE (the code read or typed); "OK" for ACKNOWLEDGE;
ODK's text of points for GEOTRACE and GEOSHAPE ("9.29 105.72 0 5;9.30 105.73");
numbers for INTEGER, DECIMAL, RATING (1-5) and RANGE (``min`` to ``max`` by
``step``, 1 by default: a slider); a list of options
for MULTIPLE_CHOICE; true/false for YES_NO; {"lat", "lon", "accuracy"} for LOCATION;
the SHA-256 (hex) of the bytes for PHOTO, AUDIO and FILE (uploaded after the response,
decision 0038; a FILE's optional ``accept`` lists the types it takes among "pdf",
"docx", "xlsx" and "image"); nothing for NOTE. A choice question with
``allowOther`` accepts the option "other" and the text under "<key>_other".

A choice may carry ``"columns": {"province": "86"}`` (an XLSForm choice list's extra
columns, text by name) and its question a ``choiceFilter`` (decision 0033): a rule over
earlier answers in which a bare name is a column of the choice (``name`` its value),
``province = ${province}``. A choice is offered, and accepted, only when its filter
holds; the PWA drops an answer whose choice the filter no longer offers.

Any question one answers may have a ``default``:
the answer as written (``"5"``, ``"yes"``, ``"a b"`` for a multiple choice), or
a rule when it calls a function or names an answer (``today()``), which the PWA
evaluates as the form opens. ``requiredMessageVi``/``requiredMessageEn`` replace the
usual "must be answered" in refusals of a required question. ``required`` is true, or a
rule over earlier answers (XLSForm's required condition): required while it holds.
``readOnly`` (XLSForm's ``read_only``) shows the answer (its default) without letting it
be changed; ``defaultLastSaved`` (XLSForm's ``${last-saved#<the same name>}``) starts the
answer from the one the device sent last for this survey. ``appearance`` hints the PWA
honours are listed in ``HONOURED_APPEARANCES``.

A CALCULATE question has a ``calculation`` (a rule over earlier answers, see
``surveys.rules``) and no input: the device computes it to show it and to use it in
later rules and labels, and the server computes it again from the answers it accepted
and stores its own value (text, number or true/false; nothing when the result is
empty or the rule fails). What the device sent is only read as the field's current
value for ``once()`` (decision 0027). ``"appearance": "show"`` asks the PWA to show it
read-only with its label (which a calculation may leave empty); otherwise it is hidden.

Languages beyond Vietnamese and English (decision 0038) are carried, not required: the
definition lists them, ``"languages": [{"code": "km", "name": "Khmer"}]`` (at most 10),
and a page, question or choice may carry ``"translations": {"km": {"label": "…"}}``
(a page: ``title``; a question: ``label``, ``hint``, ``constraintMessage``,
``requiredMessage``; a choice: ``label``), only in declared languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core.errors import DomainError, ValidationFailed
from surveys import rules

# Question names as XLSForm allows them and the rule language reads them in ``${…}``
# (``surveys.rules.syntax.NAME_PATTERN``): stored and matched exactly as written.
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,99}$")
# Choice values as XLSForm allows them ("-99", "24/7", "ha_noi"): no spaces (a multiple
# choice's options are joined by spaces in the rule language) and no quotes (a rule
# compares them as quoted literals, ``${q} = '24/7'``, which have no escapes).
CHOICE_VALUE = re.compile(r"^[^\s'\"]{1,100}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
OTHER = "other"
MAX_QUESTIONS = 200
MAX_TEXT = 2000
MAX_LONG_TEXT = 10_000
# Lists of any length a form carries in practice (Vietnam's communes are some 3,300);
# the definition still has to fit the request body limit.
MAX_CHOICES = 5_000
MAX_COLUMNS = 20
MAX_COLUMN_TEXT = 200
# Column names a choice cannot use: its own fields, and XLSForm's own columns.
RESERVED_COLUMNS = {"name", "label", "value", "list_name", "image", "audio", "video", "media"}
MAX_PATTERN = 200


class QuestionKind(StrEnum):
    TEXT = "TEXT"
    LONG_TEXT = "LONG_TEXT"
    INTEGER = "INTEGER"
    DECIMAL = "DECIMAL"
    SINGLE_CHOICE = "SINGLE_CHOICE"
    MULTIPLE_CHOICE = "MULTIPLE_CHOICE"
    DATE = "DATE"
    RATING = "RATING"
    YES_NO = "YES_NO"
    LOCATION = "LOCATION"
    PHOTO = "PHOTO"
    NOTE = "NOTE"
    CALCULATE = "CALCULATE"
    TIME = "TIME"
    DATETIME = "DATETIME"
    BARCODE = "BARCODE"
    ACKNOWLEDGE = "ACKNOWLEDGE"
    GEOTRACE = "GEOTRACE"
    GEOSHAPE = "GEOSHAPE"
    RANGE = "RANGE"
    REPEAT = "REPEAT"
    AUDIO = "AUDIO"
    FILE = "FILE"


CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}
NUMBER_KINDS = {
    QuestionKind.INTEGER,
    QuestionKind.DECIMAL,
    QuestionKind.RATING,
    QuestionKind.RANGE,
}
TEXT_KINDS = {QuestionKind.TEXT, QuestionKind.LONG_TEXT, QuestionKind.BARCODE}
# Answered by the SHA-256 of bytes uploaded after the response (decision 0038): a
# response is complete once all of them arrived.
MEDIA_KINDS = {QuestionKind.PHOTO, QuestionKind.AUDIO, QuestionKind.FILE}
# A FILE question's ``accept``: the types it takes (all of them when not given).
FILE_ACCEPT = ("pdf", "docx", "xlsx", "image")
# Appearances the PWA honours, by kind (XLSForm's words): "minimal" shows a choice
# question as a compact drop-down; "show" shows a CALCULATE with its label.
HONOURED_APPEARANCES: dict[str, tuple[str, ...]] = {
    "SINGLE_CHOICE": ("minimal", "likert", "quick"),
    "MULTIPLE_CHOICE": ("minimal",),
    "TEXT": ("numbers",),
    "CALCULATE": ("show",),
}
# Kinds a person answers by hand that ``readOnly`` or ``defaultLastSaved`` may mark.
NOT_TYPED = {QuestionKind.NOTE, QuestionKind.CALCULATE, QuestionKind.REPEAT}
# A PHOTO's ``maxPixels``: the long side the PWA downscales it to (ODK's max-pixels).
MIN_PIXELS, MAX_PIXELS = 64, 10_000
# GEOTRACE and GEOSHAPE answers: ODK's text, points "lat lon [altitude [accuracy]]"
# separated by ";"; a trace has at least 2 points, a shape at least 3 (its closing
# point, the first again, may be given or not).
GEO_KINDS = {QuestionKind.GEOTRACE: 2, QuestionKind.GEOSHAPE: 3}
MAX_POINTS = 500
# An acknowledgement's one answer, as ODK stores it.
ACKNOWLEDGED = "OK"
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
# Repeat groups (decision 0035): nested at most 3 deep, at most 200 instances each (50
# unless ``maxCount`` says otherwise) and 1,000 in a whole response.
MAX_REPEAT_DEPTH = 3
MAX_REPEAT_COUNT = 200
DEFAULT_MAX_COUNT = 50
MAX_INSTANCES = 1_000
# Form languages beyond Vietnamese and English (decision 0038): carried in a
# definition's ``languages`` and each text's ``translations``, never required.
MAX_LANGUAGES = 10
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
MAX_LANGUAGE_NAME = 100
# The longest translated text (the Vi/En texts are bounded by the request body only).
MAX_TRANSLATION = MAX_TEXT
TRANSLATED = {
    "page": ("title",),
    "question": ("label", "hint", "constraintMessage", "requiredMessage"),
    "choice": ("label",),
}


@dataclass(frozen=True)
class Question:
    key: str
    kind: QuestionKind
    raw: Mapping[str, Any]
    relevant: rules.Node | None
    constraint: rules.Node | None
    pattern: re.Pattern[str] | None
    choices: tuple[str, ...]
    calculation: rules.Node | None = None
    choice_filter: rules.Node | None = None
    # ``required`` given as a rule: required while it holds.
    required_rule: rules.Node | None = None
    # Each choice's columns as the filter reads them (``name``: the value).
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # A REPEAT's questions, its computed count (a rule in the enclosing instance) and
    # the keys an instance may hold.
    questions: tuple[Question, ...] = ()
    repeat_count: rules.Node | None = None
    instance_keys: frozenset[str] = frozenset()
    # The keys of the repeats around this question, outermost first.
    parents: tuple[str, ...] = ()
    # A REPEAT's fields and those of its nested repeats, in form order.
    field_keys: tuple[str, ...] = ()

    def get(self, name: str) -> Any:
        return self.raw.get(name)

    @property
    def count_bounds(self) -> tuple[int, int]:
        """A REPEAT's (minCount, maxCount) as the definition gives them, or defaults."""
        low, high = self.raw.get("minCount"), self.raw.get("maxCount")
        return (
            low if isinstance(low, int) else 0,
            high if isinstance(high, int) else DEFAULT_MAX_COUNT,
        )

    @property
    def allows_other(self) -> bool:
        return self.kind in CHOICE_KINDS and bool(self.raw.get("allowOther"))


def _keys(questions: tuple[Question, ...] | list[Question]) -> frozenset[str]:
    """The keys an answer (or a repeat's instance) may have: the questions' keys, and
    "<key>_other" for choices with an "other" answer (``parse_form`` refuses a question
    named like that text)."""
    suffix = "_" + OTHER
    return frozenset(
        [q.key for q in questions] + [q.key + suffix for q in questions if q.allows_other]
    )


def walk(questions: tuple[Question, ...] | list[Question]) -> list[Question]:
    """Every question in form order, a repeat before its own questions."""
    found: list[Question] = []
    for question in questions:
        found.append(question)
        if question.questions:
            found.extend(walk(question.questions))
    return found


@dataclass
class Form:
    """A parsed definition: the top-level questions in order (a REPEAT holds its own),
    and every question, nested ones included, in ``everything`` and ``by_key``."""

    questions: list[Question]
    by_key: dict[str, Question] = field(default_factory=dict)
    answer_keys: frozenset[str] = frozenset()
    everything: list[Question] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.everything = walk(self.questions)
        self.by_key = {q.key: q for q in self.everything}
        self.answer_keys = _keys(self.questions)

    @property
    def has_repeats(self) -> bool:
        return any(q.kind == QuestionKind.REPEAT for q in self.questions)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def parse_form(definition: Mapping[str, Any]) -> Form:
    """Check a definition; raise one DomainError per problem found (the first ones)."""
    errors: list[DomainError] = []
    questions: list[Question] = []
    seen: list[str] = []
    pages = definition.get("pages")
    if not isinstance(pages, list) or not pages:
        raise DomainError("EMPTY_SURVEY", field="pages")
    codes = _languages(definition.get("languages"), errors)
    for p, page in enumerate(pages):
        if isinstance(page, dict):
            title = {
                "label_vi": str(page.get("titleVi") or page.get("key") or p + 1),
                "label_en": str(page.get("titleEn") or ""),
            }
            _translations(page, "page", codes, f"pages.{p}", errors, title)
        for q, raw in enumerate(page.get("questions") or [] if isinstance(page, dict) else []):
            question = _any_question(raw, seen, f"pages.{p}.questions.{q}", (), errors)
            if question is not None:
                questions.append(question)
            _question_translations(raw, codes, f"pages.{p}.questions.{q}", errors)
    everything = walk(questions)
    errors.extend(_other_collisions(everything))
    if errors:
        raise ValidationFailed(errors[:20])
    if not questions:
        raise DomainError("EMPTY_SURVEY", field="pages")
    if len(everything) > MAX_QUESTIONS:
        raise DomainError("TOO_MANY_QUESTIONS", field="pages", max=MAX_QUESTIONS)
    return Form(questions)


def _languages(listed: Any, errors: list[DomainError]) -> frozenset[str]:
    """The codes of a definition's ``languages``: at most 10, each ``{"code", "name"}``
    with a BCP 47 primary tag (and optional region or script), neither Vietnamese nor
    English (``…Vi``/``…En`` hold those), each once, named."""
    if listed is None:
        return frozenset()
    if not isinstance(listed, list) or len(listed) > MAX_LANGUAGES:
        errors.append(DomainError("INVALID_LANGUAGES", field="languages", max=MAX_LANGUAGES))
        return frozenset()
    codes: list[str] = []
    for n, language in enumerate(listed):
        code = language.get("code") if isinstance(language, dict) else None
        name = language.get("name") if isinstance(language, dict) else None
        if (
            not isinstance(code, str)
            or not LANGUAGE_CODE.match(code)
            or code.split("-")[0] in ("vi", "en")
            or code in codes
            or not isinstance(name, str)
            or not 0 < len(name.strip()) <= MAX_LANGUAGE_NAME
            or set(language) - {"code", "name"}
        ):
            errors.append(
                DomainError("INVALID_LANGUAGES", field=f"languages.{n}", max=MAX_LANGUAGES)
            )
            continue
        codes.append(code)
    return frozenset(codes)


def _translations(
    raw: Mapping[str, Any],
    what: str,
    codes: frozenset[str],
    where: str,
    errors: list[DomainError],
    name: Mapping[str, str] | None = None,
) -> None:
    """A text's ``translations``: by declared language code, the fields ``TRANSLATED``
    lists for ``what`` (a page, a question, a choice), each text of at most 2,000
    characters."""
    found = raw.get("translations")
    if found is None:
        return
    allowed = TRANSLATED[what]
    label = dict(name or {"label_vi": str(raw.get("key") or where), "label_en": ""})
    if not label.get("label_en"):
        label["label_en"] = label["label_vi"]
    if not isinstance(found, dict):
        errors.append(DomainError("INVALID_TRANSLATIONS", field=f"{where}.translations", **label))
        return
    for code, texts in found.items():
        if code not in codes:
            errors.append(
                DomainError(
                    "UNDECLARED_LANGUAGE",
                    field=f"{where}.translations.{code}",
                    language=str(code)[:20],
                    **label,
                )
            )
            continue
        if not isinstance(texts, dict) or not all(
            field_name in allowed and isinstance(text, str) and len(text) <= MAX_TRANSLATION
            for field_name, text in texts.items()
        ):
            errors.append(
                DomainError("INVALID_TRANSLATIONS", field=f"{where}.translations.{code}", **label)
            )


def _question_translations(
    raw: Any, codes: frozenset[str], where: str, errors: list[DomainError]
) -> None:
    """A question's translations, its choices' and those of a repeat's questions;
    refusals name the question."""
    if not isinstance(raw, dict):
        return
    name = named(raw)
    _translations(raw, "question", codes, where, errors, name)
    choices = raw.get("choices")
    for n, choice in enumerate(choices if isinstance(choices, list) else []):
        if isinstance(choice, dict):
            _translations(choice, "choice", codes, f"{where}.choices.{n}", errors, name)
    inner = raw.get("questions")
    for n, child in enumerate(inner if isinstance(inner, list) else []):
        _question_translations(child, codes, f"{where}.questions.{n}", errors)


def _any_question(
    raw: Any, seen: list[str], where: str, parents: tuple[str, ...], errors: list[DomainError]
) -> Question | None:
    """A question (a REPEAT with its own questions); its problems go to ``errors``.
    ``seen`` gets its key (and its questions' keys) in form order: a later rule may
    name any of them, a field inside a repeat being read as a node-set outside it."""
    try:
        question = _question(raw, seen, where, parents)
    except DomainError as error:
        errors.append(error)
        if isinstance(raw, dict) and isinstance(raw.get("key"), str):
            seen.append(raw["key"])  # one refusal per problem, not one per reference
        return None
    seen.append(question.key)
    if question.kind != QuestionKind.REPEAT:
        return question
    inner = (*parents, question.key)
    children: list[Question] = []
    listed = raw.get("questions")
    if len(inner) > MAX_REPEAT_DEPTH:
        errors.append(
            DomainError(
                "REPEAT_TOO_DEEP",
                field=where,
                key=question.key,
                max=MAX_REPEAT_DEPTH,
                **named(raw),
            )
        )
        return None
    if not isinstance(listed, list) or not listed:
        errors.append(DomainError("EMPTY_REPEAT", field=f"{where}.questions", **named(raw)))
        return None
    before = len(errors)
    for n, child in enumerate(listed):
        found = _any_question(child, seen, f"{where}.questions.{n}", inner, errors)
        if found is not None:
            children.append(found)
    if len(errors) > before:
        return None
    return Question(
        question.key,
        question.kind,
        question.raw,
        question.relevant,
        None,
        None,
        (),
        repeat_count=question.repeat_count,
        questions=tuple(children),
        instance_keys=_keys(children),
        parents=parents,
        field_keys=tuple(q.key for q in walk(children)),
    )


def _other_collisions(questions: list[Question]) -> list[DomainError]:
    """A question named "<key>_other" is refused only where a choice question "<key>"
    allows other: the answer "<key>_other" would then be two things."""
    suffix = "_" + OTHER
    allowing = {q.key for q in questions if q.allows_other}
    return [
        DomainError("INVALID_QUESTION_KEY", field="pages", key=q.key)
        for q in questions
        if q.key.endswith(suffix) and q.key.removesuffix(suffix) in allowing
    ]


def valid_choice_values(values: tuple[str, ...]) -> bool:
    """1 to MAX_CHOICES distinct values, each as ``CHOICE_VALUE``."""
    return (
        0 < len(values) <= MAX_CHOICES
        and len(set(values)) == len(values)
        and all(CHOICE_VALUE.match(v) for v in values)
    )


def _question(raw: Any, seen: list[str], where: str, parents: tuple[str, ...] = ()) -> Question:
    if not isinstance(raw, dict):
        raise DomainError("INVALID", field=where)
    key = str(raw.get("key") or "")
    if not KEY.match(key):
        raise DomainError("INVALID_QUESTION_KEY", field=f"{where}.key", key=key)
    if key in seen:
        raise DomainError("DUPLICATE_QUESTION_KEY", field=f"{where}.key", key=key)
    name = named(raw)
    try:
        kind = QuestionKind(str(raw.get("kind")))
    except ValueError:
        accepted = ", ".join(QuestionKind)
        raise DomainError(
            "INVALID_CHOICE", field=f"{where}.kind", accepted=accepted, **name
        ) from None
    if kind != QuestionKind.CALCULATE and not str(raw.get("labelVi") or "").strip():
        raise DomainError("REQUIRED", field=f"{where}.labelVi")
    choices: tuple[str, ...] = ()
    columns: dict[str, Mapping[str, str]] = {}
    choice_filter = None
    if kind in CHOICE_KINDS:
        listed = raw.get("choices") or []
        if not isinstance(listed, list) or not all(isinstance(c, dict) for c in listed):
            raise DomainError("INVALID_CHOICES", field=f"{where}.choices", key=key, **name)
        choices = tuple(str(c.get("value") or "") for c in listed)
        if not valid_choice_values(choices) or not all(_valid_columns(c) for c in listed):
            raise DomainError("INVALID_CHOICES", field=f"{where}.choices", key=key, **name)
        columns = {
            v: {**(c.get("columns") or {}), "name": v} for v, c in zip(choices, listed, strict=True)
        }
        choice_filter = _choice_filter(raw, seen, where)
    elif raw.get("choiceFilter"):
        raise DomainError("INVALID_RULE", field=f"{where}.choiceFilter", key=key, detail="", **name)
    pattern = None
    if raw.get("pattern"):
        text = str(raw["pattern"])
        try:
            if len(text) > MAX_PATTERN:
                raise re.error("too long")
            pattern = re.compile(text)
        except re.error:
            raise DomainError(
                "INVALID_PATTERN", field=f"{where}.pattern", key=key, **name
            ) from None
    nodes: dict[str, rules.Node | None] = {"relevant": None, "constraint": None, "required": None}
    required = raw.get("required")
    if required is not None and not isinstance(required, bool | str):
        raise DomainError("INVALID", field=f"{where}.required")
    for rule in nodes:
        if raw.get(rule) and (rule != "required" or isinstance(raw[rule], str)):
            try:
                nodes[rule] = rules.validate(
                    str(raw[rule]), earlier=seen, allow_current=rule == "constraint"
                )
            except rules.RuleError as error:
                raise DomainError(
                    "INVALID_RULE", field=f"{where}.{rule}", key=key, detail=str(error), **name
                ) from None
    for bound in ("minLength", "maxLength"):
        length = raw.get(bound)
        if length is not None and (
            not isinstance(length, int) or isinstance(length, bool) or not 0 <= length <= 100_000
        ):
            raise DomainError("INVALID_RANGE", field=f"{where}.{bound}", key=key, **name)
    pixels = raw.get("maxPixels")
    if pixels is not None and (
        kind != QuestionKind.PHOTO
        or not isinstance(pixels, int)
        or isinstance(pixels, bool)
        or not MIN_PIXELS <= pixels <= MAX_PIXELS
    ):
        raise DomainError("INVALID_RANGE", field=f"{where}.maxPixels", key=key, **name)
    accept = raw.get("accept")
    if accept is not None and (
        kind != QuestionKind.FILE
        or not isinstance(accept, list)
        or not accept
        or len(set(accept)) != len(accept)
        or not all(isinstance(a, str) and a in FILE_ACCEPT for a in accept)
    ):
        raise DomainError(
            "INVALID_ACCEPT", field=f"{where}.accept", accepted=", ".join(FILE_ACCEPT), **name
        )
    for bound in ("min", "max", "requiredAccuracy"):
        if raw.get(bound) is not None and _number(raw.get(bound)) is None:
            raise DomainError("INVALID_RANGE", field=f"{where}.{bound}", key=key, **name)
    low, high = _number(raw.get("min")), _number(raw.get("max"))
    if low is not None and high is not None and low > high:
        raise DomainError("INVALID_RANGE", field=f"{where}.min", key=key, **name)
    step = _number(raw.get("step")) if raw.get("step") is not None else 1.0
    if kind == QuestionKind.RANGE and (
        low is None or high is None or step is None or step <= 0 or step > high - low + 1e-9
    ):
        raise DomainError("INVALID_RANGE", field=f"{where}.step", key=key, **name)
    calculation = _calculation(raw, kind, seen, where) if kind == QuestionKind.CALCULATE else None
    _check_default(raw, kind, seen, where)
    for flag in ("readOnly", "defaultLastSaved"):
        if raw.get(flag) is not None and (
            not isinstance(raw[flag], bool) or (raw[flag] and kind in NOT_TYPED)
        ):
            raise DomainError("INVALID", field=f"{where}.{flag}")
    repeat_count = _repeat(raw, seen, where) if kind == QuestionKind.REPEAT else None
    if kind != QuestionKind.REPEAT and any(
        raw.get(name) is not None for name in ("questions", "repeatCount", "minCount", "maxCount")
    ):
        raise DomainError("INVALID_REPEAT", field=f"{where}.questions", **name)
    return Question(
        key,
        kind,
        raw,
        nodes["relevant"],
        nodes["constraint"],
        pattern,
        choices,
        calculation,
        choice_filter,
        columns=columns,
        required_rule=nodes["required"],
        repeat_count=repeat_count,
        parents=parents,
    )


def _repeat(raw: Mapping[str, Any], seen: list[str], where: str) -> rules.Node | None:
    """A REPEAT's counts: ``minCount`` 0 to ``maxCount`` (50 unless given, at most 200),
    and ``repeatCount``, a number or a rule over earlier answers (the enclosing
    instance's included), computed rather than chosen by the person filling in."""
    name = named(raw)
    bounds = []
    for bound, default in (("minCount", 0), ("maxCount", DEFAULT_MAX_COUNT)):
        value = raw.get(bound)
        value = default if value is None else value
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 0 <= value <= MAX_REPEAT_COUNT
        ):
            raise DomainError(
                "INVALID_REPEAT_COUNT", field=f"{where}.{bound}", max=MAX_REPEAT_COUNT, **name
            )
        bounds.append(value)
    if bounds[0] > bounds[1]:
        raise DomainError(
            "INVALID_REPEAT_COUNT", field=f"{where}.minCount", max=MAX_REPEAT_COUNT, **name
        )
    count = raw.get("repeatCount")
    if count is None or count == "":
        return None
    if isinstance(count, int | float) and not isinstance(count, bool):
        count = rules.text(count)
    if not isinstance(count, str) or len(count) > rules.MAX_RULE_LENGTH:
        raise DomainError("INVALID", field=f"{where}.repeatCount")
    return _rule(raw, count, seen, f"{where}.repeatCount")


def is_dynamic(default: str) -> bool:
    """A default that is a rule (calls a function or names an answer), as pyxform tells
    ``today()`` from the text ``today``; any other default is the answer as written."""
    return "${" in default or bool(re.search(r"[A-Za-z]\s*\(", default))


def _check_default(raw: Mapping[str, Any], kind: QuestionKind, seen: list[str], where: str) -> None:
    """``default``: text of at most 1,000 characters on a question one answers; a dynamic
    one must be a rule over earlier questions (the PWA fills it in as the form opens)."""
    default = raw.get("default")
    if default is None or default == "":
        return
    if (
        not isinstance(default, str)
        or len(default) > rules.MAX_RULE_LENGTH
        or kind in (QuestionKind.NOTE, QuestionKind.CALCULATE, QuestionKind.REPEAT)
    ):
        raise DomainError("INVALID", field=f"{where}.default")
    if is_dynamic(default):
        _rule(raw, default, seen, f"{where}.default")


def _valid_columns(choice: Mapping[str, Any]) -> bool:
    """A choice's extra columns: up to MAX_COLUMNS texts under names as question keys."""
    columns = choice.get("columns")
    if columns is None:
        return True
    return (
        isinstance(columns, dict)
        and len(columns) <= MAX_COLUMNS
        and all(
            isinstance(name, str)
            and KEY.match(name)
            and name not in RESERVED_COLUMNS
            and isinstance(value, str)
            and len(value) <= MAX_COLUMN_TEXT
            for name, value in columns.items()
        )
    )


def _choice_filter(raw: Mapping[str, Any], seen: list[str], where: str) -> rules.Node | None:
    """A choice question's filter: over earlier questions and the choices' columns."""
    text = str(raw.get("choiceFilter") or "").strip()
    if not text:
        return None
    return _rule(raw, text, seen, f"{where}.choiceFilter", columns=True)


def offered(
    question: Question,
    kept: Mapping[str, Any],
    today: date,
    path: tuple[tuple[str, int], ...] = (),
) -> list[str]:
    """The choices a question offers given the answers kept so far (all without a filter)."""
    if question.choice_filter is None:
        return list(question.choices)
    return [v for v in question.choices if _offers(question, v, kept, today, path)]


def _offers(
    question: Question,
    value: str,
    kept: Mapping[str, Any],
    today: date,
    path: tuple[tuple[str, int], ...] = (),
) -> bool:
    if question.choice_filter is None or (value == OTHER and question.allows_other):
        return True
    choice = question.columns.get(value)
    scope = rules.Scope(kept, None, today, choice=choice, path=path)
    return choice is not None and rules.holds(question.choice_filter, scope)


def _calculation(raw: Mapping[str, Any], kind: QuestionKind, seen: list[str], where: str) -> Any:
    """A CALCULATE question's rule: required, over earlier questions, no ``.``."""
    text = str(raw.get("calculation") or "").strip()
    if not text:
        raise DomainError("REQUIRED", field=f"{where}.calculation")
    return _rule(raw, text, seen, f"{where}.calculation")


@dataclass
class CheckedAnswers:
    """Answers that passed: as stored, as (key, text, number) rows for the counts
    results add up, and the free-text rows among them (text answers and "other" texts),
    which alone are kept one by one for reading."""

    answers: dict[str, Any]
    rows: list[tuple[str, str | None, float | None]]
    photos: int
    errors: list[DomainError]
    texts: list[tuple[str, str | None, float | None]] = field(default_factory=list)


def _rule(
    raw: Mapping[str, Any], text: str, seen: list[str], field: str, *, columns: bool = False
) -> rules.Node:
    """``text`` as a rule of question ``raw`` over earlier questions, without ``.``
    (``columns``: a choice filter's), or ``INVALID_RULE`` on ``field``."""
    try:
        return rules.validate(text, earlier=seen, allow_current=False, columns=columns)
    except rules.RuleError as error:
        raise DomainError(
            "INVALID_RULE", field=field, key=str(raw.get("key")), detail=str(error), **named(raw)
        ) from None


def named(raw: Mapping[str, Any]) -> dict[str, str]:
    """A question's label in both languages, for messages that name it (the key is the
    author's code, not what a person reads; the catalogue picks the language)."""
    label_vi = str(raw.get("labelVi") or raw.get("key") or "").strip()
    return {"label_vi": label_vi, "label_en": str(raw.get("labelEn") or "").strip() or label_vi}


def _wrong(question: Question) -> DomainError:
    return DomainError(
        "WRONG_ANSWER_TYPE",
        field=f"answers.{question.key}",
        key=question.key,
        kind=question.kind.value,
        **named(question.raw),
    )


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass
class _Run:
    """One check of a response: what it gathers over all levels of repeats."""

    form: Form
    today: date
    now: datetime | None
    root: dict[str, Any]
    errors: list[DomainError] = field(default_factory=list)
    rows: list[tuple[str, str | None, float | None]] = field(default_factory=list)
    texts: list[tuple[str, str | None, float | None]] = field(default_factory=list)
    photos: set[tuple[str, str]] = field(default_factory=set)
    instances: int = 0


def check_answers(
    form: Form, answers: Mapping[str, Any], *, today: date, now: datetime | None = None
) -> CheckedAnswers:
    """Type, required, relevance, range, pattern and constraint of every answer; the
    calculations computed again (``today``/``now``: when the response was collected).
    A repeat's questions are checked once per instance, in that instance (decision
    0035); their refusals name it (``answers.members[1].age``)."""
    kept: dict[str, Any] = {}
    run = _Run(form, today, now, kept)
    _check_level(form.questions, form.answer_keys, answers, kept, (), run, set())
    for refusal in run.errors:
        _pipe_labels(refusal, form, kept)
    return CheckedAnswers(kept, run.rows, len(run.photos), run.errors, run.texts)


def _check_level(
    questions: tuple[Question, ...] | list[Question],
    allowed: frozenset[str],
    answers: Mapping[str, Any],
    kept: dict[str, Any],
    path: tuple[tuple[str, int], ...],
    run: _Run,
    failed: set[str],  # keys whose answer was refused: rules reading them are skipped
) -> None:
    """The answers of one level: the response's top level, or one repeat instance
    (``kept`` is then that instance, already in place in ``run.root`` under ``path``)."""
    errors = run.errors
    today, now = run.today, run.now
    first = len(errors)
    unknown = (key for key in answers if key not in allowed)
    errors.extend(
        DomainError("UNKNOWN_QUESTION", field=f"answers.{key}", key=key) for key in unknown
    )
    root = run.root
    for question in questions:
        key = question.key
        value = answers.get(key)
        other = answers.get(f"{key}_{OTHER}")
        # (``failed`` is usually empty: the references of the rules are then not needed)
        if failed and question.relevant and rules.references(question.relevant) & failed:
            failed.add(key)
            continue
        relevant = question.relevant is None or rules.holds(
            question.relevant, rules.Scope(root, None, today, path=path)
        )
        if not relevant or question.kind == QuestionKind.NOTE:
            if not _empty(value) or not _empty(other):
                errors.append(
                    DomainError(
                        "ANSWER_NOT_RELEVANT",
                        field=f"answers.{key}",
                        key=key,
                        **named(question.raw),
                    )
                )
            continue
        if question.kind == QuestionKind.REPEAT:
            _check_repeat(question, value, kept, path, run, failed)
            continue
        if question.calculation is not None:
            calculated = calculate(question, root, current=value, today=today, now=now, path=path)
            if calculated is not None:
                kept[key] = calculated[0]
                run.rows.append(calculated[1])
            continue
        if _empty(value):
            if question.required_rule is not None:
                if rules.holds(question.required_rule, rules.Scope(root, None, today, path=path)):
                    errors.append(_required(question))
            elif question.get("required"):
                errors.append(_required(question))
            continue
        try:
            clean, item_rows = _typed(question, value, other)
            skip = failed and question.constraint and rules.references(question.constraint) & failed
            if not skip:
                _constraint(question, clean, root, today, path)
            _filtered(question, clean, root, today, failed, path)
        except DomainError as error:
            errors.append(error)
            failed.add(key)
            continue
        kept[key] = clean
        if question.kind in TEXT_KINDS:
            run.texts.extend(item_rows)
        if isinstance(other, str) and other.strip():
            kept[f"{key}_{OTHER}"] = other.strip()
            item_rows.append((f"{key}_{OTHER}", other.strip(), None))
            run.texts.append(item_rows[-1])
        run.rows.extend(item_rows)
        if question.kind in MEDIA_KINDS:
            run.photos.add((key, clean))
    if path and len(errors) > first:
        prefix = "answers." + instance_prefix(path)
        seen_here = {**run.root, **{k: v for k, v in kept.items() if v is not None}}
        for refusal in errors[first:]:
            if refusal.field and refusal.field.startswith("answers.") and "[" not in refusal.field:
                refusal.field = prefix + refusal.field.removeprefix("answers.")
                _pipe_labels(refusal, run.form, seen_here)  # its own instance's answers


def instance_prefix(path: tuple[tuple[str, int], ...]) -> str:
    """``members[1].plots[0].``: an instance as refusals name it (0-based indexes)."""
    return "".join(f"{group}[{index}]." for group, index in path)


def _check_repeat(
    question: Question,
    value: Any,
    kept: dict[str, Any],
    path: tuple[tuple[str, int], ...],
    run: _Run,
    failed: set[str],
) -> None:
    """A relevant REPEAT: its instance count, then each instance's answers."""
    key = question.key
    if value is None or value == []:
        value = []
    elif not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        run.errors.append(_wrong(question))
        failed.add(key)
        return
    low, high = question.count_bounds
    if question.repeat_count is not None:
        expected = _computed_count(question, run, path)
        if len(value) != expected:
            run.errors.append(
                DomainError(
                    "REPEAT_COUNT_MISMATCH",
                    field=f"answers.{key}",
                    expected=expected,
                    count=len(value),
                    **named(question.raw),
                )
            )
    elif not value and question.get("required") is True and low == 0:
        run.errors.append(_required(question))
    elif len(value) < low:
        run.errors.append(
            DomainError("TOO_FEW_INSTANCES", field=f"answers.{key}", min=low, **named(question.raw))
        )
    elif len(value) > high:
        run.errors.append(
            DomainError(
                "TOO_MANY_INSTANCES", field=f"answers.{key}", max=high, **named(question.raw)
            )
        )
    if not value:
        return
    if run.instances > MAX_INSTANCES:  # refused already: not checked further
        return
    run.instances += len(value)
    if run.instances > MAX_INSTANCES:
        run.errors.append(
            DomainError("RESPONSE_TOO_MANY_INSTANCES", field=f"answers.{key}", max=MAX_INSTANCES)
        )
        failed.add(key)
        return
    instances: list[dict[str, Any]] = []
    kept[key] = instances
    if path:
        for name in question.field_keys:
            if name in kept and kept[name] is None:
                del kept[name]
    inner_failed: set[str] = set()
    for index, source in enumerate(value):
        # Every field of the instance is present while it is checked (null until
        # answered): a rule then reads its own instance's field, never another's.
        # (and those of its nested repeats while they have none, so that a rule reads
        # them as empty rather than as the fields of other instances further out).
        instance: dict[str, Any] = dict.fromkeys(question.field_keys)
        instances.append(instance)
        here = (*path, (key, index))
        level_failed = set(failed)
        _check_level(
            question.questions, question.instance_keys, source, instance, here, run, level_failed
        )
        inner_failed |= level_failed - failed
        for name in [name for name, v in instance.items() if v is None]:
            del instance[name]
    failed |= inner_failed


def _computed_count(question: Question, run: _Run, path: tuple[tuple[str, int], ...]) -> int:
    """A REPEAT's ``repeatCount`` in the enclosing instance: a whole number from 0 to
    ``maxCount`` (clamped); 0 when it is empty or fails, as ODK leaves no instance."""
    assert question.repeat_count is not None
    scope = rules.Scope(run.root, None, run.today, run.now, path=path)
    try:
        value = rules.evaluate(question.repeat_count, scope)
        number = float(value) if not isinstance(value, bool) and value is not None else 0.0
    except (rules.RuleError, ValueError, TypeError):
        return 0
    if number != number or number < 0:
        return 0
    return int(min(number, float(question.count_bounds[1])))


def names_photo(answers: Mapping[str, Any], key: str, digest: str) -> bool:
    """Whether stored answers name the photo ``digest`` under ``key``, at the top level
    or in any instance of a repeat (nested ones included)."""
    if answers.get(key) == digest:
        return True
    return any(
        isinstance(value, list)
        and any(isinstance(i, Mapping) and names_photo(i, key, digest) for i in value)
        for value in answers.values()
    )


PIPED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")
SHOWN_BOOLEAN = {"vi": ("có", "không"), "en": ("yes", "no")}


def pipe(text: str, form: Form, answers: Mapping[str, Any], lang: str) -> str:
    """Piping, as the PWA shows it: ``${name}`` becomes that answer's text (a choice's
    label in ``lang``), nothing while unanswered; an unknown name stays as written."""
    if "${" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        question = form.by_key.get(match.group(1))
        if question is None:
            return match.group(0)
        return shown(question, answers.get(question.key), lang)

    return PIPED.sub(one, text)


def shown(question: Question, value: Any, lang: str) -> str:
    """An answer as a person reads it (empty when there is none)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return SHOWN_BOOLEAN["en" if lang == "en" else "vi"][0 if value else 1]
    if question.kind in CHOICE_KINDS:
        labels = {
            str(c.get("value")): str(
                (lang == "en" and c.get("labelEn")) or c.get("labelVi") or c.get("value")
            )
            for c in question.raw.get("choices") or []
        }
        options = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(o), str(o)) for o in options)
    if isinstance(value, dict) and "lat" in value:
        return f"{value.get('lat')}, {value.get('lon')}"
    return rules.text(value)


def _pipe_labels(error: DomainError, form: Form, kept: Mapping[str, Any]) -> None:
    """A refusal names its question by the label the respondent saw, answers piped in."""
    for param, lang in (("label_vi", "vi"), ("label_en", "en")):
        label = error.params.get(param)
        if isinstance(label, str) and "${" in label:
            error.params[param] = pipe(label, form, kept, lang)


def calculate(
    question: Question,
    kept: Mapping[str, Any],
    *,
    current: Any,
    today: date,
    now: datetime | None = None,
    path: tuple[tuple[str, int], ...] = (),
) -> tuple[Any, tuple[str, str | None, float | None]] | None:
    """A CALCULATE question's value from the answers kept so far (in the instance
    ``path`` names, inside a repeat), and its results row; None when it is empty or
    fails (as ODK leaves a failed calculation empty)."""
    if question.calculation is None:
        return None
    scope = rules.Scope(kept, current, today, now, path=path)
    try:
        value = rules.evaluate(question.calculation, scope)
    except rules.RuleError:
        return None
    key = question.key
    if isinstance(value, bool):
        return value, (key, "true" if value else "false", 1.0 if value else 0.0)
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return value, (key, rules.text(value), float(value))
    shown = rules.text(value)[:MAX_LONG_TEXT]
    return (shown, (key, shown, None)) if shown else None


def _typed(
    question: Question, value: Any, other: Any
) -> tuple[Any, list[tuple[str, str | None, float | None]]]:
    key, kind = question.key, question.kind
    field_name = f"answers.{key}"
    if kind in TEXT_KINDS:
        if not isinstance(value, str):
            raise _wrong(question)
        text = value.strip()
        shortest = int(question.get("minLength") or 0)
        longest = int(
            question.get("maxLength")
            or (MAX_LONG_TEXT if kind == QuestionKind.LONG_TEXT else MAX_TEXT)
        )
        if not shortest <= len(text) <= longest:
            raise DomainError(
                "INVALID_LENGTH", field=field_name, min=shortest, max=longest, **named(question.raw)
            )
        if question.pattern is not None and not question.pattern.fullmatch(text):
            raise _constraint_error(question, "PATTERN_MISMATCH")
        return text, [(key, text, None)]
    if kind in NUMBER_KINDS:
        number = _number(value)
        whole = kind in (QuestionKind.INTEGER, QuestionKind.RATING)
        if number is None or (whole and not number.is_integer()) or not _on_step(question, number):
            raise _wrong(question)
        bounds: tuple[float | None, float | None] = (
            _number(question.get("min")),
            _number(question.get("max")),
        )
        low, high = bounds
        if kind == QuestionKind.RATING:
            low, high = 1.0, 5.0
        if (low is not None and number < low) or (high is not None and number > high):
            raise DomainError(
                "NUMBER_OUT_OF_RANGE",
                field=field_name,
                min=_show(low),
                max=_show(high),
                **named(question.raw),
            )
        clean: Any = int(number) if whole or number.is_integer() else number
        return clean, [(key, str(clean), number)]
    if kind == QuestionKind.SINGLE_CHOICE:
        if not isinstance(value, str):
            raise _wrong(question)
        _check_options(question, [value], other)
        return value, [(key, value, None)]
    if kind == QuestionKind.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _wrong(question)
        options = sorted(set(value))
        _check_options(question, options, other)
        # The first option's row carries 1 so COUNT(value_number) counts the responses
        # answering, without a COUNT(DISTINCT) over the answer table.
        return options, [(key, o, 1.0 if i == 0 else None) for i, o in enumerate(options)]
    if kind == QuestionKind.DATE:
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise _wrong(question)
        return day.isoformat(), [(key, day.isoformat(), None)]
    if kind == QuestionKind.TIME:
        if not isinstance(value, str) or not TIME.match(value):
            raise _wrong(question)
        return value, [(key, value, None)]
    if kind == QuestionKind.DATETIME:
        when, _, time = value.partition("T") if isinstance(value, str) else ("", "", "")
        try:
            valid = len(when) == 10 and bool(date.fromisoformat(when)) and bool(TIME.match(time))
        except ValueError:
            valid = False
        if not valid:
            raise _wrong(question)
        return value, [(key, value, None)]
    if kind in GEO_KINDS:
        points = geo_points(value, GEO_KINDS[kind])
        if points is None:
            raise DomainError("INVALID_LOCATION", field=field_name, **named(question.raw))
        return points, [(key, None, None)]
    if kind == QuestionKind.ACKNOWLEDGE:
        if value != ACKNOWLEDGED:
            raise _wrong(question)
        return value, [(key, value, 1.0)]
    if kind == QuestionKind.YES_NO:
        if not isinstance(value, bool):
            raise _wrong(question)
        return value, [(key, "yes" if value else "no", 1.0 if value else 0.0)]
    if kind == QuestionKind.LOCATION:
        return _location(question, value)
    # PHOTO, AUDIO, FILE: the SHA-256 of the bytes uploaded separately.
    if not isinstance(value, str) or not HEX64.match(value.lower()):
        raise _wrong(question)
    if kind != QuestionKind.PHOTO:
        # counted as answered, one counts row per area and sync call (not per file)
        return value.lower(), [(key, None, None)]
    return value.lower(), [(key, value.lower(), None)]


def _on_step(question: Question, number: float) -> bool:
    """A RANGE answer lies on a step from its ``min`` (``step`` 1 by default)."""
    if question.kind != QuestionKind.RANGE:
        return True
    step = _number(question.get("step")) or 1.0
    steps = (number - float(question.get("min") or 0)) / step
    return abs(steps - round(steps)) < 1e-9


def geo_points(value: Any, fewest: int) -> str | None:
    """A trace or shape as ODK writes it (points joined by ";", numbers as given), or None
    when it is not one: too few or too many points, a point out of range."""
    if not isinstance(value, str):
        return None
    points = [p.split() for p in re.split(r"[;\n]", value) if p.strip()]
    if not fewest <= len(points) <= MAX_POINTS:
        return None
    for point in points:
        try:
            numbers = [float(n) for n in point]
        except ValueError:
            return None
        if not 2 <= len(numbers) <= 4 or any(
            n != n or n in (float("inf"), float("-inf")) for n in numbers
        ):
            return None
        if not (-90 <= numbers[0] <= 90 and -180 <= numbers[1] <= 180):
            return None
        if len(numbers) == 4 and numbers[3] < 0:
            return None
    distinct = {tuple(p[:2]) for p in points}
    if len(distinct) < fewest:
        return None
    return ";".join(" ".join(p) for p in points)


def _show(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if value.is_integer() else str(value)


def _check_options(question: Question, options: list[str], other: Any) -> None:
    accepted = [*question.choices, *([OTHER] if question.allows_other else [])]
    if any(option not in accepted for option in options):
        raise DomainError(
            "INVALID_CHOICE",
            field=f"answers.{question.key}",
            accepted=_listed(accepted),
            **named(question.raw),
        )
    if (
        question.allows_other
        and OTHER in options
        and not (isinstance(other, str) and other.strip())
    ):
        raise DomainError("REQUIRED", field=f"answers.{question.key}_{OTHER}")
    if not (question.allows_other and OTHER in options) and not _empty(other):
        raise DomainError("ANSWER_NOT_RELEVANT", field=f"answers.{question.key}_{OTHER}")


def _location(
    question: Question, value: Any
) -> tuple[Any, list[tuple[str, str | None, float | None]]]:
    key = question.key
    if not isinstance(value, dict):
        raise _wrong(question)
    lat, lon, accuracy = (_number(value.get(k)) for k in ("lat", "lon", "accuracy"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DomainError("INVALID_LOCATION", field=f"answers.{key}", **named(question.raw))
    if accuracy is not None and accuracy < 0:
        raise DomainError("INVALID_LOCATION", field=f"answers.{key}", **named(question.raw))
    needed = _number(question.get("requiredAccuracy"))
    if needed is not None and (accuracy is None or accuracy > needed):
        raise DomainError(
            "LOCATION_NOT_ACCURATE",
            field=f"answers.{key}",
            meters=_show(needed),
            **named(question.raw),
        )
    clean = {"lat": lat, "lon": lon, "accuracy": accuracy}
    return clean, [(key, f"{lat} {lon} {'' if accuracy is None else accuracy}".strip(), None)]


def _required(question: Question) -> DomainError:
    """A required question left empty; the author's ``requiredMessageVi``/``En`` if any
    (the catalogue's ``error.REQUIRED.message`` then says it after the label)."""
    message_vi = str(question.get("requiredMessageVi") or "")
    message_en = str(question.get("requiredMessageEn") or "")
    messages = {"message_vi": message_vi, "message_en": message_en} if message_vi else {}
    return DomainError(
        "REQUIRED", field=f"answers.{question.key}", **messages, **named(question.raw)
    )


def _constraint_error(question: Question, code: str) -> DomainError:
    """The author's message and the question's label in both languages; the catalogue
    picks the language (``message_vi`` or ``message_en``, see i18n)."""
    return DomainError(
        code,
        field=f"answers.{question.key}",
        message_vi=question.get("constraintMessageVi") or "",
        message_en=question.get("constraintMessageEn") or "",
        **named(question.raw),
    )


def _listed(values: list[str], most: int = 50) -> str:
    """Accepted values for a message: a long list is cut short."""
    return ", ".join(values[:most]) + (", …" if len(values) > most else "")


def _filtered(
    question: Question,
    value: Any,
    kept: Mapping[str, Any],
    today: date,
    failed: set[str],
    path: tuple[tuple[str, int], ...] = (),
) -> None:
    """A choice its filter does not offer is refused like an unknown choice."""
    node = question.choice_filter
    if node is None or (failed and rules.references(node) & failed):
        return
    options = value if isinstance(value, list) else [value]
    if all(_offers(question, option, kept, today, path) for option in options):
        return
    accepted = [*offered(question, kept, today, path), *([OTHER] if question.allows_other else [])]
    raise DomainError(
        "INVALID_CHOICE",
        field=f"answers.{question.key}",
        accepted=_listed(accepted),
        **named(question.raw),
    )


def _constraint(
    question: Question,
    value: Any,
    kept: Mapping[str, Any],
    today: date,
    path: tuple[tuple[str, int], ...] = (),
) -> None:
    if question.constraint is None:
        return
    if not rules.holds(question.constraint, rules.Scope(kept, value, today, path=path)):
        raise _constraint_error(question, "CONSTRAINT_FAILED")


def column_labels(form: Form) -> list[tuple[str, str]]:
    """(key, Vietnamese label) of every answerable top-level question (of ``form``, which
    may be a repeat's questions), with "other" columns; a repeat's column holds its
    number of instances; a piped ``${name}`` in a label reads "…" (it differs from
    response to response)."""
    columns: list[tuple[str, str]] = []
    for question in form.questions:
        if question.kind == QuestionKind.NOTE:
            continue
        label = PIPED.sub("…", str(question.get("labelVi") or question.key))
        if question.kind == QuestionKind.REPEAT:
            label = f"{label} (số lần)"  # its instances have a sheet of their own
        columns.append((question.key, label))
        if question.allows_other:
            columns.append((f"{question.key}_{OTHER}", f"{label} (khác)"))
    return columns
