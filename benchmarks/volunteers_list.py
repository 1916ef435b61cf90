"""平安志愿者 at scale: the 志愿者 list with 10,000 volunteers opens and searches in under 100 ms.

Generates a migrated database with ``--volunteers`` volunteers (each a resident with a pinyin key,
spread over grids and teams, some 义警, insured or not), then measures through the real screen
(the 志愿者 tab of 群防群治 on Qt's offscreen platform, signed in as the officer):

- opening the tab (count, ordered ids, the first screenful of rows painted);
- searches typed in the box: a 1- and a 2-character name, pinyin initials, a volunteer number,
  a miss; and the filters (team, role, status, insurance expiring);
- the same calls at the service level.

Each figure is the median / max of ``--repeat`` runs.

Extending (the activities and points ledgers add their rows): put a function in ``EXTRA_LOADERS``
taking ``(sqlite3.Connection, volunteer_ids, random.Random)``; it runs after the volunteers are
written and before the measurements, e.g. to add 200,000 participations.

Usage::

    QT_QPA_PLATFORM=offscreen python benchmarks/volunteers_list.py [--volunteers 10000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文斌玉兰志强海燕红梅春梅淑珍丽华国强"
TEAMS = ("平安义巡一队", "平安宣传队", "平安楼栋长", "平安护苗队", "安华义警队", "平安先锋队")
ROLES = ("治安员", "信息员", "调解员", "宣传员")

#: more rows for later parts (activities, participations): (conn, volunteer ids, rng) -> None
EXTRA_LOADERS: list[Callable[[sqlite3.Connection, list[int], random.Random], None]] = []


def _ledgers(conn: sqlite3.Connection, ids: list[int], rng: random.Random) -> None:
    """The hours and points ledgers the list reads beside each name (服务时长 积分 星级): 0-40 confirmed
    services of 1-4 hours per volunteer, each with its points (about 200,000 entries for 10,000)."""
    hours, points = [], []
    for vid in ids:
        h = p = 0
        for k in range(rng.randint(0, 40)):
            m = rng.choice((60, 90, 120, 180, 240))
            h, p = h + m, p + m // 6
            at = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 20:00:00"
            hours.append((vid, f"hours:bench:{vid}:{k}", "service", m, h, at))
            points.append((vid, f"points:bench:{vid}:{k}", "earn", m // 6, p, at))
    for table, rows in (("hours_entry", hours), ("points_entry", points)):
        conn.executemany(f"INSERT INTO {table} (volunteer_id, op_key, kind, amount, balance_after, summary, reason, at, "
                         "operator) VALUES (?, ?, ?, ?, ?, '基准', '', ?, '基准')", rows)  # noqa: S608 - two fixed names


EXTRA_LOADERS.append(_ledgers)


def build(path: Path, n: int, seed: int = 14) -> None:
    """A migrated database with ``n`` volunteers, written through sqlite3 in one transaction."""
    from policeroom.db import open_database
    from policeroom.services.core.pinyin import name_keys

    db = open_database("sqlite:///" + str(path))
    db.close()
    rng = random.Random(seed)
    today = date.today()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    cur = conn.cursor()
    for g in range(1, 9):
        cur.execute("INSERT INTO grid (id, code, name, description, households, archived, created_at, updated_at) "
                    "VALUES (?, ?, ?, '', 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", (g, f"WG{g:02d}", f"第{g}网格"))
    for t, name in enumerate(TEAMS, start=1):
        cur.execute("INSERT INTO volunteer_team (id, name, kind, site, model_squad, notes, archived, created_at, updated_at) "
                    "VALUES (?, ?, '其他', '', 0, '', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", (t, name))
    keys: dict[str, tuple[str, str]] = {}
    residents, volunteers, members = [], [], []
    for i in range(1, n + 1):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in keys:
            keys[name] = name_keys(name)
        py, ini = keys[name]
        grid = rng.randint(1, 8)
        residents.append((i, name, py, ini, f"13{rng.randint(0, 999999999):09d}", grid))
        year = 2026 if i <= n // 2 else 2025
        seq = i if year == 2026 else i - n // 2
        until = today + timedelta(days=rng.randint(-60, 400)) if rng.random() < 0.8 else None
        roles = "、".join(r for r in ROLES if rng.random() < 0.4) or "治安员"
        volunteers.append((i, f"ZY{year}-{seq:04d}", year, seq, i, grid, roles, today - timedelta(days=rng.randint(10, 2000)),
                           rng.choice(("active",) * 8 + ("suspended", "cancelled")), until, int(rng.random() < 0.1)))
        members.append((rng.randint(1, len(TEAMS)), i))
    cur.executemany("INSERT INTO resident (id, name, name_pinyin, name_initials, phone, address, grid_id, notes, archived, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, '', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", residents)
    cur.executemany("INSERT INTO volunteer (id, number, year, seq, resident_id, grid_id, roles, skills, availability, joined_on, "
                    "status, status_reason, insurance_policy, insurer, insurance_until, auxiliary, notes, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, '', 'P', '人保', ?, ?, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    volunteers)
    cur.executemany("INSERT INTO volunteer_team_member (team_id, volunteer_id) VALUES (?, ?)", members)
    ids = [v[0] for v in volunteers]
    for loader in EXTRA_LOADERS:
        loader(conn, ids, rng)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--volunteers", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=15)
    args = p.parse_args()
    from PySide6.QtWidgets import QApplication

    from policeroom.db import open_database
    from policeroom.models import AccountRole
    from policeroom.services.core.context import Actor
    from policeroom.services.forces.types import VolunteerFilter
    from policeroom.services.registry import Services
    from policeroom.ui.bus import ChangeBus
    from policeroom.ui.forces.volunteers import VolunteersTab

    tmp = Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    build(tmp / "bench.db", args.volunteers)
    print(f"生成 {args.volunteers} 名志愿者：{time.perf_counter() - t0:.1f} 秒")
    app = QApplication(sys.argv)
    db = open_database("sqlite:///" + str(tmp / "bench.db"))
    services = Services(db.sessions, Actor(account_id=None, name="基准", role=AccountRole.officer))
    bus = ChangeBus()

    def open_tab() -> None:
        tab = VolunteersTab(services, bus)
        tab.resize(1280, 700)
        tab.show()
        app.processEvents()
        tab.grab()  # paints the first screenful (rows fetched on demand)
        tab.close()
        tab.deleteLater()

    print(f"{'项目':<24}{'中位数 ms':>10}{'最大 ms':>10}")
    t = time.perf_counter()
    open_tab()
    print(f"{'首次打开（冷启动）':<20}{(time.perf_counter() - t) * 1000:>10.1f}")
    med, mx = timed(open_tab, args.repeat)
    print(f"{'打开志愿者列表（含绘制）':<20}{med:>10.1f}{mx:>10.1f}")
    tab = VolunteersTab(services, bus)
    tab.resize(1280, 700)
    tab.show()
    app.processEvents()
    two = services.volunteers.rows(services.volunteers.search_ids(VolunteerFilter())[:1])[0].name[:2]
    queries = {"姓名1字“王”": "王", f"姓名2字“{two}”": two, "拼音首字母“wf”": "wf", "编号“ZY2026-0421”": "ZY2026-0421",
               "没有结果“zzzzq”": "zzzzq"}
    for label, q in queries.items():
        def search(q: str = q) -> None:
            tab.search_box.setText(q)
            tab.search_box.flush()
            tab.grab()

        med, mx = timed(search, args.repeat)
        print(f"{'搜索 ' + label:<20}{med:>10.1f}{mx:>10.1f}   {tab.model.rowCount()} 条")
    tab.search_box.setText("")
    tab.search_box.flush()
    filters = {"队伍": ("team_filter", 2), "角色 调解员": ("role_filter", 3), "状态 暂停": ("status_filter", 2),
               "保险30天内到期": ("insurance_filter", 1)}
    for label, (name, index) in filters.items():
        combo = getattr(tab, name)

        runs = []
        for _ in range(args.repeat):
            combo.setCurrentIndex(0)  # back to 全部, outside the timing
            t = time.perf_counter()
            combo.setCurrentIndex(index)
            tab.grab()
            runs.append((time.perf_counter() - t) * 1000)
        med, mx = statistics.median(runs), max(runs)
        print(f"{'筛选 ' + label:<20}{med:>10.1f}{mx:>10.1f}   {tab.model.rowCount()} 条")
        combo.setCurrentIndex(0)
    vs = services.volunteers
    med, mx = timed(lambda: vs.rows(vs.search_ids(VolunteerFilter())[:200]), args.repeat)
    print(f"{'服务：全部id+首屏200行':<20}{med:>10.1f}{mx:>10.1f}")
    med, mx = timed(lambda: vs.search_ids(VolunteerFilter(query="wf")), args.repeat)
    print(f"{'服务：拼音搜索':<20}{med:>10.1f}{mx:>10.1f}")
    db.close()


if __name__ == "__main__":
    main()
