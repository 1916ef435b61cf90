"""Issue 12, item 1: an import never renames a person; updates show before -> after; 未变化 is counted."""

from __future__ import annotations

from policeroom.services.core.imports import guess_mapping
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from tests.services.people.test_imports import LI, ZHANG, xlsx

ZHANG_M = "110105194912310011"  # male, 1949-12-31


def check(services: Services, rows: list[list[object]]):  # noqa: ANN201
    spec, sheet = services.resident_ledger.read(xlsx(rows, title=None))
    return services.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))


def test_same_id_number_other_name_in_the_database_is_a_bad_row(officer: Services) -> None:
    rid = officer.residents.create(ResidentInput(name="张三", id_number=ZHANG_M, phone="13800000000"))
    report = check(officer, [["姓名", "身份证号", "联系电话"], ["李四", ZHANG_M, "13900000000"]])
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "姓名", "身份证号已登记为张三（男），本行为李四")
    ]
    assert officer.resident_ledger.commit(report).updated == 0
    assert (officer.residents.get(rid).name, officer.residents.get(rid).phone) == ("张三", "13800000000")


def test_same_id_number_other_name_within_the_file_is_not_merged(officer: Services) -> None:
    report = check(officer, [["姓名", "身份证号"], ["张三", ZHANG_M], ["李四", ZHANG_M]])
    assert not report.merged
    assert [(e.row, e.message) for e in report.errors] == [(3, "身份证号已在第2行登记为张三（男），本行为李四")]
    officer.resident_ledger.commit(report)
    assert officer.residents.find_by_id_number(ZHANG_M).name == "张三"


def test_update_shows_each_field_before_and_after_and_can_be_unticked(officer: Services) -> None:
    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, address="旧址"))
    officer.residents.create(ResidentInput(name="李四", id_number=LI, address="甲"))
    report = check(officer, [["姓名", "身份证号", "住址"], ["张三", ZHANG, "新址"], ["李四", LI, "乙"]])
    assert report.changes == {2: [("住址", "旧址", "新址")], 3: [("住址", "甲", "乙")]}
    report.excluded.add(3)
    result = officer.resident_ledger.commit(report)
    assert (result.updated, result.excluded) == (1, 1)
    assert officer.residents.find_by_id_number(LI).address == "甲"
    rid = officer.residents.find_by_id_number(ZHANG).id
    assert any("新址" in str(item) and "旧址" in str(item) for item in officer.history("resident", rid))


def test_reimport_that_changes_nothing_reports_unchanged(officer: Services) -> None:
    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, address="旧址"))
    report = check(officer, [["姓名", "身份证号", "住址"], ["张三", ZHANG, "旧址"], ["张 三", ZHANG.lower(), ""]])
    assert report.unchanged_rows == {2} and not report.errors
    result = officer.resident_ledger.commit(report)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
