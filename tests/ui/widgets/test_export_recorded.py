"""Exports and saved prints of personal data are in the history: who, which list, which filter, how many rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from policeroom.__main__ import main
from policeroom.models import AuditEntry
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.people.residents import ResidentsPage
from tests.ui.widgets.test_excel_ui import save_to, town  # noqa: F401 - fixture

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"), pytest.mark.usefixtures("cli_as_officer")]  # the commands sign in


def _outputs(db) -> list[AuditEntry]:  # noqa: ANN001
    with db.sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "output").order_by(AuditEntry.id)))


def test_list_export_recorded(town: Services, db, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001, F811
    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    page.grid_filter.setCurrentIndex(page.grid_filter.findData(town.town["g1"]))
    save_to(monkeypatch, tmp_path / "居民")
    assert page.export_excel() is not None
    [entry] = _outputs(db)
    changes = json.loads(entry.changes)
    assert entry.action == "export" and entry.actor == "王建军"
    assert "居民名单" in changes["列表"][1] and "WG01" in changes["筛选"][1] and changes["行数"][1] == 2


def test_cli_export_and_print_recorded(officer: Services, db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)
    officer.residents.create(ResidentInput(name="张三"))
    db.close()
    assert main(["--db", str(db.path), "export", "requests", "--from", "2026-01-01", "--to", "2026-12-31",
                 "-o", str(tmp_path / "台账.xlsx")]) == 0
    assert main(["--db", str(db.path), "print", "duty-sheet", "2026-11-22", "-o", str(tmp_path / "日志.pdf")]) == 0
    export, printed = _outputs(db)
    assert export.action == "export" and json.loads(export.changes)["筛选"][1] == "2026-01-01 至 2026-12-31"
    assert json.loads(export.changes)["行数"][1] == 0
    assert printed.action == "print" and "duty-sheet 2026-11-22" in printed.title
    assert main(["--db", str(db.path), "verify"]) == 0
