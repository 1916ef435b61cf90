"""Importing the ledgers officers keep in Excel (居民台账, 矛盾纠纷排查台账 …): a generic engine; no Qt.

A ledger is described by an ``ImportSpec``: its target fields, each with a Chinese label, the header
names officers use for it (for guessing the column mapping) and a parser. The engine reads the
sheet (``read_sheet``), guesses which column holds which field (``guess_mapping``) and checks every
row (``check_rows``), collecting each problem as row (as numbered in Excel), column header and a
reason in Chinese. Nothing is written here; the ledger's own service commits the good rows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from policeroom.errors import DomainError, ValidationError
from policeroom.services.core.import_files import ImportFileError, file_kind, other_sheets

#: progress is reported every this many rows
PROGRESS_STEP = 250
#: the header row is looked for among the first rows (a title row, a blank row, then the header)
HEADER_SEARCH_ROWS = 10

Progress = Callable[[int, int], None]  # (done, total)




@dataclass(frozen=True)
class ImportField:
    """One target field of a ledger.

    Attributes:
        key: The field's name in code (``id_number``).
        label: Its Chinese label (``身份证号``), shown in the mapping step.
        aliases: Header texts that mean this field (``公民身份号码``, ``身份证号码`` …).
        parse: Raw cell value (str, number, date or None) -> clean value; raises ``ValidationError``
            with a Chinese message. Not called for empty cells.
        required: The row is bad when this cell is empty.
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    parse: Callable[[Any], Any] = lambda v: v
    required: bool = False


@dataclass(frozen=True)
class ImportSpec:
    """A ledger: its fields, and an optional whole-row check (cross-field rules).

    ``check_row(values)`` gets the parsed values by field key and returns ``(field key, message)``
    problems; it may also replace values (e.g. fill gender from an ID number) by returning them.
    """

    name: str
    fields: tuple[ImportField, ...]
    check_row: Callable[[dict[str, Any]], tuple[dict[str, Any], list[tuple[str, str]]]] | None = None
    #: rows with the same value of this field are one record (merged, not doubled)
    key_field: str | None = None
    #: ``conflict(first, later)``: why two rows with the same key are NOT the same record (a
    #: different name …), or None; a conflicting later row is a bad row instead of being merged
    conflict: Callable[[CheckedRow, dict[str, Any]], tuple[str, str] | None] | None = None

    def field(self, key: str) -> ImportField:
        return next(f for f in self.fields if f.key == key)


@dataclass
class Sheet:
    """A sheet read from a file: its header row and data rows as Excel numbers them."""

    name: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]
    #: rows left out on reading, with the reason (合计/小计/总计 rows)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: empty rows between the header and the last row
    blank: int = 0


@dataclass(frozen=True)
class RowError:
    """One problem: the Excel row number, the column's header, the reason."""

    row: int
    column: str
    message: str


@dataclass
class CheckedRow:
    """A data row after checking: clean values by field key, and its problems."""

    row: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    """What an import would do: every row checked, bad ones with their reasons; nothing written yet."""

    rows: list[CheckedRow]
    #: row number -> the earlier row with the same key (merged into it)
    merged: dict[int, int] = field(default_factory=dict)
    #: rows that update a record already in the database (filled in by the ledger's service)
    existing_rows: set[int] = field(default_factory=set)
    #: update rows -> (field label, before, after) of each field the row changes
    changes: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)
    #: update rows that would change nothing (reported as 未变化)
    unchanged_rows: set[int] = field(default_factory=set)
    #: update rows the user unticked in the preview: not written
    excluded: set[int] = field(default_factory=set)
    #: field key -> values that name nothing in the system yet (网格 that do not exist), in file order
    unknown: dict[str, list[str]] = field(default_factory=dict)
    #: rows left out on reading (汇总行) and empty rows, from the sheet
    skipped: list[tuple[int, str]] = field(default_factory=list)
    blank: int = 0

    @property
    def good(self) -> list[CheckedRow]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[CheckedRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _norm_header(text: str) -> str:
    """Headers compare without spaces, line breaks, asterisks and brackets (``姓 名``, ``*姓名（必填）``)."""
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return re.sub(r"[\s*＊:：]", "", text)


def read_sheet(
    source: str | Path | bytes, spec: ImportSpec, progress: Progress | None = None
) -> Sheet:
    """Read the sheet of a workbook (.xlsx, .xls) or a .csv file that looks most like ``spec``'s ledger.

    The header row is the row among the first ten that names most of the spec's fields (a title
    row above it is skipped); empty rows are dropped and counted, totals rows (合计 …) skipped with
    a note, and a merged cell's value applies to every row it spans.

    Raises:
        ImportFileError: not a readable file, or no sheet has a header row naming any field.
    """
    if file_kind(source) != "xlsx":
        return _best_sheet(other_sheets(source), spec, progress)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as e:
        import zipfile

        if isinstance(e, OSError) and not isinstance(e, zipfile.BadZipFile):
            raise ImportFileError(f"无法打开文件：{getattr(e, 'strerror', None) or e}") from e
        raise ImportFileError("无法读取该文件：请选择 Excel 工作簿（.xlsx 或 .xls）或 CSV 文件。") from e
    except Exception as e:  # noqa: BLE001 - zipfile/openpyxl raise many kinds on a damaged file
        raise ImportFileError("无法读取该文件：文件已损坏或不是 Excel 工作簿（.xlsx）。") from e
    try:
        return _best_sheet(
            ((ws.title, ws.iter_rows(values_only=True), ws.max_row or 0, _merged_ranges(wb, ws)) for ws in wb.worksheets),
            spec, progress,
        )
    except DomainError:
        raise
    except Exception as e:  # noqa: BLE001 - broken XML inside the file (e.g. a character XML cannot hold)
        raise ImportFileError("无法读取该文件：工作表内容已损坏（含有无法识别的字符）。请在 Excel 中另存后重试。") from e
    finally:
        wb.close()


def _best_sheet(sheets: Iterable[tuple[str, Iterable[tuple[Any, ...]], int, list[tuple[int, int, int, int]]]],
                spec: ImportSpec, progress: Progress | None) -> Sheet:
    best: tuple[int, Sheet] | None = None
    for title, rows, total, merged in sheets:
        rows_iter = iter(rows)
        head: list[tuple[Any, ...]] = []
        for _ in range(HEADER_SEARCH_ROWS):
            try:
                head.append(next(rows_iter))
            except StopIteration:
                break
        score, header_index = 0, -1
        for i, row in enumerate(head):
            sc = sum(1 for c in row if guess_field(spec, _cell_text(c)) is not None)
            if sc > score:
                score, header_index = sc, i
        if header_index < 0 or (best is not None and score <= best[0]):
            continue
        memo: dict[tuple[int, int], Any] = {}
        if merged:
            head = [_fill_merged(r, i + 1, merged, memo) for i, r in enumerate(head)]
        sheet = Sheet(title, header_index + 1, [_cell_text(c) for c in head[header_index]], [])
        number = header_index + 1
        blank = 0
        for row in [*head[header_index + 1 :], *rows_iter]:
            number += 1
            if merged and number > len(head):
                row = _fill_merged(row, number, merged, memo)
            texts = [_cell_text(c) for c in row]
            if not any(texts):
                blank += 1
            elif (label := _totals_label(texts)) is not None:
                sheet.skipped.append((number, f"“{label}”行（汇总行）已跳过"))
            else:
                sheet.blank += blank  # blank rows at the end are not counted
                blank = 0
                sheet.rows.append((number, tuple(row)))
            if progress is not None and number % PROGRESS_STEP == 0:
                progress(number, total)
        best = (score, sheet)
    if best is None:
        raise ImportFileError(f"文件中没有找到{spec.name}台账的表头行（例如“{spec.fields[0].label}”一列）。")
    return best[1]


#: a row whose first filled cells say one of these is a totals row, not a record
TOTALS_WORDS = ("合计", "小计", "总计", "总数", "累计", "共计", "汇总")


def _totals_label(texts: list[str]) -> str | None:
    for t in [t for t in texts if t][:2]:
        word = re.sub(r"[\s:：]", "", t)
        if word in TOTALS_WORDS or (word.startswith(TOTALS_WORDS) and len(word) <= 6):
            return t
    return None


_MERGE_REF = re.compile(rb'<mergeCell ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _merged_ranges(wb: Any, ws: Any) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first column, last column) of each merged area (0-based columns).

    openpyxl's read-only mode does not read them, so they are taken from the sheet's XML.
    """
    from openpyxl.utils import column_index_from_string

    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if path is None or archive is None:
        return []
    try:
        xml = archive.read(path)
    except KeyError:
        return []
    return [
        (int(r1), int(r2), column_index_from_string(c1.decode()) - 1, column_index_from_string(c2.decode()) - 1)
        for c1, r1, c2, r2 in _MERGE_REF.findall(xml)
    ]


def _fill_merged(
    row: tuple[Any, ...], number: int, merged: list[tuple[int, int, int, int]], memo: dict[tuple[int, int], Any]
) -> tuple[Any, ...]:
    """A merged cell's value applies to every row and column it spans (its top-left cell holds it)."""
    cells = list(row)
    for r1, r2, c1, c2 in merged:
        if not r1 <= number <= r2:
            continue
        value = memo.get((r1, c1))
        if number == r1:
            value = cells[c1] if c1 < len(cells) else None
            memo[(r1, c1)] = value
        while len(cells) <= c2:
            cells.append(None)
        for c in range(c1, c2 + 1):
            if (number, c) != (r1, c1) or cells[c] is None:
                cells[c] = value
    return tuple(cells)


def unmapped_columns(headers: Sequence[str], mapping: dict[str, int | None]) -> list[str]:
    """Headers of the columns no field is taken from (这些列不会导入：序号、登记日期)."""
    used = {i for i in mapping.values() if i is not None}
    return [h for i, h in enumerate(headers) if h and i not in used]


def guess_field(spec: ImportSpec, header: str) -> str | None:
    """The field a column header names, or None."""
    h = _norm_header(header)
    if not h:
        return None
    for f in spec.fields:
        if h == _norm_header(f.label) or h in (_norm_header(a) for a in f.aliases):
            return f.key
    return None


def guess_mapping(spec: ImportSpec, headers: Sequence[str]) -> dict[str, int | None]:
    """Field key -> column index (0-based) by header name; each column used once, first match wins."""
    mapping: dict[str, int | None] = {f.key: None for f in spec.fields}
    for i, header in enumerate(headers):
        key = guess_field(spec, header)
        if key is not None and mapping[key] is None:
            mapping[key] = i
    return mapping


def check_rows(
    spec: ImportSpec,
    sheet: Sheet,
    mapping: dict[str, int | None],
    progress: Progress | None = None,
) -> ImportReport:
    """Parse and check every row; collect every problem (row, column, reason). Writes nothing.

    Rows whose ``spec.key_field`` value repeats an earlier good row are merged into it (non-empty
    later values win) and reported in ``merged``, not as errors.
    """
    missing = [f.label for f in spec.fields if f.required and mapping.get(f.key) is None]
    if missing:
        raise ValidationError("mapping", "请为必填项指定列：" + "、".join(missing))
    used = [i for i in mapping.values() if i is not None]
    if len(used) != len(set(used)):
        raise ValidationError("mapping", "同一列不能对应两个项目")

    def header_of(key: str) -> str:
        i = mapping.get(key)
        if i is not None and i < len(sheet.headers) and sheet.headers[i]:
            return sheet.headers[i]
        known = [f.label for f in spec.fields if f.key == key]
        return known[0] if known else "整行"

    report = ImportReport(rows=[], skipped=list(sheet.skipped), blank=sheet.blank)
    first_by_key: dict[Any, CheckedRow] = {}
    total = len(sheet.rows)
    for n, (row_no, cells) in enumerate(sheet.rows, start=1):
        checked = CheckedRow(row_no, {})
        for f in spec.fields:
            i = mapping.get(f.key)
            raw = cells[i] if i is not None and i < len(cells) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                checked.values[f.key] = None
                if f.required:
                    checked.errors.append(RowError(row_no, header_of(f.key), f"{f.label}不能为空"))
                continue
            try:
                checked.values[f.key] = f.parse(raw.strip() if isinstance(raw, str) else raw)
            except ValidationError as e:
                checked.values[f.key] = None
                checked.errors.append(RowError(row_no, header_of(f.key), e.message))
        if spec.check_row is not None:  # cross-field rules, on the fields that parsed
            values, problems = spec.check_row(checked.values)
            reported = {e.column for e in checked.errors}
            if checked.ok:
                checked.values = values
            checked.errors += [
                RowError(row_no, header_of(k), m) for k, m in problems if header_of(k) not in reported
            ]
        key = checked.values.get(spec.key_field) if spec.key_field else None
        if checked.ok and key:
            first = first_by_key.get(key)
            clash = spec.conflict(first, checked.values) if first is not None and spec.conflict else None
            if clash is not None:  # same key, different person: a bad row, never merged
                checked.errors.append(RowError(row_no, header_of(clash[0]), clash[1]))
            elif first is not None:
                first.values.update({k: v for k, v in checked.values.items() if v not in (None, "")})
                report.merged[row_no] = first.row
                continue
            else:
                first_by_key[key] = checked
        report.rows.append(checked)
        if progress is not None and n % PROGRESS_STEP == 0:
            progress(n, total)
    if progress is not None:
        progress(total, total)
    return report


# -- parsers shared by ledgers --------------------------------------------------------------
def parse_text(max_len: int, label: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        from policeroom.services.core.text import check_text

        return check_text(_cell_text(value), label, max_len)

    return parse


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> date:
    """A date cell, or text such as ``2026-01-05``, ``2026/1/5``, ``2026年1月5日``, ``20260105``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        raise ValidationError("", "这是时间而不是日期")
    text = _cell_text(value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise ValidationError("", f"“{text}”不是有效日期，应写成 2026-01-05 这样的格式")


def cell_text(value: Any) -> str:
    """A cell as text (whole numbers without ``.0``)."""
    return _cell_text(value)


def error_rows(report: ImportReport) -> Iterable[tuple[int, str, str]]:
    """(row, column, reason) of every problem, for a report table or file."""
    for e in report.errors:
        yield e.row, e.column, e.message


__all__ = [
    "CheckedRow",
    "ImportField",
    "ImportFileError",
    "ImportReport",
    "ImportSpec",
    "RowError",
    "Sheet",
    "cell_text",
    "check_rows",
    "error_rows",
    "guess_field",
    "guess_mapping",
    "parse_date",
    "parse_text",
    "read_sheet",
    "unmapped_columns",
]
