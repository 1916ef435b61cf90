"""Any list as an xlsx workbook: a merged title row, a frozen header, column widths, real dates; no Qt.

The lists on screen (居民, 团队成员, 网格, 群众求助 …) all go through ``list_xlsx``: plain values in,
xlsx bytes out. Written in openpyxl's write-only mode so a list of tens of thousands of rows streams.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

FONT_NAME = "宋体"
FONT_SIZE = 10
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
LINE_HEIGHT = 13.5  # points per text line at FONT_SIZE
MAX_ROW_HEIGHT = 409  # Excel's limit
#: Excel's sheet names: at most 31 characters, none of these
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class XlsxColumn:
    """One column of an exported list.

    Attributes:
        header: The column's header (Chinese, as on screen).
        width: Width in Excel character units (a Chinese character is about 2).
        kind: ``text``, ``number``, ``date`` or ``datetime``; None: from each value's type.
    """

    header: str
    width: float = 12
    kind: str | None = None


@dataclass(frozen=True)
class XlsxRow:
    """A row with a background colour (``F8D7DA``), as the screen shows it (红/橙 risk rows)."""

    values: Sequence[object]
    fill: str | None = None


def list_xlsx(
    title: str,
    columns: Sequence[XlsxColumn],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str | None = None,
    progress: Callable[[int], None] | None = None,
    paper: str | None = None,
) -> bytes:
    """Build a workbook of one list.

    Row 1 is ``title`` merged across the columns, row 2 the header (frozen, with an autofilter),
    then the rows. ``date``/``datetime`` values become Excel dates with a number format; numbers stay
    numbers; ``None`` leaves the cell empty; anything else is written as text, never as a formula:
    text starting with ``= + - @``, a tab or a line break gets Excel's quote prefix, so it stays text
    even when someone edits the cell.

    Args:
        title: The title row, e.g. ``安华里社区警务室居民名单（2026年11月22日导出）``.
        columns: Header, width and kind of each column.
        rows: One sequence of values per row, in column order.
        sheet_title: The sheet's tab name (default: the title, shortened to Excel's 31 characters).
        progress: Called with the number of rows written so far, every 500 rows.
        paper: openpyxl's paper size code for printing (e.g. ``"8"`` = A3); default the printer's.

    Returns:
        The xlsx file's bytes.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_name(sheet_title or title))
    ncols = max(1, len(columns))
    last_col = get_column_letter(ncols)
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape" if sum(c.width for c in columns) > 100 else "portrait"
    if paper:
        ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=FONT_NAME, size=FONT_SIZE)

    cell = WriteOnlyCell(ws, _clean(title))
    cell.font = Font(name=FONT_NAME, size=14, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    if ncols > 1:
        ws.merged_cells.add(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 28
    ws.append([cell])

    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, _clean(col.header))
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        header.append(cell)
    ws.row_dimensions[2].height = 20
    ws.append(header)

    # Style arrays per (column, value kind), built once: copying ``_style`` is far faster than
    # assigning font/border/number format objects cell by cell.
    styles: dict[tuple[int, str, str | None], object] = {}

    def style(i: int, kind: str, fill: str | None = None) -> object:
        key = (i, kind, fill)
        if key not in styles:
            c = WriteOnlyCell(ws)
            c.font = font
            c.border = border
            if fill:
                c.fill = PatternFill("solid", fgColor=fill)
            c.alignment = Alignment(
                vertical="top",
                wrap_text=kind in ("text", "literal"),
                horizontal="center" if kind in ("date", "datetime", "time") else None,
            )
            if kind == "date":
                c.number_format = DATE_FORMAT
            elif kind == "datetime":
                c.number_format = DATETIME_FORMAT
            elif kind == "time":
                c.number_format = TIME_FORMAT
            styles[key] = c._style
            if kind == "literal":
                styles[key].quotePrefix = 1  # how Excel marks text typed with a leading apostrophe
        return styles[key]

    widths = [c.width for c in columns]
    n = 0
    for n, values in enumerate(rows, start=1):  # noqa: B007 - n is the count afterwards
        cells = []
        lines = 1
        fill = None
        if isinstance(values, XlsxRow):
            values, fill = values.values, values.fill
        for i, value in enumerate(values):
            value, kind = _value(value)
            if kind in ("text", "literal") and value is not None and i < len(widths):
                lines = max(lines, _lines(value, widths[i]))
            c = WriteOnlyCell(ws, value)
            if kind == "literal":
                c.data_type = "s"  # text that starts with "=" is not a formula
            c._style = style(i, kind, fill)  # shared: write-only cells are serialised and dropped, never changed
            cells.append(c)
        if lines > 1:  # Excel does not grow a row for wrapped text on opening: give it the room
            ws.row_dimensions[n + 2].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)
        ws.append(cells)
        if progress is not None and n % 500 == 0:
            progress(n)
    ws.auto_filter.ref = f"A2:{last_col}{n + 2}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class LedgerColumn:
    """One ledger column: header, width (Excel character units), how to read it, how to show it."""

    header: str
    width: float
    value: Callable[[Any], object]
    kind: str = "text"  # text / date (date and time) / day (date only) / wrap / center


def ledger_xlsx(
    title_text: str,
    sheet_title: str,
    columns: Sequence[LedgerColumn],
    rows: Iterable[Any],
    *,
    paper: str | None = None,
    full: bool = False,
    row_fill: Callable[[Any], str | None] | None = None,
) -> bytes:
    """A fixed-layout ledger (columns read from plain row objects) through the one list writer.

    Identity numbers and phones are masked unless ``full`` (the officer's choice, checked and logged
    by ``services.core.exports``).
    """
    from policeroom.services.core.exports import masked_row_getter

    kinds = {"date": "datetime", "day": "date"}
    spec = [XlsxColumn(c.header, c.width, kinds.get(c.kind)) for c in columns]
    shown = masked_row_getter([c.header for c in columns], full)
    out = (XlsxRow(shown([c.value(r) for c in columns]), row_fill(r) if row_fill else None) for r in rows)
    return list_xlsx(title_text, spec, out, sheet_title=sheet_title, paper=paper)


def _value(value: object) -> tuple[object, str]:
    """The cell value and its kind (for the number format)."""
    if value is None:
        return None, "text"
    if isinstance(value, bool):
        return ("是" if value else "否"), "text"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0), "datetime"
    if isinstance(value, date):
        return value, "date"
    if isinstance(value, time):
        return value, "time"
    if isinstance(value, int | float | Decimal):
        return value, "number"
    text = _clean(str(value))
    if not text:
        return None, "text"
    return text, ("literal" if is_formula_like(text) else "text")


#: text starting with one of these becomes a formula in Excel or LibreOffice when typed or edited
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula (CSV/formula injection)?"""
    return text.startswith(FORMULA_TRIGGERS)


def protect_cells(ws: Any) -> None:
    """The one writer rule for a workbook built cell by cell (openpyxl's normal mode).

    Every string that looks like a formula is stored as text with Excel's quote prefix (the mark of
    text typed with a leading apostrophe), so it stays text even when the cell is edited.
    """
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                clean = _clean(value)
                if clean != value:
                    cell.value = clean
                if is_formula_like(clean):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` characters wide."""
    usable = max(width - 0.5, 2)
    total = 0
    for part in text.split("\n"):
        # Chinese characters are three UTF-8 bytes and two columns wide; ASCII is one and one.
        units = len(part) + (len(part.encode("utf-8")) - len(part)) // 2
        total += max(1, math.ceil(units / usable))
    return total


def _clean(text: str) -> str:
    """Control characters (pasted text) are not allowed in xlsx XML."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _sheet_name(name: str) -> str:
    return (name.translate(_SHEET_FORBIDDEN).strip("'") or "Sheet1")[:31]


__all__ = [
    "DATETIME_FORMAT", "DATE_FORMAT", "FORMULA_TRIGGERS", "LedgerColumn", "XlsxColumn", "XlsxRow", "is_formula_like",
    "ledger_xlsx", "list_xlsx", "protect_cells",
]
