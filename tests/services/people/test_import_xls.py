"""Issue 12, item 4: a real Excel 97-2003 ledger (.xls, written by xlwt: ``data/old_ledger.xls``) imports
exactly like the same ledger saved as .xlsx: merged title and address, numeric phone, Excel date,
blank and 合计 rows."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

from policeroom.services.core.imports import guess_mapping
from policeroom.services.registry import Services
from tests.services.people.data.make_old_ledger import HEADERS, ROWS

XLS = Path(__file__).parent / "data" / "old_ledger.xls"


def _same_as_xlsx() -> bytes:
    """The fixture's content written as .xlsx, merges included."""
    wb = Workbook()
    ws = wb.active
    ws.append(["安华里社区居民台账"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append(HEADERS)
    for row in ROWS:
        ws.append([None if v == "MERGED" else v for v in row])
    ws.merge_cells("G4:G5")  # 李四's address covers 王五's row
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _checked(officer: Services, source: bytes | Path):  # noqa: ANN202
    spec, sheet = officer.resident_ledger.read(source)
    return sheet, officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))


def test_fixture_is_a_real_xls() -> None:
    assert XLS.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: the old Excel format


def test_xls_reads_like_xlsx(officer: Services) -> None:
    xls_sheet, xls = _checked(officer, XLS)
    xlsx_sheet, xlsx = _checked(officer, _same_as_xlsx())
    assert xls_sheet.headers == xlsx_sheet.headers
    assert xls_sheet.header_row == xlsx_sheet.header_row == 2
    assert [n for n, _ in xls_sheet.rows] == [n for n, _ in xlsx_sheet.rows]
    assert xls_sheet.skipped == xlsx_sheet.skipped and xls_sheet.skipped  # the 合计 row, with a note
    assert not xls.errors and not xlsx.errors
    assert [r.values for r in xls.good] == [r.values for r in xlsx.good]
    by_name = {r.values["name"]: r.values for r in xls.good}
    assert set(by_name) == {"张三", "李四", "王五"}
    assert by_name["张三"]["phone"] == "13800001111"  # a number in the file, not 13800001111.0
    assert by_name["王五"]["address"] == "安华里5号楼"  # the merged cell belongs to each of its rows
    assert str(by_name["张三"]["birth_date"]).startswith("1949-12-31")  # an Excel date cell in the .xls


def test_xls_commits(officer: Services) -> None:
    _, report = _checked(officer, XLS.read_bytes())
    result = officer.resident_ledger.commit(report)
    assert result.created == 3
    found = {officer.residents.get(i).name: officer.residents.get(i) for i in officer.residents.search_ids("")}
    assert set(found) == {"张三", "李四", "王五"}
    assert found["李四"].phone.replace(" ", "") == "13900002222" and getattr(found["王五"].gender, "value", found["王五"].gender) == "female"
