from __future__ import annotations

import pytest

from core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐẶNG QUỐC KHÁNH", "dang quoc khanh"),
        ("Phường  Bạc   Liêu ", "phuong bac lieu"),
        ("Xã Đất Mũi", "xa dat mui"),
        ("nguyen van an", "nguyen van an"),
    ],
)
def test_fold_removes_case_diacritics_and_extra_spaces(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_handles_decomposed_input() -> None:
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Trần Thị Thu Hà")) == "tran thi thu ha"
