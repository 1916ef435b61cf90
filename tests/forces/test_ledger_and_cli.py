"""The volunteer ledger in and out of Excel, and the command line (export volunteers, print drill)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from policeroom.cli.commands import _COMMANDS
from policeroom.cli.parser import build_parser
from policeroom.models import AuditEntry
from policeroom.services.core.imports import guess_mapping
from policeroom.services.forces.types import MemberInput, TeamInput, UnitInput
from tests.conftest import signed_in_args
from tests.forces.helpers import grid, resident, volunteer

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 10, 0))


def _ledger(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["平安志愿者台账"])
    ws.append(["序号", "姓名", "身份证号码", "手机号", "所属网格", "所属队伍", "志愿者角色", "注册日期", "保险公司", "保单号", "保险到期日"])
    for i, r in enumerate(rows, start=1):
        ws.append([i, *r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_previews_rows_with_reasons_then_writes_once(services) -> None:  # noqa: ANN001
    g = grid(services, "WG01", "一网格")
    services.force_groups.save_team(None, TeamInput(name="平安义巡一队", kind="平安义巡队"))
    known = resident(services, "钱七", g, id_number="11010519491231002X")
    data = _ledger([
        ["钱七", "11010519491231002X", "", "WG01", "平安义巡一队", "治安员，信息员", "2025-03-01", "中国人保", "P1", "2026-12-31"],
        ["孙八", "", "13800001111", "一网格", "", "宣传员", "2025年4月1日", "", "", ""],
        ["周九", "", "", "WG01", "", "治安员", "2025-04-01", "", "", ""],
        ["吴十", "", "13800002222", "WG09", "不存在的队", "队长", "2027-01-01", "", "P9", ""],
    ])  # fmt: skip
    ledger = services.volunteer_ledger
    spec, sheet = ledger.read(data)
    mapping = guess_mapping(spec, sheet.headers)
    assert mapping["roles"] is not None and mapping["insurance_until"] is not None
    report = ledger.check(spec, sheet, mapping)
    problems = {(e.row, e.column): e.message for e in report.errors}
    assert problems[(5, "身份证号码")].startswith("请填写身份证号或联系电话")
    assert "没有名为“WG09”的网格" in problems[(6, "所属网格")]
    assert "不存在的队" in problems[(6, "所属队伍")]
    assert "队长" in problems[(6, "志愿者角色")]
    assert [r.row for r in report.good] == [3, 4]
    result = ledger.commit(report)
    assert (result.created, result.updated, result.residents_added) == (2, 0, 1)
    vid = services.volunteers.of_resident(known)  # the person already in the index: no second record
    d = services.volunteers.get(vid)
    assert d.data.roles == ("治安员", "信息员") and d.data.insurance_until == date(2026, 12, 31)
    # the same file again updates instead of doubling
    report = ledger.check(spec, *ledger.read(data)[1:], mapping)
    assert report.existing_rows == {3, 4}
    assert ledger.commit(report).updated == 2
    assert services.volunteers.count() == 2


def test_cli_export_volunteers_masks_personal_data_and_is_logged(services, db, tmp_path: Path) -> None:  # noqa: ANN001
    g = grid(services)
    rid = resident(services, "张三", g, phone="13912345678", id_number="11010519491231002X")
    from policeroom.services.forces.types import VolunteerInput

    services.volunteers.create(VolunteerInput(resident_id=rid, joined_on=date(2025, 1, 1), roles=("治安员",)))
    volunteer(services, "李四", g)
    out = tmp_path / "v.xlsx"
    args = build_parser().parse_args(["--db", "x", "export", "volunteers", "-o", str(out)])
    assert _COMMANDS["export"](db, signed_in_args(db, args)) == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("志愿者编号", "姓名", "性别")
    first = dict(zip(rows[1], rows[2], strict=True))
    assert first["志愿者编号"] == "ZY2026-0001" and first["身份证号"] == "110105********002X"
    assert first["联系电话"] == "139****5678"
    with db.sessions() as s:
        assert s.query(AuditEntry).filter_by(action="export").count() == 1


def test_cli_print_drill(services, db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    people = [resident(services, n) for n in ("甲一", "乙二")]
    uid = services.emergency.save_unit(None, UnitInput(name="安华小学应急单元", kind="学校", members=[
        MemberInput(people[0], "校门岗"), MemberInput(people[1], "巡逻岗")]))
    form = services.emergency.blank_drill(uid)
    form.held_at, form.scenario = datetime(2026, 11, 18, 15, 30), "校门口踩踏"
    form.arrivals[0].seconds, form.arrivals[1].seconds = 30, 200
    services.emergency.save_drill(None, form)
    out = tmp_path / "d.pdf"
    def parse(argv: list[str]):  # noqa: ANN202 - argparse.Namespace
        return signed_in_args(db, build_parser().parse_args(argv))

    assert _COMMANDS["print"](db, parse(["--db", "x", "print", "drill", "安华小学应急单元", "2026-11-18", "-o", str(out)])) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "校门口踩踏" in text and "3分20秒" in text
    from policeroom.cli.commands import run  # noqa: F401 - the dispatcher turns refusals into 错误：…
    from policeroom.errors import DomainError

    with pytest.raises(DomainError, match="没有拉动测试记录"):
        _COMMANDS["print"](db, parse(["--db", "x", "print", "drill", "安华小学应急单元", "2026-11-19", "-o", str(out)]))
    with pytest.raises(DomainError, match="日期"):
        _COMMANDS["print"](db, parse(["--db", "x", "print", "drill", "安华小学应急单元", "-o", str(out)]))
