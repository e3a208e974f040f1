"""Is a new initiative very like one already submitted? (a warning, never a refusal)

Texts are folded (case, diacritics and đ ignored, see ``core.text.fold``) and compared
as sets of character trigrams of their words, by Jaccard similarity: |A ∩ B| / |A ∪ B|.
Character trigrams tolerate small rewordings, typos and Vietnamese written without
marks. Candidates are fetched by a bounded prefilter (same area and category, the
last two years, sharing one of the three longest distinctive syllables of the title,
newest 200), so no table is ever loaded whole. The area is the province for a submitter
and what the reader may read for a screener.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from tortoise.expressions import Q

from recognition.models import Initiative, InitiativeCategory

THRESHOLD = 0.5
LOOKBACK = timedelta(days=730)
MAX_CANDIDATES = 200
MAX_SHOWN = 5
_WORD = re.compile(r"[a-z0-9]+")
# Frequent syllables that say nothing about the subject (folded).
# fmt: off
STOPWORDS = frozenset({
    "cac", "cho", "cua", "duoc", "khong", "mot", "nhung", "trong", "voi", "tai", "tren", "theo",
    "ve", "va", "la", "de", "den", "tu", "nay", "nguoi", "dan", "xa", "phuong", "tinh", "ap",
    "khom", "thon", "so", "hoa", "cong", "nghe", "chuyen", "doi", "mo", "hinh", "sang", "kien",
    "giai", "phap", "ung", "dung",
})
# fmt: on


@dataclass(frozen=True)
class SimilarInitiative:
    initiative: Initiative
    similarity: float


def trigrams(folded: str) -> frozenset[str]:
    grams: set[str] = set()
    for word in _WORD.findall(folded):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def distinctive_words(folded_title: str, count: int = 3) -> list[str]:
    words = {w for w in _WORD.findall(folded_title) if len(w) >= 3 and w not in STOPWORDS}
    return sorted(words, key=lambda w: (-len(w), w))[:count]


async def find_similar(
    *,
    text_folded: str,
    title_folded: str,
    category: InitiativeCategory,
    area_path: str,
    now: datetime,
    exclude_id: int | None = None,
) -> list[SimilarInitiative]:
    """Up to five earlier initiatives at or above ``THRESHOLD``, most similar first."""
    words = distinctive_words(title_folded)
    if not words:
        return []
    query = Initiative.filter(
        reduce(or_, (Q(text_folded__contains=w) for w in words)),
        category=category,
        unit_path__startswith=area_path,
        created_at__gte=now - LOOKBACK,
    )
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    candidates = await query.select_related("admin_unit").order_by("-id").limit(MAX_CANDIDATES)
    mine = trigrams(text_folded)
    scored = [
        SimilarInitiative(c, round(jaccard(mine, trigrams(c.text_folded)), 4)) for c in candidates
    ]
    similar = [s for s in scored if s.similarity >= THRESHOLD]
    similar.sort(key=lambda s: (-s.similarity, -s.initiative.id))
    return similar[:MAX_SHOWN]
