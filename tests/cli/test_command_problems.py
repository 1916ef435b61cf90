"""The command line on a mistyped path, a newer database, a full disk or an unreachable server: one line
``错误：…`` and an exit code, never a traceback, and nothing created where it should not be."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from policeroom.__main__ import main


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)


@pytest.mark.parametrize(
    "argv",
    [["backup"], ["export", "requests", "-o", "x.xlsx"], ["print", "request", "QZ2026-000001", "-o", "x.pdf"],
     ["report", "weekly", "-o", "x.pdf"]],
)  # fmt: skip
def test_missing_database_is_refused_and_nothing_created(tmp_path: Path, argv: list[str], capsys) -> None:  # noqa: ANN001
    path = tmp_path / "typo" / "policeroom.db"
    assert main(["--db", str(path), *argv]) == 2
    assert capsys.readouterr().err.strip() == f"错误：数据库文件不存在：{path}"
    assert list(tmp_path.iterdir()) == []


def test_upgrade_and_seed_demo_may_create(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["--db", str(tmp_path / "a.db"), "upgrade"]) == 0
    assert (tmp_path / "a.db").exists()


def test_newer_database_is_refused(tmp_path: Path, migrated_template: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "newer.db"
    shutil.copy(migrated_template, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    for command in ("upgrade", "backup"):
        assert main(["--db", str(path), command]) == 2
        err = capsys.readouterr().err
        assert err.startswith("错误：此数据库由较新版本的程序创建（数据库版本 99，本程序支持到 ") and "请先升级程序" in err
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


def test_full_disk_on_backup_and_during_a_command(tmp_path: Path, migrated_template: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from sqlalchemy.exc import OperationalError

    import policeroom.cli.data as data
    import policeroom.services.demo.seed as seed

    path = tmp_path / "p.db"
    shutil.copy(migrated_template, path)

    def no_space(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(data, "backup_sqlite", no_space)
    assert main(["--db", str(path), "backup"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：无法在 ") and "（磁盘空间已满）" in err and "已经保存的数据没有丢失" in err

    def full(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(seed, "seed_demo", full)
    assert main(["--db", str(path), "seed-demo"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：刚才的操作没有保存成功（磁盘空间已满）") and "Traceback" not in err


def test_full_disk_for_the_log(tmp_path: Path, migrated_template: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from policeroom import logsetup

    monkeypatch.setattr(logsetup, "_done", [])
    monkeypatch.setattr(Path, "mkdir", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    assert main(["--db", str(migrated_template), "backup"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法创建日志文件 ") and "（磁盘空间已满）" in err


def test_unreachable_postgres_one_line_no_traceback(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    env = {"POLICEROOM_LOG_DIR": str(tmp_path / "logs"), "PATH": "/usr/bin:/bin"}
    url = "postgresql+psycopg://policeroom:secret@127.0.0.1:1/policeroom?connect_timeout=5"
    out = subprocess.run([sys.executable, "-m", "policeroom", "--db", url, "backup"], capture_output=True,
                         text=True, env={**env, "PYTHONPATH": str(Path(__file__).parents[2])}, timeout=60)  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.strip() == "错误：无法连接数据库服务器 127.0.0.1:1：连接被拒绝，数据库服务器可能没有启动，或端口不对。"
    assert "secret" not in out.stderr
