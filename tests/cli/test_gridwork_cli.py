"""``export grid-events -o F.xlsx`` and ``report assessment --month 2026-11 -o F.pdf``."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from policeroom.__main__ import main

pytestmark = pytest.mark.today(datetime(2026, 12, 5, 9, 0))


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:  # noqa: ANN001
    from policeroom.db import open_database
    from policeroom.models import EventSource, MemberRole
    from policeroom.services.gridwork.types import EventInput
    from policeroom.services.people.grids import GridInput
    from policeroom.services.people.team import MemberInput
    from policeroom.services.registry import Services

    path = str(tmp_path / "a.db")
    assert main(["--db", path, "upgrade"]) == 0
    database = open_database("sqlite:///" + path, lock=False)
    sv = Services(database.sessions)
    g = sv.grids.create(GridInput(code="WG01", name="一网格"))
    w = sv.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g]))
    cat = sv.grid_events.categories()[0][0]
    for day, text in ((3, '=HYPERLINK("x") 楼道堆物'), (10, "路灯不亮，联系人13812345678")):
        eid = sv.grid_events.create(EventInput(EventSource.patrol_check, cat, g, datetime(2026, 11, day, 9, 0), text,
                                               reporter_id=w))  # fmt: skip
        sv.grid_events.register(eid, at=datetime(2026, 11, day, 10, 0))
    database.close()
    capsys.readouterr()
    return path


def test_export_grid_events(db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    out = tmp_path / "events.xlsx"
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "grid-events",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "已导出 2026-11-01 至 2026-11-30 的网格事件 2 条" in capsys.readouterr().out
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert "网格事件台账" in rows[0][0] and rows[1][0] == "编号"
    assert [r[0] for r in rows[2:]] == ["SJ2026-000001", "SJ2026-000002"]
    texts = [r[9] for r in rows[2:]]
    assert texts[0].startswith("=HYPERLINK") and ws.cell(3, 10).data_type == "s"  # text, never a formula
    assert "138****5678" in texts[1]  # phones in free text are masked


def test_report_assessment(db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    out = tmp_path / "a.pdf"
    assert main(["--db", db, "report", "assessment", "--month", "2026-11", "-o", str(out)]) == 0
    assert "2026年11月的网格员考核表（1名网格员）" in capsys.readouterr().out
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages).replace(" ", "")
    assert "张秀兰" in text and "100.0%（2/2）" in text and "有效上报率×40" in text
    assert main(["--db", db, "report", "assessment", "--month", "2026-13", "-o", str(out)]) == 1
    assert "月份格式" in capsys.readouterr().err
    assert main(["--db", db, "report", "assessment", "--week", "2026-W47", "-o", str(out)]) == 1
