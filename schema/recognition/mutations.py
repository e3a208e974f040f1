"""Mutations of initiatives and recognition: one input, a payload with the result and errors.

``submitInitiative`` and ``provideInitiativeInfo`` need no account.
"""

from __future__ import annotations

import strawberry

from schema.recognition.initiative_mutations import InitiativeMutation
from schema.recognition.round_mutations import RoundMutation


@strawberry.type
class RecognitionMutation(InitiativeMutation, RoundMutation):
    pass
