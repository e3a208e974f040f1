"""XLSForm export: any survey as an XLSX workbook (survey, choices and settings sheets)
that ODK, KoBoToolbox and pyxform read, with its question names and types intact.

Each page is a ``begin group`` (appearance ``field-list``). Kinds: TEXT -> text,
LONG_TEXT -> text (appearance ``multiline``), INTEGER, DECIMAL, DATE, NOTE as such,
SINGLE_CHOICE/MULTIPLE_CHOICE -> select_one/select_multiple over a list named after the
question (`` or_other`` for ``allowOther``), LOCATION -> geopoint (``capture-accuracy``
for the accuracy DXNet requires), PHOTO -> image, AUDIO -> audio, FILE -> file (its
``accept`` as ``body::accept``), RATING -> range 1 to 5 by 1, YES_NO ->
select_one over the list ``dxnet_yes_no`` (yes/no). A choice's ``columns`` are extra
columns of the choices sheet and ``choiceFilter`` is the ``choice_filter`` column, as
XLSForm writes cascading selects. A REPEAT is a ``begin_repeat``/``end_repeat`` pair
around its questions (nested as it nests) with its ``repeat_count``, and its
``minCount``/``maxCount`` in ``dxnet_min_count``/``dxnet_max_count``. The ``constraint`` column joins the
number and length bounds and the pattern to the survey's own constraint, so ODK checks
them too; the ``dxnet_*`` columns (ignored by ODK) keep the DXNet values, so that
``surveys.xlsform`` imports the file back as the same definition. Languages beyond
Vietnamese and English (decision 0038) get their own ``label::Khmer (km)``,
``hint::…``, ``constraint_message::…`` and ``required_message::…`` columns.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]

from core.actor import Actor
from network.access import require_editor
from surveys import services
from surveys.xlsform import YES_NO_LIST

VI = "Tiếng Việt (vi)"
EN = "English (en)"
SURVEY_COLUMNS = [
    "type",
    "name",
    f"label::{VI}",
    f"label::{EN}",
    f"hint::{VI}",
    f"hint::{EN}",
    "required",
    "relevant",
    "constraint",
    "calculation",
    "choice_filter",
    "default",
    "read_only",
    f"constraint_message::{VI}",
    f"constraint_message::{EN}",
    f"required_message::{VI}",
    f"required_message::{EN}",
    "appearance",
    "parameters",
    "dxnet_kind",
    "dxnet_min",
    "dxnet_max",
    "dxnet_min_length",
    "dxnet_max_length",
    "dxnet_pattern",
    "dxnet_required_accuracy",
    "dxnet_constraint",
    "repeat_count",
    "dxnet_min_count",
    "dxnet_max_count",
    "body::accept",
]
# A FILE's ``accept`` as XLSForm's ``body::accept`` (what ODK Collect offers to pick).
ACCEPT = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "image": "image/*"}
# Translated texts (decision 0038) by their XLSForm column, per language.
TRANSLATED_COLUMNS = {
    "label": "label",
    "hint": "hint",
    "constraintMessage": "constraint_message",
    "requiredMessage": "required_message",
    "title": "label",
}
CHOICE_COLUMNS = ["list_name", "name", f"label::{VI}", f"label::{EN}"]
TYPES = {
    "TEXT": "text",
    "LONG_TEXT": "text",
    "INTEGER": "integer",
    "DECIMAL": "decimal",
    "DATE": "date",
    "TIME": "time",
    "DATETIME": "dateTime",
    "BARCODE": "barcode",
    "ACKNOWLEDGE": "acknowledge",
    "GEOTRACE": "geotrace",
    "GEOSHAPE": "geoshape",
    "RANGE": "range",
    "NOTE": "note",
    "LOCATION": "geopoint",
    "PHOTO": "image",
    "AUDIO": "audio",
    "FILE": "file",
    "RATING": "range",
    "CALCULATE": "calculate",
}


def _odk_constraint(question: Mapping[str, Any]) -> str:
    """The survey's constraint with its bounds and pattern, for ODK to check."""
    parts = []
    for key, operator in (("min", ">="), ("max", "<=")):
        if question.get(key) is not None and question.get("kind") not in ("RATING", "RANGE"):
            parts.append(f". {operator} {question[key]}")
    for key, operator in (("minLength", ">="), ("maxLength", "<=")):
        if question.get(key) is not None:
            parts.append(f"string-length(.) {operator} {question[key]}")
    pattern = question.get("pattern")
    if pattern:
        quote = "'" if "'" not in pattern else '"'
        if quote not in pattern:
            parts.append(f"regex(., {quote}^(?:{pattern})${quote})")
    if question.get("constraint"):
        parts.append(f"({question['constraint']})" if parts else str(question["constraint"]))
    return " and ".join(parts)


def _translated(raw: Mapping[str, Any], headers: Mapping[str, str]) -> dict[str, Any]:
    """A text's translations as ``label::Khmer (km)`` and the like; ``headers`` gives
    each language's column name by code."""
    found: dict[str, Any] = {}
    translations = raw.get("translations")
    for code, texts in translations.items() if isinstance(translations, dict) else []:
        if code not in headers or not isinstance(texts, dict):
            continue
        for field, text in texts.items():
            if field in TRANSLATED_COLUMNS and text:
                found[f"{TRANSLATED_COLUMNS[field]}::{headers[code]}"] = text
    return found


def _question_row(
    question: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    kind = str(question.get("kind"))
    key = str(question.get("key"))
    choices: list[dict[str, Any]] = []
    row: dict[str, Any] = {"name": key, "dxnet_kind": kind}
    if kind in ("SINGLE_CHOICE", "MULTIPLE_CHOICE"):
        select = "select_one" if kind == "SINGLE_CHOICE" else "select_multiple"
        row["type"] = f"{select} {key}" + (" or_other" if question.get("allowOther") else "")
        choices = [
            {
                **(c.get("columns") or {}),
                "list_name": key,
                "name": c.get("value"),
                f"label::{VI}": c.get("labelVi") or "",
                f"label::{EN}": c.get("labelEn") or "",
                **_translated(c, headers or {}),
            }
            for c in question.get("choices") or []
        ]
        row["choice_filter"] = question.get("choiceFilter")
    elif kind == "YES_NO":
        row["type"] = f"select_one {YES_NO_LIST}"
    else:
        row["type"] = TYPES[kind]
    if kind == "LONG_TEXT":
        row["appearance"] = "multiline"
    elif question.get("appearance") and kind != "CALCULATE":
        row["appearance"] = question.get("appearance")
    if kind == "PHOTO" and question.get("maxPixels") is not None:
        row["parameters"] = f"max-pixels={question['maxPixels']}"
    if kind == "FILE" and question.get("accept"):
        row["body::accept"] = ",".join(ACCEPT[a] for a in question["accept"] if a in ACCEPT)
    if kind == "RATING":
        row["parameters"] = "start=1 end=5 step=1"
    if kind == "RANGE":
        row["parameters"] = (
            f"start={question.get('min')} end={question.get('max')} step={question.get('step') or 1}"
        )
    if kind == "LOCATION" and question.get("requiredAccuracy") is not None:
        row["parameters"] = f"capture-accuracy={question['requiredAccuracy']}"
    row[f"label::{VI}"] = question.get("labelVi")
    row[f"label::{EN}"] = question.get("labelEn")
    row[f"hint::{VI}"] = question.get("hintVi")
    row[f"hint::{EN}"] = question.get("hintEn")
    required = question.get("required")
    row["required"] = required if isinstance(required, str) else "yes" if required else None
    row["relevant"] = question.get("relevant")
    row["calculation"] = question.get("calculation")
    row["constraint"] = _odk_constraint(question) or None
    row["default"] = (
        f"${{last-saved#{question['key']}}}"
        if question.get("defaultLastSaved")
        else question.get("default")
    )
    row["read_only"] = "yes" if question.get("readOnly") else None
    if kind == "CALCULATE" and question.get("hidden"):  # imported from a ``hidden`` row
        rule = str(question.get("calculation") or "")
        quoted = len(rule) >= 2 and rule[0] == rule[-1] and rule[0] in "'\""
        row["type"], row["calculation"] = "hidden", None
        row["default"] = rule[1:-1] if quoted else rule
    row[f"required_message::{VI}"] = question.get("requiredMessageVi")
    row[f"required_message::{EN}"] = question.get("requiredMessageEn")
    row[f"constraint_message::{VI}"] = question.get("constraintMessageVi")
    row[f"constraint_message::{EN}"] = question.get("constraintMessageEn")
    for column, name in (
        ("dxnet_min", "min"),
        ("dxnet_max", "max"),
        ("dxnet_min_length", "minLength"),
        ("dxnet_max_length", "maxLength"),
        ("dxnet_pattern", "pattern"),
        ("dxnet_required_accuracy", "requiredAccuracy"),
        ("dxnet_constraint", "constraint"),
    ):
        row[column] = question.get(name)
    row.update(_translated(question, headers or {}))
    return row, choices


def _rows(
    questions: list[Any], listed: list[dict[str, Any]], headers: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The survey sheet's rows of some questions (a repeat between ``begin_repeat`` and
    ``end_repeat``), their choices added to ``listed``."""
    found: list[dict[str, Any]] = []
    for question in questions:
        if question.get("kind") == "REPEAT":
            found.append({**_repeat_row(question), **_translated(question, headers)})
            found.extend(_rows(question.get("questions") or [], listed, headers))
            found.append({"type": "end_repeat"})
            continue
        row, choices = _question_row(question, headers)
        found.append(row)
        listed.extend(choices)
    return found


def _repeat_row(question: Mapping[str, Any]) -> dict[str, Any]:
    """``begin_repeat``: ``repeat_count`` as XLSForm has it; the instance bounds, which
    ODK does not have, in ``dxnet_min_count``/``dxnet_max_count``."""
    count = question.get("repeatCount")
    return {
        "type": "begin_repeat",
        "name": question.get("key"),
        f"label::{VI}": question.get("labelVi"),
        f"label::{EN}": question.get("labelEn"),
        "relevant": question.get("relevant"),
        "repeat_count": None if count in (None, "") else str(count),
        "dxnet_min_count": question.get("minCount"),
        "dxnet_max_count": question.get("maxCount"),
    }


def definition_to_xlsform(
    definition: Mapping[str, Any], *, title: str, form_id: str, version: int
) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    headers = _language_headers(definition)
    columns = [*SURVEY_COLUMNS, *_language_columns(headers)]
    survey.append(columns)
    listed: list[dict[str, Any]] = []
    yes_no = False
    for number, page in enumerate(definition.get("pages") or [], start=1):
        group = {
            "type": "begin group",
            "name": page.get("key") or f"page_{number}",
            f"label::{VI}": page.get("titleVi"),
            f"label::{EN}": page.get("titleEn"),
            "appearance": "field-list",
            **_translated(page, headers),
        }
        survey.append([group.get(column) for column in columns])
        for row in _rows(page.get("questions") or [], listed, headers):
            survey.append([row.get(column) for column in columns])
            yes_no = yes_no or row.get("dxnet_kind") == "YES_NO"
        survey.append(["end group"])
    if yes_no:
        listed.append(dict(zip(CHOICE_COLUMNS, [YES_NO_LIST, "yes", "Có", "Yes"], strict=True)))
        listed.append(dict(zip(CHOICE_COLUMNS, [YES_NO_LIST, "no", "Không", "No"], strict=True)))
    # A choice list's extra columns (what choice filters read) follow the usual four.
    extra = list(dict.fromkeys(k for row in listed for k in row if k not in CHOICE_COLUMNS))
    choices = book.create_sheet("choices")
    choices.append([*CHOICE_COLUMNS, *extra])
    for choice in listed:
        choices.append([choice.get(column) for column in [*CHOICE_COLUMNS, *extra]])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([title, form_id, str(version), VI])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _language_headers(definition: Mapping[str, Any]) -> dict[str, str]:
    """Each carried language's column name by code: "Khmer (km)"."""
    listed = definition.get("languages")
    return {
        str(language["code"]): f"{language.get('name') or language['code']} ({language['code']})"
        for language in (listed if isinstance(listed, list) else [])
        if isinstance(language, dict) and language.get("code")
    }


def _language_columns(headers: Mapping[str, str]) -> list[str]:
    """The survey sheet's columns of the carried languages, after DXNet's own."""
    return [
        f"{column}::{header}"
        for header in headers.values()
        for column in ("label", "hint", "constraint_message", "required_message")
    ]


async def export_survey(actor: Actor, *, survey_id: int) -> tuple[str, bytes]:
    """(file name, workbook) of a survey of the actor's area, for editors; the draft's
    questions (what a new version would freeze)."""
    require_editor(actor)
    survey = await services.get(actor, survey_id=survey_id)
    content = definition_to_xlsform(
        survey.definition,
        title=survey.title,
        form_id=f"dxnet_survey_{survey.id}",
        version=max(survey.current_version, 1),
    )
    return f"survey-{survey.id}-xlsform.xlsx", content
