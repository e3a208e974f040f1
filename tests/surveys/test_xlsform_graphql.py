"""``importSurveyXlsForm`` and the XLSForm download: editors in scope only, a dry run
that lists losses in the caller's language, a draft created, the file back out."""

from __future__ import annotations

import base64
import io

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from strawberry.relay import GlobalID

from core.actor import Actor, Role
from surveys.models import Survey, SurveyStatus
from surveys.xlsform import read_xlsform
from tests.helpers import gql, sign_in
from tests.surveys.survey_data import DEFINITION, other_commune, published_survey
from tests.surveys.test_xlsform import CORPUS

pytestmark = pytest.mark.db

IMPORT = """
mutation($input: ImportSurveyXlsFormInput!) {
  importSurveyXlsForm(input: $input) {
    survey { id title status }
    title fields exactFields
    losses { sheet row column code name message }
    errors { field code message }
  }
}
"""
HOUSEHOLD = (CORPUS / "ho_gia_dinh.xlsx").read_bytes()


def _input(content: bytes = HOUSEHOLD, unit: str = "32002", dry_run: bool = True) -> dict:
    return {
        "input": {
            "fileName": "ho_gia_dinh.xlsx",
            "contentBase64": base64.b64encode(content).decode(),
            "adminUnitCode": unit,
            "dryRun": dry_run,
        }
    }


async def test_a_dry_run_lists_every_loss_in_the_callers_language_and_writes_nothing(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")

    vi = (await gql(client, IMPORT, _input()))["data"]["importSurveyXlsForm"]
    en = await gql(client, IMPORT, _input(), headers={"accept-language": "en"})
    en = en["data"]["importSurveyXlsForm"]

    expected = read_xlsform(HOUSEHOLD)
    assert vi["errors"] == [] and vi["survey"] is None
    assert (vi["fields"], vi["exactFields"]) == (16, 16)
    assert [(x["code"], x["row"], x["column"]) for x in vi["losses"]] == [
        (loss.code, loss.row, loss.column) for loss in expected.losses
    ]
    metadata = next(x for x in vi["losses"] if x["code"] == "METADATA")
    assert metadata["message"].startswith("Trang “survey”, dòng 2, cột “type”: ")
    english = next(x for x in en["losses"] if x["code"] == "METADATA")
    assert english["message"].startswith("Sheet “survey”, row 2, column “type”: ")
    assert await Survey.all().count() == 0


async def test_an_import_creates_a_draft_of_the_unit(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")

    payload = (await gql(client, IMPORT, _input(dry_run=False)))["data"]["importSurveyXlsForm"]

    assert payload["errors"] == []
    assert payload["survey"]["title"] == "Khảo sát hộ gia đình 2025"
    assert payload["survey"]["status"] == "DRAFT"
    survey = await Survey.get(id=int(GlobalID.from_id(payload["survey"]["id"]).node_id))
    assert survey.status == SurveyStatus.DRAFT
    assert survey.definition == read_xlsform(HOUSEHOLD).definition
    assert (await survey.admin_unit).code == "32002"


@pytest.mark.parametrize(
    ("role", "unit", "code"),
    [
        (Role.FIELD_STAFF, "32002", "FORBIDDEN"),
        (Role.UNIT_MANAGER, "other", "OUT_OF_SCOPE"),
    ],
)
async def test_only_editors_of_the_area_import(
    client: httpx.AsyncClient, system: Actor, role: Role, unit: str, code: str
) -> None:
    await sign_in(client, system, "someone", role, "32002")
    target = await other_commune() if unit == "other" else unit

    body = await gql(client, IMPORT, _input(unit=target, dry_run=False))

    codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
    payload = (body.get("data") or {}).get("importSurveyXlsForm") or {}
    codes += [e["code"] for e in payload.get("errors") or []]
    assert code in codes
    assert await Survey.all().count() == 0


async def test_a_file_that_is_not_an_xlsform_is_refused_with_pyxforms_reason(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")

    garbage = await gql(client, IMPORT, _input(b"hello"), headers={"accept-language": "en"})
    not_base64 = await gql(client, IMPORT, {"input": {**_input()["input"], "contentBase64": "%%"}})

    error = garbage["data"]["importSurveyXlsForm"]["errors"][0]
    assert (error["field"], error["code"]) == ("file", "INVALID_XLSFORM")
    assert error["message"].startswith("The file is not a valid XLSForm: ")
    bad = not_base64["data"]["importSurveyXlsForm"]["errors"][0]
    assert (bad["field"], bad["code"]) == ("contentBase64", "INVALID")


async def test_editors_download_a_survey_as_an_xlsform(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system)
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "96")

    response = await client.get(f"/exports/survey-xlsform/{survey.id}.xlsx")

    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f'attachment; filename="survey-{survey.id}-xlsform.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert read_xlsform(response.content).definition == DEFINITION


async def test_the_download_is_refused_to_field_staff_and_other_areas(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system, unit="32002")
    url = f"/exports/survey-xlsform/{survey.id}.xlsx"
    anonymous = await client.get(url)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    field = await client.get(url)
    await sign_in(client, system, "elsewhere", Role.UNIT_MANAGER, await other_commune())
    elsewhere = await client.get(url, headers={"accept-language": "en"})

    assert anonymous.status_code == 401
    assert field.status_code == 403
    assert field.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert elsewhere.status_code == 404
    assert elsewhere.json()["errors"][0]["extensions"]["code"] == "SURVEY_NOT_FOUND"
