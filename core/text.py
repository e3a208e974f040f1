"""Vietnamese-aware text folding for search: case- and diacritic-insensitive, đ -> d."""

from __future__ import annotations

import re
import unicodedata

from core.errors import DomainError

# Longer search terms are refused: nobody types them, and SQLite refuses LIKE patterns
# past 50,000 characters with an internal error.
MAX_SEARCH_LENGTH = 200

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold ``text`` to lower case ASCII-ish letters: 'Nguyễn Văn Đức' -> 'nguyen van duc'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def fold_search(text: str, *, field: str = "search") -> str:
    """``fold`` for a search term, refused past ``MAX_SEARCH_LENGTH`` characters."""
    if len(text) > MAX_SEARCH_LENGTH:
        raise DomainError("INVALID_LENGTH", field=field, min=0, max=MAX_SEARCH_LENGTH)
    return fold(text)
