"""``verify`` (核验): is the history's chain intact, and is the database file sound?

Checks every history entry's hash against the one before (a changed, deleted or reordered entry
breaks it) and, for a SQLite file, ``PRAGMA integrity_check``. Exit 0 when both are fine, 1 otherwise,
naming the first broken entry (its number, time and table).
"""

from __future__ import annotations

import argparse

from sqlalchemy import text

from policeroom.db import Database
from policeroom.services.core import auditchain


def verify(db: Database, args: argparse.Namespace) -> int:
    ok = True
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            problems = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            if problems == ["ok"]:
                print("数据库文件完整性检查：正常")
            else:
                ok = False
                print("数据库文件完整性检查：发现问题")
                for line in problems[:20]:
                    print(f"  {line}")
        report = auditchain.verify_full(conn)
    from policeroom.cli.activities import verify_ledgers

    actor = getattr(args, "actor", None)  # the signed-in person (or the recovery key's officer rights)
    ok = (verify_ledgers(db, actor) if actor is not None else verify_ledgers(db)) and ok
    if report.ok:
        print(f"修改记录链：完整（共核验 {report.checked} 条记录）")
    else:
        ok = False
        print(f"修改记录链：已断开。{report.broken.message}")
        print("自这一条起的修改记录不可信：数据文件可能在程序之外被改动过，请联系管理员并保留备份。")
    return 0 if ok else 1
