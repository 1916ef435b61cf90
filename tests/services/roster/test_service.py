"""Roster service on the migrated database: defaults, generate and save, fixed cells, swaps, check-in, PDF."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from policeroom.errors import DomainError, PermissionDenied, ValidationError
from policeroom.models import AccountRole, MemberRole
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.roster.service import week_of
from tests.conftest import actor, signed_in_args
from tests.ui.roster.test_roster_ui import _team

MON = date(2026, 11, 23)
#: the generator never changes days before today: these tests plan the week of MON ahead of it
BEFORE = datetime(2026, 11, 20, 9, 0)
pytestmark = pytest.mark.today(BEFORE)


def test_defaults_from_migration(officer: Services) -> None:
    shifts = officer.roster.config.shifts()
    assert [s.name for s in shifts] == ["白班", "夜间值班", "巡防", "民警备勤"]
    assert shifts[1].times == "17:30-次日08:30"
    assert len(officer.roster.config.needs()) == 5
    assert officer.roster.config.rules().min_rest_hours == 11


def test_generate_saves_and_keeps_fixed(officer: Services) -> None:
    _team(officer)
    view = officer.roster.view(MON, MON + timedelta(days=6))
    zhang = next(m for m in view.problem.members if m.name == "张秀兰")
    night = view.problem.shifts[1]
    officer.roster.set_cell(zhang.id, MON, [(night.id, None)], fixed=True)
    result = officer.roster.generate(MON, MON + timedelta(days=6), time_limit=4)
    assert result.violations == []
    view = officer.roster.view(MON, MON + timedelta(days=6))
    assert view.violations == [] and len(view.cells) == len(result.cells)
    assert [c.shift_id for c in view.cells_of(zhang.id, MON)] == [night.id]
    officer.roster.generate(MON, MON + timedelta(days=6))
    assert [c.shift_id for c in officer.roster.view(MON, MON).cells_of(zhang.id, MON)] == [night.id]


def test_permissions_and_swaps(officer: Services) -> None:
    _team(officer)
    officer.roster.generate(MON, MON + timedelta(days=6))
    view = officer.roster.view(MON, MON + timedelta(days=6))
    a, b = view.problem.members[3], view.problem.members[4]
    officer.sign_in(actor(AccountRole.grid_worker))
    with pytest.raises(PermissionDenied):
        officer.roster.generate(MON, MON)
    with pytest.raises(PermissionDenied):
        officer.roster.request_swap(a.id, MON, b.id, MON, "家中有事")  # not their own cell
    officer.sign_in(actor(AccountRole.staff))
    with pytest.raises(ValidationError):
        officer.roster.request_swap(a.id, MON, b.id, MON, " ")
    sid = officer.roster.request_swap(a.id, MON, b.id, MON + timedelta(days=1), "家中有事")
    with pytest.raises(PermissionDenied):
        officer.roster.decide_swap(sid, True)
    before_a = view.cells_of(a.id, MON)
    before_b = view.cells_of(b.id, MON + timedelta(days=1))
    officer.sign_in(actor(AccountRole.officer))
    officer.roster.decide_swap(sid, True, "同意")
    after = officer.roster.view(MON, MON + timedelta(days=6))
    assert [c.shift_id for c in after.cells_of(b.id, MON + timedelta(days=1))] == [c.shift_id for c in before_a]
    assert [c.shift_id for c in after.cells_of(a.id, MON)] == [c.shift_id for c in before_b]
    row = officer.roster.swaps()[0]
    assert row.status_label == "已批准" and row.decided_by == "测试"
    with pytest.raises(DomainError):
        officer.roster.decide_swap(sid, False)


def test_check_in_late_absent_left_early(officer: Services) -> None:
    _team(officer)
    view = officer.roster.view(MON, MON)
    day = view.problem.shifts[0]
    m1, m2, m3 = view.problem.members[1:4]
    for m in (m1, m2, m3):
        officer.roster.set_cell(m.id, MON, [(day.id, None)])
    at = datetime.combine(MON, time(8, 50))
    assert "迟到" in officer.duty.check_in(m1.id, at)
    officer.duty.check_in(m2.id, datetime.combine(MON, time(8, 20)))
    officer.duty.check_out(m2.id, datetime.combine(MON, time(16, 0)))
    with pytest.raises(DomainError):
        officer.duty.check_in(m1.id, at)
    rows = {r.member: r.status for r in officer.duty.attendance(MON, MON, now=datetime.combine(MON, time(23, 0)))}
    assert rows[m1.name].startswith("迟到") and rows[m2.name] == "早退" and rows[m3.name] == "缺勤"
    board = officer.duty.board(datetime.combine(MON, time(10, 0)))
    assert {o.name for o in board.on_post} == {m1.name, m2.name, m3.name}
    assert any("夜间值班只排了0人" in w for w in board.warnings)


def test_manual_holiday_and_unknown_year(officer: Services) -> None:
    far = date(2099, 10, 1)
    view = officer.roster.view(far, far + timedelta(days=6))
    assert view.warning and "2099年" in view.warning
    officer.roster.config.set_manual_day(far, True, "国庆节")
    view = officer.roster.view(far, far + timedelta(days=6))
    assert view.warning is None and view.days[far].name == "国庆节"


def test_week_parse() -> None:
    assert week_of("2026-W48") == (MON, MON + timedelta(days=6))
    with pytest.raises(ValidationError):
        week_of("48周")


def test_print_roster_cli(officer: Services, db, tmp_path) -> None:  # noqa: ANN001
    import io

    from pypdf import PdfReader

    from policeroom.cli.commands import _COMMANDS
    from policeroom.cli.parser import build_parser

    _team(officer)
    officer.team.create(MemberInput(name="钱桂英", role=MemberRole.volunteer))
    officer.roster.generate(MON, MON + timedelta(days=6))
    out = tmp_path / "w.pdf"
    args = build_parser().parse_args(["--db", "x", "print", "roster", "2026-W48", "-o", str(out)])
    assert _COMMANDS["print"](db, signed_in_args(db, args)) == 0
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "安华里社区警务室" in text and "周值班表" in text and "张秀兰" in text and "审核" in text
    assert "钱桂英" not in text  # volunteers are not rostered
    args = build_parser().parse_args(["--db", "x", "export", "roster", "--from", "2026-11-23", "--to", "2026-11-29",
                                      "-o", str(tmp_path / "w.xlsx")])
    assert _COMMANDS["export"](db, signed_in_args(db, args)) == 0
