"""The rules of activities, participations, points and stars: pure functions, no database.

谁记录谁证明: hours are recorded and confirmed by the activity's organiser or the officer, never by the
volunteer; the moves below say which step may follow which.
"""

from __future__ import annotations

from datetime import date, datetime

from policeroom.models import PART_STATUS_LABELS, PartStatus

#: The moves a participation may make.
MOVES: dict[PartStatus, tuple[PartStatus, ...]] = {
    PartStatus.applied: (PartStatus.accepted, PartStatus.rejected, PartStatus.voided),
    PartStatus.accepted: (PartStatus.signed_in, PartStatus.pending, PartStatus.absent, PartStatus.voided),
    PartStatus.signed_in: (PartStatus.signed_out, PartStatus.pending, PartStatus.voided),
    PartStatus.signed_out: (PartStatus.pending, PartStatus.voided),
    PartStatus.pending: (PartStatus.confirmed, PartStatus.pending, PartStatus.voided),
    PartStatus.confirmed: (PartStatus.voided,),
    PartStatus.rejected: (),
    PartStatus.absent: (),
    PartStatus.voided: (),
}

MOVE_LABELS = {
    PartStatus.accepted: "录用",
    PartStatus.rejected: "不录用",
    PartStatus.signed_in: "签到",
    PartStatus.signed_out: "签退",
    PartStatus.pending: "登记时长",
    PartStatus.confirmed: "确认时长",
    PartStatus.absent: "记为缺席",
    PartStatus.voided: "作废",
}

#: participations that hold the person's time (count for the overlap check and the needs)
HOLDING = (PartStatus.applied, PartStatus.accepted, PartStatus.signed_in, PartStatus.signed_out,
           PartStatus.pending, PartStatus.confirmed)  # fmt: skip
#: statuses waiting for someone to confirm hours
WAITING = (PartStatus.pending,)

#: actual time this much beyond the activity's length is flagged for a look
FLAG_GRACE_MINUTES = 30
#: the longest time one participation may record (a day)
MAX_MINUTES = 24 * 60

#: 星级: confirmed hours needed for each star (一星 100 h … 五星 1500 h)
STAR_HOURS = (100, 300, 600, 1000, 1500)
STAR_NAMES = ("", "一星", "二星", "三星", "四星", "五星")

DEFAULT_KINDS = ("智慧义巡", "宣传活动", "心理咨询", "法律援助", "矛盾纠纷调解", "治安巡逻", "其他")
VOLUNTEER_ROLES = ("治安员", "信息员", "调解员", "宣传员")

#: points per hour of confirmed service (a setting; default 1 hour = 1 point)
DEFAULT_RATE = 1.0
#: redemption limit periods (setting): how often one volunteer may redeem
LIMIT_PERIODS = {"none": "不限", "month": "每月一次", "quarter": "每季度一次", "year": "每年一次"}
DEFAULT_LIMIT = "quarter"
#: days a voucher is valid after it is issued
VOUCHER_DAYS = 90


def check_move(current: PartStatus, target: PartStatus) -> str | None:
    """None when the move is allowed, else the reason in plain Chinese."""
    if target in MOVES[current]:
        return None
    now = PART_STATUS_LABELS[current]
    allowed = "、".join(MOVE_LABELS[t] for t in MOVES[current] if t is not current)
    what = MOVE_LABELS.get(target, "办理")
    if not allowed:
        return f"该参加记录已{now.removeprefix('已')}，不能再{what}。"
    return f"该参加记录当前为“{now}”，不能{what}；现在可以：{allowed}。"


def minutes_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def counted(actual: int, cap: int) -> int:
    """The minutes that count: the actual time, at most the activity's cap."""
    return max(0, min(actual, cap))


def flagged(actual: int, length: int) -> bool:
    """Actual time beyond the activity's length plus 30 minutes: someone should look before confirming."""
    return actual > length + FLAG_GRACE_MINUTES


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two activities overlap when each starts before the other ends (touching ends do not)."""
    return a_start < b_end and b_start < a_end


def star_level(minutes: int) -> int:
    """0 … 5 from confirmed minutes (一星 from 100 hours)."""
    hours = minutes / 60
    return sum(1 for h in STAR_HOURS if hours >= h)


def star_label(minutes: int) -> str:
    """``★★★ 三星`` or empty below 100 hours."""
    n = star_level(minutes)
    return f"{'★' * n} {STAR_NAMES[n]}" if n else ""


def points_for(minutes: int, rate: float) -> int:
    """Tenths of a point earned by ``minutes`` of confirmed service at ``rate`` points per hour."""
    return int(round(minutes * rate / 6))  # minutes/60 h × rate × 10 tenths


def fmt_points(tenths: int) -> str:
    """``12`` / ``12.5`` (points are kept in tenths)."""
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def fmt_hours(minutes: int) -> str:
    """Hours with one decimal (the certificate's way): ``12.5``."""
    return f"{minutes / 60:.1f}"


def parse_needs(text: str) -> list[tuple[str, int]]:
    """``治安员:3;宣传员:2`` → [(治安员, 3), (宣传员, 2)]; raises ValueError with a Chinese reason."""
    out: list[tuple[str, int]] = []
    for part in text.replace("；", ";").replace("，", ";").replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        role, sep, n = part.replace("：", ":").partition(":")
        role = role.strip()
        if not sep or not n.strip().isdigit():
            raise ValueError(f"“{part}”应写成 岗位:人数，例如 治安员:3")
        count = int(n.strip())
        if not role or not 1 <= count <= 999:
            raise ValueError(f"“{part}”的人数应在1到999之间")
        if any(r == role for r, _ in out):
            raise ValueError(f"岗位“{role}”写了两次")
        out.append((role, count))
    return out


def format_needs(needs: list[tuple[str, int]]) -> str:
    return ";".join(f"{r}:{n}" for r, n in needs)


def needs_text(text: str) -> str:
    """``治安员3人、宣传员2人`` for lists and print."""
    try:
        return "、".join(f"{r}{n}人" for r, n in parse_needs(text))
    except ValueError:
        return text


def period_start(day: date, period: str) -> date | None:
    """The first day of the redemption-limit period holding ``day`` (None: no limit)."""
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if period == "year":
        return date(day.year, 1, 1)
    return None
