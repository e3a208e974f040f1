from __future__ import annotations

import pytest

from i18n import negotiate, translate


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "vi"),
        ("", "vi"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("vi-VN,vi;q=0.9,en;q=0.8", "vi"),
        ("fr-FR,en;q=0.5,vi;q=0.9", "vi"),
        ("fr-FR,en;q=0.5", "en"),
        ("de", "vi"),
        ("en;q=0", "vi"),
        ("en;q=abc,vi", "vi"),
    ],
)
def test_negotiate_accept_language(header: str | None, language: str) -> None:
    assert negotiate(header) == language


def test_translate_fills_parameters_and_falls_back() -> None:
    assert translate("error.PASSWORD_TOO_SHORT", "en", min=10) == (
        "The password must be at least 10 characters long."
    )
    assert (
        translate("error.PASSWORD_TOO_SHORT", "vi", min=10) == "Mật khẩu phải có ít nhất 10 ký tự."
    )
    assert translate("no.such.key", "en") == "no.such.key"


def test_translate_picks_a_parameter_given_in_both_languages_and_a_fuller_form() -> None:
    named = {"label_vi": "Có VNeID?", "label_en": "Has VNeID?"}
    untranslated = {"label_vi": "Có VNeID?", "label_en": ""}

    assert translate("error.REQUIRED", "en") == "This field is required."
    assert translate("error.REQUIRED", "en", **named) == "Question “Has VNeID?” must be answered."
    assert translate("error.REQUIRED", "vi", **named) == "Câu hỏi “Có VNeID?” cần được trả lời."
    assert translate("error.REQUIRED", "en", **untranslated) == (
        "Question “Có VNeID?” must be answered."
    )
