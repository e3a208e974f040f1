"""XLSForm import and export without a database: the mapping of each XLSForm construct,
the losses listed for what is not carried over, the round trip, and the corpus."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from pyxform.xls2xform import convert  # type: ignore[import-untyped]

from core.errors import DomainError
from surveys.definition import parse_form
from surveys.xlsform import describe, read_xlsform
from surveys.xlsform_export import definition_to_xlsform
from tests.surveys.survey_data import DEFINITION, ask, options

CORPUS = Path(__file__).parent / "xlsforms"
VI, EN = "label::Tiếng Việt (vi)", "label::English (en)"


def xlsform(survey: list[list[Any]], choices: list[list[Any]] | None = None) -> bytes:
    """A workbook: the survey sheet's header row first, then its rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    listed = book.create_sheet("choices")
    listed.append(["list_name", "name", VI, EN])
    for row in choices or []:
        listed.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def questions(definition: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every question by key, those inside repeats included."""
    found: dict[str, dict[str, Any]] = {}
    listed = [q for page in definition["pages"] for q in page["questions"]]
    while listed:
        question = listed.pop(0)
        found[question["key"]] = question
        listed[:0] = question.get("questions") or []
    return found


HEAD = ["type", "name", VI, EN, "required", "relevant", "constraint", "appearance", "calculation"]
YN = [["yn", "yes", "Có", "Yes"], ["yn", "no", "Không", "No"]]


def test_types_labels_and_rules_map_onto_dxnet_kinds() -> None:
    content = xlsform(
        [
            HEAD,
            ["text", "hhName", "Họ tên", "Name", "yes", None, "string-length(.) > 1"],
            ["text", "notes", "Ghi chú", "Notes", None, None, None, "multiline"],
            ["integer", "members", "Số người", "Members", "true", None, ". > 0 and . <= 30"],
            ["decimal", "income", "Thu nhập", "Income"],
            ["select_one yn", "has_phone", "Có điện thoại?", "Phone?"],
            [
                "select_multiple hours or_other",
                "opening",
                "Giờ mở",
                "Hours",
                None,
                "${has_phone} = 'yes'",
            ],
            ["date", "visit", "Ngày", "Date"],
            ["geopoint", "gps", "Vị trí", "Location"],
            ["image", "photo", "Ảnh", "Photo"],
            ["note", "bye", "Cảm ơn", "Thanks"],
        ],
        [*YN, ["hours", "24/7", "Cả ngày", "All day"], ["hours", "-99", "Không rõ", "Unknown"]],
    )

    mapped = read_xlsform(content)
    found = questions(mapped.definition)

    assert {k: q["kind"] for k, q in found.items()} == {
        "hhName": "TEXT",
        "notes": "LONG_TEXT",
        "members": "INTEGER",
        "income": "DECIMAL",
        "has_phone": "SINGLE_CHOICE",
        "opening": "MULTIPLE_CHOICE",
        "visit": "DATE",
        "gps": "LOCATION",
        "photo": "PHOTO",
        "bye": "NOTE",
    }
    assert found["hhName"] == ask(
        "hhName", "TEXT", "Họ tên", labelEn="Name", required=True, constraint="string-length(.) > 1"
    )
    assert found["opening"]["allowOther"] is True
    assert [c["value"] for c in found["opening"]["choices"]] == ["24/7", "-99"]
    assert found["opening"]["relevant"] == "${has_phone} = 'yes'"
    assert mapped.losses == []
    assert (len(mapped.fields), mapped.exact) == (10, 10)
    parse_form(mapped.definition)


def test_what_dxnet_cannot_carry_is_listed_with_sheet_row_and_column() -> None:
    content = xlsform(
        [
            HEAD,
            ["start", "start"],
            ["integer", "n", "Số người", "People"],
            ["begin repeat", "member", "Thành viên", "Member"],
            ["text", "m_name", "Tên", "Name"],
            ["integer", "m_age", "Tuổi", "Age"],
            ["end repeat"],
            ["calculate", "double", None, None, None, None, None, None, "${n} * 2"],
            ["calculate", "bad", None, None, None, None, None, None, "${later} + 1"],
            ["video", "at", "Quay phim", "Video"],
            ["text", "later", "Sau", "Later", None, "${double} > 2"],
            ["note", "hello", "Xin chào ${n}", "Hello ${at}"],
            [
                "select_one yn",
                "ok",
                "Đồng ý?",
                "Agree?",
                "${at} > 1",
                None,
                None,
                "horizontal-compact",
            ],
        ],
        YN,
    )

    mapped = read_xlsform(content)

    where = [(loss.code, loss.row, loss.column, loss.name) for loss in mapped.losses]
    assert where == [
        ("METADATA", 2, "type", "start"),
        ("CALCULATE", 9, "calculation", "bad"),
        ("UNSUPPORTED_TYPE", 10, "type", "at"),
        ("APPEARANCE_IGNORED", 13, "appearance", "ok"),
        ("REQUIRED_EXPRESSION", 13, "required", "ok"),
        ("PIPING", 12, VI, "hello"),  # ${n} is carried and piped; ${at} is not
    ]
    assert mapped.fields == [
        *("n", "m_name", "m_age", "double", "bad", "at", "later", "hello", "ok"),
    ]
    assert mapped.lost == {"bad", "at", "hello", "ok"}
    assert list(questions(mapped.definition)) == [
        *("n", "member", "m_name", "m_age", "double", "later", "hello", "ok"),
    ]
    # a calculation over earlier questions is carried, and rules may read it
    assert questions(mapped.definition)["double"]["kind"] == "CALCULATE"
    assert questions(mapped.definition)["double"]["calculation"] == "${n} * 2"
    assert questions(mapped.definition)["later"]["relevant"] == "${double} > 2"
    assert describe(mapped.losses[1], "vi").startswith(
        "Trang “survey”, dòng 9, cột “calculation”: "
    )


REPEATS_HEAD = [*HEAD, "repeat_count"]
BEGIN_MEMBER = ["begin_repeat", "member", "Thành viên", "Member", None, "${hh_size} > 0"]


def test_repeats_import_nested_with_their_count_rules_and_calculations() -> None:
    content = xlsform(
        [
            REPEATS_HEAD,
            ["integer", "hh_size", "Số nhân khẩu", "Household size", "yes"],
            [*BEGIN_MEMBER, None, None, None, "${hh_size}"],
            ["text", "m_name", "Tên", "Name", "yes"],
            ["integer", "m_age", "Tuổi", "Age", None, None, ". >= 0 and . <= 120"],
            ["select_one yn", "m_school", "Đi học?", "In school?", None, "${m_age} >= 6"],
            ["calculate", "m_no", None, None, None, None, None, None, "position(..)"],
            ["begin_repeat", "job", "Việc làm", "Job", None, "${m_age} >= 15"],
            ["text", "job_name", "Việc", "Job"],
            ["end_repeat"],
            ["end_repeat"],
            ["calculate", "ages", None, None, None, None, None, None, "sum(${m_age})"],
            [*["calculate", "first"], *[None] * 6, "indexed-repeat(${m_name}, ${member}, 1)"],
            ["begin_repeat", "visit", "Lần thăm", "Visit", *[None] * 5, "2 + 1"],
            ["date", "visit_date", "Ngày", "Date"],
            ["end_repeat"],
            ["begin_repeat", "big", "Lớn", "Big", *[None] * 5, "500"],
            ["text", "big_note", "Ghi chú", "Note"],
            ["end_repeat"],
        ],
        YN,
    )

    mapped = read_xlsform(content)

    form = parse_form(mapped.definition)
    found = questions(mapped.definition)
    assert [(q.key, q.kind.value, q.parents) for q in form.everything if q.parents] == [
        ("m_name", "TEXT", ("member",)),
        ("m_age", "INTEGER", ("member",)),
        ("m_school", "SINGLE_CHOICE", ("member",)),
        ("m_no", "CALCULATE", ("member",)),
        ("job", "REPEAT", ("member",)),
        ("job_name", "TEXT", ("member", "job")),
        ("visit_date", "DATE", ("visit",)),
        ("big_note", "TEXT", ("big",)),
    ]
    member = found["member"]
    assert (member["kind"], member["repeatCount"], member["relevant"]) == (
        "REPEAT",
        "${hh_size}",
        "${hh_size} > 0",
    )
    assert found["job"]["relevant"] == "${m_age} >= 15"
    assert found["m_school"]["relevant"] == "${m_age} >= 6"
    assert found["m_age"]["constraint"] == ". >= 0 and . <= 120"
    assert found["m_no"]["calculation"] == "position(..)"
    assert found["ages"]["calculation"] == "sum(${m_age})"
    assert found["first"]["calculation"] == "indexed-repeat(${m_name}, ${member}, 1)"
    # pyxform's generated "visit_count" is read back as the count itself
    assert found["visit"]["repeatCount"] == "2 + 1" and "visit_count" not in found
    assert (found["big"]["repeatCount"], found["big"]["maxCount"]) == ("200", 200)
    assert [(x.code, x.name, x.column) for x in mapped.losses] == [
        ("REPEAT_COUNT_CLAMPED", "big", "repeat_count")
    ]
    assert describe(mapped.losses[0], "en") == (
        "Sheet “survey”, row 17, column “repeat_count”: the repeat count of “big” is above "
        "200: DXNet asks for at most 200 instances."
    )
    assert mapped.exact == len(mapped.fields) == 10  # the repeats are not fields


def test_a_repeat_nested_deeper_than_three_is_lost_with_its_fields() -> None:
    content = xlsform(
        [
            HEAD,
            ["begin_repeat", "a", "A", "A"],
            ["begin_repeat", "b", "B", "B"],
            ["begin_repeat", "c", "C", "C"],
            ["text", "c_note", "C", "C"],
            ["begin_repeat", "d", "D", "D"],
            ["text", "d_1", "D1", "D1"],
            ["text", "d_2", "D2", "D2"],
            ["end_repeat"],
            ["end_repeat"],
            ["end_repeat"],
            ["end_repeat"],
        ]
    )

    mapped = read_xlsform(content)

    assert list(questions(mapped.definition)) == ["a", "b", "c", "c_note"]
    assert [(x.code, x.row, x.name) for x in mapped.losses] == [("REPEAT", 6, "d")]
    assert mapped.lost == {"d_1", "d_2"}
    assert describe(mapped.losses[0], "vi") == (
        "Trang “survey”, dòng 6, cột “type”: nhóm lặp “d” và 2 trường bên trong không được "
        "chuyển: nhóm lồng trong quá 3 cấp nhóm lặp, hoặc không trường nào bên trong chuyển "
        "được."
    )


def test_repeats_round_trip_through_pyxform_with_names_types_and_counts() -> None:
    import json

    vectors = json.loads((Path(__file__).parent / "form_vectors_repeats.json").read_text())
    definitions = {json.dumps(v["definition"], sort_keys=True): v["definition"] for v in vectors}

    for definition in definitions.values():
        content = definition_to_xlsform(definition, title="Lặp", form_id="lap", version=1)
        xml = convert(xlsform=content).xform
        back = read_xlsform(content)

        assert "<group ref=" in xml and "<repeat nodeset=" in xml
        assert back.losses == []
        before, after = parse_form(definition), parse_form(back.definition)
        assert [(q.key, q.kind, q.parents) for q in after.everything] == [
            (q.key, q.kind, q.parents) for q in before.everything
        ]
        for question in before.everything:
            if question.kind.value == "REPEAT":
                again = after.by_key[question.key]
                assert again.count_bounds == question.count_bounds
                count = question.get("repeatCount")
                assert again.get("repeatCount") == (None if count is None else str(count))
                assert again.get("relevant") == question.get("relevant")


def test_group_relevance_joins_each_question_and_top_groups_become_pages() -> None:
    content = xlsform(
        [
            [*HEAD[:6], "appearance"],
            ["select_one yn", "farm", "Làm nông?", "Farming?"],
            ["begin group", "land", "Đất", "Land", None, "${farm} = 'yes'", "field-list"],
            ["decimal", "area", "Diện tích", "Area", None, "${area} > 0"],
            ["begin group", "inner", "Trong", "Inner"],
            ["integer", "plots", "Số thửa", "Plots", None, "${area} > 1"],
            ["end group"],
            ["end group"],
        ],
        YN,
    )

    mapped = read_xlsform(content)
    pages = mapped.definition["pages"]

    assert [(p["key"], p.get("titleVi")) for p in pages] == [("page_1", None), ("land", "Đất")]
    found = questions(mapped.definition)
    assert found["area"]["relevant"] == "${farm} = 'yes'"  # its own rule named itself: dropped
    assert found["plots"]["relevant"] == "(${farm} = 'yes') and (${area} > 1)"
    assert [loss.code for loss in mapped.losses if loss.name == "area"] == ["RULE_DROPPED"]
    [flattened] = [loss for loss in mapped.losses if loss.name == "inner"]
    assert (flattened.code, flattened.row, flattened.column) == ("GROUP_FLATTENED", 5, VI)
    assert describe(flattened, "en") == (
        "Sheet “survey”, row 5, column “label::Tiếng Việt (vi)”: group “inner” lies inside a page and is "
        "merged into it; its label is not shown."
    )


def test_a_file_pyxform_refuses_is_an_invalid_xlsform() -> None:
    broken = xlsform([HEAD, ["select_one missing", "q", "Câu hỏi", "Question"]], YN)

    with pytest.raises(DomainError) as refused:
        read_xlsform(broken)
    with pytest.raises(DomainError) as not_a_workbook:
        read_xlsform(b"not a spreadsheet at all")

    assert refused.value.code == "INVALID_XLSFORM"
    assert "missing" in refused.value.params["detail"]  # pyxform names the unknown list
    assert not_a_workbook.value.code == "INVALID_XLSFORM"


XLSFORM_NAMES: dict[str, Any] = {
    "pages": [
        {
            "key": "hh",
            "titleVi": "Hộ",
            "titleEn": "Household",
            "questions": [
                ask("hhHead", "TEXT", "Chủ hộ", hintVi="Họ và tên", default="Chưa rõ"),
                ask("visited", "DATE", "Ngày thăm", default="today()"),
                ask("front", "PHOTO", "Ảnh", maxPixels=1024),
                ask("sure", "RANGE", "Tự tin", min=0, max=10),
                ask("pH", "RANGE", "pH", min=4, max=9, step=0.5),
                ask(
                    "why_other",
                    "SINGLE_CHOICE",
                    "Vì sao",
                    choices=options(("24/7", "Cả ngày"), ("-99", "?")),
                    relevant="${hhHead} != ''",
                    required=True,
                    appearance="minimal",
                    requiredMessageVi="Hãy chọn lý do",
                    requiredMessageEn="Pick a reason",
                ),
                ask(
                    "age-y.1",
                    "INTEGER",
                    "Tuổi",
                    min=0,
                    relevant="${why_other} = '-99'",
                    required="${hhHead} != 'x'",
                ),
                ask("province", "SINGLE_CHOICE", "Tỉnh", choices=options(("86", "Vĩnh Long"))),
                ask(
                    "district",
                    "MULTIPLE_CHOICE",
                    "Huyện",
                    choices=[
                        {"value": "855", "labelVi": "TP", "columns": {"province": "86"}},
                        {"value": "883", "labelVi": "LX", "columns": {"province": "89", "k": "1"}},
                    ],
                    choiceFilter="province = ${province} and k != '2'",
                ),
                ask("ageNextYear", "CALCULATE", "Tuổi năm sau", calculation="${age-y.1} + 1"),
            ],
        }
    ]
}


@pytest.mark.parametrize("definition", [DEFINITION, XLSFORM_NAMES], ids=["every-kind", "names"])
def test_an_export_imports_back_as_the_same_definition(definition: dict[str, Any]) -> None:
    original = copy.deepcopy(definition)

    content = definition_to_xlsform(definition, title="Khảo sát hộ", form_id="hh", version=3)
    xform = convert(xlsform=content).xform
    mapped = read_xlsform(content)

    assert mapped.definition == original
    assert mapped.losses == []
    assert mapped.title == "Khảo sát hộ"
    for question in questions(original):
        assert f'name="{question}"' in xform or f"/{question}" in xform


def test_the_export_says_the_bounds_to_odk_in_its_constraint() -> None:
    content = definition_to_xlsform(DEFINITION, title="Hộ", form_id="hh", version=1)
    rows = list(load_workbook(io.BytesIO(content))["survey"].iter_rows(values_only=True))
    header = rows[0]
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:] if row[1]}

    assert by_name["members"]["type"] == "integer"
    assert by_name["members"]["constraint"] == ". >= 1 and . <= 30"
    assert by_name["phone"]["constraint"] == r"regex(., '^(?:0\d{9})$')"
    assert by_name["connection"]["type"] == "select_one connection or_other"
    assert by_name["internet"]["type"] == "select_one dxnet_yes_no"
    assert by_name["satisfaction"]["parameters"] == "start=1 end=5 step=1"


def test_the_corpus_imports_and_every_form_keeps_most_of_its_fields() -> None:
    files = sorted(CORPUS.glob("*.xlsx"))
    results = {path.stem: read_xlsform(path.read_bytes()) for path in files}

    assert len(files) >= 10
    for mapped in results.values():
        parse_form(mapped.definition)
        carried = questions(mapped.definition)
        named = {loss.name for loss in mapped.losses}
        repeats = [loss for loss in mapped.losses if loss.code == "REPEAT"]
        # every field is carried, or lost with a loss naming it or its repeat
        for name in mapped.fields:
            assert name in carried or name in named or repeats, name
            assert (name in mapped.lost) == (name not in carried or name in named), name
    total = sum(len(m.fields) for m in results.values())
    exact = sum(m.exact for m in results.values())
    assert (total, exact) == (157, 157)
    khmer = results["sinh_ke_ho_khmer"].definition
    kinds = {k: q["kind"] for k, q in questions(khmer).items()}
    assert khmer["languages"] == [{"code": "km", "name": "Khmer"}]
    assert (kinds["story"], kinds["paper_form"]) == ("AUDIO", "FILE")
    assert questions(khmer)["paper_form"]["accept"] == ["pdf", "image"]
    assert questions(khmer)["members"]["translations"]["km"] == {
        "label": "ចំនួនសមាជិក",
        "constraintMessage": "ពី ១ ដល់ ២០ នាក់",
    }


def test_the_benchmark_prints_every_form_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    from bench.xlsform import main

    assert main(["--losses"]) == 0

    out = capsys.readouterr().out.splitlines()
    assert (
        sum(1 for line in out if line.split()[0] in {p.stem for p in CORPUS.glob("*.xlsx")}) == 12
    )
    assert "total                       157    157  100.0%      17" in out
    assert "losses by kind: METADATA 16, SETTING_IGNORED 1" in out


def test_one_name_in_two_groups_keeps_the_first_and_a_broken_group_rule_is_listed() -> None:
    content = xlsform(
        [
            HEAD[:6],
            ["begin group", "a", "A", "A"],
            ["text", "name", "Tên", "Name"],
            ["end group"],
            ["begin group", "b", "B", "B", None, "${later} = 1"],
            ["text", "name", "Tên", "Name"],
            ["integer", "later", "Sau", "Later"],
            ["end group"],
        ]
    )

    mapped = read_xlsform(content)

    assert [(q["key"], q.get("relevant")) for q in questions(mapped.definition).values()] == [
        ("name", None),
        ("later", None),
    ]
    assert [(loss.code, loss.name, loss.row) for loss in mapped.losses] == [
        ("DUPLICATE_NAME", "name", 6),
        ("RULE_DROPPED", "later", 7),
        ("RULE_DROPPED", "b", 5),
    ]
    assert describe(mapped.losses[2], "en").startswith(
        "Sheet “survey”, row 5, column “relevant”: rule “${later} = 1” of “b” is dropped: "
    )


def test_read_only_last_saved_and_appearances_are_carried_both_ways() -> None:
    content = xlsform(
        [
            [*HEAD[:4], "appearance", "default", "read_only"],
            ["text", "village", "Ấp", "Hamlet", None, "${last-saved#village}"],
            ["text", "phone", "Số máy", "Phone", "numbers"],
            ["select_one yn", "agree", "Đồng ý?", "Agree?", "likert"],
            ["select_one yn", "fast", "Nhanh?", "Quick?", "quick"],
            ["text", "code", "Mã", "Code", None, "A-01", "yes"],
            ["text", "other", "Khác", "Other", None, "${last-saved#village}"],
        ],
        YN,
    )

    mapped = read_xlsform(content)
    by_key = {q["key"]: q for page in mapped.definition["pages"] for q in page["questions"]}

    assert by_key["village"]["defaultLastSaved"] is True and "default" not in by_key["village"]
    assert by_key["phone"]["appearance"] == "numbers"
    assert by_key["agree"]["appearance"] == "likert"
    assert by_key["fast"]["appearance"] == "quick"
    assert by_key["code"]["readOnly"] is True and by_key["code"]["default"] == "A-01"
    # another question's last saved answer is not carried: listed, never dropped silently
    assert "defaultLastSaved" not in by_key["other"]
    assert [(loss.name, loss.column) for loss in mapped.losses] == [("other", "default")]
    parse_form(mapped.definition)

    again = read_xlsform(
        definition_to_xlsform(mapped.definition, title="T", form_id="t", version=1)
    )
    kept = {q["key"]: q for page in again.definition["pages"] for q in page["questions"]}
    assert kept["village"]["defaultLastSaved"] is True
    assert kept["code"]["readOnly"] is True
    assert kept["agree"]["appearance"] == "likert"
    assert [(loss.name, loss.column) for loss in again.losses] == []


@pytest.mark.parametrize(
    "question",
    [
        ask("n", "NOTE", "Ghi chú", readOnly=True),
        {"key": "c", "kind": "CALCULATE", "calculation": "1", "defaultLastSaved": True},
        ask("t", "TEXT", "Tên", readOnly="yes"),
    ],
)
def test_read_only_and_last_saved_are_refused_where_nothing_is_typed(
    question: dict[str, Any],
) -> None:
    with pytest.raises(DomainError) as refused:
        parse_form({"pages": [{"key": "p", "titleVi": "Trang", "questions": [question]}]})
    assert refused.value.code == "INVALID"


def test_hidden_rows_are_carried_as_hidden_calculations_and_written_back() -> None:
    content = xlsform(
        [
            ["type", "name", VI, "default"],
            ["hidden", "form_code", None, "HGD-2025"],
            ["hidden", "quote", None, "Hộ 'A'"],
            ["hidden", "when", None, "today()"],
            ["text", "name", "Tên chủ hộ", None],
            ["note", "show", "Mẫu ${form_code}", None],
        ]
    )

    mapped = read_xlsform(content)
    by_key = {q["key"]: q for page in mapped.definition["pages"] for q in page["questions"]}

    assert mapped.losses == []
    assert by_key["form_code"] == ask(
        "form_code", "CALCULATE", "form_code", calculation="'HGD-2025'", hidden=True
    )
    assert by_key["quote"]["calculation"] == "\"Hộ 'A'\""
    assert by_key["when"]["calculation"] == "today()"
    form = parse_form(mapped.definition)
    assert form.by_key["form_code"].kind.value == "CALCULATE"

    exported = definition_to_xlsform(mapped.definition, title="T", form_id="t", version=1)
    rows = list(load_workbook(io.BytesIO(exported))["survey"].iter_rows(values_only=True))
    header = rows[0]
    written = {r[header.index("name")]: r for r in rows[1:]}
    assert written["form_code"][header.index("type")] == "hidden"
    assert written["form_code"][header.index("default")] == "HGD-2025"
    assert written["when"][header.index("default")] == "today()"
    again = read_xlsform(exported)
    assert again.losses == []
    kept = {q["key"]: q for page in again.definition["pages"] for q in page["questions"]}
    assert kept["form_code"]["calculation"] == "'HGD-2025'" and kept["form_code"]["hidden"]
