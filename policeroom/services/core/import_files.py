"""Ledgers that are not .xlsx: old Excel workbooks (.xls, through xlrd) and CSV files (GBK or UTF-8).

``file_kind`` tells the kind from the file's first bytes (a renamed file is still read right);
``other_sheets`` gives each sheet as (title, rows, row count, merged areas) for the import engine.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from policeroom.errors import DomainError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and other old Office files)


class ImportFileError(DomainError):
    """The file cannot be read as a ledger (not xlsx/xls/csv, empty, no header row)."""


def _head(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source[:8]
    try:
        with open(source, "rb") as f:
            return f.read(8)
    except OSError:
        return b"PK"  # let the xlsx reader say what is wrong with the path


def file_kind(source: str | Path | bytes) -> str:
    """``xlsx``, ``xls`` or ``csv``."""
    head = _head(source)
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(_OLE):
        return "xls"
    if not isinstance(source, bytes) and str(source).lower().endswith((".xlsx", ".xlsm")):
        return "xlsx"  # an unreadable .xlsx: the xlsx reader explains
    return "csv"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes cleanly, else GB18030 (a superset of GBK/GB2312)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ImportFileError("无法识别CSV文件的编码：请在 Excel 中另存为“CSV UTF-8”或 .xlsx") from e


def _read(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as e:
        raise ImportFileError(f"无法打开文件：{e.strerror or e}") from e


def _csv_sheets(data: bytes) -> Iterator[tuple[str, list[tuple[Any, ...]], int, list]]:
    text = decode_text(data)
    if "\x00" in text:
        raise ImportFileError("无法读取该文件：请选择 Excel 工作簿（.xlsx 或 .xls）或 CSV 文件。")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [tuple(r) for r in csv.reader(io.StringIO(text), dialect)]
    yield "CSV", rows, len(rows), []


def _xls_sheets(data: bytes) -> Iterator[tuple[str, list[tuple[Any, ...]], int, list]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception:  # noqa: BLE001 - xlrd raises many kinds on a damaged file
        try:
            book = xlrd.open_workbook(file_contents=data)
        except Exception as e:  # noqa: BLE001
            raise ImportFileError("无法读取该文件：文件已损坏或不是 Excel 工作簿（.xls）。") from e
    for sh in book.sheets():
        rows = []
        for r in range(sh.nrows):
            cells: list[Any] = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    cells.append(datetime(*xlrd.xldate_as_tuple(cell.value, book.datemode)))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    cells.append(None)
                else:
                    cells.append(cell.value)
            rows.append(tuple(cells))
        merged = [(r1 + 1, r2, c1, c2 - 1) for r1, r2, c1, c2 in getattr(sh, "merged_cells", [])]
        yield sh.name, rows, sh.nrows, merged


def other_sheets(source: str | Path | bytes) -> Iterator[tuple[str, list[tuple[Any, ...]], int, list]]:
    data = _read(source)
    return _xls_sheets(data) if file_kind(data) == "xls" else _csv_sheets(data)


__all__ = ["ImportFileError", "decode_text", "file_kind", "other_sheets"]
