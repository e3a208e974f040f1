"""Counting a round's ballots: a pure function, checked against a hand-computed fixture.

For one nomination, over its non-recused ballots b = 1..n and the round's criteria c
(weight w_c, maximum score m_c):

    score = 100 × Σ_c w_c × mean_b(s_bc / m_c) / Σ_c w_c

so a score is a percentage of the best possible ballot, whatever the scales. A
nomination has quorum when n ≥ the round's quorum (recusals do not count). Nominations
with quorum are ranked by score, highest first; equal scores go to the initiative
submitted first (then the lower id). Nominations without quorum get no rank.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CriterionSpec:
    key: str
    weight: int
    max_score: int


@dataclass(frozen=True)
class BallotInput:
    recused: bool
    scores: Mapping[str, float]


@dataclass(frozen=True)
class Tally:
    ballots: int
    recusals: int
    has_quorum: bool
    score: float | None
    criterion_means: dict[str, float]


def tally(criteria: Sequence[CriterionSpec], ballots: Sequence[BallotInput], quorum: int) -> Tally:
    counted = [b for b in ballots if not b.recused]
    recusals = len(ballots) - len(counted)
    total_weight = sum(c.weight for c in criteria)
    if not counted or not total_weight:
        return Tally(len(counted), recusals, len(counted) >= quorum, None, {})
    means = {
        c.key: sum(float(b.scores.get(c.key, 0.0)) for b in counted) / len(counted)
        for c in criteria
    }
    weighted = sum(c.weight * means[c.key] / c.max_score for c in criteria)
    score = round(100 * weighted / total_weight, 4)
    return Tally(
        ballots=len(counted),
        recusals=recusals,
        has_quorum=len(counted) >= quorum,
        score=score,
        criterion_means={k: round(v, 4) for k, v in means.items()},
    )


@dataclass(frozen=True)
class RankingEntry:
    key: int
    tally: Tally
    submitted_at: datetime
    initiative_id: int


def rank(entries: Sequence[RankingEntry]) -> dict[int, int | None]:
    """Rank 1, 2, ... among entries with quorum; None for the others."""
    ranked = sorted(
        (e for e in entries if e.tally.has_quorum and e.tally.score is not None),
        key=lambda e: (-(e.tally.score or 0.0), e.submitted_at, e.initiative_id),
    )
    positions: dict[int, int | None] = {e.key: None for e in entries}
    for position, entry in enumerate(ranked, start=1):
        positions[entry.key] = position
    return positions
