"""The minimum emergency response rings (最小应急响应圈, Guangzhou 2024) applied to a drill's times.

1分钟 岗位人员自救: the first member is at the scene within 60 s.
3分钟 互救: a second member has joined within 180 s (one person alone cannot give mutual aid — a roster
    that leaves a single person on post cannot meet this ring).
5分钟 事发单位或应急网格施救: every member called has arrived within 300 s (the unit has turned out).
10分钟 镇街力量增援 and 20分钟 专业救援: the street's reinforcement and the professional rescue arrived
    within 600 s and 1,200 s; recorded only when the drill included them.
"""

from __future__ import annotations

from collections.abc import Sequence

from policeroom.services.forces.types import RingResult

RINGS = (
    (1, "岗位人员自救", "首名成员1分钟内到场"),
    (3, "互救", "至少2名成员3分钟内到场"),
    (5, "事发单位或应急网格施救", "全部成员5分钟内到场"),
    (10, "镇街力量增援", "镇街力量10分钟内到场"),
    (20, "专业救援", "专业救援力量20分钟内到场"),
)


def evaluate_rings(
    arrivals: Sequence[int | None], reinforcement: int | None = None, professional: int | None = None
) -> list[RingResult]:
    """Which rings a drill met.

    Args:
        arrivals: each called member's arrival time in seconds (None: did not arrive).
        reinforcement: seconds until the street's reinforcement arrived (None: not part of the drill).
        professional: seconds until the professional rescue arrived (None: not part of the drill).
    """
    arrived = sorted(s for s in arrivals if s is not None)
    first = arrived[0] if arrived else None
    second = arrived[1] if len(arrived) >= 2 else None
    everyone = arrived[-1] if arrived and len(arrived) == len(arrivals) else None
    times = (first, second, everyone, reinforcement, professional)
    out = []
    for (minutes, name, rule), seconds in zip(RINGS, times, strict=True):
        if minutes >= 10 and seconds is None:
            met: bool | None = None
        else:
            met = seconds is not None and seconds <= minutes * 60
        out.append(RingResult(minutes, name, rule, seconds, met))
    return out


def ring_mark(ring: RingResult) -> str:
    """``3分钟✗`` for lists; ``10分钟—`` when not tested."""
    sign = "—" if ring.met is None else ("✓" if ring.met else "✗")
    return f"{ring.minutes}分钟{sign}"


def duration_text(seconds: int | None) -> str:
    """``2分05秒``; ``未到达`` for None."""
    if seconds is None:
        return "未到达"
    m, s = divmod(int(seconds), 60)
    return f"{m}分{s:02d}秒" if m else f"{s}秒"


def parse_duration(text: str) -> int | None:
    """``2:05``, ``2分5秒``, ``125`` (seconds), ``3分`` -> seconds; empty -> None (did not arrive).

    Raises ValueError with a Chinese message for anything else.
    """
    import re

    t = text.strip().replace("：", ":").replace(" ", "")
    if not t or t in ("未到", "未到达", "-", "—"):
        return None
    m = re.fullmatch(r"(\d{1,3}):(\d{1,2})", t) or re.fullmatch(r"(\d{1,3})分(?:(\d{1,2})秒?)?", t)
    if m:
        minutes, secs = int(m.group(1)), int(m.group(2) or 0)
        if secs >= 60:
            raise ValueError(f"“{text}”的秒数应小于60")
        return minutes * 60 + secs
    m = re.fullmatch(r"(\d{1,5})秒?", t)
    if m:
        return int(m.group(1))
    raise ValueError(f"用时“{text}”无法识别，请写成 2:05、2分5秒 或 125（秒）")
