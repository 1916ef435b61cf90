"""``policeroom self-check``: every lazily loaded part of the program loads (the bundle's smoke test runs it)."""

from __future__ import annotations

import argparse

from policeroom.cli.commands import run
from policeroom.cli.parser import build_parser
from policeroom.cli.selfcheck import CHECKS


def test_self_check_passes_without_a_database(qapp, tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    args = build_parser().parse_args(["--db", str(tmp_path / "none.db"), "self-check"])
    assert run(args) == 0
    out = capsys.readouterr().out
    assert out.count("正常") == len(CHECKS) and "自检通过" in out
    assert not (tmp_path / "none.db").exists()


def test_self_check_reports_a_failure(monkeypatch, tmp_path, capsys) -> None:  # noqa: ANN001
    import policeroom.cli.selfcheck as selfcheck

    def broken() -> str:
        raise ImportError("No module named 'ortools'")

    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(selfcheck, "CHECKS", [("排班求解器", broken)])
    assert run(argparse.Namespace(db=None, command="self-check")) == 1
    captured = capsys.readouterr()
    assert "失败  排班求解器：ImportError" in captured.err and "自检失败：1 项" in captured.out
