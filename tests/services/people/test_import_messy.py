"""Issue 12, items 2-3: totals rows, merged cells, more header names, unmapped columns, unknown grids."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from policeroom.errors import ValidationError
from policeroom.services.core.imports import guess_mapping, unmapped_columns
from policeroom.services.people.grids import GridInput
from policeroom.services.registry import Services
from tests.services.people.test_imports import LI, WANG, ZHANG


def messy() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["安华里社区居民台账"])
    ws.append(["序号", "姓名", "公民身份号码", "出生年月", "联系方式", "家庭住址", "所在网格", "登记日期"])
    ws.append([1, "张三", ZHANG, "1949.12", "１３８００００１１１１", "安华西里1号楼", "第1网格", "2026-01-02"])
    ws.append([2, "李四", LI, "", "86-755-23456789", "", None, ""])  # grid: merged from the row above
    ws.append([])
    ws.append(["小计", "", "", "", "", "", "", ""])
    ws.append([3, "王五", WANG, "", "", "", "第2网格", ""])
    ws.append(["合 计", "3人", "", "", "", "", "", ""])
    ws.merge_cells("G3:G4")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_totals_rows_are_skipped_and_merged_cells_fill_every_row(officer: Services) -> None:
    spec, sheet = officer.resident_ledger.read(messy())
    assert [n for n, _ in sheet.rows] == [3, 4, 7]
    assert [n for n, _ in sheet.skipped] == [6, 8] and "汇总行" in sheet.skipped[0][1] and sheet.blank == 1
    mapping = guess_mapping(spec, sheet.headers)
    assert None not in (mapping["birth_date"], mapping["phone"], mapping["address"], mapping["grid"])
    assert unmapped_columns(sheet.headers, mapping) == ["序号", "登记日期"]
    assert sheet.rows[1][1][6] == "第1网格"


def test_unknown_grids_are_one_summary_and_a_choice(officer: Services) -> None:
    from policeroom.services.people.ledger_io import unknown_grids_text

    spec, sheet = officer.resident_ledger.read(messy())
    mapping = guess_mapping(spec, sheet.headers)
    report = officer.resident_ledger.check(spec, sheet, mapping)
    assert not report.errors and len(report.good) == 3
    assert unknown_grids_text(report) == "2个网格在系统中不存在：第1网格、第2网格"
    with pytest.raises(ValidationError, match="请选择"):
        officer.resident_ledger.commit(report)
    assert officer.residents.count() == 0

    officer.resident_ledger.grid_choice.mode = "create"
    result = officer.resident_ledger.commit(officer.resident_ledger.check(spec, sheet, mapping))
    assert result.created == 3
    assert sorted(g.name for g in officer.grids.list()) == ["第1网格", "第2网格"]
    assert officer.residents.find_by_id_number(LI).phone == "0755-23456789"


def test_unknown_grids_mapped_or_left_empty(officer: Services) -> None:
    wg = officer.grids.create(GridInput(code="WG07", name="七网格"))
    spec, sheet = officer.resident_ledger.read(messy())
    mapping = guess_mapping(spec, sheet.headers)
    choice = officer.resident_ledger.grid_choice
    choice.mode, choice.mapping = "map", {"第1网格": wg}
    report = officer.resident_ledger.check(spec, sheet, mapping)
    assert [(e.row, e.column) for e in report.errors] == [(7, "所在网格")]  # 第2网格 maps to nothing
    choice.mode = "none"
    report = officer.resident_ledger.check(spec, sheet, mapping)
    assert not report.errors
    officer.resident_ledger.commit(report)
    assert officer.residents.find_by_id_number(ZHANG).grid_id is None


def test_update_into_a_missing_grid_reads_well(officer: Services) -> None:
    from policeroom.services.people.residents import ResidentInput

    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG))
    spec, sheet = officer.resident_ledger.read(messy())
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert ("网格", "（空）", "第1网格（系统中没有）") in report.changes[3]
