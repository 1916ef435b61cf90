"""``policeroom --db PATH roster generate 2027-W02``: 一键排班 from the command line, with its summary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from policeroom.__main__ import main


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)
    monkeypatch.setenv("POLICEROOM_PASSWORD", "demo1234")


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_roster_generate_week(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "a.db")
    assert main(["--db", db, "seed-demo", "--residents", "30", "--requests-per-year", "10"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--user", "wangjianjun", "roster", "generate", "2027-W02"]) == 0
    text = capsys.readouterr().out
    assert "已排好 1月11日至1月17日" in text
    assert "违反规则：0 处" in text and "未满足要求：" in text
    assert "每人休息天数（整天无班无备勤）：" in text and "王建军2天" in text
    assert "社区民警休息天数" not in text or "休息天数：最少" in text
    # saved: printing the week shows it
    assert main(["--db", db, "--user", "wangjianjun", "print", "roster", "2027-W02", "-o", str(tmp_path / "w.pdf")]) == 0
    assert (tmp_path / "w.pdf").stat().st_size > 1000


def test_roster_generate_bad_period(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "a.db")
    assert main(["--db", db, "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "roster", "generate", "2027-13"]) == 1
    assert capsys.readouterr().err.startswith("错误：")
    with pytest.raises(SystemExit):
        main(["--db", db, "roster"])
