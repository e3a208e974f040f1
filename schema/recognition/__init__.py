"""GraphQL for initiatives and recognition (issue #5): submissions, screening, rounds,
ballots, results, awards, the public showcase, replication and the emulation leaderboard."""

from __future__ import annotations

from schema.recognition.mutations import RecognitionMutation
from schema.recognition.queries import RecognitionQuery

__all__ = ["RecognitionMutation", "RecognitionQuery"]
