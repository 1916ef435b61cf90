"""Default shift types and requirements of a community police room (all editable), and the 三班倒 template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from policeroom.services.roster.types import NeedKind, Post


@dataclass(frozen=True)
class ShiftTemplate:
    code: str
    name: str
    post: Post
    start: time
    end: time
    night: bool = False
    roles: tuple[str, ...] = ("officer", "staff", "grid_worker", "auxiliary")
    color: str = "#e3f2fd"


@dataclass(frozen=True)
class NeedTemplate:
    kind: NeedKind
    shift_codes: tuple[str, ...]
    min_count: int
    roles: tuple[str, ...] | None = None
    days: str = "all"


DEFAULT_SHIFTS = (
    ShiftTemplate("白", "白班", Post.desk, time(8, 30), time(17, 30), color="#fff3c4"),
    ShiftTemplate("夜", "夜间值班", Post.duty, time(17, 30), time(8, 30), night=True, color="#c5cae9"),
    ShiftTemplate("巡", "巡防", Post.patrol, time(19, 0), time(21, 0), color="#c8e6c9"),
    ShiftTemplate("备", "民警备勤", Post.on_call, time(8, 30), time(8, 30), roles=("officer",), color="#eeeeee"),
)

DEFAULT_NEEDS = (
    NeedTemplate(NeedKind.shift, ("白",), 1, ("officer", "staff")),
    NeedTemplate(NeedKind.shift, ("白",), 2, None, "workday"),
    NeedTemplate(NeedKind.shift, ("夜",), 2),
    NeedTemplate(NeedKind.role_daily, ("白", "夜", "备"), 1, ("officer",)),
    NeedTemplate(NeedKind.grid_patrol, ("巡",), 3),
)

#: 三班倒: 8-hour shifts for a room staffed around the clock (7x24).
THREE_SHIFT_SHIFTS = (
    ShiftTemplate("早", "早班", Post.desk, time(8, 0), time(16, 0), color="#fff3c4"),
    ShiftTemplate("中", "中班", Post.desk, time(16, 0), time(0, 0), color="#ffe0b2"),
    ShiftTemplate("夜", "夜班", Post.duty, time(0, 0), time(8, 0), night=True, color="#c5cae9"),
    ShiftTemplate("巡", "巡防", Post.patrol, time(19, 0), time(21, 0), color="#c8e6c9"),
    ShiftTemplate("备", "民警备勤", Post.on_call, time(8, 0), time(8, 0), roles=("officer",), color="#eeeeee"),
)

THREE_SHIFT_NEEDS = (
    NeedTemplate(NeedKind.shift, ("早",), 1, ("officer", "staff")),
    NeedTemplate(NeedKind.shift, ("早",), 2),
    NeedTemplate(NeedKind.shift, ("中",), 2),
    NeedTemplate(NeedKind.shift, ("夜",), 2),
    NeedTemplate(NeedKind.role_daily, ("早", "中", "夜", "备"), 1, ("officer",)),
    NeedTemplate(NeedKind.grid_patrol, ("巡",), 3),
)

TEMPLATES = {"standard": ("白班＋夜间值班＋巡防", DEFAULT_SHIFTS, DEFAULT_NEEDS),
             "three": ("三班倒（7×24小时）", THREE_SHIFT_SHIFTS, THREE_SHIFT_NEEDS)}
