"""Engine, sessions, SQLite pragmas, the single-writer lock and upgrade-at-start-up (backup first)."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from policeroom import APP_NAME
from policeroom.backups import KEEP_BACKUPS, backup_sqlite, default_backup_dir  # noqa: F401 - re-exported
from policeroom.config import ENV_URL, default_db_path, resolve_url, sqlite_path  # noqa: F401 - re-exported
from policeroom.dberrors import missing_database, server_unreachable, storage_step
from policeroom.dblock import DatabaseLock
from policeroom.errors import DatabaseMissing, DatabaseTooNew, DatabaseUnreachable
from policeroom.migrations import HEAD_REVISION, is_newer_than_program, version_label
from policeroom.services.core.files import create_private, make_private

if TYPE_CHECKING:
    from policeroom.vault.unlocked import Vault

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
SYNCHRONOUS = "FULL"  # benchmarks/synchronous_cost.py compares it with NORMAL


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit transactions break
    # SAVEPOINT and read consistency).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a save acknowledged to the person survives a power cut (NORMAL in WAL mode may lose the last
    # commits); the cost per save is measured by benchmarks/synchronous_cost.py.
    cur.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


WRITE_OPTION = "policeroom_write"


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock at once (BEGIN IMMEDIATE): two desks saving at the
    # same moment then queue on busy_timeout instead of one failing when it upgrades a read lock.
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, vault: Vault | None = None, **kwargs: Any) -> Engine:
    """An engine with our SQLite settings (WAL, foreign keys, busy timeout) where it applies; with a
    ``vault``, the SQLite file is opened through SQLCipher with the vault's key."""
    if vault is not None:
        from policeroom.vault import cipher

        # The key is the first statement on every connection; SQLAlchemy's sqlite dialect drives the
        # SQLCipher module (a drop-in for sqlite3), so its errors are wrapped as usual.
        kwargs["creator"] = cipher.creator(vault.db_path, vault.key, check_same_thread=False)
        kwargs["module"] = cipher.dbapi()
    elif url.startswith("sqlite"):
        # The window may open the file on the first event-loop turn and use it from the same thread,
        # but tests and the CLI hand engines between threads; SQLite itself is serialised.
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    # Bound parameters (ID numbers, phones, password hashes) never go into an exception's text or the log.
    kwargs.setdefault("hide_parameters", True)
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
    vault: Vault | None = None  # the key of an encrypted SQLite file (None: plain file or a server)

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
    create: bool = True,
    vault: Vault | None = None,
) -> Database:
    """Open (creating if needed and ``create``), lock and upgrade the database.

    With ``vault`` the SQLite file is encrypted (a new file is created encrypted); without it a plain
    file opens as before, and an encrypted one is refused with a sentence saying to sign in.

    Raises:
        DatabaseMissing: ``create`` is False and the SQLite file does not exist (nothing is created).
        DatabaseTooNew: a newer program stamped the database (nothing is written, not even the lock).
        DatabaseLocked: the file is encrypted and no ``vault`` (key) was given.
        DatabaseInUse: another program holds the SQLite file.
        DatabaseUnreachable: the database server cannot be reached (one Chinese sentence why).
        StorageFailed: the disk is full or failing (data folder, lock file, backup, migration).
    """
    path = sqlite_path(url)
    db_lock = None
    if path is not None:
        if path.exists():
            if vault is None:
                _refuse_encrypted(path)
            refuse_newer(stored_sqlite_revision(path, vault))
        elif not create:
            raise DatabaseMissing(missing_database(path))
        with storage_step(f"创建数据文件夹 {path.parent}"):
            path.parent.mkdir(parents=True, exist_ok=True)
        with storage_step(f"创建数据库文件 {path}"):
            _owner_only(path)
        if lock:
            db_lock = DatabaseLock(path, program)
            with storage_step(f"创建锁文件 {db_lock.path}"):
                db_lock.acquire()
    try:
        engine = _engine_or_message(url, vault)
        from policeroom.services.core.audit import install_audit
        from policeroom.services.core.text import install_text_guard

        # Every session carries the vault: the account service rewraps key slots with it.
        sessions = sessionmaker(engine, expire_on_commit=False, info={"vault": vault} if vault else None)
        install_text_guard(sessions)
        install_audit(sessions)
        db = Database(url=url, engine=engine, sessions=sessions, lock=db_lock, vault=vault)
        if upgrade:
            upgrade_to_head(db, backup_dir=backup_dir)
        return db
    except BaseException as e:
        if db_lock is not None:
            db_lock.release()
        unreachable = server_unreachable(e, server_label(url)) if path is None else None
        if unreachable is not None:
            raise unreachable from e
        raise


def _owner_only(path: Path) -> None:
    """Create the file readable by its owner only (SQLite gives -wal/-shm the main file's mode);
    an existing file and its -wal/-shm are tightened the same way."""
    create_private(path)  # an empty file is a new SQLite database
    for extra in ("-wal", "-shm"):
        make_private(Path(f"{path}{extra}"))


def server_label(url: str) -> str:
    """``host:port`` of a server URL (the password never shown); 本机 for a local socket."""
    u = make_url(url)
    host = u.host or "本机"
    return f"{host}:{u.port}" if u.port else host


def _refuse_encrypted(path: Path) -> None:
    from policeroom.vault.cipher import is_encrypted

    if is_encrypted(path):
        from policeroom.errors import DatabaseLocked

        raise DatabaseLocked(f"数据库 {path.name} 已加密，需要登录才能打开：命令行请加 --user 用户名"
                             "（密码在终端输入，或用环境变量 POLICEROOM_PASSWORD）。")


def _engine_or_message(url: str, vault: Vault | None = None) -> Engine:
    try:
        return make_engine(url, vault)
    except ModuleNotFoundError as e:
        if url.startswith("postgresql"):
            raise DatabaseUnreachable(
                f"无法连接数据库服务器 {server_label(url)}：没有安装 PostgreSQL 驱动（psycopg），"
                '请先运行 pip install -e ".[postgres]"。'
            ) from e
        raise


def stored_sqlite_revision(path: Path, vault: Vault | None = None) -> str | None:
    """The revision stamped in a SQLite file, read without writing anything (no engine, no pragma)."""
    from urllib.parse import quote

    if vault is not None:
        from policeroom.vault.cipher import connect, is_encrypted

        if is_encrypted(path):
            try:
                con = connect(path, vault.key, timeout=1)
                try:
                    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                finally:
                    con.close()
            except Exception:  # noqa: BLE001 - new or not ours: the normal path says what is wrong
                return None
            return row[0] if row else None

    # Without a -wal file everything is in the main file: immutable=1 reads it without creating -shm/-wal.
    immutable = "" if Path(str(path) + "-wal").exists() else "&immutable=1"
    try:
        con = sqlite3.connect(f"file:{quote(path.as_posix())}?mode=ro{immutable}", uri=True, timeout=1)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:  # new, not SQLite, or not ours: the normal path says what is wrong
        return None
    return row[0] if row else None


def refuse_newer(revision: str | None) -> None:
    """Raise :class:`DatabaseTooNew` for a revision this program has no migration for."""
    if revision and is_newer_than_program(revision):
        raise DatabaseTooNew(
            f"此数据库由较新版本的程序创建（数据库版本 {version_label(revision)}，"
            f"本程序支持到 {version_label(HEAD_REVISION)}），请先升级程序。"
        )


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision stamped in the database, without importing Alembic (start-up speed)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def upgrade_to_head(db: Database, backup_dir: Path | None = None) -> bool:
    """Migrate to the newest schema, copying a SQLite file to a backup first. Returns True if migrated.

    Raises:
        DatabaseTooNew: a newer program stamped the database (checked before anything is written).
        StorageFailed: the disk is full or failing; the database is as it was.
    """
    with storage_step(f"打开数据库 {db.display_name}"):
        rev = current_revision(db.engine)
    if rev == HEAD_REVISION:
        return False
    refuse_newer(rev)
    path = db.path
    unchanged = "数据库没有升级，保持原样；"
    if path is not None and path.exists() and _has_user_tables(db.engine):
        target_dir = backup_dir or default_backup_dir(path)
        with storage_step(f"在 {target_dir} 写入升级前的备份", unchanged=unchanged):
            db.backups.append(backup_sqlite(path, target_dir, f"before-upgrade-{rev or 'none'}", vault=db.vault))
    from policeroom.migrations import run_upgrade

    log.info("upgrading database %s from %s to %s", db.display_name, rev, HEAD_REVISION)
    with storage_step("创建数据库" if rev is None else "升级数据库", unchanged="" if rev is None else unchanged):
        run_upgrade(db.engine)
    return True
