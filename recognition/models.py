"""Initiatives, their review by a committee, awards, replication, and abuse counters.

Model docstrings end up in SQL table comments, so they avoid semicolons and quotes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from core.models import KeptUpload

if TYPE_CHECKING:
    from accounts.models import User
    from network.models import AdminUnit, Member, Organization


class InitiativeCategory(StrEnum):
    DIGITAL_GOVERNMENT = "DIGITAL_GOVERNMENT"
    DIGITAL_ECONOMY = "DIGITAL_ECONOMY"
    DIGITAL_SOCIETY = "DIGITAL_SOCIETY"
    OTHER = "OTHER"


class InitiativeStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    SCREENING = "SCREENING"
    NEEDS_INFO = "NEEDS_INFO"
    ACCEPTED_FOR_REVIEW = "ACCEPTED_FOR_REVIEW"
    REJECTED = "REJECTED"
    NOMINATED = "NOMINATED"
    AWARDED = "AWARDED"
    NOT_AWARDED = "NOT_AWARDED"


class RoundStatus(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    FINALIZED = "FINALIZED"


class AwardLevel(StrEnum):
    FIRST_PRIZE = "FIRST_PRIZE"
    SECOND_PRIZE = "SECOND_PRIZE"
    THIRD_PRIZE = "THIRD_PRIZE"
    ENCOURAGEMENT = "ENCOURAGEMENT"


class ReplicationStatus(StrEnum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    ESTABLISHED = "ESTABLISHED"
    DISCONTINUED = "DISCONTINUED"


class Initiative(Model):
    """An idea, initiative or practice submitted for recognition, by anyone.

    Submitter name, phone and email are personal data, never shown publicly. The
    tracking code lets the submitter follow the status without an account.
    """

    id = fields.IntField(primary_key=True)
    tracking_code = fields.CharField(max_length=16, unique=True)
    # The id the submitter's device gave the submission (the PWA's outbox), so a resent
    # submission is stored once; null for callers that send none.
    client_id = fields.CharField(max_length=64, unique=True, null=True)
    title = fields.CharField(max_length=200)
    title_folded = fields.CharField(max_length=200, db_index=True)
    summary = fields.TextField()
    problem = fields.TextField()
    solution = fields.TextField()
    results = fields.TextField()
    # Folded title and summary, for diacritic-insensitive search and similarity.
    text_folded = fields.TextField()
    category = fields.CharEnumField(InitiativeCategory, max_length=24, db_index=True)
    status = fields.CharEnumField(
        InitiativeStatus, max_length=24, default=InitiativeStatus.SUBMITTED, db_index=True
    )
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="initiatives", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    organization: fields.ForeignKeyNullableRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="initiatives", null=True, on_delete=fields.SET_NULL
    )
    member: fields.ForeignKeyNullableRelation[Member] = fields.ForeignKeyField(
        "dxnet.Member", related_name="initiatives", null=True, on_delete=fields.SET_NULL
    )
    submitted_by_user_id = fields.IntField(null=True)
    submitter_name = fields.CharField(max_length=200)
    submitter_phone = fields.CharField(max_length=20)
    submitter_email = fields.CharField(max_length=254, null=True)
    status_changed_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    admin_unit_id: int
    organization_id: int | None
    member_id: int | None

    class Meta:
        table = "recognition_initiative"
        ordering = ["-created_at", "-id"]


class InitiativeAttachment(KeptUpload):
    """A file attached to an initiative, uploaded before the submission that claims it.

    ``token`` is the unguessable upload id the submitter passes back. An unclaimed upload
    (no initiative) expires at ``expires_at``.
    """

    id = fields.IntField(primary_key=True)
    initiative: fields.ForeignKeyNullableRelation[Initiative] = fields.ForeignKeyField(
        "dxnet.Initiative", related_name="attachments", null=True, on_delete=fields.CASCADE
    )

    initiative_id: int | None

    class Meta:
        table = "recognition_attachment"
        ordering = ["created_at", "id"]


class AttachmentContent(Model):
    """The bytes of an attachment, apart so that listing attachments never reads them."""

    id = fields.IntField(primary_key=True)
    attachment: fields.OneToOneRelation[InitiativeAttachment] = fields.OneToOneField(
        "dxnet.InitiativeAttachment", related_name="content", on_delete=fields.CASCADE
    )
    data = fields.BinaryField()

    attachment_id: int

    class Meta:
        table = "recognition_attachment_content"


class InitiativeTransition(Model):
    """One step of an initiative through the workflow, with who, when and why.

    ``note`` is for staff, ``public_note`` is shown with the tracking code.
    """

    id = fields.IntField(primary_key=True)
    initiative: fields.ForeignKeyRelation[Initiative] = fields.ForeignKeyField(
        "dxnet.Initiative", related_name="transitions", on_delete=fields.CASCADE
    )
    from_status = fields.CharEnumField(InitiativeStatus, max_length=24, null=True)
    to_status = fields.CharEnumField(InitiativeStatus, max_length=24)
    actor_kind = fields.CharField(max_length=16)
    actor_user_id = fields.IntField(null=True)
    note = fields.TextField(default="")
    public_note = fields.TextField(default="")
    at = fields.DatetimeField(auto_now_add=True)

    initiative_id: int

    class Meta:
        table = "recognition_transition"
        ordering = ["at", "id"]


class RecognitionRound(Model):
    """A recognition round: criteria, a committee with a chair, a quorum, voting times."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="recognition_rounds", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    period_start = fields.DateField()
    period_end = fields.DateField()
    opens_at = fields.DatetimeField()
    closes_at = fields.DatetimeField()
    quorum = fields.SmallIntField()
    reveal_ballots = fields.BooleanField(default=True)
    status = fields.CharEnumField(RoundStatus, max_length=16, default=RoundStatus.OPEN)
    created_by_user_id = fields.IntField(null=True)
    closed_at = fields.DatetimeField(null=True)
    closed_by_user_id = fields.IntField(null=True)
    finalized_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    admin_unit_id: int

    class Meta:
        table = "recognition_round"
        ordering = ["-opens_at", "-id"]


class RoundCriterion(Model):
    id = fields.IntField(primary_key=True)
    round: fields.ForeignKeyRelation[RecognitionRound] = fields.ForeignKeyField(
        "dxnet.RecognitionRound", related_name="criteria", on_delete=fields.CASCADE
    )
    key = fields.CharField(max_length=40)
    label_vi = fields.CharField(max_length=200)
    label_en = fields.CharField(max_length=200)
    weight = fields.SmallIntField()
    max_score = fields.SmallIntField()
    position = fields.SmallIntField(default=0)

    round_id: int

    class Meta:
        table = "recognition_criterion"
        unique_together = (("round", "key"),)
        ordering = ["position", "id"]


class RoundCommittee(Model):
    """A seat on the committee of a round, held by a user with the committee role."""

    id = fields.IntField(primary_key=True)
    round: fields.ForeignKeyRelation[RecognitionRound] = fields.ForeignKeyField(
        "dxnet.RecognitionRound", related_name="committee", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="committee_seats", on_delete=fields.RESTRICT
    )
    is_chair = fields.BooleanField(default=False)

    round_id: int
    user_id: int

    class Meta:
        table = "recognition_committee"
        unique_together = (("round", "user"),)
        ordering = ["-is_chair", "id"]


class Nomination(Model):
    id = fields.IntField(primary_key=True)
    round: fields.ForeignKeyRelation[RecognitionRound] = fields.ForeignKeyField(
        "dxnet.RecognitionRound", related_name="nominations", on_delete=fields.CASCADE
    )
    initiative: fields.ForeignKeyRelation[Initiative] = fields.ForeignKeyField(
        "dxnet.Initiative", related_name="nominations", on_delete=fields.RESTRICT
    )
    nominated_by_user_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    round_id: int
    initiative_id: int

    class Meta:
        table = "recognition_nomination"
        unique_together = (("round", "initiative"),)
        ordering = ["id"]


class Ballot(Model):
    """The ballot of one committee member on one nomination, unique per pair.

    ``scores`` maps criterion keys to numbers. A recused ballot carries no scores. The
    comment is the member's note to the committee, sealed with the scores.
    """

    id = fields.IntField(primary_key=True)
    nomination: fields.ForeignKeyRelation[Nomination] = fields.ForeignKeyField(
        "dxnet.Nomination", related_name="ballots", on_delete=fields.CASCADE
    )
    voter: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="ballots", on_delete=fields.RESTRICT
    )
    scores: dict[str, float] = fields.JSONField(default=dict)  # type: ignore[assignment]
    recused = fields.BooleanField(default=False)
    recusal_reason = fields.CharField(max_length=500, default="")
    comment = fields.TextField(default="")
    revision = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    nomination_id: int
    voter_id: int

    class Meta:
        table = "recognition_ballot"
        unique_together = (("nomination", "voter"),)
        ordering = ["id"]


class BallotRevision(Model):
    """Every version of a ballot, the first included, kept for the record."""

    id = fields.IntField(primary_key=True)
    ballot: fields.ForeignKeyRelation[Ballot] = fields.ForeignKeyField(
        "dxnet.Ballot", related_name="revisions", on_delete=fields.CASCADE
    )
    revision = fields.IntField()
    scores: dict[str, float] = fields.JSONField(default=dict)  # type: ignore[assignment]
    recused = fields.BooleanField(default=False)
    recusal_reason = fields.CharField(max_length=500, default="")
    comment = fields.TextField(default="")
    at = fields.DatetimeField(auto_now_add=True)

    ballot_id: int

    class Meta:
        table = "recognition_ballot_revision"
        unique_together = (("ballot", "revision"),)
        ordering = ["revision"]


class RoundResult(Model):
    """The tally of one nomination, frozen when its round closes."""

    id = fields.IntField(primary_key=True)
    round: fields.ForeignKeyRelation[RecognitionRound] = fields.ForeignKeyField(
        "dxnet.RecognitionRound", related_name="results", on_delete=fields.CASCADE
    )
    nomination: fields.OneToOneRelation[Nomination] = fields.OneToOneField(
        "dxnet.Nomination", related_name="result", on_delete=fields.CASCADE
    )
    ballots = fields.SmallIntField()
    recusals = fields.SmallIntField()
    has_quorum = fields.BooleanField()
    score: float | None = fields.FloatField(null=True)  # type: ignore[assignment]
    criterion_means: dict[str, Any] = fields.JSONField(default=dict)  # type: ignore[assignment]
    rank = fields.SmallIntField(null=True)

    round_id: int
    nomination_id: int

    class Meta:
        table = "recognition_result"
        ordering = ["id"]


class Award(Model):
    """An award granted to a nomination after its round closed."""

    id = fields.IntField(primary_key=True)
    nomination: fields.OneToOneRelation[Nomination] = fields.OneToOneField(
        "dxnet.Nomination", related_name="award", on_delete=fields.RESTRICT
    )
    initiative: fields.ForeignKeyRelation[Initiative] = fields.ForeignKeyField(
        "dxnet.Initiative", related_name="awards", on_delete=fields.RESTRICT
    )
    level = fields.CharEnumField(AwardLevel, max_length=24)
    citation = fields.TextField()
    unit_path = fields.CharField(max_length=512, db_index=True)
    granted_at = fields.DatetimeField(db_index=True)
    granted_by_user_id = fields.IntField(null=True)

    nomination_id: int
    initiative_id: int

    class Meta:
        table = "recognition_award"
        ordering = ["-granted_at", "-id"]


class Replication(Model):
    """An organisation replicating an awarded model, nhân rộng mô hình."""

    id = fields.IntField(primary_key=True)
    initiative: fields.ForeignKeyRelation[Initiative] = fields.ForeignKeyField(
        "dxnet.Initiative", related_name="replications", on_delete=fields.CASCADE
    )
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "dxnet.Organization", related_name="replications", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    started_at = fields.DateField()
    status = fields.CharEnumField(ReplicationStatus, max_length=16)
    note = fields.TextField(default="")
    recorded_by_user_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    initiative_id: int
    organization_id: int

    class Meta:
        table = "recognition_replication"
        unique_together = (("initiative", "organization"),)
        ordering = ["started_at", "id"]
