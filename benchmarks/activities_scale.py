"""Activities at scale: 10,000 volunteers and 200,000 participations — the list with hours, points and stars.

``add_participations`` is also the loader for ``benchmarks/volunteers_list.py`` (its ``EXTRA_LOADERS``):
``EXTRA_LOADERS.append(add_participations)`` gives the 志愿者 list its 200,000 participations and ledgers.

Generates a migrated database with ``--volunteers`` volunteers (each a resident) and ``--participations``
confirmed participations (10,000 activities of 20 people), each with its hours and points ledger
entries (so 200,000 entries in each ledger), then measures through the real services, signed in as
the officer, in this process after a warm-up:

- opening the list: the ordered ids of every volunteer and the first page (200) of rows with confirmed
  hours, points and star, as the windowed list model does (``points.standing_ids`` + ``standings_for``);
- searching it: a 1-character and a 2-character name, pinyin initials, a volunteer number, nothing found;
- one volunteer's participations (``participation.rows(volunteer_id=…)``) and their passbook;
- the ledger check ``points.check()`` that ``verify`` runs (a monthly job, not a screen: reported, no target).

Rows go in through raw ``sqlite3`` in big transactions (benchmark data, not the program's path).
Every figure is the median of ``--repeat`` calls; the target for the list and its searches is 100 ms.

Usage::

    python benchmarks/activities_scale.py                       # temp dir, deleted after
    python benchmarks/activities_scale.py --db /tmp/vol.db      # generate once, reuse next time
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰志强"
TARGET_MS = 100
PAGE = 200  # the list model's page (ui.widgets.table.IdWindowModel.PAGE)


def generate(path: Path, volunteers: int, participations: int, seed: int = 14) -> None:
    from policeroom.db import open_database
    from policeroom.services.core.pinyin import name_keys

    open_database("sqlite:///" + str(path), lock=False).close()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA journal_mode=OFF")
    now = "2026-11-20 10:00:00.000000"
    with con:
        con.execute("INSERT INTO grid (code, name, description, households, archived, created_at, updated_at) "
                    "VALUES ('WG01', '一网格', '', 0, 0, ?, ?)", (now, now))  # fmt: skip
        con.execute("INSERT INTO team_member (name, name_pinyin, name_initials, role, active, notes, created_at, updated_at)"
                    " VALUES ('王建军', 'wang jian jun', 'wjj', 'officer', 1, '', ?, ?)", (now, now))  # fmt: skip
        keys: dict[str, tuple[str, str]] = {}
        residents, vols = [], []
        for i in range(1, volunteers + 1):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            if name not in keys:
                keys[name] = name_keys(name)
            py, ini = keys[name]
            residents.append((i, name, py, ini, "安华里", 1, "", 0, now, now))
            vols.append((i, f"ZY2026-{i:05d}", 2026, i, i, 1, "治安员", "", "", "2026-01-01", "active", "", "", "", "",
                         "2027-12-31", 0, "", now, now))  # fmt: skip
        con.executemany("INSERT INTO resident (id, name, name_pinyin, name_initials, address, grid_id, notes, archived, "
                        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", residents)  # fmt: skip
        con.executemany("INSERT INTO volunteer (id, number, year, seq, resident_id, grid_id, roles, skills, availability, "
                        "joined_on, status, status_reason, insurance_policy, insurer, notes, insurance_until, auxiliary, "
                        "status_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(*v[:15], v[15], v[16], None, v[18], v[19]) for v in vols])  # fmt: skip
    add_participations(con, list(range(1, volunteers + 1)), rng, participations)
    con.execute("ANALYZE")
    con.close()


def add_participations(con: sqlite3.Connection, volunteer_ids: list[int], rng: random.Random, participations: int = 200_000) -> None:
    """Confirmed participations (activities of 20 people, two hours each) with their hours and points
    ledger entries, the balances running as the program writes them."""
    now = "2026-11-20 10:00:00.000000"
    with con:
        organiser = con.execute("SELECT id FROM team_member ORDER BY id LIMIT 1").fetchone()
        if organiser is None:
            con.execute("INSERT INTO team_member (name, name_pinyin, name_initials, role, active, notes, created_at, "
                        "updated_at) VALUES ('王建军', 'wang jian jun', 'wjj', 'officer', 1, '', ?, ?)", (now, now))  # fmt: skip
            organiser = con.execute("SELECT id FROM team_member ORDER BY id LIMIT 1").fetchone()
        org = organiser[0]
        per = 20
        n_act = participations // per
        start = datetime(2024, 1, 1, 9)
        acts = []
        for a in range(1, n_act + 1):
            begins = start + timedelta(hours=a * 2)
            acts.append((a, f"HD{begins.year}-{a:05d}", begins.year, a, "智慧义巡", f"平安义巡{a}", org, "小区", None,
                         begins.isoformat(" "), (begins + timedelta(hours=2)).isoformat(" "), "", 0, None, "finished",
                         "", "", now, now))  # fmt: skip
        con.executemany("INSERT INTO activity (id, number, year, seq, kind, title, organiser_id, place, grid_id, starts_at,"
                        " ends_at, needs, risky, cap_minutes, status, cancel_reason, notes, created_at, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", acts)  # fmt: skip
        parts, hours, points = [], [], []
        balance_h: dict[int, int] = {}
        balance_p: dict[int, int] = {}
        pid = 0
        for a, *_rest in acts:
            begins = start + timedelta(hours=a * 2)
            for v in rng.sample(volunteer_ids, per):
                pid += 1
                parts.append((pid, a, v, "", "confirmed", begins.isoformat(" "), 120, 120, 120, 0, "王建军", "王建军",
                              begins.isoformat(" "), "", now, now))  # fmt: skip
                balance_h[v] = balance_h.get(v, 0) + 120
                balance_p[v] = balance_p.get(v, 0) + 20
                at = (begins + timedelta(days=1)).isoformat(" ")
                hours.append((pid, v, f"hours:participation:{pid}", "service", 120, balance_h[v], f"HD {a}", "", at, "王建军", pid))
                points.append((pid, v, f"points:participation:{pid}", "earn", 20, balance_p[v], f"HD {a}", "", at, "王建军", pid))
        con.executemany("INSERT INTO participation (id, activity_id, volunteer_id, role, status, applied_at, "
                        "scheduled_minutes, actual_minutes, counted_minutes, flagged, recorded_by, confirmed_by, "
                        "confirmed_at, void_reason, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", parts)  # fmt: skip
        for table, rows in (("hours_entry", hours), ("points_entry", points)):
            con.executemany(f"INSERT INTO {table} (id, volunteer_id, op_key, kind, amount, balance_after, summary, reason, "  # noqa: S608
                            "at, operator, participation_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)  # fmt: skip


def measure(fn, repeat: int) -> tuple[float, float]:  # noqa: ANN001
    fn()  # warm-up (caches, first query plans)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--volunteers", type=int, default=10_000)
    ap.add_argument("--participations", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    tmp = None
    path = args.db
    if path is None:
        tmp = Path(tempfile.mkdtemp())
        path = tmp / "volunteers.db"
    try:
        if not path.exists():
            t = time.perf_counter()
            generate(path, args.volunteers, args.participations)
            print(f"generated {args.volunteers:,} volunteers, {args.participations:,} participations in {time.perf_counter() - t:.1f} s")
        from policeroom.db import open_database
        from policeroom.models import AccountRole
        from policeroom.services.core.context import Actor
        from policeroom.services.registry import Services

        db = open_database("sqlite:///" + str(path), lock=False)
        sv = Services(db.sessions, Actor(None, "王建军", AccountRole.officer, 1))
        some = sv.points.standings("ZY2026-00042")[0].volunteer
        name = some.name
        def page(query: str = "") -> list:
            """What the list does on opening or searching: every matching id, then the first page of rows."""
            ids = sv.points.standing_ids(query)
            return sv.points.standings_for(ids[:PAGE])

        figures = {
            "open the list (ids + first page with hours, points, stars)": lambda: page(),
            f"search 1 character “{name[0]}”": lambda: page(name[0]),
            f"search 2 characters “{name[:2]}”": lambda: page(name[:2]),
            "search pinyin initials “wj”": lambda: page("wj"),
            "search a number “ZY2026-00042”": lambda: page("ZY2026-00042"),
            "search nothing found “不存在的人”": lambda: page("不存在的人"),
            "one volunteer's participations": lambda: sv.participation.rows(volunteer_id=some.id),
            "one volunteer's passbook": lambda: sv.certificates.passbook(some.id),
        }
        worst = 0.0
        for label, fn in figures.items():
            med, mx = measure(fn, args.repeat)
            rows = len(fn()) if isinstance(fn(), list) else 1
            print(f"{label:58s} median {med:7.1f} ms   max {mx:7.1f} ms   ({rows} rows)")
            if "list" in label or "search" in label:
                worst = max(worst, med)
        t = time.perf_counter()
        problems = sv.points.check()
        print(f"{'ledger check (verify), both ledgers':58s} {1000 * (time.perf_counter() - t):7.1f} ms   ({len(problems)} problems)")
        print(f"list and searches: worst median {worst:.1f} ms — {'within' if worst < TARGET_MS else 'OVER'} the {TARGET_MS} ms target")
        db.close()
        _ = date
        return 0 if worst < TARGET_MS else 1
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
