"""Form languages beyond Vietnamese and English (decision 0038): declared in
``languages``, carried in ``translations`` of pages, questions and choices, refused
with translated codes when not as the contract says, kept in versions."""

from __future__ import annotations

from typing import Any

import pytest

from core.actor import Actor
from core.errors import ValidationFailed
from i18n import translate
from surveys import services
from surveys.definition import MAX_LANGUAGES, parse_form
from surveys.models import SurveyVersion
from surveys.services import SurveyData
from tests.surveys.survey_data import question

KHMER: dict[str, Any] = {
    "languages": [{"code": "km", "name": "Khmer"}, {"code": "zh-Hant", "name": "中文"}],
    "pages": [
        {
            "key": "p",
            "titleVi": "Hộ",
            "translations": {"km": {"title": "គ្រួសារ"}},
            "questions": [
                {
                    **question(
                        "crop",
                        "SINGLE_CHOICE",
                        required=True,
                        choices=[
                            {
                                "value": "rice",
                                "labelVi": "Lúa",
                                "translations": {"km": {"label": "ស្រូវ"}},
                            },
                            {"value": "shrimp", "labelVi": "Tôm"},
                        ],
                    ),
                    "translations": {
                        "km": {
                            "label": "ដំណាំ",
                            "hint": "ជ្រើសរើសមួយ",
                            "requiredMessage": "សូមឆ្លើយ",
                            "constraintMessage": "",
                        },
                        "zh-Hant": {"label": "作物"},
                    },
                },
                {
                    **question("members", "REPEAT"),
                    "questions": [
                        {**question("name", "TEXT"), "translations": {"km": {"label": "ឈ្មោះ"}}}
                    ],
                },
            ],
        }
    ],
}


def codes(definition: dict[str, Any]) -> list[tuple[str, str | None]]:
    with pytest.raises(ValidationFailed) as caught:
        parse_form(definition)
    return [(e.code, e.field) for e in caught.value.errors]


def with_languages(languages: Any) -> dict[str, Any]:
    return {**KHMER, "languages": languages}


def test_declared_languages_and_their_translations_are_accepted() -> None:
    form = parse_form(KHMER)

    assert [q.key for q in form.everything] == ["crop", "members", "name"]


@pytest.mark.parametrize(
    "languages",
    [
        [{"code": "vi", "name": "Tiếng Việt"}, {"code": "km", "name": "Khmer"}],
        [{"code": "en-GB", "name": "English"}, {"code": "km", "name": "Khmer"}],
        [{"code": "xx", "name": "X"}, {"code": "km", "name": "Khmer"}, {"code": "xx", "name": "Y"}],
        [{"code": "Khmer", "name": "Khmer"}, {"code": "km", "name": "Khmer"}],
        [{"code": "k", "name": "K"}, {"code": "km", "name": "Khmer"}],
        [{"code": "zh-", "name": "?"}, {"code": "km", "name": "Khmer"}],
        [{"code": "xx", "name": " "}, {"code": "km", "name": "Khmer"}],
        [{"code": "xx", "name": "X", "dir": "rtl"}, {"code": "km", "name": "Khmer"}],
        ["km", {"code": "km", "name": "Khmer"}],
    ],
)
def test_a_bad_language_is_refused_by_its_position(languages: list[Any]) -> None:
    found = codes(with_languages([*languages, {"code": "zh-Hant", "name": "中文"}]))

    bad = 2 if languages[0] == {"code": "xx", "name": "X"} else 0  # the second "xx"
    assert found[0] == ("INVALID_LANGUAGES", f"languages.{bad}")


def test_at_most_ten_languages() -> None:
    many = [{"code": f"x{chr(97 + n)}", "name": f"L{n}"} for n in range(MAX_LANGUAGES + 1)]

    assert ("INVALID_LANGUAGES", "languages") in codes(with_languages(many))
    assert ("INVALID_LANGUAGES", "languages") in codes(with_languages("km"))


def test_translations_only_in_declared_languages_for_known_texts_within_limits() -> None:
    page = KHMER["pages"][0]
    crop, members = page["questions"]
    bad_page = {**page, "translations": {"fr": {"title": "Ménage"}}}
    bad_field = {**crop, "translations": {"km": {"label": "ដំណាំ", "labelVi": "x"}}}
    too_long = {**crop, "translations": {"km": {"label": "ក" * 2001}}}
    not_text = {**crop, "translations": {"km": {"label": 3}}}
    bad_choice = {
        **crop,
        "choices": [{**crop["choices"][0], "translations": {"th": {"label": "x"}}}],
    }
    inner = {**members, "questions": [{**members["questions"][0], "translations": ["km"]}]}

    def one(**changes: Any) -> list[tuple[str, str | None]]:
        return codes({**KHMER, "pages": [{**page, **changes}]})

    assert one(translations={"fr": {"title": "Ménage"}}) == [
        ("UNDECLARED_LANGUAGE", "pages.0.translations.fr")
    ]
    assert codes({**KHMER, "pages": [bad_page]})[0][0] == "UNDECLARED_LANGUAGE"
    for changed, code in (
        (bad_field, "INVALID_TRANSLATIONS"),
        (too_long, "INVALID_TRANSLATIONS"),
        (not_text, "INVALID_TRANSLATIONS"),
    ):
        assert one(questions=[changed, members]) == [(code, "pages.0.questions.0.translations.km")]
    assert one(questions=[bad_choice, members]) == [
        ("UNDECLARED_LANGUAGE", "pages.0.questions.0.choices.0.translations.th")
    ]
    assert one(questions=[crop, inner]) == [
        ("INVALID_TRANSLATIONS", "pages.0.questions.1.questions.0.translations")
    ]
    assert codes({key: v for key, v in KHMER.items() if key != "languages"})[0] == (
        "UNDECLARED_LANGUAGE",
        "pages.0.translations.km",
    )


def test_language_refusals_read_in_both_languages() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_form({**KHMER, "languages": [{"code": "km", "name": "Khmer"}]})
    error = caught.value.errors[0]

    assert translate("error.UNDECLARED_LANGUAGE", "en", **error.params) == (
        "“Question crop” is translated into “zh-Hant”, which is not among the form's languages."
    )
    assert translate("error.UNDECLARED_LANGUAGE", "vi", **error.params) == (
        "“Câu crop” có bản dịch sang “zh-Hant”, ngôn ngữ không có trong danh sách ngôn ngữ "
        "của biểu mẫu."
    )
    assert "tối đa 10 ngôn ngữ" in translate("error.INVALID_LANGUAGES", "vi", max=10)


async def test_languages_and_translations_are_kept_in_versions(system: Actor) -> None:
    survey = await services.create(
        system,
        data=SurveyData(title="Khảo sát ba thứ tiếng", admin_unit_code="96", definition=KHMER),
    )
    await services.publish(system, survey_id=survey.id)
    refused = None
    try:
        await services.update(
            system,
            survey_id=survey.id,
            changes={"definition": {**KHMER, "languages": [{"code": "vi", "name": "Việt"}]}},
        )
    except ValidationFailed as error:
        refused = [e.code for e in error.errors]

    version = await SurveyVersion.get(survey_id=survey.id, version=1)
    assert version.definition["languages"] == KHMER["languages"]
    assert version.definition["pages"][0]["questions"][0]["translations"]["km"]["label"] == "ដំណាំ"
    assert refused is not None and refused[0] == "INVALID_LANGUAGES"
