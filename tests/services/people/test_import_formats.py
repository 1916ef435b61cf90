"""Issue 12, item 4: .csv (UTF-8 or GBK) and .xls ledgers are read like .xlsx ones; the blank template."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from policeroom.services.core.imports import ImportFileError, guess_mapping
from policeroom.services.registry import Services
from tests.services.people.test_imports import LI, ZHANG

CSV = f"居民台账\n序号,姓名,公民身份号码,联系方式\n1,张三,{ZHANG},13800001111\n\n合计,1人,,\n2,李四,{LI},\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_gbk_or_utf8(officer: Services, encoding: str) -> None:
    spec, sheet = officer.resident_ledger.read(CSV.encode(encoding))
    assert sheet.header_row == 2 and [n for n, _ in sheet.rows] == [3, 6]
    assert sheet.skipped[0][0] == 5 and sheet.blank == 1
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert not report.errors and report.good[0].values["name"] == "张三"


def test_not_a_ledger_is_refused(officer: Services) -> None:
    with pytest.raises(ImportFileError):
        officer.resident_ledger.read(b"\x00\x01\x02garbage")
    with pytest.raises(ImportFileError):
        officer.resident_ledger.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 broken xls")


def test_blank_template_has_the_headers_an_example_and_the_rules(officer: Services) -> None:
    wb = load_workbook(io.BytesIO(officer.resident_ledger.template()))
    ws, notes = wb.worksheets
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["姓名", "身份证号", "性别"] and ws["B2"].value == ZHANG
    assert notes.title == "填写说明" and "公民身份号码" in notes["C3"].value
    spec, sheet = officer.resident_ledger.read(officer.resident_ledger.template())  # the template imports
    mapping = guess_mapping(spec, sheet.headers)
    assert None not in mapping.values()
