"""Migration 0007 chains the history entries already in the file, in the order they were written."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from policeroom.db import make_engine, open_database
from policeroom.migrations import run_upgrade
from policeroom.models import AccountRole
from policeroom.services.core import auditchain
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from tests.conftest import actor


def test_existing_entries_are_chained_then_new_ones_follow(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine("sqlite:///" + str(path))
    run_upgrade(engine, "0006")
    with engine.begin() as conn:
        for i, (at, who) in enumerate([("2026-11-02 09:00:00.123456", "王建军"), ("2026-11-02 10:00:00", "刘晓燕")]):
            conn.execute(text(
                "INSERT INTO audit_entry (at, account_id, actor, action, entity, entity_id, title, changes)"
                " VALUES (:at, NULL, :who, 'update', 'resident', :i, '张三', '{\"phone\": [\"1\", \"2\"]}')"
            ), {"at": at, "who": who, "i": i + 1})  # fmt: skip
    engine.dispose()
    db = open_database("sqlite:///" + str(path), backup_dir=tmp_path / "bk")
    try:
        with db.engine.connect() as conn:
            report = auditchain.verify_full(conn)
        assert report.ok and report.checked == 2
        Services(db.sessions, actor(AccountRole.officer)).residents.create(ResidentInput(name="李四"))
        with db.engine.connect() as conn:
            report = auditchain.verify_full(conn)
            assert report.ok and report.checked == 3
            assert conn.execute(text("SELECT prev_hash FROM audit_entry WHERE id=1")).scalar() == auditchain.GENESIS
    finally:
        db.close()
