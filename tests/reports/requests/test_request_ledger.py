"""群众求助登记台账 (xlsx) and the command line: print request, export requests."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from policeroom.cli.commands import run
from policeroom.db import open_database
from policeroom.models import AccountRole, MemberRole
from policeroom.reports.requests.ledger import COLUMNS, requests_xlsx
from policeroom.services.core.settings import RoomSettings
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.export import ledger_rows
from tests.conftest import OFFICER_PASSWORD, ROOM, actor
from tests.reports.requests.test_request_form import T0, Room, closed_request, register
from tests.reports.requests.test_request_form import room as room  # noqa: F401 - the fixture, shared
from tests.timing import DATA_DAY, frozen

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = [pytest.mark.today(DATA_DAY), pytest.mark.usefixtures("cli_as_officer")]  # the commands sign in

HEADERS = [
    "编号", "求助时间", "方式", "求助人", "联系电话", "住址", "事发地点", "网格", "类别", "紧急程度", "求助事项",
    "接待人", "处置人", "派遣时间", "处置情况", "反馈时间", "反馈内容", "回访时间", "回访方式", "满意度", "办结时间",
    "状态", "转办部门",
]
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def requests(room: Room) -> dict[str, int]:
    """Three requests of 2026 (closed, anonymous and referred, just registered) and one of 2025."""
    ids = {"closed": closed_request(room)}
    ids["anonymous"] = register(room, anonymous=True, anonymous_reason="担心被报复", received_at=T0 + timedelta(hours=1))
    room.sv.requests.refer(ids["anonymous"], "物业", at=T0 + timedelta(hours=2))
    ids["open"] = register(room, received_at=T0 + timedelta(hours=2), resident_id=None, requester_name="王大爷")
    ids["last_year"] = register(room, received_at=datetime(2025, 12, 31, 23, 50), occurred_at=None)
    return ids


def workbook(room: Room, date_from: date, date_to: date):  # noqa: ANN201
    rows = ledger_rows(room.sv.ctx, date_from, date_to)
    data = requests_xlsx(rows, room.sv.settings.get(), date_from, date_to)
    return load_workbook(io.BytesIO(data)).active


def test_ledger_layout(room: Room, requests: dict[str, int]) -> None:
    ws = workbook(room, *YEAR)

    assert ws["A1"].value == "安华里社区警务室群众求助登记台账（2026年1月1日至2026年12月31日）"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:W1"]
    assert [c.value for c in ws[2]] == HEADERS == [c.header for c in COLUMNS]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:W5"
    assert ws.max_row == 5  # title, header, the three requests of 2026
    assert ws.column_dimensions["K"].width >= 30  # 求助事项 is wide
    assert ws.column_dimensions["C"].width < 15
    assert ws.print_title_rows == "$2:$2"


def test_ledger_values(room: Room, requests: dict[str, int]) -> None:
    ws = workbook(room, *YEAR)
    rows = {row[0].value: {h: c for h, c in zip(HEADERS, row, strict=True)} for row in ws.iter_rows(min_row=3)}
    closed = rows[room.sv.requests.get(requests["closed"]).number]
    anonymous = rows[room.sv.requests.get(requests["anonymous"]).number]
    open_ = rows[room.sv.requests.get(requests["open"]).number]

    for header in ("求助时间", "派遣时间", "反馈时间", "回访时间", "办结时间"):
        assert isinstance(closed[header].value, datetime), header
        assert closed[header].number_format == "yyyy-mm-dd hh:mm"
    assert closed["求助时间"].value == T0
    assert closed["办结时间"].value == T0 + timedelta(days=2, hours=1)
    assert closed["方式"].value == "来访" and closed["求助人"].value == "李淑芬"
    assert closed["网格"].value == "WG01 安华里一网格" and closed["紧急程度"].value == "紧急"
    assert closed["处置人"].value == "张秀兰" and closed["接待人"].value == "王建军"
    assert closed["处置情况"].value.splitlines() == [
        "2026-11-16 10:30 张秀兰：联系物业维修人员上门，关闭楼上总阀。",
        "2026-11-16 12:30 王建军：物业更换破裂水管，顶棚待干后修补。",
    ]
    assert closed["处置情况"].alignment.wrap_text and closed["求助事项"].alignment.wrap_text
    assert closed["满意度"].value == "满意" and closed["回访方式"].value == "电话回访"
    assert closed["状态"].value == "已办结"
    assert ws.row_dimensions[closed["编号"].row].height > 15  # two lines of actions get room

    assert anonymous["求助人"].value == "（匿名）"
    assert anonymous["联系电话"].value is None and anonymous["住址"].value is None
    assert anonymous["状态"].value == "已转办" and anonymous["转办部门"].value == "物业"

    assert open_["求助人"].value == "王大爷" and open_["状态"].value == "待派遣"
    assert open_["派遣时间"].value is None and open_["办结时间"].value is None


def test_ledger_period_and_grid_worker_scope(room: Room, requests: dict[str, int]) -> None:
    assert [r.number for r in ledger_rows(room.sv.ctx, date(2025, 12, 31), date(2025, 12, 31))] == ["QZ2025-000001"]
    assert len(ledger_rows(room.sv.ctx, date(2025, 1, 1), date(2026, 12, 31))) == 4
    assert ledger_rows(room.sv.ctx, date(2026, 11, 17), date(2026, 12, 31)) == []
    other = room.sv.grids.create(GridInput(code="WG09", name="别的网格"))
    room.sv.sign_in(actor(AccountRole.grid_worker, (other,)))
    assert ledger_rows(room.sv.ctx, *YEAR) == []


def test_empty_ledger_is_still_a_valid_workbook(room: Room) -> None:
    ws = workbook(room, *YEAR)
    assert ws.max_row == 2 and ws["A2"].value == "编号"


# -- the command line ------------------------------------------------------------------------------
@pytest.fixture
def cli_db(tmp_path: Path, migrated_template: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A database file with one closed request, not held open (the CLI takes the lock itself)."""
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    path = tmp_path / "cli.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    try:
        sv = Services(db.sessions)
        sv.sign_in(sv.accounts.first_run(
            RoomSettings(**ROOM), officer_name="王建军", officer_phone="13901051234",
            username="wangjj", password=OFFICER_PASSWORD, confirm=OFFICER_PASSWORD,
        ))
        grid = sv.grids.create(GridInput(code="WG01", name="安华里一网格"))
        worker = sv.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[grid]))
        resident = sv.residents.create(ResidentInput(name="李淑芬", phone="13800001111", grid_id=grid))
        number = sv.requests.get(closed_request(Room(sv, grid, worker, resident, sv.actor.member_id))).number
    finally:
        db.close()
    return path, number


def cli(db_path: Path, command: str, **kw) -> int:  # noqa: ANN003
    return run(argparse.Namespace(db=str(db_path), command=command, **kw))


def test_cli_print_request(cli_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, number = cli_db
    out = tmp_path / "登记表.pdf"
    assert cli(path, "print", form="request", number=number.lower(), output=str(out)) == 0
    assert str(out) in capsys.readouterr().out
    text = PdfReader(out).pages[0].extract_text()
    assert number in text and "群众求助登记表" in text and "李淑芬" in text


def test_cli_export_requests(cli_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, number = cli_db
    out = tmp_path / "台账.xlsx"
    assert cli(path, "export", what="requests", date_from="2026-11-01", date_to="2026-11-30", output=str(out)) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and "1 条" in printed
    ws = load_workbook(out).active
    assert ws.max_row == 3 and ws["A3"].value == number
    assert "2026年11月1日至2026年11月30日" in ws["A1"].value
    # defaults: this year
    with frozen(date(2027, 2, 1)):
        assert cli(path, "export", what="requests", date_from=None, date_to=None, output=str(out)) == 0
    assert "2027年1月1日至2027年12月31日" in load_workbook(out).active["A1"].value


@pytest.mark.parametrize(
    ("command", "kw", "message"),
    [
        ("print", dict(form="request", number="QZ2026-999999"), "没有编号为 QZ2026-999999 的求助记录"),
        ("export", dict(what="requests", date_from="2026-13-01", date_to=None), "--from 的日期“2026-13-01”无法识别"),
        ("export", dict(what="requests", date_from=None, date_to="明天"), "--to 的日期“明天”无法识别"),
        ("export", dict(what="requests", date_from="2026-12-01", date_to="2026-01-01"), "起始日期 2026-12-01 晚于结束日期"),
    ],
)
def test_cli_errors(
    cli_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kw: dict, message: str
) -> None:
    out = tmp_path / "out.file"
    assert cli(cli_db[0], command, output=str(out), **kw) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("target", ["missing/dir/out.pdf", "."], ids=["missing-folder", "a-folder"])
def test_cli_unwritable_output(
    cli_db: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    path, number = cli_db
    assert cli(path, "print", form="request", number=number, output=str(tmp_path / target)) == 1
    err = capsys.readouterr().err
    assert "错误：无法写入" in err and ("文件夹不存在" in err or "这是一个文件夹" in err)


def test_python_m_policeroom(cli_db: tuple[Path, str], tmp_path: Path) -> None:
    """The real entry point: argparse, the dispatch table, exit codes."""
    path, number = cli_db
    out = tmp_path / "form.pdf"
    env = {**os.environ, "POLICEROOM_LOG_DIR": str(tmp_path / "logs"), "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run(
        [sys.executable, "-m", "policeroom", "--db", str(path), "print", "request", number, "-o", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert str(out) in ok.stdout and out.read_bytes().startswith(b"%PDF")
    bad = subprocess.run(
        [sys.executable, "-m", "policeroom", "--db", str(path), "export", "requests", "--from", "2026/01/01",
         "-o", str(tmp_path / "x.xlsx")],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
    )
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr


def test_control_characters_do_not_break_the_workbook(room: Room) -> None:
    register(room, description="漏水\x0b严重 <b>楼上</b> & 楼下")
    ws = workbook(room, *YEAR)
    assert ws["K3"].value == "漏水\n严重 <b>楼上</b> & 楼下"  # Word's \x0b is stored as a line break


def test_cli_export_masks_phones_unless_full_and_logs_as_command_line(cli_db: tuple[Path, str], tmp_path: Path) -> None:
    """Issue 12, items 11-12 and 13: the command line signs in (--user): it may export in full, logged as
    the signed-in person."""
    path, _number = cli_db
    out = tmp_path / "台账.xlsx"
    common = dict(what="requests", date_from="2026-11-01", date_to="2026-11-30", output=str(out))
    assert cli(path, "export", full=False, **common) == 0
    ws = load_workbook(out).active
    phone_col = [c.value for c in ws[2]].index("联系电话")
    masked = ws.cell(row=3, column=phone_col + 1).value
    assert masked and "****" in masked
    assert cli(path, "export", full=True, **common) == 0
    assert "****" not in load_workbook(out).active.cell(row=3, column=phone_col + 1).value
    db = open_database("sqlite:///" + str(path))
    try:
        log = Services(db.sessions).exports.entries()
    finally:
        db.close()
    assert [e.actor for e in log] == ["王建军", "王建军"]
    assert [{c.field: c.after for c in e.changes}["身份证号和电话"] for e in log] == ["完整", "已隐藏"]
    assert {c.field: c.after for c in log[0].changes}["筛选"] == "2026-11-01 至 2026-11-30"
