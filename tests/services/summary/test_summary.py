"""Work summaries: every figure of a hand-built week, the boundaries, 环比/同比, texts, masking, the 统计表."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.services.registry import Services
from policeroom.services.summary.texts import mask_text
from policeroom.services.summary.types import (
    FIGURE_LINES,
    Figures,
    Period,
    change,
    month_period,
    parse_month,
    parse_week,
    range_period,
    week_period,
)
from tests.conftest import actor
from tests.services.summary.week_data import (
    EXPECTED,
    EXPECTED_PREVIOUS,
    EXPECTED_YEAR_AGO,
    NOW,
    WEEK,
    build_week,
)
from tests.timing import DATA_DAY

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = pytest.mark.today(DATA_DAY)


@pytest.fixture
def week(officer: Services) -> Services:
    officer.ids = build_week(officer)
    return officer


def test_every_figure_of_the_week(week: Services) -> None:
    data = week.summary.summary(parse_week(WEEK), NOW)
    assert data.period.start == date(2026, 11, 2) and data.period.end == date(2026, 11, 8)
    got = asdict(data.figures)
    assert {k: got[k] for k in EXPECTED} == EXPECTED
    prev = asdict(data.previous)
    assert {k: prev[k] for k in EXPECTED_PREVIOUS} == EXPECTED_PREVIOUS
    ago = asdict(data.year_ago)
    assert {k: ago[k] for k in EXPECTED_YEAR_AGO} == EXPECTED_YEAR_AGO
    f = data.figures
    assert (f.on_time_rate, f.satisfaction_rate, f.success_rate) == (0.5, 0.5, 0.5)
    assert data.has_roster


def test_charts_data(week: Services) -> None:
    data = week.summary.summary(parse_week(WEEK), NOW)
    assert data.by_category == [("邻里求助", 2), ("噪声扰民", 1), ("证件咨询", 1), ("走失人员", 1)]
    assert data.by_type == [("婚姻家庭", 1), ("邻里", 1)]
    assert [p.label for p in data.trend] == [f"第{w}周" for w in range(38, 46)]
    assert [(p.requests, p.disputes) for p in data.trend[-2:]] == [(2, 1), (5, 2)]


def test_the_week_after_starts_at_monday_midnight(week: Services) -> None:
    f = week.summary.summary(parse_week("2026-W46"), NOW).figures
    assert f.requests_received == 1  # Monday 00:00
    assert f.disputes_screened == 1 and f.cases_accepted == 1
    assert f.duty_shifts == 1 and f.absent == 1  # nobody checked in on Monday 9 November


def test_prefilled_texts(week: Services) -> None:
    texts = week.summary.summary(parse_week(WEEK), NOW).texts
    assert not texts.saved
    lines = texts.key_work.splitlines()
    assert len(lines) == 4
    assert "红色风险纠纷" in lines[0] and "张三丰、李四" in lines[0]
    assert "达成书面协议" in lines[1] and "11月5日" in lines[1]
    assert "人民调解（2026）" in lines[1]  # issue 11 item 13: no stray space before the number
    assert "超期求助" in lines[2] and "处置环节" in lines[2] and "车辆挪移" in lines[2]
    assert "超期求助" in lines[3] and "反馈环节" in lines[3] and "走失人员" in lines[3]
    assert texts.situation.startswith("本周接收群众求助5件，以“邻里求助”（2件）")
    assert "其中红色风险1件" in texts.situation
    plan = texts.next_plan
    assert "11月12日前督促" in plan and "履行调解协议" in plan
    assert "11月13日化解时限到期" in plan
    assert texts.signed_by == "王建军" and texts.signed_on == NOW.date()


def test_texts_saved_with_the_week(week: Services) -> None:
    period = parse_week(WEEK)
    texts = week.summary.summary(period, NOW).texts
    texts.problems = "夜间巡防力量不足。"
    texts.key_work = "1. 化解楼上漏水纠纷。"
    week.summary.save_texts(period, texts)
    again = week.summary.summary(period, NOW).texts
    assert again.saved and again.saved_by == week.actor.name
    assert again.problems == "夜间巡防力量不足。" and again.key_work == "1. 化解楼上漏水纠纷。"
    # another week is untouched; the month is a different summary
    assert not week.summary.summary(parse_week("2026-W44"), NOW).texts.saved
    assert not week.summary.summary(month_period(2026, 11), NOW).texts.saved
    assert week.summary.discard_texts(period)
    assert not week.summary.summary(period, NOW).texts.saved


def test_text_too_long_is_refused_and_nothing_saved(week: Services) -> None:
    period = parse_week(WEEK)
    texts = week.summary.summary(period, NOW).texts
    texts.problems = "问" * 5001
    with pytest.raises(ValidationError):
        week.summary.save_texts(period, texts)
    assert not week.summary.summary(period, NOW).texts.saved


def test_grid_workers_cannot_open_summaries(week: Services) -> None:
    week.sign_in(actor(AccountRole.grid_worker, (week.ids["g1"],)))
    with pytest.raises(PermissionDenied):
        week.summary.summary(parse_week(WEEK), NOW)


def test_mask_setting(week: Services) -> None:
    assert week.summary.mask_names()
    week.summary.set_mask_names(False)
    assert not week.summary.mask_names()
    assert not week.summary.summary(parse_week(WEEK), NOW).mask_names
    week.sign_in(actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        week.summary.set_mask_names(True)


def test_mask_text() -> None:
    text = "张三丰（身份证11010519491231002X，电话13800000000）与欧阳娜娜、张三发生纠纷，座机010-12345678。"
    out = mask_text(text, ["张三", "张三丰", "欧阳娜娜"])
    assert out == "张某某（身份证110105********002X，电话138****0000）与欧阳某某、张某发生纠纷，座机010-12345678。"
    assert mask_text("编号QZ2026-000123，金额200000000000元") == "编号QZ2026-000123，金额200000000000元"


def test_dispute_table(week: Services) -> None:
    table = week.summary.dispute_table(month_period(2026, 11), NOW)
    rows = {r.dispute_type: r for r in table.rows}
    # November: entries 邻里 (2, 11-02 red + 11-09), 婚姻家庭 (11-08), 物业 (11-01, 6 people)
    assert (rows["邻里"].screened, rows["邻里"].people, rows["邻里"].major) == (2, 5, 1)
    assert (rows["物业"].screened, rows["物业"].people, rows["物业"].major) == (1, 6, 1)
    assert (rows["邻里"].mediated, rows["邻里"].succeeded, rows["邻里"].failed) == (1, 1, 0)
    assert (rows["婚姻家庭"].mediated, rows["婚姻家庭"].failed) == (0, 1)  # accepted in October
    assert rows["物业"].mediated == 1 and rows["物业"].success_rate is None
    t = table.total
    assert (t.screened, t.mediated, t.succeeded, t.failed, t.people, t.major) == (4, 2, 1, 1, 13, 2)
    assert t.success_rate == 0.5
    assert table.rows[0].dispute_type == "婚姻家庭"  # the room's type order


def test_glance(week: Services) -> None:
    g = week.summary.glance(today=date(2026, 11, 5), now=NOW)
    assert g.this_week.requests_received == 5 and g.last_week.requests_received == 2
    assert g.spark_requests[-2:] == [2, 5] and len(g.spark_requests) == 8


# -- periods --------------------------------------------------------------------------------------
def test_periods() -> None:
    w = parse_week("2026-W47")
    assert (w.start, w.end, w.name, w.dates) == (date(2026, 11, 16), date(2026, 11, 22), "2026年第47周",
                                                 "2026年11月16日—11月22日")  # fmt: skip
    assert w.previous().start == date(2026, 11, 9)
    assert w.year_ago() == parse_week("2025-W47")
    assert parse_week("2026-W53").year_ago() == parse_week("2025-W52")  # 2025 has 52 weeks
    assert parse_week("2027-W01").start == date(2027, 1, 4)
    assert parse_week("2026w7") == parse_week("2026-W07") == parse_week("2026第7周")
    m = parse_month("2026-11")
    assert (m.start, m.end, m.previous().start, m.year_ago().start) == (
        date(2026, 11, 1), date(2026, 11, 30), date(2026, 10, 1), date(2025, 11, 1))
    assert parse_month("2026-01").previous() == month_period(2025, 12)
    r = range_period(date(2026, 11, 1), date(2026, 11, 10))
    assert r.previous() == Period("range", date(2026, 10, 22), date(2026, 10, 31))
    assert range_period(date(2028, 2, 29), date(2028, 3, 1)).year_ago().start == date(2027, 2, 28)


@pytest.mark.parametrize("text, message", [
    ("2026-W54", "2026年只有53周，没有第54周"),
    ("2025-W53", "2025年只有52周"),
    ("2026-47", "无法识别"),
    ("", "无法识别"),
    ("第47周", "无法识别"),
])  # fmt: skip
def test_bad_week_strings(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_week(text)
    assert message in e.value.message


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "11-2026", "abc"])
def test_bad_month_strings(text: str) -> None:
    with pytest.raises(ValidationError, match="无法识别"):
        parse_month(text)


def test_range_end_before_start() -> None:
    with pytest.raises(ValidationError, match="早于"):
        range_period(date(2026, 11, 2), date(2026, 11, 1))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_every_day_is_in_its_week_and_weeks_follow_each_other(day: date) -> None:
    w = week_period(day)
    assert w.start <= day <= w.end and w.start.weekday() == 0 and w.days == 7
    assert parse_week(w.key) == w
    assert (w.next().start - w.end).days == 1 and w.previous().next() == w
    assert w.year_ago().start.weekday() == 0


def test_change_texts() -> None:
    count = next(x for x in FIGURE_LINES if x.key == "requests_received")
    rate = next(x for x in FIGURE_LINES if x.key == "satisfaction_rate")
    assert change(5, 4, count) == "+25.0%"
    assert change(3, 4, count) == "-25.0%"
    assert change(4, 4, count) == "持平"
    assert change(4, 0, count) == "新增"
    assert change(0.9, 0.85, rate) == "+5.0个百分点"
    assert change(None, 0.85, rate) == "—"
    assert Figures().success_rate is None


def test_a_past_period_does_not_see_records_made_after_its_end(week: Services) -> None:
    """Issue 11 item 11: a report of a period shows the world at the period's end. The week data has a
    dispute screened the day after the end (11-09, due 11-13) and the case accepted then; a red dispute
    screened after the end must not count among the red risks still open."""
    from policeroom.models import Risk
    from tests.services.summary.week_data import _entry

    _entry(week, week.ids, date(2026, 11, 10), "邻里", Risk.red, 2, "周后的红色纠纷")
    data = week.summary.summary(parse_week(WEEK), NOW)
    rows = {r.number: r.screened_on for r in week.disputes.rows(__import__(
        "policeroom.services.mediation.types", fromlist=["DisputeFilter"]).DisputeFilter())}
    after = [n for n, on in rows.items() if on > data.period.end]
    before = [n for n, on in rows.items() if on <= data.period.end]
    plan = data.texts.next_plan
    assert after and not any(n in plan for n in after)  # screened after the end: not in 下周工作安排
    assert any(n in plan for n in before)  # existed at the end, due next week: listed
    assert "红色风险纠纷1件" in plan  # the red one screened after the end does not count


def test_a_range_trend_is_labelled_with_month_and_day(week: Services) -> None:
    """Issue 11 item 13: the trend axis of a range read "11.13, 12.29, 2.13…"; it writes M月D日."""
    data = week.summary.summary(range_period(date(2026, 11, 1), date(2026, 11, 15)), NOW)
    assert [p.label for p in data.trend][-3:] == ["10月2日", "10月17日", "11月1日"]
