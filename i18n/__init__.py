"""The translation catalogue: Vietnamese first, English second.

Catalogues are gettext ``.po`` files under ``i18n/locales/<lang>/LC_MESSAGES/`` (every
``*.po`` there is merged, so a domain may keep its own file), read with Babel at first
use (no compile step). Message ids are stable keys such as
``error.INVALID_CREDENTIALS``; the text lives only in the catalogues.

Two conventions let a domain say more without building text itself:

- a parameter given in both languages, ``label_vi`` and ``label_en`` (the names of a
  survey's question, written by its author), fills ``{label}`` in the language asked
  (English falls back to the Vietnamese when empty);
- a message may have a fuller form, ``<key>.<param>`` (``error.INVALID_CHOICE.accepted``),
  used when that parameter is given; the first parameter with one wins.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel.messages.pofile import read_po

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")
DEFAULT_LANGUAGE: Language = "vi"
_LOCALES = Path(__file__).parent / "locales"


@cache
def catalogue(lang: Language) -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted((_LOCALES / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=lang)
        messages.update({str(m.id): str(m.string) for m in po if m.id and m.string})
    return messages


def _in_language(params: dict[str, Any], lang: Language) -> dict[str, Any]:
    """``name_vi``/``name_en`` pairs as ``name`` in ``lang``."""
    for name in [p[:-3] for p in params if p.endswith("_vi") and f"{p[:-3]}_en" in params]:
        params[name] = params[f"{name}_{lang}"] or params[f"{name}_vi"]
    return params


def _message(key: str, lang: Language) -> str | None:
    return catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key)


def translate(key: str, lang: Language = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The message for ``key`` in ``lang``; falls back to Vietnamese, then to the key."""
    params = _in_language(params, lang)
    fuller = (_message(f"{key}.{name}", lang) for name in params)
    text = next((t for t in fuller if t), None) or _message(key, lang) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def negotiate(accept_language: str | None) -> Language:
    """Pick vi or en from an ``Accept-Language`` header, honouring q-values; vi by default."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    best: tuple[float, int, Language] | None = None
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        rest = rest.strip()
        if rest.startswith("q="):
            try:
                quality = float(rest[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            candidate = (quality, -position, primary)
            if best is None or candidate > best:
                best = candidate  # type: ignore[assignment]
    return best[2] if best else DEFAULT_LANGUAGE
