"""The crash harness (issue 13): a writer process saving through the services, killed with SIGKILL.

The writer (``python -m tests.crash writer DB ACKS``) saves residents and requests (numbered
QZ2026-000001 …) one service call at a time and, after each call returns (the commit is done),
appends an acknowledgement line to ``ACKS``: ``R <id> <name>`` or ``Q <id> <number>``. A save the
writer acknowledged is one a person was told was saved. After each kill :func:`check` opens the file
as the next program would and looks for what must never happen: a damaged file, an acknowledged save
missing, a gap in the yearly numbering, a broken history chain.

Used by ``tests/services/test_crash_kill.py`` (20 kills, marked slow) and ``benchmarks/crash_kill.py``
(200 kills, prints the figures).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Round:
    """What one kill left behind."""

    acked: int  # saves acknowledged in this round
    integrity: str
    missing: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    chain: str | None = None  # the chain's break in Chinese, or None when intact
    residents: int = 0
    requests: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.missing and not self.gaps and self.chain is None


def prepare(path: Path) -> int:
    """A migrated database with a receiver for the requests; returns the receiver's team-member id."""
    from policeroom.db import open_database
    from policeroom.models import MemberRole
    from policeroom.services.people.team import MemberInput
    from policeroom.services.registry import Services

    db = open_database("sqlite:///" + str(path))
    try:
        return Services(db.sessions).team.create(MemberInput(name="王建军", role=MemberRole.officer))
    finally:
        db.close()


def writer(path: Path, acks: Path, receiver: int) -> None:  # pragma: no cover - runs in the child
    """Save until killed; acknowledge each save after its service call returned."""
    from policeroom.db import open_database
    from policeroom.models import Channel, Urgency
    from policeroom.services.core import clock
    from policeroom.services.people.residents import ResidentInput
    from policeroom.services.registry import Services
    from policeroom.services.requests.types import RequestInput

    db = open_database("sqlite:///" + str(path))
    services = Services(db.sessions)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(fd, b"READY\n")
    rng = random.Random(os.getpid())
    n = 0
    while True:
        n += 1
        name = f"测试居民{os.getpid()}号{n}"
        rid = services.residents.create(ResidentInput(name=name, phone=f"139{rng.randrange(10**8):08d}"))
        os.write(fd, f"R {rid} {name}\n".encode())
        qid = services.requests.create(RequestInput(
            received_at=clock.now_minute(), channel=Channel.visit, category="邻里求助", urgency=Urgency.normal,
            description=f"第{n}次求助：楼上漏水", receiver_id=receiver, resident_id=rid,
        ))
        number = services.requests.get(qid).number
        os.write(fd, f"Q {qid} {number}\n".encode())


def read_acks(acks: Path) -> list[tuple[str, int, str]]:
    """The complete acknowledgement lines (a line cut by the kill was never an acknowledgement)."""
    if not acks.exists():
        return []
    out = []
    for line in acks.read_text(encoding="utf-8", errors="replace").split("\n")[:-1]:
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] in ("R", "Q"):
            out.append((parts[0], int(parts[1]), parts[2]))
    return out


def check(path: Path, acks: list[tuple[str, int, str]]) -> Round:
    """Open the file after a kill, as the next program would, and look at everything."""
    from sqlalchemy import create_engine

    from policeroom.services.core import auditchain

    con = sqlite3.connect(str(path), timeout=10)
    try:
        integrity = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check").fetchall())
        residents = dict(con.execute("SELECT id, name FROM resident").fetchall())
        requests = dict(con.execute("SELECT id, number FROM assistance_request").fetchall())
        seqs: dict[int, list[int]] = defaultdict(list)
        for year, seq in con.execute("SELECT year, seq FROM assistance_request ORDER BY year, seq"):
            seqs[year].append(seq)
    finally:
        con.close()
    result = Round(acked=len(acks), integrity=integrity, residents=len(residents), requests=len(requests))
    for kind, ident, value in acks:
        stored = (residents if kind == "R" else requests).get(ident)
        if stored != value:
            result.missing.append(f"{kind} {ident} {value} (found: {stored})")
    for year, got in seqs.items():
        if got != list(range(1, len(got) + 1)):
            result.gaps.append(f"{year}: {len(got)} numbers, highest {max(got)}")
    engine = create_engine("sqlite:///" + str(path))
    try:
        with engine.connect() as conn:
            report = auditchain.verify_full(conn)
    finally:
        engine.dispose()
    result.chain = None if report.ok else report.broken.message
    return result


def kill_rounds(path: Path, kills: int, seed: int, *, max_delay: float = 0.4, log=None) -> list[Round]:  # noqa: ANN001
    """Start the writer, let it save, SIGKILL it at a random moment; ``kills`` times. Checked after each."""
    rng = random.Random(seed)
    receiver = prepare(path)
    acks = path.with_suffix(".acks")
    rounds: list[Round] = []
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for i in range(kills):
        before = len(read_acks(acks))
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash", "writer", str(path), str(acks), str(receiver)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            # the round starts once the writer has saved its first record (imports and caches are warm)
            while not acks.exists() or acks.read_bytes().count(b"READY") <= i or len(read_acks(acks)) <= before:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"writer did not start: {child.stderr.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, max_delay))  # a random moment: mid-transaction, mid-commit, mid-fsync …
        finally:  # killed whatever happens here: a writer left running would save for ever
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stderr.close()
        every = read_acks(acks)
        result = check(path, every)
        result.acked = len(every) - before
        rounds.append(result)
        if log is not None:
            log(i, result)
        if not result.ok:
            break
    return rounds


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1] == "writer":
        writer(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
