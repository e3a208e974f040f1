"""``importSurveyXlsForm``: an XLSForm (base64, as spreadsheet imports are sent) becomes
a draft survey; a dry run only lists what would not be carried over exactly."""

from __future__ import annotations

import base64
import binascii

import strawberry
from strawberry.types import Info

from core.errors import DomainError
from i18n import Language
from schema.core.errors import UserError
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS
from schema.surveys.types import SurveyType
from surveys import xlsform
from surveys.models import Survey


@strawberry.input(description="An XLSForm to import as a draft survey; try it with a dry run.")
class ImportSurveyXlsFormInput:
    file_name: str = strawberry.field(description="For your records (.xlsx or .xls).")
    content_base64: str = strawberry.field(description="The file's bytes, base64-encoded.")
    admin_unit_code: str = strawberry.field(description="The area surveyed (its subtree).")
    dry_run: bool = strawberry.field(
        default=True, description="List what would not be carried over; create nothing."
    )


@strawberry.type(description="A construct of the XLSForm not carried over exactly.")
class XlsFormLoss:
    sheet: str = strawberry.field(description="survey, choices or settings.")
    row: int | None = strawberry.field(description="Row in the sheet; the header is row 1.")
    column: str | None = strawberry.field(description="The column header as written.")
    code: str = strawberry.field(description="What was lost: REPEAT, CALCULATE, PIPING…")
    name: str | None = strawberry.field(description="The question (or group) concerned.")
    message: str = strawberry.field(description="Where, what and why, in words.")

    @classmethod
    def from_loss(cls, loss: xlsform.Loss, lang: Language) -> XlsFormLoss:
        return cls(
            sheet=loss.sheet,
            row=loss.row,
            column=loss.column,
            code=loss.code,
            name=loss.name,
            message=xlsform.describe(loss, lang),
        )


@strawberry.type
class ImportSurveyXlsFormPayload:
    survey: SurveyType | None = strawberry.field(
        default=None, description="The draft created; null on a dry run or when refused."
    )
    title: str | None = None
    fields: int = strawberry.field(default=0, description="Fields in the XLSForm.")
    exact_fields: int = strawberry.field(default=0, description="Fields carried over exactly.")
    losses: list[XlsFormLoss] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class XlsFormMutation:
    @strawberry.mutation(
        description="Import an XLSForm (ODK, KoBoToolbox) as a DRAFT survey; every construct "
        "not carried over exactly is listed in `losses`.",
        permission_classes=EDITORS,
    )
    async def import_survey_xls_form(
        self, info: Info, input: ImportSurveyXlsFormInput
    ) -> ImportSurveyXlsFormPayload:
        lang: Language = info.context.lang
        actor = info.context.actor

        async def work() -> tuple[xlsform.XlsFormImport, Survey | None]:
            await xlsform.require_importer(actor, admin_unit_code=input.admin_unit_code)
            try:
                # Line breaks are tolerated (the `base64` tool wraps at 76 characters).
                content = base64.b64decode("".join(input.content_base64.split()), validate=True)
            except (binascii.Error, ValueError):
                raise DomainError("INVALID", field="contentBase64") from None
            return await xlsform.import_survey(
                actor,
                content=content,
                admin_unit_code=input.admin_unit_code,
                dry_run=input.dry_run,
            )

        def present(
            result: tuple[xlsform.XlsFormImport, Survey | None],
        ) -> ImportSurveyXlsFormPayload:
            mapped, survey = result
            return ImportSurveyXlsFormPayload(
                survey=SurveyType.from_model(survey, can_respond=True) if survey else None,
                title=mapped.title,
                fields=len(mapped.fields),
                exact_fields=mapped.exact,
                losses=[XlsFormLoss.from_loss(loss, lang) for loss in mapped.losses],
            )

        return await mutate(info, work, present, ImportSurveyXlsFormPayload)
