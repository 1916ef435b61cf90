"""The 志愿者 list shows each volunteer's confirmed hours, points balance and star beside the name
(seam 6), on screen and in ``export volunteers`` (确认时长（小时） 积分余额 星级)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from policeroom.cli.commands import _COMMANDS
from policeroom.cli.parser import build_parser
from policeroom.models import HoursEntry, PointsEntry
from policeroom.services.activities import ledger
from tests.conftest import signed_in_args
from tests.forces.helpers import grid, volunteer


def _ledgers(services, vid: int, minutes: int, tenths: int) -> None:  # noqa: ANN001
    with services.ctx.write() as s:
        ledger.post(s, HoursEntry, vid, f"hours:test:{vid}", minutes, kind="service", summary="测试",
                    actor=services.actor)  # fmt: skip
        ledger.post(s, PointsEntry, vid, f"points:test:{vid}", tenths, kind="earn", summary="测试",
                    actor=services.actor)  # fmt: skip


@pytest.mark.today(date(2026, 11, 20))
def test_rows_and_export_carry_hours_points_and_star(officer, db, tmp_path: Path) -> None:  # noqa: ANN001
    g = grid(officer)
    v1, v2 = volunteer(officer, "孙丽", g), volunteer(officer, "周强", g)
    _ledgers(officer, v1, 125 * 60 + 30, 1255)
    rows = {r.id: r for r in officer.volunteers.rows([v1, v2])}
    assert (rows[v1].hours, rows[v1].points, rows[v1].star) == (125.5, 125.5, "★ 一星")
    assert (rows[v2].hours, rows[v2].points, rows[v2].star) == (0.0, 0.0, "")
    out = tmp_path / "v.xlsx"
    args = build_parser().parse_args(["--db", "x", "export", "volunteers", "-o", str(out)])
    assert _COMMANDS["export"](db, signed_in_args(db, args)) == 0
    sheet = list(load_workbook(out).active.iter_rows(values_only=True))
    first = dict(zip(sheet[1], sheet[2], strict=True))
    assert first["姓名"] == "孙丽"
    assert (first["确认时长（小时）"], first["积分余额"], first["星级"]) == (125.5, 125.5, "★ 一星")


@pytest.mark.today(date(2026, 11, 20))
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_volunteer_tab_shows_them_on_the_name(officer, bus, qtbot) -> None:  # noqa: ANN001
    import os

    from PySide6.QtWidgets import QApplication

    from policeroom.ui.forces.volunteers import VolunteersTab

    g = grid(officer)
    v1 = volunteer(officer, "孙丽", g)
    volunteer(officer, "周强", g)
    _ledgers(officer, v1, 125 * 60 + 30, 1255)
    tab = VolunteersTab(officer, bus)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    m = tab.model
    heads = [m.headerData(c, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal)
             for c in range(m.columnCount())]
    assert heads[1] == "姓名"
    row = next(r for r in range(m.rowCount()) if m.index(r, 1).data() == "孙丽")
    tip = m.index(row, 1).data(__import__("PySide6.QtCore", fromlist=["Qt"]).Qt.ItemDataRole.ToolTipRole)
    assert tip == "已确认服务时长 125.5 小时，积分余额 125.5，★ 一星"
    if os.environ.get("POLICEROOM_SHOTS"):
        QApplication.processEvents()
        tab.grab().save(os.path.join(os.environ["POLICEROOM_SHOTS"], "volunteers_tab_standing.png"))
