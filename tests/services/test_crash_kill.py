"""SIGKILL a writer 20 times at random moments: the file stays sound, every acknowledged save is there,
the yearly numbering has no gap and the history chain holds (issue 13). ``benchmarks/crash_kill.py``
runs the same harness 200 times and prints the figures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.crash import check, kill_rounds, read_acks

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def test_twenty_kills_lose_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("POLICEROOM_CRASH_SEED", "13"))
    rounds = kill_rounds(tmp_path / "crash.db", kills=20, seed=seed)
    bad = [(i, r) for i, r in enumerate(rounds) if not r.ok]
    assert not bad, bad
    assert len(rounds) == 20
    acked = sum(r.acked for r in rounds)
    assert acked > 20  # the writer really saved between the kills
    assert rounds[-1].requests >= sum(1 for kind, *_ in read_acks(tmp_path / "crash.acks") if kind == "Q")


def test_check_sees_a_lost_save_a_gap_and_a_broken_chain(tmp_path: Path) -> None:
    """The checker is not blind: it reports each thing the crash test must never see."""
    import sqlite3

    path = tmp_path / "crash.db"
    kill_rounds(path, kills=1, seed=1, max_delay=0.3)
    acks = read_acks(path.with_suffix(".acks"))
    assert check(path, acks).ok
    assert not check(path, [*acks, ("R", 10**6, "不存在的人")]).ok
    con = sqlite3.connect(path)
    top = con.execute("SELECT max(seq) FROM assistance_request").fetchone()[0]
    if top:
        con.execute("UPDATE assistance_request SET seq = seq + 5 WHERE seq = ?", (top,))
    con.execute("UPDATE audit_entry SET actor = '别人' WHERE id = (SELECT min(id) FROM audit_entry)")
    con.commit()
    con.close()
    broken = check(path, [])
    assert broken.chain is not None
    assert broken.gaps or not top
