"""Excel import of the resident ledger: header guessing, the bad-row report, merge by ID number, round trip."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from policeroom.db import open_database
from policeroom.errors import ValidationError
from policeroom.models import Resident
from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx
from policeroom.services.core.imports import ImportFileError, guess_mapping, parse_date, read_sheet
from policeroom.services.people.grids import GridInput
from policeroom.services.people.ledger_io import EXPORT_COLUMNS
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services

ZHANG = "11010519491231002X"  # female, 1949-12-31
LI = "110105198001010016"  # male, 1980-01-01
WANG = "110105199002030021"  # female, 1990-02-03


def xlsx(rows: list[list[object]], title: str | None = "居民台账") -> bytes:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def grids(officer: Services) -> dict[str, int]:
    return {
        "WG01": officer.grids.create(GridInput(code="WG01", name="安华里一网格")),
        "WG02": officer.grids.create(GridInput(code="WG02", name="安华里二网格")),
    }


def people(services: Services) -> list[tuple]:
    with services.ctx.read() as s:
        return sorted(
            (r.name, r.id_number, r.gender, r.birth_date, r.ethnicity, r.phone, r.address,
             r.grid.code if r.grid else None, r.notes)
            for r in s.query(Resident)
        )


def test_headers_are_guessed_from_the_usual_chinese_names(officer: Services, grids) -> None:  # noqa: ANN001
    data = xlsx([["序号", "名字", "公民身份号码", "手机", "现住址", "所属网格", "备 注"], [1, "张三", ZHANG, "", "", "", ""]])
    spec, sheet = officer.resident_ledger.read(data)
    assert sheet.header_row == 3 and sheet.rows[0][0] == 4  # title, blank row, header
    mapping = guess_mapping(spec, sheet.headers)
    assert mapping == {
        "name": 1, "id_number": 2, "gender": None, "birth_date": None, "ethnicity": None,
        "phone": 3, "address": 4, "grid": 5, "notes": 6,
    }


def test_bad_rows_are_reported_and_nothing_is_written(officer: Services, grids) -> None:  # noqa: ANN001
    data = xlsx([
        ["姓名", "身份证号", "性别", "出生日期", "民族", "联系电话", "住址", "网格"],
        ["张三", ZHANG, "女", date(1949, 12, 31), "汉", "13800000000", "安华西里1号楼", "WG01"],
        ["", LI, "", "", "", "", "", ""],  # row 5: no name
        ["李四", "110105198001010013", "", "", "", "", "", ""],  # row 6: check digit
        ["王五", WANG, "男", "", "火星族", "1380000", "", "WG09"],  # row 7: four problems
        ["赵六", "", "", "1990年13月1日", "", "", "", ""],  # row 8: no such month
        ["钱七", float(LI), "", "", "", "", "", ""],  # row 9: ID stored as a number
    ])
    before = people(officer)
    spec, sheet = officer.resident_ledger.read(data)
    officer.resident_ledger.grid_choice.mode = "strict"  # grids must exist (the "ask" default waits for a choice)
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert [r.row for r in report.good] == [4]
    by_row = {}
    for e in report.errors:
        by_row.setdefault(e.row, []).append((e.column, e.message))
    assert by_row[5] == [("姓名", "姓名不能为空")]
    assert by_row[6][0][0] == "身份证号" and "校验" in by_row[6][0][1]
    assert {c for c, _m in by_row[7]} == {"性别", "民族", "联系电话", "网格"}
    assert "没有名为“WG09”的网格" in dict(by_row[7])["网格"]
    assert "不是有效日期" in dict(by_row[8])["出生日期"]
    assert "存成了数字" in dict(by_row[9])["身份证号"]
    assert people(officer) == before  # checking wrote nothing

    result = officer.resident_ledger.commit(report)
    assert (result.created, result.updated) == (1, 0)
    assert people(officer) == before + [
        ("张三", ZHANG, "female", date(1949, 12, 31), "汉族", "13800000000", "安华西里1号楼", "WG01", ""),
    ]


def test_gender_against_the_id_number_is_checked(officer: Services) -> None:
    data = xlsx([["姓名", "身份证号", "性别"], ["李四", LI, "女"]], title=None)
    spec, sheet = officer.resident_ledger.read(data)
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert [(e.row, e.column) for e in report.errors] == [(2, "性别")]
    assert "不符" in report.errors[0].message


def test_duplicates_by_id_number_are_merged_not_doubled(officer: Services, grids) -> None:  # noqa: ANN001
    old = officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, phone="13800000000", address="旧址"))
    data = xlsx([
        ["姓名", "身份证号", "联系电话", "住址", "网格"],
        ["张三", ZHANG.lower(), "", "安华西里2号楼", "WG02"],  # registered: updates, keeps the phone
        ["李四", LI, "13900000000", "", ""],
        ["李四", LI, "", "安华西里3号楼", "安华里一网格"],  # same person twice in the file: one record
    ], title=None)
    spec, sheet = officer.resident_ledger.read(data)
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert report.merged == {4: 3} and report.existing_rows == {2} and not report.errors
    result = officer.resident_ledger.commit(report)
    assert (result.created, result.updated) == (1, 1)
    zhang = officer.residents.get(old)
    assert (zhang.phone, zhang.address, zhang.grid_id) == ("13800000000", "安华西里2号楼", grids["WG02"])
    li = officer.residents.find_by_id_number(LI)
    assert (li.phone, li.address, li.grid_id, li.gender) == ("13900000000", "安华西里3号楼", grids["WG01"], "male")
    assert officer.residents.count() == 2
    history = officer.history("resident", old)
    assert any("安华西里2号楼" in str(item) for item in history)


def test_commit_is_one_transaction(officer: Services, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.services.people import ledger_io as resident_ledger

    data = xlsx([["姓名"], ["甲"], ["乙"], ["丙"]], title=None)
    spec, sheet = officer.resident_ledger.read(data)
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    real = resident_ledger._merge
    calls = []

    def failing(r, v) -> None:  # noqa: ANN001
        calls.append(v["name"])
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(r, v)

    monkeypatch.setattr(resident_ledger, "_merge", failing)
    with pytest.raises(RuntimeError):
        officer.resident_ledger.commit(report)
    assert officer.residents.count() == 0


def test_grid_worker_imports_only_into_own_grids(officer: Services, grids) -> None:  # noqa: ANN001
    from policeroom.models import AccountRole
    from tests.conftest import actor

    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, grid_id=grids["WG02"]))
    officer.sign_in(actor(AccountRole.grid_worker, (grids["WG01"],)))
    data = xlsx([["姓名", "身份证号", "网格"], ["张三", ZHANG, "WG01"], ["李四", LI, "WG02"], ["王五", WANG, "WG01"]], None)
    spec, sheet = officer.resident_ledger.read(data)
    report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert [r.row for r in report.good] == [4]
    assert {(e.row, e.column) for e in report.errors} == {(2, "身份证号"), (3, "网格")}


def test_files_that_are_not_ledgers_are_refused(officer: Services, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="xlsx"):
        officer.resident_ledger.read(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="表头"):
        officer.resident_ledger.read(xlsx([["甲", "乙"], [1, 2]]))
    spec, sheet = officer.resident_ledger.read(xlsx([["身份证号"], [ZHANG]]))
    with pytest.raises(ValidationError, match="姓名"):
        officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_date_reads_the_ways_dates_are_typed(d: date) -> None:
    for text in (f"{d:%Y-%m-%d}", f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日", f"{d:%Y%m%d}",
                 f"{d.year}.{d.month}.{d.day}"):
        assert parse_date(text) == d
    assert parse_date(datetime(d.year, d.month, d.day, 8, 30)) == d


# -- round trip: the exported resident list imports into a fresh database as the same records ----
def test_export_then_import_gives_the_same_records(
    officer: Services, grids, tmp_path: Path, migrated_template: Path  # noqa: ANN001
) -> None:
    officer.residents.create(ResidentInput(
        name="张三", id_number=ZHANG, ethnicity="回族", phone="010-12345678", address="安华西里1号楼1单元101",
        grid_id=grids["WG01"], notes="独居老人，每月走访",
    ))
    officer.residents.create(ResidentInput(name="李四", id_number=LI, phone="13900000000", grid_id=grids["WG02"]))
    officer.residents.create(ResidentInput(name="欧阳娜娜", gender="female", birth_date=date(2001, 5, 6)))
    officer.residents.create(ResidentInput(name="=王五", address="=SUM(A1)"))  # text, never formulas
    ids = officer.residents.search_ids("")
    rows = officer.resident_ledger.export_rows(ids)
    data = list_xlsx(
        "安华里社区警务室居民名单", [XlsxColumn(h, w) for h, w, _ in EXPORT_COLUMNS],
        ([get(r) for _h, _w, get in EXPORT_COLUMNS] for r in rows),
    )

    path = tmp_path / "fresh.db"
    shutil.copy(migrated_template, path)
    fresh_db = open_database("sqlite:///" + str(path))
    try:
        fresh = Services(fresh_db.sessions)
        fresh.grids.create(GridInput(code="WG01", name="安华里一网格"))
        fresh.grids.create(GridInput(code="WG02", name="安华里二网格"))
        spec, sheet = fresh.resident_ledger.read(data)
        mapping = guess_mapping(spec, sheet.headers)
        assert None not in mapping.values()
        report = fresh.resident_ledger.check(spec, sheet, mapping)
        assert not report.errors
        assert fresh.resident_ledger.commit(report).created == 4
        assert people(fresh) == people(officer)
    finally:
        fresh_db.close()


def test_read_sheet_reports_progress(officer: Services) -> None:
    spec = officer.resident_ledger.spec()
    data = xlsx([["姓名"]] + [[f"居民{i}"] for i in range(600)], title=None)
    seen: list[tuple[int, int]] = []
    sheet = read_sheet(data, spec, lambda done, total: seen.append((done, total)))
    assert len(sheet.rows) == 600 and seen and seen[-1][1] == 601
