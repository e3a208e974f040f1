"""Surveys, their frozen versions, responses collected offline, answers and photos.

Answers live in a narrow table (one row per answer, one per selected option of a
multiple choice) carrying the survey id and the response's unit path, so results are
GROUP BY queries over one table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from network.models import AdminUnit


class SurveyStatus(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    CLOSED = "CLOSED"
    ARCHIVED = "ARCHIVED"


class Survey(Model):
    """A survey of the subtree of an admin unit. ``definition`` is the editable draft, frozen
    into a SurveyVersion on publish and on each change while published."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=255)
    description = fields.TextField(default="")
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="surveys", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    organization_kinds: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    network_roles: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    is_public = fields.BooleanField(default=False)
    status = fields.CharEnumField(SurveyStatus, max_length=16, default=SurveyStatus.DRAFT)
    opens_at = fields.DatetimeField(null=True)
    closes_at = fields.DatetimeField(null=True)
    definition: dict[str, Any] = fields.JSONField(default=dict)  # type: ignore[assignment]
    current_version = fields.IntField(default=0)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    admin_unit_id: int

    class Meta:
        table = "survey"
        ordering = ["-created_at", "id"]


class SurveyVersion(Model):
    """A published, frozen definition, and responses name the version they answer."""

    id = fields.IntField(primary_key=True)
    survey: fields.ForeignKeyRelation[Survey] = fields.ForeignKeyField(
        "dxnet.Survey", related_name="versions", on_delete=fields.CASCADE
    )
    version = fields.IntField()
    definition: dict[str, Any] = fields.JSONField()  # type: ignore[assignment]
    published_at = fields.DatetimeField(auto_now_add=True)

    survey_id: int

    class Meta:
        table = "survey_version"
        unique_together = (("survey", "version"),)


class SurveyResponse(Model):
    """One response, stored once per client id (the unique key decides, never a check).

    ``content_hash`` is the SHA-256 of the canonical content, so a re-send is told from
    a different response reusing the id. ``sync_batch`` marks the rows one sync call
    inserted. ``public_device`` is set on public responses only: one per device.
    """

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=64, unique=True)
    survey: fields.ForeignKeyRelation[Survey] = fields.ForeignKeyField(
        "dxnet.Survey", related_name="responses", on_delete=fields.CASCADE
    )
    version = fields.IntField()
    content_hash = fields.CharField(max_length=64)
    sync_batch = fields.CharField(max_length=32)
    collected_at = fields.DatetimeField()
    device_id = fields.CharField(max_length=64, default="")
    public_device = fields.CharField(max_length=64, null=True)
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    accuracy = fields.FloatField(null=True)
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="survey_responses", on_delete=fields.RESTRICT
    )
    unit_path = fields.CharField(max_length=512, db_index=True)
    answers: dict[str, Any] = fields.JSONField(default=dict)  # type: ignore[assignment]
    photos_expected = fields.SmallIntField(default=0)
    photos_received = fields.SmallIntField(default=0)
    recorded_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    survey_id: int
    admin_unit_id: int

    class Meta:
        table = "survey_response"
        ordering = ["collected_at", "id"]
        unique_together = (("survey", "public_device"),)
        # Every read of responses is by survey, then area (results, exports).
        indexes = (("survey_id", "unit_path"),)

    @property
    def is_complete(self) -> bool:
        return bool(self.photos_received >= self.photos_expected)


class SurveyAnswer(Model):
    """One answer (or one selected option) of a response, typed into text or number."""

    # Since sync writes SurveyAnswerCount, only free-text answers (text questions and
    # other texts) are written here, to be read one by one; databases synced before
    # that also hold the other kinds, which nothing reads any more.

    id = fields.BigIntField(primary_key=True)
    response: fields.ForeignKeyRelation[SurveyResponse] = fields.ForeignKeyField(
        "dxnet.SurveyResponse", related_name="answer_rows", on_delete=fields.CASCADE
    )
    survey_id = fields.IntField()
    unit_path = fields.CharField(max_length=512)
    question_key = fields.CharField(max_length=128)
    value_text = fields.TextField(null=True)
    value_number = fields.FloatField(null=True)

    response_id: int

    class Meta:
        table = "survey_answer"
        # Text answers of one question in an area (results read SurveyAnswerCount).
        indexes = (("survey_id", "question_key", "unit_path"),)


class SurveyAnswerCount(Model):
    """How many answer rows of one sync call share a unit path, question, text and number.

    Written with the answers in the same transaction, append only, one row per distinct
    value in the call, so sums over it equal counts over the answer table whatever the
    versions or concurrent syncs. Results read it, not the answers.
    """

    id = fields.BigIntField(primary_key=True)
    survey: fields.ForeignKeyRelation[Survey] = fields.ForeignKeyField(
        "dxnet.Survey", related_name="answer_counts", on_delete=fields.CASCADE, db_constraint=True
    )
    unit_path = fields.CharField(max_length=512)
    question_key = fields.CharField(max_length=128)
    value_text = fields.TextField(null=True)
    value_number = fields.FloatField(null=True)
    n = fields.IntField()

    survey_id: int

    class Meta:
        table = "survey_answer_count"
        # Results read this index only, in its order: a whole survey by question, or
        # one area as a unit path range within each question.
        # (docs/decisions/0011-survey-answer-indexes.md)
        indexes = (("survey_id", "question_key", "unit_path", "value_text", "value_number", "n"),)


class SurveyPhoto(Model):
    """A photo answer, keyed by (response, question, SHA-256) so a re-send is harmless."""

    # Since decision 0038 also a recording or a file: any media answer.

    id = fields.IntField(primary_key=True)
    response: fields.ForeignKeyRelation[SurveyResponse] = fields.ForeignKeyField(
        "dxnet.SurveyResponse", related_name="photos", on_delete=fields.CASCADE
    )
    question_key = fields.CharField(max_length=128)
    sha256 = fields.CharField(max_length=64)
    # Office types are long ("application/vnd.openxmlformats-…"): decision 0038.
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    data = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True)

    response_id: int

    class Meta:
        table = "survey_photo"
        unique_together = (("response", "question_key", "sha256"),)
