"""Reading and writing the spreadsheets people exchange with DXNet: CSV and Excel (.xlsx).

The file type is read from the bytes, never from the name: an XLSX file is a zip
archive holding ``xl/workbook.xml``; a CSV file is UTF-8 text (with or without a BOM,
comma- or semicolon-separated) without NUL bytes. Anything else is refused.

Headers match case- and diacritic-insensitively ("Họ và tên", "ho va ten" and
"full_name" name the same column). Every cell is read as text; Excel date cells become
ISO dates ("2025-03-01") so the importers parse one form.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from core.errors import DomainError
from core.text import fold

MAX_IMPORT_BYTES = 10_000_000
MAX_IMPORT_ROWS = 20_000
# Columns read from a sheet, and the inflated size an XLSX archive may claim.
MAX_COLUMNS = 64
MAX_INFLATED_BYTES = 250_000_000
XLSX_MAGIC = b"PK\x03\x04"
# A text cell starting with one of these runs as a formula in a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A separator a spreadsheet may split a CSV cell at, then (after spaces) a formula start.
_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n])(?=[ ]*[=+\-@])")
_ESCAPED_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n])'(?=[ ]*[=+\-@])")
DATE_FORMAT = "dd/mm/yyyy"
PROGRESS_STEP = 500

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    """A column of an import template: a field ``key`` and the header written in files."""

    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """One data row: its spreadsheet row number (the header is row 1) and text by field."""

    row: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True)
class Table:
    """A sheet whose columns were matched to template fields."""

    headers: dict[str, str]  # field key -> the header as written in the file
    records: list[Record]

    def header(self, key: str) -> str:
        return self.headers.get(key, key)


def match_key(text: str) -> str:
    """'Họ và tên', 'ho va ten', 'HO_VA_TEN' -> 'hovaten'."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def read_table(
    content: bytes, columns: Sequence[Column], on_rows: Callable[[int], None] | None = None
) -> Table:
    """Parse ``content`` and match its header row against ``columns``."""
    headers, rows = read_sheet(content, on_rows)
    positions = match_headers(headers, columns)
    records = [
        Record(row=number, values={key: _at(cells, i) for key, i in positions.items()})
        for number, cells in rows
    ]
    return Table(headers={key: headers[i] for key, i in positions.items()}, records=records)


def read_sheet(
    content: bytes, on_rows: Callable[[int], None] | None = None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header row and the non-blank data rows, each with its spreadsheet row number.

    ``on_rows`` is called with the number of rows just read, every ``PROGRESS_STEP`` rows.
    """
    if len(content) > MAX_IMPORT_BYTES:
        raise DomainError("FILE_TOO_LARGE", max_mb=MAX_IMPORT_BYTES // 1_000_000)
    if content.startswith(XLSX_MAGIC):
        lines = _xlsx_lines(_checked_xlsx(content))
    else:
        lines = _csv_lines(_as_text(content))
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    with closing(lines):
        for number, raw in enumerate(lines, start=1):
            cells = [_unescape(cell.strip()) for cell in raw[:MAX_COLUMNS]]
            if not any(cells):
                continue
            if headers is None:
                headers = cells
            elif len(rows) == MAX_IMPORT_ROWS:
                raise DomainError("TOO_MANY_ROWS", max=MAX_IMPORT_ROWS)
            else:
                rows.append((number, cells))
                if on_rows is not None and len(rows) % PROGRESS_STEP == 0:
                    on_rows(PROGRESS_STEP)
    if on_rows is not None and len(rows) % PROGRESS_STEP:
        on_rows(len(rows) % PROGRESS_STEP)
    if headers is None or not rows:
        raise DomainError("EMPTY_FILE")
    return headers, rows


def match_headers(headers: Sequence[str], columns: Sequence[Column]) -> dict[str, int]:
    """Field key -> column position; refuses unknown, repeated or missing required headers."""
    by_name = {match_key(name): c for c in columns for name in (c.key, c.header, *c.aliases)}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        if not header:
            continue  # an unnamed column is ignored
        column = by_name.get(match_key(header))
        if column is None or column.key in positions:
            unknown.append(header)
        else:
            positions[column.key] = index
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing or unknown:
        raise DomainError(
            "INVALID_HEADERS", missing=", ".join(missing) or "—", unknown=", ".join(unknown) or "—"
        )
    return positions


def estimate_rows(content: bytes) -> int:
    """A cheap upper bound on the data rows, for a progress bar (0 when unknown)."""
    if not content.startswith(XLSX_MAGIC):
        return max(content.count(b"\n") - 1, 0)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
            if not names or archive.getinfo(names[0]).file_size > MAX_INFLATED_BYTES:
                return 0
            data = archive.read(names[0])
    except (zipfile.BadZipFile, ValueError, KeyError):
        return 0
    return max(data.count(b"<row ") + data.count(b":row ") - 1, 0)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM, so Excel shows Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_escape(h) for h in headers])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One sheet: a bold, frozen header row and columns sized to their content."""
    return write_sheets([(None, headers, [list(row) for row in rows])])


def write_sheets(
    sheets: Sequence[tuple[str | None, Sequence[str], Sequence[Sequence[Cell]]]],
) -> bytes:
    """Several sheets (titled, or named by openpyxl when the title is None), each with a
    bold, frozen header row, columns sized to their content, dates shown as dates and
    text starting with "=" kept as text."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(_widths(headers, rows), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([_xlsx_cell(sheet, header, font=bold) for header in headers])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _at(cells: Sequence[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _checked_xlsx(content: bytes) -> bytes:
    """A zip archive is accepted only as a workbook of sane inflated size."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise DomainError("UNSUPPORTED_FILE_TYPE") from None
    if not any(entry.filename == "xl/workbook.xml" for entry in entries):
        raise DomainError("UNSUPPORTED_FILE_TYPE")
    if sum(entry.file_size for entry in entries) > MAX_INFLATED_BYTES:
        raise DomainError("FILE_TOO_LARGE", max_mb=MAX_IMPORT_BYTES // 1_000_000)
    return content


def _as_text(content: bytes) -> str:
    if b"\x00" in content:
        raise DomainError("UNSUPPORTED_FILE_TYPE")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("UNSUPPORTED_FILE_TYPE") from None


def _csv_lines(text: str) -> Generator[list[str], None, None]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error:
        raise DomainError("UNSUPPORTED_FILE_TYPE") from None


def _xlsx_lines(content: bytes) -> Generator[list[str], None, None]:
    # openpyxl raises many kinds of exception for a damaged workbook: all mean "unreadable".
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise DomainError("UNSUPPORTED_FILE_TYPE") from None
    try:
        rows = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception:
                raise DomainError("UNSUPPORTED_FILE_TYPE") from None
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _escape(value: str) -> str:
    """Neutralise a text cell for CSV, as OWASP recommends against CSV injection.

    A cell starting with ``= + - @``, a tab or a carriage return gets a leading ``'``;
    so does every piece that starts one after a list separator (``,`` ``;`` tab or a
    line break, spaces allowed before it), because a spreadsheet whose locale lists with
    ``;`` (Excel in Vietnamese and most of Europe) splits ``a;=HYPERLINK(...)`` into two
    cells, the second a formula. ``_unescape`` reverses both, so imports round-trip.
    """
    if value.lstrip(" ").startswith(FORMULA_STARTS):
        value = "'" + value
    return _AFTER_SEPARATOR.sub(r"\1'", value)


def _unescape(value: str) -> str:
    value = _ESCAPED_AFTER_SEPARATOR.sub(r"\1", value)
    if value.startswith("'") and value[1:].lstrip(" ").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return _escape(value)
    return str(value)


def _xlsx_cell(sheet: object, value: Cell, *, font: object | None = None) -> object:
    """A plain value where openpyxl writes it right; a styled cell for dates, headers and
    text starting with "=" (which openpyxl would otherwise write as a formula)."""
    formula_like = isinstance(value, str) and value.startswith("=")
    if font is None and not formula_like and not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if font is not None:
        cell.font = font
    return cell


def _widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """Characters per column from the header and the first rows, between 10 and 50."""
    widths = [len(header) for header in headers]
    for row in rows[:1000]:
        for index, value in enumerate(row[: len(widths)]):
            text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value or "")
            widths[index] = max(widths[index], len(text))
    return [float(min(max(width + 2, 10), 50)) for width in widths]
