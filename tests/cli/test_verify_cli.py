"""``policeroom --db PATH verify``: exit 0 on an intact history, 1 naming the first broken entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from policeroom.__main__ import main
from policeroom.services.people.residents import ResidentInput
from tests.conftest import OFFICER_PASSWORD


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)
    monkeypatch.setenv("POLICEROOM_PASSWORD", OFFICER_PASSWORD)


def test_verify_intact_then_broken(officer, db, capsys) -> None:  # noqa: ANN001
    officer.residents.create(ResidentInput(name="张三"))
    officer.residents.create(ResidentInput(name="李四"))
    db.close()  # the program holds the file while it is open
    assert main(["--db", str(db.path), "--user", "wangjj", "verify"]) == 0
    out = capsys.readouterr().out
    assert "完整性检查：正常" in out and "修改记录链：完整" in out

    conn = sqlite3.connect(db.path)
    target = conn.execute("SELECT id FROM audit_entry WHERE entity='resident' ORDER BY id").fetchone()[0]
    conn.execute("UPDATE audit_entry SET actor='别人' WHERE id=?", (target,))
    conn.commit()
    conn.close()
    assert main(["--db", str(db.path), "--user", "wangjj", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"修改记录第 {target} 条" in out and "居民" in out and "已断开" in out
