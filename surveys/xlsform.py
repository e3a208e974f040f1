"""XLSForm import: pyxform reads the workbook, this module maps its JSON onto a DXNet
definition and lists every construct not carried over exactly (a ``Loss``).

pyxform (the reference parser of ODK and KoBoToolbox) does all the reading and the
checking of the XLSForm itself; nothing here reads cells of a workbook except through
pyxform's own workbook dictionary, used only to find the row and column of a loss.

Mapping (XLSForm type -> DXNet kind): text -> TEXT (LONG_TEXT with appearance
``multiline``), integer -> INTEGER, decimal -> DECIMAL, select_one -> SINGLE_CHOICE,
select_multiple -> MULTIPLE_CHOICE (``or_other`` -> ``allowOther``, pyxform's generated
"other" choice and ``<name>_other`` text become DXNet's own; ``choice_filter`` ->
``choiceFilter`` and a list's extra columns -> each choice's ``columns``, decision 0033;
appearance ``minimal`` kept), date -> DATE, time -> TIME, dateTime -> DATETIME, geopoint
-> LOCATION, geotrace -> GEOTRACE, geoshape -> GEOSHAPE, image -> PHOTO (``max-pixels`` ->
``maxPixels``), audio -> AUDIO, file -> FILE (``body::accept`` -> ``accept``), barcode -> BARCODE, acknowledge -> ACKNOWLEDGE, note -> NOTE, calculate
-> CALCULATE, range from 1 to 5 by 1 -> RATING, another ascending range -> RANGE (a
slider with its bounds and step). ``default``, ``required`` (yes/no or a condition)
and ``required_message`` are kept; piping ``${name}`` is kept when ``name`` is carried. A top-level group becomes
a page (its relevance joins each question's, as ODK applies it); nested groups are
flattened the same way. ``begin_repeat``/``end_repeat`` -> REPEAT (decision 0035),
nested up to 3 deep, with its relevance and ``repeat_count`` as ``repeatCount`` (a
number up to 200, larger ones clamped and listed, or a rule over earlier answers;
pyxform's generated ``<name>_count`` calculation is read back as that rule), and
``dxnet_min_count``/``dxnet_max_count`` as its bounds; its questions keep their
relevance, constraints and calculations, which may name the instance's fields,
``position(..)`` and ``indexed-repeat``. Labels, hints and constraint messages in Vietnamese and English
are kept (a form in one unnamed language gives the Vietnamese text); up to 10 other
languages are carried in ``languages`` and ``translations`` (decision 0038), under the
code of ``label::Khmer (km)`` or one made from the name (listed). Columns written by
``surveys.xlsform_export`` (``dxnet_*``) restore what XLSForm cannot say (YES_NO, RATING,
length and number bounds, patterns, required accuracy), so an export imports back as
the same definition.

Everything else is a loss, listed with its sheet, row and column, and a code translated
by the catalogue (``xlsform.<CODE>``): repeats nested deeper than 3 (with their
fields), calculations the
rule language cannot read, question types without a DXNet kind, metadata (kept as the
response's own time and device), rules, filters, conditions and dynamic defaults the
rule language cannot read or that name a question not carried (or a later one),
piping of a question not carried, read-only, other appearances, media, other
parameters, ``body::accept`` values other than PDF, Word, Excel and images, languages
beyond twelve, and any other column.
"""

from __future__ import annotations

from core.actor import Actor
from core.errors import DomainError
from i18n import Language, translate
from network import admin_units
from network.access import require_editor
from surveys import services
from surveys.definition import parse_form
from surveys.models import Survey
from surveys.xlsform_mapping import YES_NO_LIST, Loss, Mapper, XlsFormImport

__all__ = [
    "MAX_XLSFORM_BYTES",
    "YES_NO_LIST",
    "Loss",
    "XlsFormImport",
    "describe",
    "import_survey",
    "read_xlsform",
    "require_importer",
]

MAX_XLSFORM_BYTES = 5_000_000


def describe(loss: Loss, lang: Language) -> str:
    """A loss in words: where, then what and why."""
    what = translate(f"xlsform.{loss.code}", lang, name=loss.name or "", **loss.params)
    if loss.column is None:
        return translate("xlsform.at_sheet", lang, sheet=loss.sheet, what=what)
    if loss.row is None:
        return translate("xlsform.at_column", lang, sheet=loss.sheet, column=loss.column, what=what)
    return translate(
        "xlsform.at_row", lang, sheet=loss.sheet, row=loss.row, column=loss.column or "", what=what
    )


async def require_importer(actor: Actor, *, admin_unit_code: str) -> None:
    """Editors of the unit's area (checked before the file is read)."""
    require_editor(actor)
    await admin_units.get_in_scope(actor, code=admin_unit_code)


async def import_survey(
    actor: Actor, *, content: bytes, admin_unit_code: str, dry_run: bool
) -> tuple[XlsFormImport, Survey | None]:
    """Map an XLSForm and, unless ``dry_run``, create it as a DRAFT survey of the unit
    (editors in scope; the caller owns the transaction)."""
    await require_importer(actor, admin_unit_code=admin_unit_code)
    mapped = read_xlsform(content)
    parse_form(mapped.definition)  # an XLSForm with no question DXNet can carry is refused
    if dry_run:
        return mapped, None
    data = services.SurveyData(
        title=mapped.title, admin_unit_code=admin_unit_code, definition=mapped.definition
    )
    return mapped, await services.create(actor, data=data)


def read_xlsform(content: bytes) -> XlsFormImport:
    """Parse an XLSForm (.xlsx or .xls) with pyxform and map it; a file pyxform refuses
    raises ``DomainError("INVALID_XLSFORM")`` with pyxform's own explanation."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    if len(content) > MAX_XLSFORM_BYTES:
        raise DomainError("FILE_TOO_LARGE", field="file", max_mb=MAX_XLSFORM_BYTES // 1_000_000)
    try:
        workbook = get_xlsform(content)
        form = workbook_to_json(workbook_dict=workbook, warnings=[])
    except PyXFormError as error:
        raise DomainError("INVALID_XLSFORM", field="file", detail=str(error)[:500]) from None
    except Exception as error:  # pyxform lets some reader errors through
        raise DomainError("INVALID_XLSFORM", field="file", detail=type(error).__name__) from None
    return Mapper(form, workbook).run()
