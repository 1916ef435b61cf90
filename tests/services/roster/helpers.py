"""Small rosters built in code for the roster tests."""

from __future__ import annotations

from datetime import date, time, timedelta

from policeroom.services.roster.types import Member, Need, NeedKind, Post, Problem, Rules, Shift

DAY = Shift(1, "白", "白班", Post.desk, time(8, 30), time(17, 30))
NIGHT = Shift(2, "夜", "夜间值班", Post.duty, time(17, 30), time(8, 30), night=True)
PATROL = Shift(3, "巡", "巡防", Post.patrol, time(19, 0), time(21, 0))
ONCALL = Shift(4, "备", "民警备勤", Post.on_call, time(8, 30), time(8, 30), roles=frozenset({"officer"}))
SHIFTS = [DAY, NIGHT, PATROL, ONCALL]

NEEDS = [
    Need(1, NeedKind.shift, (1,), 1, frozenset({"officer", "staff"})),
    Need(2, NeedKind.shift, (1,), 2, None, "workday"),
    Need(3, NeedKind.shift, (2,), 2),
    Need(4, NeedKind.role_daily, (1, 2, 4), 1, frozenset({"officer"})),
    Need(5, NeedKind.grid_patrol, (3,), 3),
]


def team(grid_workers: int = 8) -> tuple[list[Member], dict[int, str]]:
    names = "张秀兰 李海涛 赵丽娟 孙志刚 周春梅 吴俊杰 郑婷 马宏伟 冯敏 陈刚 褚红 卫东".split()
    members = [Member(1, "王建军", "officer"), Member(2, "刘晓燕", "staff"), Member(3, "陈磊", "staff")]
    grids = {}
    for i in range(grid_workers):
        grids[100 + i] = f"第{i + 1}网格"
        members.append(Member(10 + i, names[i % len(names)] + ("" if i < len(names) else str(i)), "grid_worker",
                              (100 + i,)))
    return members, grids


def problem(start: date = date(2026, 11, 23), days: int = 7, grid_workers: int = 8, **kw) -> Problem:
    members, grids = team(grid_workers)
    from policeroom.services.roster.calendar import day_kinds

    end = start + timedelta(days=days - 1)
    period = [start + timedelta(days=i) for i in range(days)]
    kinds = {d: i.kind for d, i in day_kinds(period).items()}
    return Problem(start, end, members, list(kw.pop("shifts", SHIFTS)), list(kw.pop("needs", NEEDS)),
                   kw.pop("rules", Rules()), day_kinds=kinds, grids=grids, **kw)
