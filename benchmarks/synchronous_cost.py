"""Cost of ``PRAGMA synchronous = FULL`` (issue 13): single-row saves through a service, NORMAL vs FULL.

Each save is one service call = one transaction = one commit (a team member added, with its audit
history), on a fresh migrated database in a temporary folder (the machine's real disk: the cost is
the fsync of the WAL at each commit). Prints the total and the cost per save for each setting.

Usage::

    python benchmarks/synchronous_cost.py               # 500 saves each
    python benchmarks/synchronous_cost.py --saves 2000 --dir /path/on/the/office/disk
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policeroom import db as dbmod  # noqa: E402
from policeroom.models import MemberRole  # noqa: E402
from policeroom.services.people.team import MemberInput  # noqa: E402
from policeroom.services.registry import Services  # noqa: E402


def run(mode: str, saves: int, folder: Path) -> float:
    dbmod.SYNCHRONOUS = mode
    folder.mkdir(exist_ok=True)
    path = folder / f"sync-{mode.lower()}.db"
    database = dbmod.open_database("sqlite:///" + str(path))
    try:
        with database.engine.connect() as conn:
            got = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert got == {"NORMAL": 1, "FULL": 2}[mode], got
        services = Services(database.sessions)
        start = time.perf_counter()
        for i in range(saves):
            services.team.create(MemberInput(name=f"测试{i:04d}", role=MemberRole.volunteer))
        return time.perf_counter() - start
    finally:
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--dir", help="folder for the temporary databases (default: the system's temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        results: dict[str, float] = {}
        for round_ in range(2):  # alternate, keep each mode's best (the first run also warms up imports)
            for mode in ("NORMAL", "FULL"):
                seconds = run(mode, args.saves, Path(tmp) / f"r{round_}")
                results[mode] = min(seconds, results.get(mode, seconds))
    where = args.dir or tempfile.gettempdir()
    print(f"{args.saves} single-row saves (team member + history), one transaction each, in {where} (best of 2)")
    for mode, seconds in results.items():
        print(f"  synchronous={mode:<6}  total {seconds:6.2f} s   per save {seconds / args.saves * 1000:6.2f} ms")
    normal, full = results["NORMAL"], results["FULL"]
    print(f"  FULL costs {(full - normal) / args.saves * 1000:+.2f} ms per save ({full / normal:.2f}x)")


if __name__ == "__main__":
    main()
