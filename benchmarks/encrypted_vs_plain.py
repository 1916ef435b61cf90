"""The encrypted database keeps the speed? 群众求助 at station scale, plain file next to SQLCipher.

Uses the 1,000,000-request generator of ``benchmarks/requests_scale.py`` for a plain file, exports it
into an encrypted one (``sqlcipher_export``, as the upgrade does) and gives the demo officer a key slot.
Then, in fresh child processes taking turns (plain, encrypted, plain, encrypted ...), through the real
service API signed in as the officer:

- sign-in and open: unlocking the key slot (scrypt at the shipped cost; encrypted only), opening the
  database (engine, pragmas, schema check) and the account check;
- opening the list (count + first 200 ids + their rows), cold (first call) and warm;
- searches (surname, 2-char name, phone fragment, phrase, pinyin initials, nothing);
- scrolling to random offsets and to the end.

Usage::

    python benchmarks/encrypted_vs_plain.py --rows 100000             # generated in a temp dir, deleted after
    python benchmarks/encrypted_vs_plain.py --db /tmp/rq1m.db         # reuse requests_scale.py's file (1M)
    python benchmarks/encrypted_vs_plain.py --db /tmp/rq1m.db --repeat 10 --rounds 3

Figures are medians over ``--repeat`` calls per child and over ``--rounds`` children per variant; the
cold figures are the first call in each child (median over the rounds).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
for p in (str(REPO_ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

import requests_scale as rs  # noqa: E402 - the generator and the queries of the 1M benchmark

SEARCHES = ("surname", "name2", "phone", "phrase", "pinyin", "nothing")


def _officer(path: Path, key: bytes | None = None) -> tuple[int, str]:
    if key is None:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        from policeroom.vault.cipher import connect

        conn = connect(path, key)
    row = conn.execute(
        "SELECT a.id, a.username FROM account a JOIN team_member m ON m.id = a.member_id WHERE m.role = 'officer' "
        "ORDER BY a.id LIMIT 1"
    ).fetchone()
    conn.close()
    return row[0], row[1]


def make_encrypted(plain: Path, target: Path) -> float:
    """The encrypted copy of ``plain`` with a slot for the demo officer; seconds it took."""
    from policeroom.services.demo.seed import DEMO_PASSWORD
    from policeroom.vault.convert import export_encrypted
    from policeroom.vault.unlocked import Vault

    for extra in ("", "-wal", "-shm", ".keys"):
        Path(f"{target}{extra}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    vault = Vault.create(target)
    export_encrypted(plain, target, vault.key)
    account_id, username = _officer(plain)
    vault.set_password(account_id, username, DEMO_PASSWORD)
    return time.perf_counter() - t0


def child(path: Path, encrypted: bool, repeat: int) -> dict:
    """One fresh process: sign in, then the list, searches and scrolling."""
    from policeroom.services.demo.seed import DEMO_PASSWORD
    from policeroom.services.requests.service import RequestFilter

    out: dict[str, list[float] | float] = {}
    t0 = time.perf_counter()
    import policeroom.db  # noqa: F401 - import time is the same for both: not counted below
    import policeroom.services.registry  # noqa: F401
    import policeroom.vault.signin  # noqa: F401

    out["import_ms"] = (time.perf_counter() - t0) * 1000
    from policeroom.db import open_database
    from policeroom.services.registry import Services
    from policeroom.vault.unlocked import Vault

    vault = None
    username = "wangjianjun"
    if encrypted:
        from policeroom.vault.keys import ACCOUNT, KeyFile, keys_path

        username = next(s.username for s in KeyFile.load(keys_path(path)).slots if s.kind == ACCOUNT)
        t, vault = rs._ms(lambda: Vault.unlock(path, username, DEMO_PASSWORD))
        assert vault is not None
        out["unlock_ms"] = t
    else:
        username = _officer(path)[1]
        out["unlock_ms"] = 0.0
    t, db = rs._ms(lambda: open_database(f"sqlite:///{path}", vault=vault))
    out["open_db_ms"] = t
    services = Services(db.sessions)
    t, actor = rs._ms(lambda: services.accounts.authenticate(username, DEMO_PASSWORD))
    out["authenticate_ms"] = t
    services.sign_in(actor)
    rq = services.requests

    def open_list() -> float:
        t_count, total = rs._ms(lambda: rq.count(RequestFilter()))
        t_ids, ids = rs._ms(lambda: rq.ids(RequestFilter(), limit=200))
        t_rows, _rows = rs._ms(lambda: rq.rows(ids))
        out["total"] = total
        return t_count + t_ids + t_rows

    queries = {k: q for k, _label, q in out_queries}
    rng = random.Random(5)
    samples: dict[str, list[float]] = {}

    def record(name: str, ms: float) -> None:
        if f"{name}_cold_ms" not in out:
            out[f"{name}_cold_ms"] = ms
        else:
            samples.setdefault(name, []).append(ms)

    for _ in range(repeat + 1):
        record("list_open", open_list())
        for key in SEARCHES:
            f = RequestFilter(query=queries[key])
            t_count, hits = rs._ms(lambda: rq.count(f))  # noqa: B023
            t_ids, _ids = rs._ms(lambda: rq.ids(f, limit=200))  # noqa: B023
            record(f"search_{key}", t_count + t_ids)
        total = int(out["total"])
        for name, offset in (("scroll", rng.randrange(0, max(1, total - 200))), ("scroll_last", max(0, total - 200))):
            t_ids, ids = rs._ms(lambda: rq.ids(RequestFilter(), limit=200, offset=offset))  # noqa: B023
            t_rows, _rows = rs._ms(lambda: rq.rows(ids))  # noqa: B023
            record(name, t_ids + t_rows)
    db.close()
    for name, values in samples.items():
        out[f"{name}_ms"] = statistics.median(values)
    return out


out_queries: list[tuple[str, str, str]] = []


def run_child(path: Path, encrypted: bool, repeat: int, queries_file: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--db", str(path), "--repeat", str(repeat),
           "--queries", str(queries_file)] + (["--encrypted"] if encrypted else [])  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"child failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(rows: int, plain: list[dict], enc: list[dict], sizes: tuple[float, float], export_s: float) -> None:
    def med(results: list[dict], key: str) -> float:
        return statistics.median(float(r[key]) for r in results)

    print(f"\n{rows:,} requests; plain file {sizes[0]:,.0f} MB, encrypted {sizes[1]:,.0f} MB; "
          f"sqlcipher_export + check took {export_s:.1f} s; {len(plain)} + {len(enc)} fresh processes")
    print(f"{'figure (ms, median)':34} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    keys = [("unlock_ms", "unlock key slot (scrypt 2^17)"), ("open_db_ms", "open database"),
            ("authenticate_ms", "sign-in check (account)"), ("list_open_cold_ms", "open list, cold (1st call)"),
            ("list_open_ms", "open list, warm"),
            *[(f"search_{k}_cold_ms", f"search {k}, cold") for k in SEARCHES],
            *[(f"search_{k}_ms", f"search {k}, warm") for k in SEARCHES],
            ("scroll_cold_ms", "scroll (random offset), cold"), ("scroll_ms", "scroll (random offset), warm"),
            ("scroll_last_ms", "scroll to the end, warm")]  # fmt: skip
    for key, label in keys:
        p, e = med(plain, key), med(enc, key)
        ratio = f"{e / p:.2f}×" if p > 0.05 else "—"
        print(f"{label:34} {p:10.1f} {e:10.1f} {ratio:>7}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="plain database to reuse (generated there first if missing)")
    ap.add_argument("--repeat", type=int, default=10, help="warm calls per figure in each child")
    ap.add_argument("--rounds", type=int, default=3, help="fresh processes per variant (taking turns)")
    ap.add_argument("--workers", type=int, default=2, help="generator processes (0: inline)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--encrypted", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        out_queries.extend(json.loads(args.queries.read_text(encoding="utf-8")))
        print(json.dumps(child(args.db, args.encrypted, args.repeat)))
        return

    tmpdir = Path(tempfile.mkdtemp(prefix="policeroom-enc-"))
    try:
        plain = (args.db or tmpdir / "requests.db").resolve()
        if not plain.exists():
            rs._say(f"generating {args.rows:,} requests in {plain} ...")
            rs.generate(plain, args.rows, args.workers)
        rows = sqlite3.connect(f"file:{plain}?mode=ro", uri=True).execute(
            "SELECT count(*) FROM assistance_request").fetchone()[0]
        rs.ensure_indexes(plain)
        with sqlite3.connect(plain) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        encrypted = tmpdir / "encrypted.db"
        rs._say(f"encrypting a copy of {rows:,} requests ...")
        export_s = make_encrypted(plain, encrypted)
        queries_file = tmpdir / "queries.json"
        queries_file.write_text(json.dumps(rs.pick_queries(plain), ensure_ascii=False), encoding="utf-8")
        plain_runs, enc_runs = [], []
        for r in range(args.rounds):
            rs._say(f"round {r + 1}/{args.rounds}: plain, encrypted ...")
            plain_runs.append(run_child(plain, False, args.repeat, queries_file))
            enc_runs.append(run_child(encrypted, True, args.repeat, queries_file))
        sizes = (plain.stat().st_size / 2**20, encrypted.stat().st_size / 2**20)
        report(rows, plain_runs, enc_runs, sizes, export_s)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
