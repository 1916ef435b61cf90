"""网格员考核 at scale: 30 grid workers, one month with 20,000 grid events, the whole 考核 in one call.

Builds a fresh migrated database in a temp dir: 30 grids with one grid worker each, 20,000 events found
in November 2026 (reported by the grid's own worker, a neighbour or a resident; 立案, 不立案, 自行处置 or
waiting), their loop timelines (立案 派遣 处置 反馈 核查结案 with on-time flags, some 返工 and 延期), and
10 places per grid with inspections. Then times ``AssessmentService.sheet("2026-11")`` — every counted
fact, rate, score and grade of all 30 workers — as median / max of ``--repeat`` runs, and the first run.

Usage::

    python benchmarks/assessment.py                 # 20,000 events, 30 workers
    python benchmarks/assessment.py --events 50000 --repeat 10
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from policeroom.db import open_database  # noqa: E402
from policeroom.models import (  # noqa: E402
    EventCategory,
    Grid,
    GridEvent,
    Inspection,
    InspectionItem,
    InspectionTick,
    LoopEvent,
    MemberRole,
    Place,
    PlaceKind,
    TeamMember,
    grid_assignment,
)
from policeroom.services.registry import Services  # noqa: E402

MONTH_START = datetime(2026, 11, 1)


def build(path: Path, n_events: int, n_workers: int, seed: int) -> None:
    rng = random.Random(seed)
    db = open_database("sqlite:///" + str(path), lock=False)
    with db.sessions() as s, s.begin():
        grids, workers = [], []
        for i in range(n_workers):
            g = Grid(code=f"WG{i + 1:02d}", name=f"第{i + 1}网格")
            m = TeamMember(name=f"网格员{i + 1:02d}", role=MemberRole.grid_worker)
            s.add_all([g, m])
            s.flush()
            s.execute(insert(grid_assignment).values(grid_id=g.id, member_id=m.id))
            grids.append(g.id)
            workers.append(m.id)
        cats = list(s.scalars(select(EventCategory.id)))
        events, loop = [], []
        for k in range(n_events):
            gi = rng.randrange(n_workers)
            found = MONTH_START + timedelta(minutes=rng.randrange(30 * 24 * 60))
            roll = rng.random()
            reporter = (
                workers[gi] if roll < 0.8 else (workers[rng.randrange(n_workers)] if roll < 0.9 else None)
            )
            outcome = rng.random()
            status, registered, selfh = "closed", found + timedelta(hours=1), False
            if outcome < 0.07:
                status, registered = "rejected", None
            elif outcome < 0.2:
                selfh = True
            elif outcome < 0.25:
                status, registered = "reported", None
            events.append({
                "id": k + 1, "number": f"SJ2026-{k + 1:06d}", "year": 2026, "seq": k + 1, "source": "patrol_check",
                "category_id": rng.choice(cats), "grid_id": grids[gi], "found_at": found,
                "reporter_id": reporter, "reporter_name": "" if reporter else "居民", "reporter_phone": "",
                "description": "楼道堆物", "urgency": "normal", "status": status,
                "handler_id": workers[gi] if status == "closed" else None, "registered_at": registered,
                "self_handled": selfh, "location": "", "handling": "", "feedback": "", "check_note": "",
                "rejected_reason": "", "tip_ref": "", "closed_at": registered if selfh else None,
                "created_at": found, "updated_at": found,
            })  # fmt: skip
            if status == "closed" and not selfh:
                t = registered
                for step, move in (("dispatch", "dispatch"), ("handle", "handle"), ("feedback", "feedback"),
                                   ("check", "close")):  # fmt: skip
                    t += timedelta(hours=rng.uniform(1, 20))
                    loop.append({"kind": "grid_event", "matter_id": k + 1, "move": move, "from_status": "",
                                 "to_status": "", "actor": "", "handler_id": workers[gi], "at": t, "note": "",
                                 "step": step, "on_time": rng.random() < 0.85, "extra": None})  # fmt: skip
                if rng.random() < 0.05:
                    loop.append({"kind": "grid_event", "matter_id": k + 1, "move": "rework", "from_status": "",
                                 "to_status": "", "actor": "", "handler_id": workers[gi], "at": t, "note": "",
                                 "step": None, "on_time": None, "extra": None})  # fmt: skip
        s.execute(insert(GridEvent), events)
        for i in range(0, len(loop), 5000):
            s.execute(insert(LoopEvent), loop[i : i + 5000])
        kind = s.scalar(select(PlaceKind.id))
        items = list(s.scalars(select(InspectionItem.id).where(InspectionItem.place_kind_id == kind)))
        for g in grids:
            for j in range(10):
                p = Place(grid_id=g, kind_id=kind, name=f"场所{g}-{j}", created_at=datetime(2026, 1, 1))
                s.add(p)
                s.flush()
                for d in (3, 17):
                    ins = Inspection(place_id=p.id, on_date=date(2026, 11, d), at=datetime(2026, 11, d, 10))
                    ins.ticks = [InspectionTick(item_id=i, ok=True) for i in items]
                    s.add(ins)
    db.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "assessment.db"
        t0 = time.perf_counter()
        build(path, args.events, args.workers, args.seed)
        print(f"built {args.events} events / {args.workers} workers in {time.perf_counter() - t0:.1f} s")
        db = open_database("sqlite:///" + str(path), lock=False)
        services = Services(db.sessions)
        times = []
        sheet = None
        for _ in range(args.repeat):
            t = time.perf_counter()
            sheet = services.assessment.sheet("2026-11")
            times.append(time.perf_counter() - t)
        assert sheet is not None
        reported = sum(next(f.value for f in r.facts if f.key == "reported") for r in sheet.rows)
        print(f"考核 of {len(sheet.rows)} grid workers, {reported} events reported by them in 2026-11:")
        print(f"  first {times[0] * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {len(times)} runs")  # fmt: skip
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
