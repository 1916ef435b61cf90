"""What goes wrong below the program, said in one Chinese sentence: a missing file, a newer database, a full
or failing disk at each start-up step and on a save, a PostgreSQL server that cannot be reached."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from policeroom import db as dbmod
from policeroom.db import open_database, upgrade_to_head
from policeroom.dberrors import save_failed_message, server_unreachable, storage_reason
from policeroom.errors import DatabaseMissing, DatabaseTooNew, DatabaseUnreachable, StorageFailed
from policeroom.migrations import HEAD_REVISION, is_newer_than_program, known_revisions

ENOSPC = OSError(errno.ENOSPC, "No space left on device")


def _url(path: Path) -> str:
    return "sqlite:///" + str(path)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- a file that does not exist -------------------------------------------------------------------


def test_missing_file_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "policeroom.db"
    with pytest.raises(DatabaseMissing) as err:
        open_database(_url(path), create=False)
    assert err.value.message == f"数据库文件不存在：{path}"
    assert _files(tmp_path) == []  # no file, no lock, no -wal, no folder


def test_missing_file_is_created_when_asked(tmp_path: Path) -> None:
    open_database(_url(tmp_path / "new" / "policeroom.db")).close()
    assert (tmp_path / "new" / "policeroom.db").exists()


# -- a database newer than the program ------------------------------------------------------------


def _newer_copy(tmp_path: Path, template: Path, revision: str = "0042") -> Path:
    path = tmp_path / "newer.db"
    shutil.copy(template, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.commit()
    con.close()
    return path


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path, migrated_template: Path) -> None:
    path = _newer_copy(tmp_path, migrated_template)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before, mtime, files = path.read_bytes(), path.stat().st_mtime_ns, _files(tmp_path)
    for kwargs in ({}, {"create": False}, {"lock": False}):
        with pytest.raises(DatabaseTooNew) as err:
            open_database(_url(path), **kwargs)
        assert err.value.message == (
            f"此数据库由较新版本的程序创建（数据库版本 42，本程序支持到 {int(HEAD_REVISION)}），请先升级程序。"
        )
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert _files(tmp_path) == files  # no backup, no lock, no -wal/-shm beside it


def test_newer_database_refused_by_upgrade_before_any_backup(tmp_path: Path, migrated_template: Path) -> None:
    """The check inside upgrade_to_head (PostgreSQL's path) also comes before the backup and Alembic."""
    path = _newer_copy(tmp_path, migrated_template)
    db = open_database(_url(migrated_template), lock=False, upgrade=False)
    db.close()
    engine = dbmod.make_engine(_url(path))
    try:
        database = dbmod.Database(url=_url(path), engine=engine, sessions=None)  # type: ignore[arg-type]
        with pytest.raises(DatabaseTooNew):
            upgrade_to_head(database, backup_dir=tmp_path / "bk")
        assert database.backups == [] and not (tmp_path / "bk").exists()
    finally:
        engine.dispose()


def test_revision_rules() -> None:
    assert HEAD_REVISION in known_revisions() and "0001" in known_revisions()
    assert not is_newer_than_program(HEAD_REVISION) and not is_newer_than_program("0001")
    assert is_newer_than_program(f"{int(HEAD_REVISION) + 1:04d}")
    assert is_newer_than_program("ae1027a6acf")  # a revision we have no script for


# -- a full or failing disk at each start-up step -------------------------------------------------


def _assert_storage(err: pytest.ExceptionInfo[StorageFailed], what: str, reason: str = "磁盘空间已满") -> None:
    message = err.value.message
    assert message.startswith(f"无法{what}") and f"（{reason}）" in message, message
    assert "已经保存的数据没有丢失" in message
    assert "Errno" not in message and "OSError" not in message


def test_full_disk_creating_the_data_folder(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    def mkdir(self: Path, *a, **k) -> None:  # noqa: ANN002, ANN003
        raise ENOSPC

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(StorageFailed) as err:
        open_database(_url(tmp_path / "data" / "policeroom.db"))
    _assert_storage(err, f"创建数据文件夹 {tmp_path / 'data'}")


def test_full_disk_creating_the_lock_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    def acquire(self) -> None:  # noqa: ANN001
        raise ENOSPC

    monkeypatch.setattr(dbmod.DatabaseLock, "acquire", acquire)
    with pytest.raises(StorageFailed) as err:
        open_database(_url(tmp_path / "policeroom.db"))
    _assert_storage(err, f"创建锁文件 {tmp_path / 'policeroom.db.lock'}")


def test_full_disk_creating_the_log_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from policeroom import logsetup

    monkeypatch.setattr(logsetup, "_done", [])
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))

    def handler(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise ENOSPC

    monkeypatch.setattr(logsetup, "PrivateRotatingFileHandler", handler)
    with pytest.raises(StorageFailed) as err:
        logsetup.setup_logging()
    _assert_storage(err, f"创建日志文件 {tmp_path / 'logs' / 'policeroom.log'}")


def _old_database(tmp_path: Path) -> Path:
    from policeroom.migrations import run_upgrade

    path = tmp_path / "old.db"
    engine = dbmod.make_engine(_url(path))
    run_upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO grid (code, name, description, households, archived) VALUES ('A','甲','',1,0)"))
    engine.dispose()
    return path


def test_full_disk_writing_the_backup_before_upgrade(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = _old_database(tmp_path)
    real = sqlite3.Connection.backup

    def backup(self, target, *a, **k) -> None:  # noqa: ANN001, ANN002, ANN003
        real(self, target, *a, **k)  # a half-written copy exists, then the disk is full
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(dbmod.sqlite3, "connect", _patched_connect(backup))
    with pytest.raises(StorageFailed) as err:
        open_database(_url(path), backup_dir=tmp_path / "bk")
    _assert_storage(err, f"在 {tmp_path / 'bk'} 写入升级前的备份")
    assert "数据库没有升级，保持原样" in err.value.message
    assert list((tmp_path / "bk").glob("*.db")) == []  # no half backup that looks like a good one
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    con.close()


def _patched_connect(backup):  # noqa: ANN001, ANN202
    """sqlite3.connect whose connections' ``backup`` is ``backup`` (Connection's methods are read-only)."""
    real_connect = sqlite3.connect

    class Conn(sqlite3.Connection):
        pass

    Conn.backup = backup  # type: ignore[method-assign]

    def connect(*a, **k):  # noqa: ANN002, ANN003, ANN202
        return real_connect(*a, factory=Conn, **k)

    return connect


def _disk_full_error() -> OperationalError:
    return OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))


@pytest.mark.parametrize("existing", [False, True])
def test_full_disk_during_the_migration(tmp_path: Path, monkeypatch, existing: bool) -> None:  # noqa: ANN001
    import policeroom.migrations

    path = _old_database(tmp_path) if existing else tmp_path / "new.db"

    def run_upgrade(engine, revision: str = "head") -> None:  # noqa: ANN001
        raise _disk_full_error()

    monkeypatch.setattr(policeroom.migrations, "run_upgrade", run_upgrade)
    with pytest.raises(StorageFailed) as err:
        open_database(_url(path), backup_dir=tmp_path / "bk")
    _assert_storage(err, "升级数据库" if existing else "创建数据库")
    # the lock was given back: the next attempt (disk freed) opens it
    monkeypatch.undo()
    open_database(_url(path), backup_dir=tmp_path / "bk").close()


def test_disk_errors_on_a_save_are_recognised() -> None:
    for exc, reason in [
        (_disk_full_error(), "磁盘空间已满"),
        (OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error")), "磁盘读写出错"),
        (OSError(errno.EIO, "Input/output error"), "磁盘读写出错"),
        (OSError(errno.ENOSPC, "No space"), "磁盘空间已满"),
    ]:
        assert storage_reason(exc) == reason
        message = save_failed_message(exc)
        assert message is not None and reason in message and "已经保存的数据没有丢失" in message
    assert storage_reason(ValueError("x")) is None
    assert storage_reason(OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))) is None


def test_full_disk_on_commit_leaves_the_database_as_it_was(services, monkeypatch) -> None:  # noqa: ANN001
    """A save that meets a full disk raises an error the dialogs recognise; nothing half-saved."""
    from sqlalchemy import event

    from policeroom.models import AccountRole
    from policeroom.services.people.grids import GridInput
    from tests.conftest import actor

    services.sign_in(actor(AccountRole.officer))
    before = len(services.grids.list())

    def full(session) -> None:  # noqa: ANN001
        raise _disk_full_error()

    event.listen(services.ctx.sessions, "before_commit", full)
    try:
        with pytest.raises(OperationalError) as err:
            services.grids.create(GridInput(code="WG9", name="九网格"))
    finally:
        event.remove(services.ctx.sessions, "before_commit", full)
    assert "磁盘空间已满" in (save_failed_message(err.value) or "")
    assert len(services.grids.list()) == before


# -- PostgreSQL that cannot be reached ------------------------------------------------------------



@pytest.mark.parametrize(
    ("text_", "reason"),
    [
        ('connection failed: connection to server at "127.0.0.1", port 5432 failed: fe_sendauth: no password supplied',
         "没有提供密码"),
        ('connection failed: connection to server at "127.0.0.1", port 5499 failed: Connection refused\n\t'
         "Is the server running on that host and accepting TCP/IP connections?", "连接被拒绝，数据库服务器可能没有启动"),
        ('connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "nodb" does not exist',
         "没有名为“nodb”的数据库"),
        ('connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication '
         'failed for user "policeroom"', "用户名或密码不对"),
        ("failed to resolve host 'nosuchhost.invalid': [Errno -2] Name or service not known", "找不到这台主机"),
        ('could not translate host name "db.example" to address: Name or service not known', "找不到这台主机"),
        ('FATAL:  role "nobody" does not exist', "没有名为“nobody”的用户"),
    ],
)  # fmt: skip
def test_postgres_connection_errors_in_chinese(text_: str, reason: str) -> None:
    pg = pytest.importorskip("psycopg")
    wrapped = OperationalError("SELECT 1", {}, pg.OperationalError(text_))
    for exc in (pg.OperationalError(text_), wrapped):
        found = server_unreachable(exc, "db.example:5432")
        assert isinstance(found, DatabaseUnreachable)
        assert found.message.startswith("无法连接数据库服务器 db.example:5432：") and reason in found.message
        assert "\n" not in found.message
    assert server_unreachable(ValueError(text_), "h") is None


def _unreachable(url: str) -> str:
    with pytest.raises(DatabaseUnreachable) as err:
        open_database(url)
    return err.value.message


def test_postgres_refused_and_unknown_host() -> None:
    """No server needed: nothing listens on port 1, and .invalid never resolves."""
    pytest.importorskip("psycopg")
    assert _unreachable("postgresql+psycopg://u:p@127.0.0.1:1/db?connect_timeout=5") == (
        "无法连接数据库服务器 127.0.0.1:1：连接被拒绝，数据库服务器可能没有启动，或端口不对。"
    )
    message = _unreachable("postgresql+psycopg://u:p@nosuchhost.invalid/db?connect_timeout=5")
    assert message.startswith("无法连接数据库服务器 nosuchhost.invalid：") and "找不到这台主机" in message


PG_URL = os.environ.get("POLICEROOM_TEST_POSTGRES_URL", "")


@pytest.mark.skipif(not PG_URL, reason="POLICEROOM_TEST_POSTGRES_URL is not set (no PostgreSQL server)")
def test_postgres_real_server_reasons() -> None:
    from sqlalchemy.engine import make_url

    pytest.importorskip("psycopg")
    good = make_url(PG_URL)
    host = good.host or "本机"
    no_password = good._replace(password=None).render_as_string(hide_password=False)
    wrong = good.set(password="not-the-password").render_as_string(hide_password=False)
    no_db = good.set(database="policeroom_no_such_db").render_as_string(hide_password=False)
    assert _unreachable(no_password).startswith(f"无法连接数据库服务器 {host}")
    assert "没有提供密码" in _unreachable(no_password)
    assert "用户名或密码不对" in _unreachable(wrong)
    assert "没有名为“policeroom_no_such_db”的数据库" in _unreachable(no_db)
    assert "not-the-password" not in _unreachable(wrong)
