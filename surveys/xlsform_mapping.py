"""The mapping behind ``surveys.xlsform``: pyxform's JSON of an XLSForm to a DXNet
definition, with a ``Loss`` for every construct not carried over exactly (the rules of
the mapping are in ``surveys.xlsform``'s docstring)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import DomainError
from surveys import rules
from surveys.definition import (
    DEFAULT_MAX_COUNT,
    HONOURED_APPEARANCES,
    KEY,
    LANGUAGE_CODE,
    MAX_COLUMN_TEXT,
    MAX_COLUMNS,
    MAX_LANGUAGES,
    MAX_PIXELS,
    MAX_QUESTIONS,
    MAX_REPEAT_COUNT,
    MAX_REPEAT_DEPTH,
    MAX_TRANSLATION,
    MIN_PIXELS,
    OTHER,
    RESERVED_COLUMNS,
    is_dynamic,
    parse_form,
    valid_choice_values,
)

# Columns the export writes so that DXNet-only settings survive a round trip.
DXNET_COLUMNS = {
    "dxnet_kind": "kind",
    "dxnet_min": "min",
    "dxnet_max": "max",
    "dxnet_min_length": "minLength",
    "dxnet_max_length": "maxLength",
    "dxnet_pattern": "pattern",
    "dxnet_required_accuracy": "requiredAccuracy",
    "dxnet_constraint": "constraint",
}
YES_NO_LIST = "dxnet_yes_no"
# A repeat's columns written by the export: its instance bounds.
REPEAT_COLUMNS = ("dxnet_min_count", "dxnet_max_count")
RATING_RANGE = {"start": "1", "end": "5", "step": "1"}
TRUE = {"yes", "true", "true()"}
FALSE = {"no", "false", "false()", ""}
METADATA = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
}
SIMPLE_KINDS = {
    "integer": "INTEGER",
    "decimal": "DECIMAL",
    "date": "DATE",
    "time": "TIME",
    "dateTime": "DATETIME",
    "barcode": "BARCODE",
    "acknowledge": "ACKNOWLEDGE",
    "geotrace": "GEOTRACE",
    "geoshape": "GEOSHAPE",
    "geopoint": "LOCATION",
    "photo": "PHOTO",
    "image": "PHOTO",
    "audio": "AUDIO",
    "file": "FILE",
    "note": "NOTE",
}
SELECT_KINDS = {"select one": "SINGLE_CHOICE", "select all that apply": "MULTIPLE_CHOICE"}
# JSON keys of a question handled by the mapping itself.
HANDLED = {
    "type",
    "name",
    "label",
    "hint",
    "bind",
    "choices",
    "itemset",
    "list_name",
    "choice_filter",
    "default",
}
# ("type": the data type pyxform derives, decimal for a range by a fractional step)
LAST_SAVED = re.compile(r"\$\{last-saved#([A-Za-z_][A-Za-z0-9_.\-]*)\}")
HANDLED_BIND = {
    "required",
    "relevant",
    "constraint",
    "jr:constraintMsg",
    "calculate",
    "type",
    "readonly",
}
# What pyxform derives from another column (reported under that column).
DERIVED = {"_dynamic_default", "actions", "orx:max-pixels"}
PIPED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")
VI_LANGUAGE = re.compile(r"\(vi\)|^vi$|vietnam|tiếng việt", re.IGNORECASE)
# "Khmer (km)": a language column's name and its code, as XLSForm writes them.
NAMED_LANGUAGE = re.compile(r"^(.*?)\s*\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\)\s*$")
# A FILE's ``body::accept`` (extensions or media types, comma separated) by DXNet's
# ``accept`` value.
ACCEPTED_FILES = {
    ".pdf": "pdf",
    "application/pdf": "pdf",
    ".docx": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    ".xlsx": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/*": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".webp": "image",
    "image/jpeg": "image",
    "image/png": "image",
    "image/webp": "image",
}
EN_LANGUAGE = re.compile(r"\(en\)|^en$|english", re.IGNORECASE)


@dataclass(frozen=True)
class Loss:
    """One construct not carried over exactly: where it is and what happened to it
    (``code`` names the catalogue message ``xlsform.<code>``)."""

    sheet: str
    row: int | None
    column: str | None
    code: str
    name: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass
class XlsFormImport:
    title: str
    definition: dict[str, Any]
    losses: list[Loss]
    fields: list[str]  # the form's fields (questions, calculations, repeats' fields)
    lost: set[str]  # the fields not carried over exactly

    @property
    def exact(self) -> int:
        return sum(1 for name in self.fields if name not in self.lost)


class Mapper:
    def __init__(self, form: Mapping[str, Any], workbook: Any) -> None:
        self.form = form
        self.survey_rows: list[dict[str, Any]] = list(workbook.survey or [])
        self.settings: dict[str, Any] = dict((workbook.settings or [{}])[0] or {})
        self.losses: list[Loss] = []
        self.fields: list[str] = []
        self.lost: set[str] = set()
        self.seen: list[str] = []
        self.depth = 0  # repeats around the element being mapped
        # (question, column, row, names) of each label or hint piping ``${name}``.
        self.piped: list[tuple[str, str, int | None, list[str]]] = []
        # Rows of each name (a name may recur in other groups), and how many of them the
        # mapping has reached, so a loss points at the row being mapped.
        self.rows: dict[str, list[int]] = {}
        self.reached: dict[str, int] = {}
        for index, row in enumerate(self.survey_rows):
            if row.get("name"):
                self.rows.setdefault(str(row["name"]), []).append(index + 2)
        self.carried: dict[str, str] = {}  # language column -> code
        self.languages: list[dict[str, str]] = []
        self.vi, self.en = self._languages()
        for sheet in ("external_choices", "entities", "osm"):
            if getattr(workbook, sheet, None):
                self.losses.append(Loss(sheet, None, None, "SHEET_IGNORED", None, {"sheet": sheet}))

    # --- where ----------------------------------------------------------------------

    def _column(self, name: str | None, wanted: str) -> str | None:
        """The header, as written, of the cell behind ``wanted`` on ``name``'s row."""
        number = self.row(name)
        row = self.survey_rows[number - 2] if number else {}
        base = wanted.lower().replace(" ", "_")
        for header in row:
            clean = header.lower().replace(" ", "_").removeprefix("bind::")
            if clean.split("::")[0] in (base, base.removeprefix("jr:")):
                return str(header)
        return wanted

    def row(self, name: str | None) -> int | None:
        """The sheet row of ``name`` being mapped."""
        rows = self.rows.get(name or "")
        if not rows:
            return None
        return rows[min(self.reached.get(name or "", 1), len(rows)) - 1]

    def lose(self, code: str, name: str | None, where: str | None = None, /, **params: Any) -> None:
        self.losses.append(
            Loss(
                sheet="survey",
                row=self.row(name),
                column=self._column(name, where) if where else None,
                code=code,
                name=name,
                params={k: str(v) for k, v in params.items()},
            )
        )
        if name is not None and name in self.fields:
            self.lost.add(name)

    # --- languages ------------------------------------------------------------------

    def _languages(self) -> tuple[str | None, str | None]:
        """Vietnamese and English as ``…Vi``/``…En``; every other language carried
        under its code (decision 0038), at most 10, one without a code under a code
        made from its name (listed)."""
        found: list[str] = []
        for element in _walk(self.form.get("children") or []):
            if element.get("name") not in self.rows:
                continue  # pyxform's own (meta, the text of "or_other")
            for key in ("label", "hint"):
                value = element.get(key)
                names = value.keys() if isinstance(value, dict) else ["default"] if value else []
                found.extend(n for n in names if n not in found)
        default = str(self.settings.get("default_language") or "default")
        vi = next((n for n in found if VI_LANGUAGE.search(n)), None)
        en = next((n for n in found if EN_LANGUAGE.search(n) and n != vi), None)
        if vi is None:
            rest = [n for n in found if n != en]
            vi = default if default in rest else (rest[0] if rest else en)
        for other in found:
            if other in (vi, en):
                continue
            if len(self.carried) >= MAX_LANGUAGES:
                self.losses.append(
                    Loss(
                        "survey",
                        None,
                        f"label::{other}",
                        "LANGUAGE_IGNORED",
                        None,
                        {"language": other, "max": str(MAX_LANGUAGES)},
                    )
                )
                continue
            code, name = self._language_code(other)
            self.carried[other] = code
            self.languages.append({"code": code, "name": name})
        return vi, en

    def _language_code(self, column: str) -> tuple[str, str]:
        """(code, name) of a language column: "Khmer (km)" gives ("km", "Khmer"); a
        name alone gets a code from its letters ("Cham" -> "cha"), listed."""
        taken = set(self.carried.values()) | {"vi", "en"}
        match = NAMED_LANGUAGE.match(column)
        if match:
            name, code = match.group(1).strip() or column, match.group(2)
            code = code[:3].lower() + code[3:] if "-" not in code else code
            primary, _, region = code.partition("-")
            code = primary.lower() + (f"-{region}" if region else "")
            if LANGUAGE_CODE.match(code) and code not in taken and primary not in ("vi", "en"):
                return code, name
        else:
            name = column.strip()
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        letters = "".join(c for c in plain.lower() if "a" <= c <= "z")
        base = (letters[:3] or "und").ljust(2, "x")
        code, n = base, 1
        while code in taken or base in ("vi", "en"):
            n += 1
            code = f"{base}-{n:02d}"
        self.losses.append(
            Loss(
                "survey",
                None,
                f"label::{column}",
                "LANGUAGE_CODED",
                None,
                {"language": column, "code": code},
            )
        )
        return code, name[:100] or code

    def text(self, value: Any) -> tuple[str, str]:
        """(Vietnamese, English) of a label, hint or message."""
        if value is None or value == "":
            return "", ""
        if not isinstance(value, dict):
            return str(value), ""
        vi = str(value.get(self.vi or "", "") or "")
        en = str(value.get(self.en or "", "") or "") if self.en else ""
        own = (str(v) for k, v in value.items() if k not in self.carried and v)
        return (vi or en or next(own, "")), en

    def translate(self, raw: dict[str, Any], field: str, value: Any, name: str | None) -> None:
        """The texts of ``value`` in the carried languages, into ``raw["translations"]``
        (a text longer than DXNet keeps is listed instead)."""
        if not isinstance(value, dict):
            return
        for column, code in self.carried.items():
            text = str(value.get(column) or "")
            if not text:
                continue
            if len(text) > MAX_TRANSLATION:
                self.lose("COLUMN_IGNORED", name, field, column=f"{field}::{column}")
                continue
            raw.setdefault("translations", {}).setdefault(code, {})[field] = text

    # --- the form -------------------------------------------------------------------

    def run(self) -> XlsFormImport:
        pages: list[dict[str, Any]] = []
        loose: list[dict[str, Any]] = []
        for element in self.form.get("children") or []:
            if element.get("type") == "group" and element.get("name") != "meta":
                if loose:
                    pages.append({"key": f"page_{len(pages) + 1}", "questions": loose})
                    loose = []
                questions = list(self.section(element.get("children") or []))
                title_vi, title_en = self.text(element.get("label"))
                page: dict[str, Any] = {"key": str(element["name"])}
                if title_vi:
                    page["titleVi"] = title_vi
                if title_en:
                    page["titleEn"] = title_en
                self.translate(page, "title", element.get("label"), str(element["name"]))
                self.group_losses(element)
                relevant = (element.get("bind") or {}).get("relevant")
                if relevant:
                    questions = self.with_group_relevance(element, questions)
                if questions:
                    pages.append({**page, "questions": questions})
            else:
                loose.extend(self.section([element]))
        if loose:
            pages.append({"key": f"page_{len(pages) + 1}", "questions": loose})
        self.settings_losses()
        self.piping_losses(pages)
        title = str(self.form.get("title") or self.form.get("id_string") or "XLSForm")
        definition: dict[str, Any] = {"pages": pages}
        if self.languages:
            definition = {"languages": self.languages, **definition}
        return XlsFormImport(title, definition, self.losses, self.fields, self.lost)

    def with_group_relevance(
        self, group: Mapping[str, Any], questions: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Questions of a group (a page) get the group's relevance joined to theirs;
        it is checked against the questions before the group."""
        relevant = str(group["bind"]["relevant"])
        earlier = [k for k in self.seen if k not in {q["key"] for q in questions}]
        try:
            rules.validate(relevant, earlier=earlier, allow_current=False)
        except rules.RuleError as error:
            for question in questions:
                self.lose(
                    "RULE_DROPPED", question["key"], "relevant", rule=relevant, detail=str(error)
                )
            self.lose(
                "RULE_DROPPED", str(group["name"]), "relevant", rule=relevant, detail=str(error)
            )
            return questions
        for question in questions:
            own = question.get("relevant")
            joined = f"({relevant}) and ({own})" if own else relevant
            if len(joined) > rules.MAX_RULE_LENGTH:
                detail = f"joined to the group's it exceeds {rules.MAX_RULE_LENGTH} characters"
                self.lose("RULE_DROPPED", question["key"], "relevant", rule=own, detail=detail)
                continue
            question["relevant"] = joined
        return questions

    def section(self, elements: list[Any]) -> Iterator[dict[str, Any]]:
        for element in elements:
            kind = str(element.get("type") or "")
            name = str(element.get("name") or "")
            self.reached[name] = self.reached.get(name, 0) + 1
            if kind == "group":
                if name == "meta":
                    continue
                self.group_losses(element)
                if element.get("label"):
                    self.losses.append(
                        Loss(
                            "survey",
                            self.row(name),
                            self._column(name, "label"),
                            "GROUP_FLATTENED",
                            name,
                        )
                    )
                inner = list(self.section(element.get("children") or []))
                relevant = (element.get("bind") or {}).get("relevant")
                yield from self.with_group_relevance(element, inner) if relevant else inner
            elif kind == "repeat":
                repeat = self.repeat(element)
                if repeat is not None:
                    yield repeat
            elif kind in METADATA:
                self.lose("METADATA", name, "type", type=kind)
            elif kind == "text" and name.endswith("_" + OTHER) and self._is_generated_other(name):
                continue
            elif kind == "calculate" and self._generated_count(name) is not None:
                continue  # pyxform's for a repeat_count that is not a name: read there
            else:
                self.fields.append(name)
                question = self.question(element)
                if question is not None:
                    yield question

    def repeat(self, element: Mapping[str, Any]) -> dict[str, Any] | None:
        """``begin_repeat``: a REPEAT with its questions (decision 0035), its
        ``repeat_count`` as ``repeatCount`` (a rule over earlier answers), its
        relevance kept; a repeat DXNet cannot carry loses its fields with it."""
        name = str(element.get("name") or "")
        names = [str(e.get("name")) for e in _walk(element.get("children") or [])]
        names = [n for n in names if n and not _is_container(element, n)]
        if self.depth >= MAX_REPEAT_DEPTH or not KEY.match(name) or name in self.seen:
            self.fields.extend(names)
            self.lost.update(names)
            code = "REPEAT" if self.depth >= MAX_REPEAT_DEPTH else "INVALID_NAME"
            if name in self.seen:
                code = "DUPLICATE_NAME"
            self.lose(code, name, "type" if code == "REPEAT" else "name", count=len(names))
            return None
        label_vi, label_en = self.text(element.get("label"))
        raw: dict[str, Any] = {"key": name, "kind": "REPEAT", "labelVi": label_vi or name}
        if label_en:
            raw["labelEn"] = label_en
        self.translate(raw, "label", element.get("label"), name)
        control = dict(element.get("control") or {})
        count = str(control.pop("jr:count", "") or "").strip()
        generated = self._generated_count(count.removeprefix("${").removesuffix("}"))
        if generated is not None:
            count = generated
        for column, bound in (("dxnet_min_count", "minCount"), ("dxnet_max_count", "maxCount")):
            value = str(element.get(column) or "").strip()
            if value.isdigit() and int(value) <= MAX_REPEAT_COUNT:
                raw[bound] = int(value)
            elif value:
                self.lose("COLUMN_IGNORED", name, column, column=column)
        if raw.get("minCount", 0) > raw.get("maxCount", DEFAULT_MAX_COUNT):
            raw.pop("minCount")
            self.lose("COLUMN_IGNORED", name, "dxnet_min_count", column="dxnet_min_count")
        if count:
            self.repeat_count(name, count, raw)
        bind = dict(element.get("bind") or {})
        relevant = str(bind.pop("relevant", "") or "").strip()
        if relevant:
            try:
                rules.validate(relevant, earlier=self.seen, allow_current=False)
            except rules.RuleError as error:
                self.lose("RULE_DROPPED", name, "relevant", rule=relevant, detail=str(error))
            else:
                raw["relevant"] = relevant
        for key, value in [*control.items(), *bind.items()]:
            if value not in (None, "", {}, []):
                self.lose("COLUMN_IGNORED", name, key, column=key)
        for key, value in element.items():
            if key in ("type", "name", "label", "control", "bind", "children", *REPEAT_COLUMNS):
                continue
            if value:
                self.lose("COLUMN_IGNORED", name, key, column=key)
        self.seen.append(name)  # its questions may name it (indexed-repeat, count)
        self.depth += 1
        try:
            questions = list(self.section(element.get("children") or []))
        finally:
            self.depth -= 1
        if not questions:
            self.lose("REPEAT", name, "type", count=len(names))
            return None
        raw["questions"] = questions
        return raw

    def _generated_count(self, name: str) -> str | None:
        """The expression of pyxform's ``<repeat>_count`` calculation (made for a
        ``repeat_count`` that is not a plain ``${name}``), None for any other name."""
        if not name.endswith("_count") or name in self.rows:
            return None
        siblings = _siblings(self.form, name)
        repeat = name.removesuffix("_count")
        if not any(e.get("name") == repeat and e.get("type") == "repeat" for e in siblings):
            return None
        element = next(e for e in siblings if e.get("name") == name)
        text = str((element.get("bind") or {}).get("calculate") or "").strip()
        return text or None

    def repeat_count(self, name: str, count: str, raw: dict[str, Any]) -> None:
        """``repeat_count``: a number up to 200 (a larger one is clamped, and listed),
        or a rule over earlier answers."""
        try:
            number = float(count)
        except ValueError:
            number = None
        if number is not None:
            if not number.is_integer() or number < 0:
                self.lose("RULE_DROPPED", name, "repeat_count", rule=count, detail="not a count")
                return
            if number > MAX_REPEAT_COUNT:
                self.lose("REPEAT_COUNT_CLAMPED", name, "repeat_count", max=MAX_REPEAT_COUNT)
                number = MAX_REPEAT_COUNT
            raw["repeatCount"] = str(int(number))
            if number > raw.get("maxCount", DEFAULT_MAX_COUNT):
                raw["maxCount"] = int(number)
            return
        try:
            rules.validate(count, earlier=self.seen, allow_current=False)
        except rules.RuleError as error:
            self.lose("RULE_DROPPED", name, "repeat_count", rule=count, detail=str(error))
            return
        raw["repeatCount"] = count

    def _is_generated_other(self, name: str) -> bool:
        """pyxform's text for ``or_other`` (not a row of the sheet)."""
        return name not in self.rows and name.removesuffix("_" + OTHER) in self.rows

    def group_losses(self, group: Mapping[str, Any]) -> None:
        name = str(group.get("name"))
        for key, value in group.items():
            if key in {"type", "name", "label", "children"} or not value:
                continue
            if key == "control" and value == {"appearance": "field-list"}:
                continue
            if key == "bind" and {k for k, v in value.items() if v} <= {"relevant"}:
                continue
            self.losses.append(
                Loss(
                    "survey",
                    self.row(name),
                    self._column(name, key),
                    "COLUMN_IGNORED",
                    name,
                    {"column": key},
                )
            )

    def piping_losses(self, pages: list[dict[str, Any]]) -> None:
        """Piping is carried (the PWA shows ``${name}`` as that answer) when every name it
        reads is a question carried over; otherwise it would show as written."""
        carried = {q["key"] for page in pages for q in _nested(page["questions"])}
        for name, column, row, names in self.piped:
            missing = [n for n in names if n not in carried]
            if missing:
                self.losses.append(
                    Loss(
                        "survey",
                        row,
                        self._column(name, column),
                        "PIPING",
                        name,
                        {"names": ", ".join(missing)},
                    )
                )
                if name in self.fields:
                    self.lost.add(name)

    def settings_losses(self) -> None:
        kept = {"form_title", "form_id", "version", "default_language"}
        for column, value in self.settings.items():
            if column not in kept and value:
                self.losses.append(
                    Loss("settings", 2, column, "SETTING_IGNORED", None, {"column": column})
                )

    # --- one question ---------------------------------------------------------------

    def question(self, element: Mapping[str, Any]) -> dict[str, Any] | None:
        name = str(element.get("name") or "")
        kind_type = str(element.get("type") or "")
        if not KEY.match(name):
            self.lose("INVALID_NAME", name, "name")
            return None
        if name in self.seen:  # XLSForm allows one name in two groups; DXNet keys are global
            self.lose("DUPLICATE_NAME", name, "name")
            return None
        if len(self.seen) >= MAX_QUESTIONS:
            self.lose("TOO_MANY_QUESTIONS", name, "name", max=MAX_QUESTIONS)
            return None
        mine = {DXNET_COLUMNS[k]: str(v) for k, v in element.items() if k in DXNET_COLUMNS}
        raw: dict[str, Any] = {"key": name}
        kind = self.kind(element, kind_type, mine, raw)
        if kind is None:
            if kind_type != "calculate":  # a calculation says why itself
                self.lose("UNSUPPORTED_TYPE", name, "type", type=kind_type)
            return None
        raw["kind"] = kind
        label_vi, label_en = self.text(element.get("label"))
        raw["labelVi"] = label_vi or name
        if label_en:
            raw["labelEn"] = label_en
        hint_vi, hint_en = self.text(element.get("hint"))
        if hint_vi:
            raw["hintVi"] = hint_vi
        if hint_en:
            raw["hintEn"] = hint_en
        self.translate(raw, "label", element.get("label"), name)
        self.translate(raw, "hint", element.get("hint"), name)
        if kind in ("SINGLE_CHOICE", "MULTIPLE_CHOICE") and not self.choices(element, raw):
            return None
        bind = dict(element.get("bind") or {})
        self.required(name, bind, raw)
        self.read_only(name, bind, raw)
        self.default(name, element.get("default"), kind, raw)
        self.bounds(mine, raw)
        self.rules(name, bind, mine if "dxnet_kind" in element else None, raw)
        for key, value in element.items():
            if (
                key in HANDLED
                or key in DXNET_COLUMNS
                or key in DERIVED
                or key in ("control", "parameters")
            ):
                continue
            if value not in (None, "", {}, []):
                self.lose("COLUMN_IGNORED", name, key, column=key)
        for key, value in bind.items():
            if key not in HANDLED_BIND and key not in DERIVED and value not in (None, ""):
                self.lose("COLUMN_IGNORED", name, key, column=key)
        for column in ("label", "hint"):
            names = PIPED.findall(str(element.get(column) or ""))
            if names:  # checked once every question is mapped (a later one may be named)
                self.piped.append((name, column, self.row(name), names))
        # The question alone (its rules were checked against the earlier ones above).
        probe = {
            k: v for k, v in raw.items() if k not in ("relevant", "constraint", "choiceFilter")
        }
        # rules were checked above against the earlier questions
        if "calculation" in probe:
            probe["calculation"] = "1"
        if isinstance(probe.get("required"), str):
            probe["required"] = True
        if "default" in probe and is_dynamic(probe["default"]):
            probe["default"] = "today()"
        try:
            parse_form({"languages": self.languages, "pages": [{"questions": [probe]}]})
        except DomainError as error:
            self.lose("INVALID_QUESTION", name, "type", type=kind_type, code=error.code)
            return None
        self.seen.append(name)
        return raw

    def kind(
        self, element: Mapping[str, Any], kind_type: str, mine: dict[str, str], raw: dict[str, Any]
    ) -> str | None:
        name = str(element.get("name"))
        control = dict(element.get("control") or {})
        parameters = _parameters(element.get("parameters"))
        appearance = str(control.pop("appearance", "") or "")
        wanted = mine.pop("kind", None)
        kind: str | None = None
        if kind_type == "text":
            kind = "LONG_TEXT" if appearance == "multiline" else "TEXT"
            appearance = "" if appearance == "multiline" else appearance
        elif kind_type in SIMPLE_KINDS:
            kind = SIMPLE_KINDS[kind_type]
        elif kind_type in SELECT_KINDS:
            kind = SELECT_KINDS[kind_type]
            if element.get("list_name") == YES_NO_LIST and wanted == "YES_NO":
                kind = "YES_NO"
        elif kind_type == "calculate":
            kind = self.calculation(name, element, raw)
        elif kind_type == "hidden":
            kind = self.hidden(name, element, raw)
        elif kind_type == "range":
            kind = self.range(name, parameters, raw)
            parameters = {}
            for key in ("start", "end", "step"):
                control.pop(key, None)
        if kind is None:
            return None
        if kind_type == "geopoint" and parameters:
            if "capture-accuracy" in parameters:
                control.pop("accuracyThreshold", None)  # pyxform's copy of it
            parameters = self.geopoint(name, parameters, mine)
        if kind == "FILE" and control.get("accept"):
            self.accept(name, str(control.pop("accept")), raw)
        if kind == "PHOTO" and "max-pixels" in parameters:
            pixels = str(parameters.pop("max-pixels"))
            if pixels.isdigit() and MIN_PIXELS <= int(pixels) <= MAX_PIXELS:
                raw["maxPixels"] = int(pixels)
            else:
                parameters["max-pixels"] = pixels
        if appearance in HONOURED_APPEARANCES.get(kind, ()):
            raw["appearance"] = appearance
            appearance = ""
        elif kind == "RATING" and appearance == "rating":
            appearance = ""  # a 1-5 rating is what DXNet's RATING shows
        if appearance:
            self.lose("APPEARANCE_IGNORED", name, "appearance", appearance=appearance)
        if parameters:
            self.lose("COLUMN_IGNORED", name, "parameters", column="parameters")
        if control:
            self.lose("COLUMN_IGNORED", name, "control", column=", ".join(control))
        if wanted and wanted != kind:
            self.lose("COLUMN_IGNORED", name, "dxnet_kind", column="dxnet_kind")
        return kind

    def accept(self, name: str, text: str, raw: dict[str, Any]) -> None:
        """``body::accept`` of a ``file``: the types DXNet takes (PDF, DOCX, XLSX,
        images) as ``accept``; any other listed (DXNet would refuse those files)."""
        wanted: list[str] = []
        other: list[str] = []
        for token in (t.strip().lower() for t in text.split(",")):
            if not token:
                continue
            found = ACCEPTED_FILES.get(token)
            if found is None:
                other.append(token)
            elif found not in wanted:
                wanted.append(found)
        if wanted:
            raw["accept"] = wanted
        if other:
            self.lose("ACCEPT_NARROWED", name, "body::accept", accept=", ".join(other))

    def range(self, name: str, parameters: dict[str, Any], raw: dict[str, Any]) -> str | None:
        values = {k: str(parameters.get(k, default)) for k, default in RATING_RANGE.items()}
        if values == RATING_RANGE:
            return "RATING"
        try:
            start, end, step = (float(values[k]) for k in ("start", "end", "step"))
        except ValueError:
            return None
        if step <= 0 or start > end or step > end - start:
            return None  # a descending slider is not DXNet's
        raw["min"], raw["max"] = (int(n) if n.is_integer() else n for n in (start, end))
        if step != 1:
            raw["step"] = int(step) if step.is_integer() else step
        return "RANGE"

    def geopoint(
        self, name: str, parameters: dict[str, Any], mine: dict[str, str]
    ) -> dict[str, Any]:
        accuracy = parameters.pop("capture-accuracy", None)
        if accuracy is not None and "requiredAccuracy" not in mine:
            mine["requiredAccuracy"] = str(accuracy)
            self.lose("ACCURACY_REQUIRED", name, "parameters", meters=accuracy)
        return parameters

    def choices(self, element: Mapping[str, Any], raw: dict[str, Any]) -> bool:
        name = str(element.get("name"))
        listed = list(element.get("choices") or [])
        generated = f"{name}_{OTHER}" in {str(e.get("name")) for e in _siblings(self.form, name)}
        if (
            generated
            and listed
            and listed[-1].get("name") == OTHER
            and f"{name}_{OTHER}" not in self.rows
        ):
            listed = listed[:-1]
            raw["allowOther"] = True
        choices = []
        dropped: list[str] = []
        for choice in listed:
            vi, en = self.text(choice.get("label"))
            item: dict[str, Any] = {
                "value": str(choice.get("name")),
                "labelVi": vi or str(choice.get("name")),
            }
            if en:
                item["labelEn"] = en
            self.translate(item, "label", choice.get("label"), name)
            columns: dict[str, str] = {}
            for column, value in choice.items():
                if column in ("name", "label") or value in (None, ""):
                    continue
                if _carried_column(column, value) and len(columns) < MAX_COLUMNS:
                    columns[column] = str(value)
                elif column not in dropped:
                    dropped.append(column)
            if columns:
                item["columns"] = columns
            choices.append(item)
        if dropped:
            columns_text = ", ".join(dropped)
            self.lose(
                "CHOICE_COLUMN_IGNORED",
                name,
                "type",
                list=element.get("list_name"),
                columns=columns_text,
            )
        if not valid_choice_values(tuple(c["value"] for c in choices)):
            self.lose("INVALID_CHOICES", name, "type", list=element.get("list_name"))
            return False
        raw["choices"] = choices
        text = str(element.get("choice_filter") or "").strip()
        if text:
            try:
                rules.validate(text, earlier=self.seen, allow_current=False, columns=True)
            except rules.RuleError as error:
                self.lose(
                    "CHOICE_FILTER_IGNORED", name, "choice_filter", rule=text, detail=str(error)
                )
            else:
                raw["choiceFilter"] = text
        return True

    def required(self, name: str, bind: dict[str, Any], raw: dict[str, Any]) -> None:
        value = str(bind.pop("required", "") or "").strip()
        if value.lower() in TRUE:
            raw["required"] = True
        elif value.lower() not in FALSE:
            try:  # a condition: required while it holds over earlier answers
                rules.validate(value, earlier=self.seen, allow_current=False)
            except rules.RuleError:
                self.lose("REQUIRED_EXPRESSION", name, "required", rule=value)
            else:
                raw["required"] = value
        message = bind.pop("jr:requiredMsg", None)
        if message:
            message_vi, message_en = self.text(message)
            if message_vi:
                raw["requiredMessageVi"] = message_vi
            if message_en:
                raw["requiredMessageEn"] = message_en
            self.translate(raw, "requiredMessage", message, name)

    def read_only(self, name: str, bind: dict[str, Any], raw: dict[str, Any]) -> None:
        """``read_only``: yes (pyxform's ``true()``) is carried; a condition is listed."""
        value = str(bind.pop("readonly", "") or "").strip()
        if value in ("", "false()", "false", "no"):
            return
        if value in ("true()", "true", "yes"):
            raw["readOnly"] = True
        else:
            self.lose("COLUMN_IGNORED", name, "read_only", column="read_only")

    def default(self, name: str, value: Any, kind: str, raw: dict[str, Any]) -> None:
        """``default``: kept when DXNet reads it (a dynamic one is a rule over earlier
        questions; ``${last-saved#<this question>}`` is ``defaultLastSaved``), else
        listed."""
        if value in (None, "") or raw.get("hidden"):  # a hidden row's default is its value
            return
        text = str(value)
        last_saved = LAST_SAVED.fullmatch(text.strip())
        if last_saved and last_saved.group(1) == name and kind not in ("NOTE", "CALCULATE"):
            raw["defaultLastSaved"] = True
            return
        if kind in ("NOTE", "CALCULATE") or len(text) > rules.MAX_RULE_LENGTH:
            self.lose("COLUMN_IGNORED", name, "default", column="default")
            return
        if is_dynamic(text):
            try:
                rules.validate(text, earlier=self.seen, allow_current=False)
            except rules.RuleError as error:
                self.lose("RULE_DROPPED", name, "default", rule=text, detail=str(error))
                return
        raw["default"] = text

    def calculation(self, name: str, element: Mapping[str, Any], raw: dict[str, Any]) -> str | None:
        """A ``calculate`` row: a CALCULATE question when the rule language reads its
        expression over earlier carried questions; otherwise lost with the reason."""
        text = str((element.get("bind") or {}).get("calculate") or "").strip()
        try:
            rules.validate(text, earlier=self.seen, allow_current=False)
        except rules.RuleError as error:
            self.lose("CALCULATE", name, "calculation", rule=text, detail=str(error))
            return None
        raw["calculation"] = text
        return "CALCULATE"

    def hidden(self, name: str, element: Mapping[str, Any], raw: dict[str, Any]) -> str | None:
        """A ``hidden`` row holds its default and is never shown: a CALCULATE (hidden
        already) of that value, marked ``hidden`` so the export writes it back as such."""
        text = str(element.get("default") or "")
        if is_dynamic(text):
            rule = text
        elif "'" not in text:
            rule = f"'{text}'"
        elif '"' not in text:
            rule = f'"{text}"'
        else:  # the rule language's strings have no escapes
            self.lose("COLUMN_IGNORED", name, "default", column="default")
            return None
        try:
            rules.validate(rule, earlier=self.seen, allow_current=False)
        except rules.RuleError as error:
            self.lose("RULE_DROPPED", name, "default", rule=text, detail=str(error))
            return None
        raw["calculation"] = rule
        raw["hidden"] = True
        return "CALCULATE"

    def bounds(self, mine: dict[str, str], raw: dict[str, Any]) -> None:
        for key in ("min", "max", "requiredAccuracy"):
            if key in mine:
                number = float(mine[key])
                raw[key] = int(number) if number.is_integer() else number
        for key in ("minLength", "maxLength"):
            if key in mine:
                raw[key] = int(float(mine[key]))
        if "pattern" in mine:
            raw["pattern"] = mine["pattern"]

    def rules(
        self, name: str, bind: dict[str, Any], mine: dict[str, str] | None, raw: dict[str, Any]
    ) -> None:
        """Relevance and constraint, each kept only when the rule language reads it and
        it names earlier carried questions. A row of a DXNet export (``mine``) takes its
        constraint from ``dxnet_constraint``: its ``constraint`` repeats the bounds and
        pattern for ODK."""
        constraint = bind.get("constraint") if mine is None else mine.get("constraint")
        for rule, text in (("relevant", bind.get("relevant")), ("constraint", constraint)):
            if not text:
                continue
            try:
                rules.validate(str(text), earlier=self.seen, allow_current=rule == "constraint")
            except rules.RuleError as error:
                self.lose("RULE_DROPPED", name, rule, rule=str(text), detail=str(error))
                continue
            raw[rule] = str(text)
        message = bind.get("jr:constraintMsg")
        if raw.get("constraint") or raw.get("pattern") or (message and mine is not None):
            message_vi, message_en = self.text(message)
            if message_vi:
                raw["constraintMessageVi"] = message_vi
            if message_en:
                raw["constraintMessageEn"] = message_en
            self.translate(raw, "constraintMessage", message, name)
        elif message:
            self.lose("COLUMN_IGNORED", name, "constraint_message", column="constraint_message")


def _carried_column(column: str, value: Any) -> bool:
    """An extra column of a choice list DXNet keeps (text a choice filter can read)."""
    return (
        bool(KEY.match(column))
        and column not in RESERVED_COLUMNS
        and isinstance(value, str | int | float)
        and len(str(value)) <= MAX_COLUMN_TEXT
    )


def _parameters(value: Any) -> dict[str, Any]:
    """pyxform gives a question's parameters as a dict, or as the cell's text
    ("capture-accuracy=20 warning-accuracy=50") for types it does not read them for."""
    if isinstance(value, dict):
        return dict(value)
    pairs = (part.partition("=") for part in str(value or "").replace(";", " ").split())
    return {k.strip(): v.strip() for k, _, v in pairs if k.strip()}


def _nested(questions: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Questions of a definition, those of repeats included."""
    for question in questions:
        yield question
        yield from _nested(question.get("questions") or [])


def _walk(elements: list[Any]) -> Iterator[Mapping[str, Any]]:
    for element in elements:
        yield element
        yield from _walk(element.get("children") or [])


def _is_container(root: Mapping[str, Any], name: str) -> bool:
    return any(
        e.get("name") == name and e.get("type") in ("group", "repeat")
        for e in _walk(root.get("children") or [])
    )


def _siblings(form: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    for element in [form, *_walk(form.get("children") or [])]:
        children = element.get("children") or []
        if any(c.get("name") == name for c in children):
            return list(children)
    return []
