"""Audio and file answers (decision 0038): the kinds in a definition, their upload by
the question's kind with the type read from the bytes, a response incomplete until its
media arrive and synced once, results, exports and the download of a stored file."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from accounts import services as accounts
from core.actor import Actor, Role
from core.errors import DomainError, ValidationFailed
from core.models import AuditEvent
from i18n import translate
from surveys import exports, results, services
from surveys.definition import check_answers, parse_form
from surveys.models import SurveyAnswerCount, SurveyPhoto, SurveyResponse
from surveys.services import SurveyData
from tests import media_files as files
from tests.helpers import gql, sign_in
from tests.surveys.survey_data import other_commune, question
from tests.surveys.test_graphql import SYNC, item

MEDIA: dict[str, Any] = {
    "pages": [
        {
            "key": "visit",
            "titleVi": "Thăm hộ",
            "questions": [
                question("story", "AUDIO", required=True),
                question("scan", "FILE", accept=["pdf"]),
                question("anything", "FILE"),
                {
                    **question("members", "REPEAT"),
                    "questions": [question("name", "TEXT"), question("voice", "AUDIO")],
                },
            ],
        }
    ]
}
RAW = {"content-type": "application/octet-stream"}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refusals(definition: dict[str, Any]) -> list[tuple[str, str | None]]:
    with pytest.raises((ValidationFailed, DomainError)) as caught:
        parse_form(definition)
    error = caught.value
    found = error.errors if isinstance(error, ValidationFailed) else [error]
    return [(e.code, e.field) for e in found]


def one_question(raw: dict[str, Any]) -> dict[str, Any]:
    return {"pages": [{"key": "p", "questions": [raw]}]}


def test_audio_and_file_answers_are_hashes_counted_as_expected_media_in_instances_too() -> None:
    form = parse_form(MEDIA)
    wav, pdf = files.wav(), files.PDF
    answers = {
        "story": sha(wav).upper(),
        "scan": sha(pdf),
        "members": [{"name": "Lan", "voice": sha(wav + b"1")}, {"name": "Minh"}],
    }

    checked = check_answers(form, answers, today=date(2026, 11, 30))
    missing = check_answers(form, {"scan": "not-a-hash"}, today=date(2026, 11, 30))

    assert checked.errors == []
    assert checked.answers["story"] == sha(wav)  # stored in lower case
    assert checked.photos == 3  # two at the top, one in the first instance
    assert ("story", None, None) in checked.rows  # counted as answered, not by file
    assert [(e.code, e.field) for e in missing.errors] == [
        ("REQUIRED", "answers.story"),
        ("WRONG_ANSWER_TYPE", "answers.scan"),
    ]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (question("f", "FILE", accept=["pdf", "exe"]), "pages.0.questions.0.accept"),
        (question("f", "FILE", accept=[]), "pages.0.questions.0.accept"),
        (question("f", "FILE", accept=["pdf", "pdf"]), "pages.0.questions.0.accept"),
        (question("f", "FILE", accept="pdf"), "pages.0.questions.0.accept"),
        (question("a", "AUDIO", accept=["pdf"]), "pages.0.questions.0.accept"),
    ],
)
def test_a_file_question_accepts_only_listed_types_once(raw: dict[str, Any], field: str) -> None:
    assert refusals(one_question(raw)) == [("INVALID_ACCEPT", field)]


def test_the_accept_refusal_is_translated_and_names_the_question() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_form(one_question(question("scan", "FILE", accept=["zip"])))

    params = caught.value.errors[0].params
    assert translate("error.INVALID_ACCEPT", "en", **params) == (
        "The accepted file types of question “Question scan” are not valid: a FILE question "
        "may list some of pdf, docx, xlsx, image, each once."
    )
    assert translate("error.INVALID_ACCEPT", "vi", **params).startswith(
        "Các loại tệp nhận của câu hỏi “Câu scan” không hợp lệ"
    )


async def _media_survey(system: Actor) -> Any:
    survey = await services.create(
        system, data=SurveyData(title="Ghi âm và tệp", admin_unit_code="96", definition=MEDIA)
    )
    return await services.publish(system, survey_id=survey.id)


async def test_media_upload_by_kind_completes_the_response_synced_once(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await _media_survey(system)
    wav, pdf, docx = files.wav(), files.PDF, files.office("word/document.xml")
    voice = files.ogg_opus()
    answers = {
        "story": sha(wav),
        "scan": sha(pdf),
        "anything": sha(docx),
        "members": [{"name": "Lan", "voice": sha(voice)}],
    }
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    payload = item(survey.id, 1, answers)
    base = f"/uploads/survey-photos/{payload['clientId']}"

    first = await gql(client, SYNC, {"input": {"responses": [payload]}})
    png_as_audio = await client.post(f"{base}/story", content=files.PNG, headers=RAW)
    story = await client.post(f"{base}/story", content=wav, headers=RAW)
    again = await client.post(f"{base}/story", content=wav, headers=RAW)
    docx_as_pdf = await client.post(f"{base}/scan", content=docx, headers=RAW)
    macros = await client.post(
        f"{base}/anything", content=files.office("word/document.xml", macros=True), headers=RAW
    )
    huge = await client.post(f"{base}/anything", content=pdf + b"0" * 10_000_001, headers=RAW)
    resent = await gql(client, SYNC, {"input": {"responses": [payload]}})
    scan = await client.post(f"{base}/scan", content=pdf, headers=RAW)
    anything = await client.post(f"{base}/anything", content=docx, headers=RAW)
    wrong_voice = await client.post(f"{base}/voice", content=files.amr(), headers=RAW)
    in_instance = await client.post(f"{base}/voice", content=voice, headers=RAW)
    last = await gql(client, SYNC, {"input": {"responses": [payload]}})

    def result(body: dict[str, Any]) -> tuple[str, bool]:
        one = body["data"]["syncSurveyResponses"]["results"][0]
        return one["result"], one["isComplete"]

    assert result(first) == ("CREATED", False)
    assert png_as_audio.status_code == 415
    assert png_as_audio.json()["errors"][0] == {
        "field": "file",
        "code": "UNSUPPORTED_ANSWER_FILE_TYPE",
        "message": "Tệp này không dùng để trả lời câu hỏi “Câu story” được: câu hỏi chỉ nhận "
        "MP3, AAC, M4A, 3GPP, Ogg, WebM, WAV, AMR (loại tệp được đọc từ nội dung tệp).",
    }
    assert story.status_code == 201 and story.json()["contentType"] == "audio/wav"
    assert story.json()["isComplete"] is False
    assert again.status_code == 200
    assert docx_as_pdf.status_code == 415
    assert "PDF only" not in docx_as_pdf.json()["errors"][0]["message"]
    assert "chỉ nhận PDF" in docx_as_pdf.json()["errors"][0]["message"]
    assert macros.status_code == 415
    assert huge.status_code == 413
    assert result(resent) == ("DUPLICATE", False)
    assert scan.status_code == 201
    assert anything.status_code == 201 and anything.json()["contentType"].endswith(
        "wordprocessingml.document"
    )
    assert wrong_voice.status_code == 409
    assert wrong_voice.json()["errors"][0]["message"] == (
        "Tệp này không phải là câu trả lời của câu hỏi “Câu voice” trong phiếu."
    )
    assert in_instance.status_code == 201 and in_instance.json()["isComplete"] is True
    assert result(last) == ("DUPLICATE", True)
    assert await SurveyResponse.filter(survey_id=survey.id).count() == 1
    stored = await SurveyResponse.get(client_id=payload["clientId"])
    assert (stored.photos_expected, stored.photos_received) == (4, 4)
    assert await SurveyPhoto.filter(response_id=stored.id).count() == 4


async def test_results_count_media_answers_and_exports_link_their_downloads(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await _media_survey(system)
    wav, pdf = files.wav(), files.PDF
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    one = item(survey.id, 1, {"story": sha(wav), "scan": sha(pdf)})
    two = item(survey.id, 2, {"story": sha(wav + b"2"), "members": [{"voice": sha(wav)}]})
    await gql(client, SYNC, {"input": {"responses": [one, two]}})

    found = await results.results(system, survey_id=survey.id)
    csv_bytes = await exports.export_responses(system, survey_id=survey.id, fmt="csv")
    xlsx_bytes = await exports.export_responses(system, survey_id=survey.id, fmt="xlsx")

    answered = {q.key: q.answered for q in found.questions}
    assert (found.responses, answered["story"], answered["scan"]) == (2, 2, 1)
    assert (answered["anything"], answered["voice"]) == (0, 1)
    # one counts row per area and sync call, however many files
    rows = await SurveyAnswerCount.filter(survey_id=survey.id, question_key="story").count()
    assert rows == 1
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    link = f"/files/survey-media/{one['clientId']}/scan/{sha(pdf)}"
    assert link in lines[1] or link in lines[2]
    book = load_workbook(io.BytesIO(xlsx_bytes))
    voices = [row[-1] for row in book["members"].iter_rows(min_row=2, values_only=True)]
    assert voices == [f"/files/survey-media/{two['clientId']}/voice/{sha(wav)}"]


async def test_editors_and_pii_keys_download_stored_media_as_an_attachment(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await _media_survey(system)
    pdf = files.PDF
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    payload = item(survey.id, 1, {"story": sha(files.wav()), "scan": sha(pdf)})
    await gql(client, SYNC, {"input": {"responses": [payload]}})
    await client.post(
        f"/uploads/survey-photos/{payload['clientId']}/scan", content=pdf, headers=RAW
    )
    url = f"/files/survey-media/{payload['clientId']}/scan/{sha(pdf)}"
    _, pii_key = await accounts.create_api_key(
        system, name="Gov", scopes=["read:surveys", "read:pii"]
    )
    _, surveys_key = await accounts.create_api_key(system, name="Telco", scopes=["read:surveys"])

    as_field = await client.get(url)
    await sign_in(client, system, "editor", Role.UNIT_MANAGER, "32002")
    as_editor = await client.get(url)
    missing = await client.get(url.replace(sha(pdf), "0" * 64))
    not_uploaded = await client.get(url.replace("/scan/", "/story/"))
    await sign_in(client, system, "elsewhere", Role.UNIT_MANAGER, await other_commune())
    out_of_area = await client.get(url)
    client.cookies.clear()
    anonymous = await client.get(url)
    with_pii = await client.get(url, headers={"authorization": f"Bearer {pii_key}"})
    without_pii = await client.get(url, headers={"authorization": f"Bearer {surveys_key}"})

    assert as_field.status_code == 403
    assert as_editor.status_code == 200 and as_editor.content == pdf
    assert as_editor.headers["content-type"] == "application/pdf"
    assert as_editor.headers["content-disposition"] == (
        f'attachment; filename="scan-{sha(pdf)[:12]}.pdf"'
    )
    assert as_editor.headers["x-content-type-options"] == "nosniff"
    assert missing.status_code == 404 and not_uploaded.status_code == 404
    assert missing.json()["errors"][0]["extensions"]["code"] == "SURVEY_MEDIA_NOT_FOUND"
    assert out_of_area.status_code == 404
    assert anonymous.status_code == 401
    assert with_pii.status_code == 200 and with_pii.content == pdf
    assert without_pii.status_code == 403
    reads = await AuditEvent.filter(action="survey_media.read").count()
    assert reads == 2  # the editor's and the key's
