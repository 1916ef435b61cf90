"""Crash test at scale (issue 13): SIGKILL a writer 200 times at random moments and count what broke.

The writer saves residents and numbered requests through the services and acknowledges each save
after its commit; after every kill the file is checked (``PRAGMA integrity_check``, every
acknowledged save present, yearly numbering without gaps, the history chain verified). The same
harness as the slow test ``tests/services/test_crash_kill.py`` (20 kills): ``tests/crash.py``.

Usage::

    python benchmarks/crash_kill.py                  # 200 kills, seed 2026
    python benchmarks/crash_kill.py --kills 50 --seed 7 --dir /path/on/the/office/disk
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.crash import Round, kill_rounds  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--max-delay", type=float, default=0.4, help="longest wait (s) before a kill")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database (default: a temp folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="crash-", dir=args.dir))
    start = time.perf_counter()

    def progress(i: int, r: Round) -> None:
        if (i + 1) % 20 == 0 or not r.ok:
            print(f"  {i + 1:4d} kills, {time.perf_counter() - start:6.1f} s, last round: {r.acked} acked, "
                  f"{'ok' if r.ok else 'BROKEN'}", flush=True)

    rounds = kill_rounds(folder / "crash.db", args.kills, args.seed, max_delay=args.max_delay, log=progress)
    took = time.perf_counter() - start
    acked = [r.acked for r in rounds]
    last = rounds[-1]
    print(f"kills: {len(rounds)} (SIGKILL after a random 0-{args.max_delay:g} s of saving; seed {args.seed})")
    print(f"acknowledged saves: {sum(acked)} (per round min {min(acked)}, median {statistics.median(acked):g}, "
          f"max {max(acked)})")
    print(f"in the file at the end: {last.residents} residents, {last.requests} requests")
    print(f"integrity_check not ok: {sum(r.integrity != 'ok' for r in rounds)}")
    print(f"acknowledged saves missing: {sum(len(r.missing) for r in rounds)}")
    print(f"numbering gaps: {sum(len(r.gaps) for r in rounds)}")
    print(f"history chain broken: {sum(r.chain is not None for r in rounds)}")
    print(f"time: {took:.1f} s ({took / len(rounds):.2f} s per kill, writer start-up included)")
    bad = [r for r in rounds if not r.ok]
    for r in bad[:5]:
        print("BROKEN:", r)
    return 1 if bad or len(rounds) < args.kills else 0


if __name__ == "__main__":
    raise SystemExit(main())
