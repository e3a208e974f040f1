"""XLSForm import and export of audio and file questions and of languages beyond
Vietnamese and English (decision 0038), without a database."""

from __future__ import annotations

import copy
import io
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from pyxform.xls2xform import convert  # type: ignore[import-untyped]

from surveys.xlsform import describe, read_xlsform
from surveys.xlsform_export import definition_to_xlsform
from tests.surveys.survey_data import question
from tests.surveys.test_languages import KHMER
from tests.surveys.test_xlsform import EN, VI, xlsform

KM = "label::Khmer (km)"


def test_audio_file_and_a_third_language_round_trip_through_odk() -> None:
    original: dict[str, Any] = copy.deepcopy(KHMER)
    original["pages"][0]["questions"][1]["questions"].extend(
        [question("voice", "AUDIO"), question("scan", "FILE", accept=["pdf", "image"])]
    )
    original["pages"][0]["questions"][1]["labelEn"] = "Members"
    del original["pages"][0]["questions"][0]["translations"]["km"]["constraintMessage"]  # empty

    content = definition_to_xlsform(original, title="Ba thứ tiếng", form_id="km", version=1)
    xform = convert(xlsform=content).xform
    mapped = read_xlsform(content)

    assert mapped.losses == []
    assert mapped.definition == original
    assert 'lang="Khmer (km)"' in xform and "ដំណាំ" in xform
    assert 'mediatype="audio/*"' in xform and 'accept=".pdf,image/*"' in xform
    rows = list(load_workbook(io.BytesIO(content))["survey"].iter_rows(values_only=True))
    header = rows[0]
    assert {KM, "hint::Khmer (km)", "required_message::Khmer (km)", "label::中文 (zh-Hant)"} <= set(
        header
    )


def test_languages_without_a_code_get_one_and_other_accept_values_are_listed() -> None:
    content = xlsform(
        [
            ["type", "name", VI, EN, KM, "label::Cham", "hint::Khmer (km)", "body::accept"],
            ["audio", "story", "Kể chuyện", "Story", "និទាន", "Cham", "ជំនួយ"],
            ["file", "scan", "Bản quét", "Scan", "ស្កេន", None, None, ".pdf,.zip,image/*"],
            ["select_one yn", "ok", "Đồng ý?", "Agree?", "យល់ព្រម?"],
        ],
        [["yn", "yes", "Có", "Yes"], ["yn", "no", "Không", "No"]],
    )

    mapped = read_xlsform(content)

    page = mapped.definition["pages"][0]
    story, scan, ok = page["questions"]
    assert mapped.definition["languages"] == [
        {"code": "km", "name": "Khmer"},
        {"code": "cha", "name": "Cham"},
    ]
    assert story["kind"] == "AUDIO" and "hintVi" not in story  # Khmer only: not Vietnamese
    assert story["translations"] == {
        "km": {"label": "និទាន", "hint": "ជំនួយ"},
        "cha": {"label": "Cham"},
    }
    assert (scan["kind"], scan["accept"]) == ("FILE", ["pdf", "image"])
    assert ok["translations"] == {"km": {"label": "យល់ព្រម?"}}
    said = [describe(loss, "en") for loss in mapped.losses]
    assert said == [
        "Sheet “survey”, column “label::Cham”: language “Cham” has no code: it is carried "
        "as “cha”.",
        "Sheet “survey”, row 3, column “body::accept”: “scan”: accepted file types “.zip” "
        "are dropped (DXNet takes PDF, Word, Excel and images).",
    ]
    assert mapped.lost == {"scan"}
