"""The printed rosters: week (A4 landscape) and month 值班表, the day's 值班日志 with its handover log, the CLI,
and the week parser."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pypdf import PdfReader

from policeroom.errors import ValidationError
from policeroom.reports.roster.pdf import duty_sheet_pdf, roster_pdf
from policeroom.services.registry import Services
from policeroom.services.roster.service import week_of
from tests.conftest import signed_in_args
from tests.ui.roster.test_roster_ui import _team

MON = date(2026, 11, 23)


def _text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages), reader


def _some_cells(officer: Services) -> dict[str, int]:
    _team(officer)
    view = officer.roster.view(MON, MON)
    ids = {m.name: m.id for m in view.problem.members}
    day_shift, night, patrol = view.problem.shifts[:3]
    officer.roster.set_cell(ids["刘晓燕"], MON, [(day_shift.id, None)])
    officer.roster.set_cell(ids["张秀兰"], MON, [(night.id, None)])
    officer.roster.set_cell(ids["李海涛"], MON + timedelta(days=1), [(patrol.id, officer.grids.list()[1].id)])
    officer.roster.config.add_absence(ids["赵丽娟"], "training", MON, MON + timedelta(days=1), "区里培训")
    return ids


def test_week_roster_landscape_with_legend_and_signatures(officer: Services) -> None:
    _some_cells(officer)
    view = officer.roster.view(MON, MON + timedelta(days=6))
    text, reader = _text(roster_pdf(view, officer.settings.get()))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    assert round(float(page.mediabox.width)) == 842
    assert "安华里社区警务室" in text and "周值班表" in text and "和平里派出所" in text
    for name in ("王建军", "刘晓燕", "张秀兰", "李海涛", "赵丽娟"):
        assert name in text
    assert "11月23日" in text and "11月29日" in text
    assert "图例" in text and "白＝白班" in text and "17:30-次日08:30" in text and "(训)" in text
    assert "巡2" in text and "巡防网格" in text  # the patrol shows its grid number, the legend names it
    assert "编制人" in text and "审核（社区民警）" in text and "日期" in text
    assert "待解决" in text  # the requirements this hand-made week leaves unmet are listed


def test_month_roster_one_page(officer: Services) -> None:
    _some_cells(officer)
    view = officer.roster.view(date(2026, 11, 1), date(2026, 11, 30))
    text, reader = _text(roster_pdf(view, officer.settings.get(), title="月值班表"))
    assert len(reader.pages) == 1 and "月值班表" in text and "2026年11月1日至11月30日" in text  # issue 11 item 13: no leading zeros
    assert "国庆" not in text


def test_holiday_shown_in_week_header(officer: Services) -> None:
    _team(officer)
    view = officer.roster.view(date(2026, 10, 5), date(2026, 10, 11))
    text, _ = _text(roster_pdf(view, officer.settings.get()))
    assert "国庆节" in text and "调休上班" in text


def test_duty_sheet_with_handover_entries(officer: Services) -> None:
    ids = _some_cells(officer)
    officer.duty.check_in(ids["刘晓燕"], datetime.combine(MON, time(8, 41)))
    officer.duty.add_handover(datetime.combine(MON, time(8, 30)), "值班电话、对讲机交接完好；3号楼楼道堆物已通知物业",
                              ids["张秀兰"], ids["刘晓燕"])
    officer.duty.add_handover(datetime.combine(MON, time(17, 30)), "夜间巡防注意安贞路沿街门店", ids["刘晓燕"],
                              ids["张秀兰"])
    on_duty, handovers = officer.duty.sheet(MON)
    assert [r[1] for r in on_duty] == ["刘晓燕", "张秀兰"] and on_duty[0][4] == "08:41"
    text, reader = _text(duty_sheet_pdf(MON, on_duty, handovers, officer.settings.get()))
    page = reader.pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)  # A4 portrait
    assert "值班日志" in text and "2026年11月23日 星期一" in text
    assert "交接班记录" in text and "交班人" in text and "接班人" in text
    assert "08:30" in text and "17:30" in text and "08:41" in text
    assert "3号楼楼道堆物已通知物业" in text and "安贞路沿街门店" in text
    assert "值班负责人" in text


def test_duty_sheet_cli(officer: Services, db, tmp_path) -> None:  # noqa: ANN001
    from policeroom.cli.commands import _COMMANDS
    from policeroom.cli.parser import build_parser

    ids = _some_cells(officer)
    officer.duty.add_handover(datetime.combine(MON, time(9, 0)), "执法记录仪已充电", ids["刘晓燕"], ids["张秀兰"])
    out = tmp_path / "d.pdf"
    args = build_parser().parse_args(["--db", "x", "print", "duty-sheet", "2026-11-23", "-o", str(out)])
    assert _COMMANDS["print"](db, signed_in_args(db, args)) == 0
    text, _ = _text(out.read_bytes())
    assert "执法记录仪已充电" in text and "刘晓燕" in text
    bad = build_parser().parse_args(["--db", "x", "print", "duty-sheet", "11月23日", "-o", str(out)])
    with pytest.raises(ValidationError, match="无法识别"):
        _COMMANDS["print"](db, signed_in_args(db, bad))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
@example(date(2026, 11, 23))
@example(date(2020, 12, 31))  # ISO week 53
@example(date(2021, 1, 3))  # belongs to 2020-W53
def test_week_parser_round_trips(day: date) -> None:
    y, w, _ = day.isocalendar()
    monday, sunday = week_of(f"{y}-W{w:02d}")
    assert monday <= day <= sunday and monday.weekday() == 0 and (sunday - monday).days == 6
    assert week_of(f" {y}-w{w} ") == (monday, sunday)


@given(st.text(max_size=12))
@example("2026-W54")
@example("2026-W0")
@example("2026W48")
@example("48周")
@example("")
def test_week_parser_bad_strings_give_chinese_error(text: str) -> None:
    try:
        week_of(text)
    except ValidationError as e:
        assert "无法识别" in e.message and "2026-W48" in e.message
    else:  # whatever parses must be a real ISO week
        y, w = text.strip().upper().split("-W")
        date.fromisocalendar(int(y), int(w), 1)


def test_roster_cli_message_writes_dates_without_zeros(officer: Services, db, tmp_path, capsys) -> None:  # noqa: ANN001
    """Issue 11 item 13: 已保存 2026年11月30日至12月06日的周值班表 — one formatter, the year when it changes."""
    from policeroom.cli.commands import _COMMANDS
    from policeroom.cli.parser import build_parser

    for week, said in (("2026-W49", "已保存 2026年11月30日至12月6日的周值班表"),
                       ("2026-W53", "已保存 2026年12月28日至2027年1月3日的周值班表")):  # fmt: skip
        out = tmp_path / f"{week}.pdf"
        args = build_parser().parse_args(["--db", "x", "print", "roster", week, "-o", str(out)])
        assert _COMMANDS["print"](db, signed_in_args(db, args)) == 0
        assert said in capsys.readouterr().out
        text, _ = _text(out.read_bytes())
        assert said[4:-6] in text  # 期间 in the PDF
