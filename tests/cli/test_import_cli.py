"""Issue 12, item 5: ``import residents FILE [--create-grids|--grid-map|--no-grid] [--commit]``."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from policeroom.cli.commands import _COMMANDS
from policeroom.cli.parser import build_parser
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services


@pytest.fixture
def messy(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    path = tmp_path / "messy.xlsx"
    monkeypatch.setattr(sys, "argv", ["make", str(path)])
    runpy.run_path(str(Path(__file__).with_name("messy_ledger.py")))
    return path


def signed_in(db, argv: list[str]):  # noqa: ANN001, ANN201 - argparse.Namespace
    """The arguments of a command as the signed-in officer (``--user wangjj``) runs it."""
    from sqlalchemy import select

    from policeroom.models import Account, AccountRole
    from policeroom.services.people.accounts import actor_for

    args = build_parser().parse_args(["--db", "x", "--user", "wangjj", *argv])
    with db.sessions() as s:
        args.actor = actor_for(s, s.scalar(select(Account).where(Account.role == AccountRole.officer)))
    return args


def run(db, *argv: str) -> int:  # noqa: ANN001
    return _COMMANDS["import"](db, signed_in(db, ["import", *argv]))


def test_check_only_prints_every_bad_row_and_writes_nothing(officer: Services, db, messy: Path, capsys) -> None:  # noqa: ANN001
    officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    officer.residents.create(ResidentInput(name="钱七", id_number="11010519491231002X"))
    assert run(db, "residents", str(messy)) == 1
    printed = capsys.readouterr().out
    assert "读取 11 行" in printed and "这些列不会导入：序号、登记日期" in printed
    assert "跳过：汇总行 2 行，空行 2 行" in printed
    assert "2个网格在系统中不存在：第1网格、第2网格" in printed
    assert "第8行 [姓名] 身份证号已登记为钱七（女），本行为赵六" in printed
    assert "第9行 [姓名] 身份证号已在第5行登记为李四（男），本行为李四四" in printed
    assert "第10行 [公民身份号码] 校验位不正确" in printed
    assert officer.residents.count() == 1


def test_commit_with_created_grids_then_reimport_is_unchanged(officer: Services, db, messy: Path, capsys) -> None:  # noqa: ANN001
    officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    assert run(db, "residents", str(messy), "--create-grids", "--commit") == 0
    assert "已写入：新增 7 条" in capsys.readouterr().out
    assert officer.residents.find_by_id_number("110105199002030021").name == "王五"  # full-width digits
    assert run(db, "residents", str(messy)) == 1  # the grids exist now; bad rows remain: exit 1
    assert "未变化 5" in capsys.readouterr().out
    assert run(db, "residents", str(messy), "--grid-map", "第1网格=WG09") == 1
    assert "错误" not in capsys.readouterr().out


@pytest.mark.parametrize("what", ["residents", "team", "grids"])
def test_export_lists_masked_unless_full_and_logged(officer: Services, db, tmp_path: Path, what: str) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from policeroom.models import MemberRole
    from policeroom.services.people.team import MemberInput

    officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    officer.residents.create(ResidentInput(name="张三", id_number="11010519491231002X", phone="13800001111"))
    officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff, phone="13900002222"))
    out = tmp_path / "x.xlsx"
    for full in (False, True):
        argv = ["export", what, "-o", str(out)] + (["--full"] if full else [])
        assert _COMMANDS["export"](db, signed_in(db, argv)) == 0
        text = " ".join(str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c)
        if what == "residents":
            assert ("11010519491231002X" in text) is full and ("110105********002X" in text) is not full
        if what == "team":
            assert ("13900002222" in text) is full and ("139****2222" in text) is not full
    log = officer.exports.entries()
    assert [e.actor for e in log] == ["王建军", "王建军"]  # the signed-in person, not "命令行"


def test_import_disputes_from_a_gbk_csv(officer: Services, db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    path = tmp_path / "d.csv"
    path.write_bytes("矛盾纠纷排查台账\n排查日期,网格,纠纷类型,当事人,简要情况,风险等级\n"
                     "2026-11-03,WG01,邻里,张三 13800001111,楼上漏水,红\n,,,,,\n小计,1,,,,\n"
                     "2026-11-04,WG01,邻里,李四,吵架,紫\n".encode("gbk"))
    assert run(db, "disputes", str(path)) == 1
    printed = capsys.readouterr().out
    assert "跳过：汇总行 1 行，空行 1 行" in printed and "第6行 [风险等级]" in printed
    assert run(db, "disputes", str(path), "--commit") == 0
    assert "已写入：新增 1 条" in capsys.readouterr().out
