"""Engine, sessions, SQLite pragmas, the single-writer lock and upgrade-at-start-up (backup first)."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from policeroom import APP_NAME
from policeroom.config import ENV_URL, default_db_path, resolve_url, sqlite_path  # noqa: F401 - re-exported
from policeroom.dblock import DatabaseLock
from policeroom.migrations import HEAD_REVISION

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
KEEP_BACKUPS = 20


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit transactions break
    # SAVEPOINT and read consistency).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


WRITE_OPTION = "policeroom_write"


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock at once (BEGIN IMMEDIATE): two desks saving at the
    # same moment then queue on busy_timeout instead of one failing when it upgrades a read lock.
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with our SQLite settings (WAL, foreign keys, busy timeout) where it applies."""
    if url.startswith("sqlite"):
        # The window may open the file on the first event-loop turn and use it from the same thread,
        # but tests and the CLI hand engines between threads; SQLite itself is serialised.
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


@dataclass
class Database:
    """An open database: engine, session factory and (for SQLite files) the lock we hold."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    lock: DatabaseLock | None = None
    backups: list[Path] = field(default_factory=list)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        p = self.path
        return str(p) if p else make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def open_database(
    url: str,
    *,
    lock: bool = True,
    upgrade: bool = True,
    backup_dir: Path | None = None,
    program: str = APP_NAME,
) -> Database:
    """Open (creating if needed), lock and upgrade the database.

    Raises:
        DatabaseInUse: another program holds the SQLite file.
    """
    path = sqlite_path(url)
    db_lock = None
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if lock:
            db_lock = DatabaseLock(path, program)
            db_lock.acquire()
    try:
        engine = make_engine(url)
        from policeroom.services.core.audit import install_audit

        sessions = sessionmaker(engine, expire_on_commit=False)
        install_audit(sessions)
        db = Database(url=url, engine=engine, sessions=sessions, lock=db_lock)
        if upgrade:
            upgrade_to_head(db, backup_dir=backup_dir)
        return db
    except BaseException:
        if db_lock is not None:
            db_lock.release()
        raise


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision stamped in the database, without importing Alembic (start-up speed)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def backup_sqlite(path: Path, backup_dir: Path, reason: str) -> Path:
    """Copy a live SQLite database (WAL included) to ``backup_dir`` with a timestamped name."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    # Real time, not the clock (services/core/clock.py): a backup's name says when the file was really
    # written, and pruning keeps the newest by name; an "as of" clock must not rename or reorder backups.
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{path.stem}-{stamp}-{reason}.db"
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)  # consistent copy even while WAL holds recent pages
        finally:
            dst.close()
    finally:
        src.close()
    _prune_backups(backup_dir, path.stem)
    log.info("backup written to %s", target)
    return target


def _prune_backups(backup_dir: Path, stem: str) -> None:
    old = sorted(backup_dir.glob(f"{stem}-*.db"))
    for p in old[:-KEEP_BACKUPS]:
        p.unlink(missing_ok=True)


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def upgrade_to_head(db: Database, backup_dir: Path | None = None) -> bool:
    """Migrate to the newest schema, copying a SQLite file to a backup first. Returns True if migrated."""
    rev = current_revision(db.engine)
    if rev == HEAD_REVISION:
        return False
    path = db.path
    if path is not None and path.exists() and _has_user_tables(db.engine):
        target_dir = backup_dir or default_backup_dir(path)
        db.backups.append(backup_sqlite(path, target_dir, f"before-upgrade-{rev or 'none'}"))
    from policeroom.migrations import run_upgrade

    log.info("upgrading database %s from %s to %s", db.display_name, rev, HEAD_REVISION)
    run_upgrade(db.engine)
    return True
