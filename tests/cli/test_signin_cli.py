"""The command line signs in: ``--user NAME`` with $POLICEROOM_PASSWORD (or the terminal), acting as
that person; ``--recovery-key`` for verify and restore; seed-demo makes an encrypted file."""

from __future__ import annotations

import io
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

from policeroom.__main__ import main
from policeroom.services.registry import Services
from policeroom.vault.cipher import is_encrypted
from policeroom.vault.signin import open_signed_in

DEMO = "demo1234"


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)
    monkeypatch.delenv("POLICEROOM_PASSWORD", raising=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A demo file made by ``seed-demo`` once (encrypted), and the recovery key it printed."""
    from policeroom.services.people import passwords

    cost, passwords.COST_N = passwords.COST_N, 2**14  # module scope: the autouse fixture is not there yet
    try:
        path = tmp_path_factory.mktemp("seeded") / "demo.db"
        out = io.StringIO()
        real, sys.stdout = sys.stdout, out
        try:
            assert main(["--db", str(path), "seed-demo", "--residents", "20", "--requests-per-year", "5"]) == 0
        finally:
            sys.stdout = real
    finally:
        passwords.COST_N = cost
    recovery = out.getvalue().split("恢复密钥：")[1][:29]
    return path, recovery


@pytest.fixture
def demo(seeded: tuple[Path, str], tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    for extra in ("", ".keys"):
        shutil.copy(f"{seeded[0]}{extra}", f"{path}{extra}")
    return path


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_commands_act_as_the_signed_in_person(demo: Path, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    assert is_encrypted(demo)
    out = tmp_path / "r.xlsx"
    assert main(["--db", str(demo), "export", "residents", "-o", str(out)]) == 2
    assert "已加密，需要登录" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("POLICEROOM_PASSWORD", "wrong-2026")
    assert main(["--db", str(demo), "--user", "wangjianjun", "export", "residents", "-o", str(out)]) == 2
    assert "用户名或密码不正确" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("POLICEROOM_PASSWORD", DEMO)
    signed = open_signed_in("sqlite:///" + str(demo), "wangjianjun", DEMO, program="test")
    staff = next(a for a in Services(signed.db.sessions, signed.actor).accounts.list() if a.role.value == "staff")
    signed.db.close()
    assert main(["--db", str(demo), "--user", "wangjianjun", "export", "residents", "-o", str(out)]) == 0
    assert main(["--db", str(demo), "--user", staff.username, "export", "team", "-o", str(out)]) == 0
    capsys.readouterr()
    signed = open_signed_in("sqlite:///" + str(demo), "wangjianjun", DEMO, program="test")
    try:
        services = Services(signed.db.sessions, signed.actor)
        assert sorted(e.actor for e in services.exports.entries()) == sorted(["王建军", staff.display_name])
        assert "命令行" not in [e.actor for e in services.exports.entries()]
    finally:
        signed.db.close()


def test_no_terminal_and_no_password_says_how(demo: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db", str(demo), "--user", "wangjianjun", "verify"]) == 2
    assert "POLICEROOM_PASSWORD" in capsys.readouterr().err


def test_the_password_is_asked_on_a_terminal(demo: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    import getpass

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", Tty(""))
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or DEMO)
    assert main(["--db", str(demo), "--user", "wangjianjun", "verify"]) == 0
    assert asked == ["wangjianjun 的密码："]


def test_verify_and_restore_by_recovery_key(demo: Path, seeded: tuple[Path, str], tmp_path: Path, capsys,  # noqa: ANN001
                                            monkeypatch) -> None:  # noqa: ANN001
    recovery = seeded[1]
    assert main(["--db", str(demo), "verify", "--recovery-key", recovery.lower()]) == 0
    assert "修改记录链：完整" in capsys.readouterr().out
    assert main(["--db", str(demo), "verify", "--recovery-key", "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2"]) == 2
    assert "恢复密钥不正确" in capsys.readouterr().err
    monkeypatch.setenv("POLICEROOM_PASSWORD", DEMO)
    assert main(["--db", str(demo), "--user", "wangjianjun", "backup", "-o", str(tmp_path / "b")]) == 0
    backup = next((tmp_path / "b").glob("*.db"))
    assert is_encrypted(backup) and Path(f"{backup}.keys").exists()
    monkeypatch.delenv("POLICEROOM_PASSWORD")
    assert main(["--db", str(demo), "restore", str(backup)]) == 1
    assert "--recovery-key" in capsys.readouterr().err
    assert main(["--db", str(demo), "restore", str(backup), "--recovery-key", recovery]) == 0
    assert "恢复前的数据库已另存为" in capsys.readouterr().out
    aside = next(tmp_path.glob("demo.before-restore-*.db"))
    assert is_encrypted(aside) and Path(f"{aside}.keys").exists()  # kept whole, with its key file
    monkeypatch.setenv("POLICEROOM_PASSWORD", DEMO)
    assert main(["--db", str(demo), "--user", "wangjianjun", "restore", str(backup)]) == 0
    assert main(["--db", str(demo), "--user", "wangjianjun", "verify"]) == 0
