"""Plain data of work summaries (工作小结): periods, figures, the dispute statistics table.

No database here: the service fills these, the PDF builders and the screens read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from policeroom.errors import ValidationError
from policeroom.services.core.dates import chinese_date

PERIOD_KINDS = ("week", "month", "range")
WEEK_RE = re.compile(r"^\s*(\d{4})\s*[-－]?\s*[Ww第]\s*(\d{1,2})\s*周?\s*$")
MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-－年/.]\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True)
class Period:
    """A summary's period: an ISO week (Monday to Sunday), a calendar month, or any date range.

    ``end`` is the last day, inclusive; :attr:`start_at` / :attr:`end_at` give the half-open datetime
    range [Monday 00:00, next Monday 00:00) that timestamps are compared with.
    """

    kind: str
    start: date
    end: date

    # -- naming ---------------------------------------------------------------------------------
    @property
    def iso(self) -> tuple[int, int]:
        y, w, _ = self.start.isocalendar()
        return y, w

    @property
    def key(self) -> str:
        """``2026-W47`` / ``2026-11`` / ``2026-11-01..2026-11-22``."""
        if self.kind == "week":
            return "{}-W{:02d}".format(*self.iso)
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def name(self) -> str:
        """``2026年第47周`` / ``2026年11月`` / ``2026年11月1日至11月22日``."""
        if self.kind == "week":
            return "{}年第{}周".format(*self.iso)
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        return f"{chinese_date(self.start)}至{self.dates_short_end}"

    @property
    def dates(self) -> str:
        """``2026年11月16日—11月22日`` (the year is repeated only when it changes)."""
        return f"{chinese_date(self.start)}—{self.dates_short_end}"

    @property
    def dates_short_end(self) -> str:
        if self.end.year != self.start.year:
            return chinese_date(self.end)
        return f"{self.end.month}月{self.end.day}日"

    @property
    def unit(self) -> str:
        """本周 / 本月 / 本期 — how the texts speak of the period."""
        return {"week": "本周", "month": "本月"}.get(self.kind, "本期")

    @property
    def next_unit(self) -> str:
        return {"week": "下周", "month": "下月"}.get(self.kind, "下一阶段")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return datetime.combine(min(self.end, date(2099, 12, 31)) + timedelta(days=1), time.min)

    # -- neighbours -----------------------------------------------------------------------------
    def shifted(self, n: int) -> Period:
        """The period ``n`` steps later (negative: earlier), of the same kind and length."""
        if self.kind == "week":
            return week_period(self.start + timedelta(weeks=n))
        if self.kind == "month":
            y, m = divmod(self.start.year * 12 + self.start.month - 1 + n, 12)
            return month_period(y, m + 1)
        span = timedelta(days=self.days * n)
        return Period("range", self.start + span, self.end + span)

    def previous(self) -> Period:
        """环比: the week / month before, or the range of the same length just before."""
        return self.shifted(-1)

    def next(self) -> Period:
        return self.shifted(1)

    def year_ago(self) -> Period:
        """同比: the same ISO week a year earlier (week 53 → week 52), the same month, the same dates."""
        if self.kind == "week":
            y, w = self.iso
            last_week = date(y - 1, 12, 28).isocalendar()[1]
            return week_period(date.fromisocalendar(y - 1, min(w, last_week), 1))
        if self.kind == "month":
            return month_period(self.start.year - 1, self.start.month)
        return Period("range", _year_back(self.start), _year_back(self.end))


def _year_back(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def week_period(day: date) -> Period:
    """The ISO week (Monday to Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return Period("week", monday, monday + timedelta(days=6))


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return Period("month", first, nxt - timedelta(days=1))


def parse_week(text: str) -> Period:
    """``2026-W47`` (also ``2026W47``, ``2026-w7``, ``2026第47周``) → that ISO week; Chinese error otherwise."""
    m = WEEK_RE.match(text or "")
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        try:
            return week_period(date.fromisocalendar(year, week, 1))
        except ValueError:
            last = date(year, 12, 28).isocalendar()[1] if 1 <= year <= 9999 else 52
            raise ValidationError("week", f"{year}年只有{last}周，没有第{week}周。") from None
    raise ValidationError("week", f"周次“{text}”无法识别，请写成 年-W周，例如 2026-W47。")


def parse_month(text: str) -> Period:
    """``2026-11`` (also ``2026年11月``) → that month; Chinese error otherwise."""
    m = MONTH_RE.match(text or "")
    if m and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 1:
        return month_period(int(m.group(1)), int(m.group(2)))
    raise ValidationError("month", f"月份“{text}”无法识别，请写成 年-月，例如 2026-11。")


def range_period(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError("end", f"结束日期 {end} 早于起始日期 {start}。")
    if (end - start).days > 366 * 3:
        raise ValidationError("end", "统计区间不能超过三年。")
    return Period("range", start, end)


# -- figures ------------------------------------------------------------------------------------


@dataclass
class Figures:
    """A period's figures. How each is counted is said in :class:`policeroom.services.summary.service.SummaryService`."""

    requests_received: int = 0
    requests_closed: int = 0
    requests_referred: int = 0
    requests_closed_on_time: int = 0
    requests_overdue: int = 0
    requests_visited: int = 0
    requests_satisfied: int = 0
    disputes_screened: int = 0
    disputes_red: int = 0
    disputes_resolved: int = 0
    people_involved: int = 0
    cases_accepted: int = 0
    cases_agreed: int = 0
    cases_failed: int = 0
    agreements_written: int = 0
    sessions: int = 0
    case_visits: int = 0
    duty_shifts: int = 0
    duty_hours: float = 0.0
    patrols: int = 0
    patrol_hours: float = 0.0
    checked_in: int = 0
    late: int = 0
    absent: int = 0
    tips_received: int = 0
    tips_true: int = 0
    tips_transferred: int = 0
    rewards_approved: int = 0
    rewards_approved_amount: int = 0
    rewards_paid: int = 0
    rewards_paid_amount: int = 0
    volunteers_active: int = 0
    activities: int = 0
    volunteer_hours: float = 0.0
    points_redeemed: int = 0
    drills: int = 0
    # 网格工作 (services/fieldwork/figures.py says how each is counted)
    households_visited: int = 0
    visits: int = 0
    patrol_runs: int = 0
    patrol_run_hours: float = 0.0
    patrol_people: int = 0
    talks: int = 0
    talk_people: int = 0
    hazards_found: int = 0
    hazards_fixed: int = 0
    grid_events: int = 0
    event_categories: dict[str, int] = field(default_factory=dict)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率: (满意 + 基本满意) ÷ 回访数."""
        return self.requests_satisfied / self.requests_visited if self.requests_visited else None

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率: closed with every step in its limit ÷ closed."""
        return self.requests_closed_on_time / self.requests_closed if self.requests_closed else None

    @property
    def success_rate(self) -> float | None:
        """调解成功率: agreements ÷ (agreements + failures) of the cases concluded in the period."""
        done = self.cases_agreed + self.cases_failed
        return self.cases_agreed / done if done else None


@dataclass(frozen=True)
class FigureLine:
    """One line of 一、数据概况: which figure, its label, its unit; ``rate`` lines compare in points."""

    key: str
    group: str
    label: str
    unit: str = "件"
    kind: str = "count"  # count / rate / hours


FIGURE_LINES: tuple[FigureLine, ...] = (
    FigureLine("requests_received", "群众求助", "接收求助"),
    FigureLine("requests_closed", "群众求助", "办结"),
    FigureLine("requests_referred", "群众求助", "转办"),
    FigureLine("on_time_rate", "群众求助", "按时办结率", "", "rate"),
    FigureLine("requests_overdue", "群众求助", "超期未办"),
    FigureLine("requests_visited", "群众求助", "回访"),
    FigureLine("satisfaction_rate", "群众求助", "满意率", "", "rate"),
    FigureLine("disputes_screened", "矛盾纠纷", "排查纠纷"),
    FigureLine("disputes_red", "矛盾纠纷", "其中红色风险"),
    FigureLine("people_involved", "矛盾纠纷", "涉及人数", "人"),
    FigureLine("disputes_resolved", "矛盾纠纷", "化解"),
    FigureLine("cases_accepted", "人民调解", "调处数（受理）"),
    FigureLine("cases_agreed", "人民调解", "调解成功数"),
    FigureLine("cases_failed", "人民调解", "调解不成"),
    FigureLine("success_rate", "人民调解", "调解成功率", "", "rate"),
    FigureLine("sessions", "人民调解", "调解会次", "次"),
    FigureLine("case_visits", "人民调解", "协议回访", "次"),
    FigureLine("duty_shifts", "值班巡防", "值班班次", "人次"),
    FigureLine("duty_hours", "值班巡防", "在岗时长", "小时", "hours"),
    FigureLine("patrols", "值班巡防", "巡防", "次"),
    FigureLine("patrol_hours", "值班巡防", "巡防时长", "小时", "hours"),
    FigureLine("checked_in", "值班巡防", "签到", "人次"),
    FigureLine("late", "值班巡防", "迟到", "人次"),
    FigureLine("absent", "值班巡防", "缺勤", "人次"),
    FigureLine("tips_received", "线索举报", "受理线索"),
    FigureLine("tips_true", "线索举报", "核实属实"),
    FigureLine("tips_transferred", "线索举报", "移交"),
    FigureLine("rewards_approved", "线索举报", "奖励审批", "笔"),
    FigureLine("rewards_approved_amount", "线索举报", "审批金额", "元"),
    FigureLine("rewards_paid", "线索举报", "奖励发放", "笔"),
    FigureLine("rewards_paid_amount", "线索举报", "发放金额", "元"),
    FigureLine("volunteers_active", "群防群治", "参与志愿者", "人"),
    FigureLine("activities", "群防群治", "开展活动", "次"),
    FigureLine("volunteer_hours", "群防群治", "志愿服务时长", "小时", "hours"),
    FigureLine("points_redeemed", "群防群治", "兑换积分", "分"),
    FigureLine("drills", "群防群治", "拉动测试", "次"),
    FigureLine("households_visited", "网格工作", "走访住户", "户"),
    FigureLine("visits", "网格工作", "走访次数", "次"),
    FigureLine("patrol_runs", "网格工作", "巡防记录", "次"),
    FigureLine("patrol_run_hours", "网格工作", "巡防时长", "小时", "hours"),
    FigureLine("patrol_people", "网格工作", "巡防人次", "人次"),
    FigureLine("talks", "网格工作", "防范宣传", "场"),
    FigureLine("talk_people", "网格工作", "宣传受众", "人"),
    FigureLine("hazards_found", "网格工作", "发现隐患"),
    FigureLine("hazards_fixed", "网格工作", "整改隐患"),
    FigureLine("grid_events", "网格工作", "网格事件"),
)
#: a line per grid-event category: its key is ``event:<category>``
EVENT_PREFIX = "event:"


def figure_lines(data: SummaryData) -> list[FigureLine]:
    """The lines a summary shows: the fixed ones (值班巡防 only when the room keeps its roster here), then
    one line per grid-event category found in the period, the period before or a year before."""
    lines = [x for x in FIGURE_LINES if data.has_roster or x.group != "值班巡防"]
    cats = sorted(set(data.figures.event_categories) | set(data.previous.event_categories)
                  | set(data.year_ago.event_categories))  # fmt: skip
    return lines + [FigureLine(EVENT_PREFIX + c, "网格事件", c) for c in cats]


def figure_value(f: Figures, key: str) -> float | int | None:
    if key.startswith(EVENT_PREFIX):
        return f.event_categories.get(key[len(EVENT_PREFIX):], 0)
    return getattr(f, key)


def format_value(value: float | int | None, line: FigureLine) -> str:
    """``12`` / ``37.5`` / ``92.3%`` / ``—`` (a rate with nothing to divide)."""
    if value is None:
        return "—"
    if line.kind == "rate":
        return f"{value * 100:.1f}%"
    if line.kind == "hours":
        return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"
    return str(value)


def change(now: float | int | None, before: float | int | None, line: FigureLine) -> str:
    """环比 / 同比 as printed: ``+25.0%`` / ``-10.0%`` / ``持平`` / ``新增`` (from 0) / ``—``.

    Rates change in percentage points (``+3.2个百分点``), counts and hours in percent of the earlier value.
    """
    if now is None or before is None:
        return "—"
    if line.kind == "rate":
        diff = (now - before) * 100
        return "持平" if abs(diff) < 0.05 else f"{diff:+.1f}个百分点"
    if now == before:
        return "持平"
    if not before:
        return "新增"
    return f"{(now - before) / before * 100:+.1f}%"


@dataclass(frozen=True)
class TrendPoint:
    label: str  # 第47周 / 11月
    requests: int
    disputes: int


@dataclass
class SummaryTexts:
    """The written sections (二 … 五) and the sign-off; ``saved`` False while only pre-filled."""

    key_work: str = ""
    situation: str = ""
    problems: str = ""
    next_plan: str = ""
    signed_by: str = ""
    signed_on: date | None = None
    saved: bool = False
    saved_by: str = ""
    saved_at: datetime | None = None


@dataclass
class SummaryData:
    """Everything a summary shows (screen and PDF)."""

    period: Period
    room_name: str
    station: str
    figures: Figures
    previous: Figures
    year_ago: Figures
    by_category: list[tuple[str, int]]
    by_type: list[tuple[str, int]]
    trend: list[TrendPoint]
    texts: SummaryTexts
    mask_names: bool
    has_roster: bool
    made_at: datetime
    #: names of the period's people, masked in written texts when the setting asks for it
    names: frozenset[str] = field(default_factory=frozenset)
    #: 线索举报 received in the period by category (counts only)
    tips_by_category: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class DisputeTypeRow:
    """One line of the 矛盾纠纷排查调处情况统计表."""

    dispute_type: str
    screened: int = 0  # 排查数
    mediated: int = 0  # 调处数
    succeeded: int = 0  # 调解成功数
    failed: int = 0  # 调解不成
    people: int = 0  # 涉及人数
    major: int = 0  # 重大纠纷

    @property
    def success_rate(self) -> float | None:
        done = self.succeeded + self.failed
        return self.succeeded / done if done else None


@dataclass
class DisputeTable:
    period: Period
    room_name: str
    rows: list[DisputeTypeRow]
    total: DisputeTypeRow
    made_at: datetime


@dataclass(frozen=True)
class WeekGlance:
    """工作台: this week against last week, and eight weeks of requests for a sparkline."""

    this_week: Figures
    last_week: Figures
    spark_requests: list[int]
    spark_disputes: list[int]
