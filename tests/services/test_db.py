"""Storage: schema only through migrations (no drift), pragmas, the single-writer lock, backups."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from policeroom.db import current_revision, open_database, resolve_url
from policeroom.errors import DatabaseInUse
from policeroom.migrations import HEAD_REVISION, alembic_config, include_name
from policeroom.models import Base


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    db = open_database("sqlite:///" + str(tmp_path / "m.db"))
    try:
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == []
        assert current_revision(db.engine) == HEAD_REVISION
    finally:
        db.close()


def test_head_revision_constant_matches_versions_folder() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_sqlite_pragmas(db) -> None:  # noqa: ANN001
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL: a saved record survives a power cut


def test_second_program_is_told_who_holds_the_database(db) -> None:  # noqa: ANN001
    with pytest.raises(DatabaseInUse) as err:
        open_database(db.url)
    assert "数据库正被另一个程序使用" in err.value.message
    assert "进程号" in err.value.message


def test_lock_held_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from policeroom.db import open_database; "
         f"d=open_database('sqlite:///{path.as_posix()}', program='测试程序'); print('ready', flush=True); "
         "sys.stdin.readline()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseInUse) as err:
            open_database("sqlite:///" + str(path))
        assert "测试程序" in err.value.message and str(holder.pid) in err.value.message
    finally:
        holder.communicate("\n", timeout=20)
    # The lock goes with the process: the file opens now.
    open_database("sqlite:///" + str(path)).close()


def test_upgrade_backs_up_first(tmp_path: Path) -> None:
    """A database left at an older revision (with data) is copied before it is upgraded to head."""
    import sqlite3

    from policeroom.db import make_engine
    from policeroom.migrations import run_upgrade

    path = tmp_path / "old.db"
    engine = make_engine("sqlite:///" + str(path))
    run_upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO grid (code, name, description, households, archived) VALUES ('A','甲','',1,0)"))
    engine.dispose()
    db = open_database("sqlite:///" + str(path), backup_dir=tmp_path / "bk")
    try:
        assert len(db.backups) == 1 and db.backups[0].exists()
        con = sqlite3.connect(db.backups[0])
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert con.execute("SELECT name FROM grid").fetchall() == [("甲",)]
        con.close()
        assert current_revision(db.engine) == HEAD_REVISION
    finally:
        db.close()


def test_no_backup_when_already_current(db) -> None:  # noqa: ANN001
    assert db.backups == []


def test_resolve_url() -> None:
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert resolve_url(None, env={"POLICEROOM_DATABASE_URL": "sqlite:////x/y.db"}) == "sqlite:////x/y.db"
    assert resolve_url("rel.db", env={}).startswith("sqlite:///") and resolve_url("rel.db", env={}).endswith("rel.db")
    assert resolve_url(None, env={}).endswith("policeroom.db")


def test_failed_write_leaves_database_as_it_was(services) -> None:  # noqa: ANN001
    from policeroom.services.people.grids import GridInput

    services.grids.create(GridInput(code="WG01", name="一网格"))
    with pytest.raises(RuntimeError):
        with services.ctx.write() as s:
            from policeroom.models import Grid

            s.add(Grid(code="WG02", name="二网格"))
            s.flush()
            raise RuntimeError("disk full")
    assert [g.code for g in services.grids.list()] == ["WG01"]
