"""The history's chain shows an edit, a deleted or a swapped entry in the file (issue 13)."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from policeroom.models import AuditEntry
from policeroom.services.core import auditchain
from policeroom.services.people.residents import ResidentInput


@pytest.fixture
def written(officer, db):  # noqa: ANN001, ANN201
    for name in ("张三", "李四", "王五", "赵六"):
        officer.residents.create(ResidentInput(name=name))
    return db


def _verify(db):  # noqa: ANN001, ANN202
    with db.engine.connect() as conn:
        return auditchain.verify_full(conn)


def _raw(db, sql: str) -> None:  # noqa: ANN001
    conn = sqlite3.connect(db.path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def _ids(db) -> list[int]:  # noqa: ANN001
    with db.engine.connect() as conn:
        return list(conn.scalars(text("SELECT id FROM audit_entry ORDER BY id")))


def test_entries_are_chained_and_intact(written) -> None:  # noqa: ANN001
    with written.sessions() as s:
        entries = s.query(AuditEntry).order_by(AuditEntry.id).all()
    assert len(entries) >= 6
    assert entries[0].prev_hash == auditchain.GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash and len(after.hash) == 64
    report = _verify(written)
    assert report.ok and report.checked == len(entries)


def test_update_actor_shows(written) -> None:  # noqa: ANN001
    target = _ids(written)[2]
    _raw(written, f"UPDATE audit_entry SET actor='别人' WHERE id={target}")
    report = _verify(written)
    assert not report.ok and report.broken.entry_id == target
    assert f"第 {target} 条" in report.broken.message and "内容已被改动" in report.broken.message


def test_delete_middle_entry_shows(written) -> None:  # noqa: ANN001
    ids = _ids(written)
    _raw(written, f"DELETE FROM audit_entry WHERE id={ids[2]}")
    report = _verify(written)
    assert not report.ok and report.broken.entry_id == ids[3]


def test_delete_last_entry_shows_against_the_head(written) -> None:  # noqa: ANN001
    ids = _ids(written)
    _raw(written, f"DELETE FROM audit_entry WHERE id={ids[-1]}")
    report = _verify(written)
    assert not report.ok and "删除" in report.broken.message


def test_swapped_contents_show(written) -> None:  # noqa: ANN001
    a, b = _ids(written)[3:5]
    cols = "at, account_id, actor, action, entity, entity_id, title, changes, prev_hash, hash"
    _raw(written, f"CREATE TABLE t AS SELECT * FROM audit_entry WHERE id IN ({a},{b})")
    sets = ", ".join(f"{c}=(SELECT {c} FROM t WHERE id={{o}})" for c in cols.split(", "))
    conn = sqlite3.connect(written.path)
    conn.execute(f"UPDATE audit_entry SET {sets.format(o=b)} WHERE id={a}")
    conn.execute(f"UPDATE audit_entry SET {sets.format(o=a)} WHERE id={b}")
    conn.commit()
    conn.close()
    report = _verify(written)
    assert not report.ok and report.broken.entry_id == a


def test_startup_check_is_incremental_and_remembers(written) -> None:  # noqa: ANN001
    with written.engine.begin() as conn:
        first = auditchain.verify_since_last(conn)
    assert first.ok and first.checked > 0
    with written.engine.begin() as conn:
        again = auditchain.verify_since_last(conn)
    assert again.ok and again.checked == 0 and again.last_id == first.last_id
    # an edit before the remembered entry shows through the remembered hash of the last one
    _raw(written, f"UPDATE audit_entry SET actor='别人' WHERE id={first.last_id}")
    with written.engine.begin() as conn:
        assert not auditchain.verify_since_last(conn).ok


def test_concurrent_desks_do_not_fork_the_chain(officer, db) -> None:  # noqa: ANN001
    from policeroom.db import open_database
    from policeroom.services.registry import Services

    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def desk(n: int) -> None:
        other = open_database(db.url, lock=False)
        try:
            sv = Services(other.sessions, officer.actor)
            start.wait()
            for i in range(4):
                sv.residents.create(ResidentInput(name=f"居民{n}{i}"))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            other.close()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _verify(db).ok
