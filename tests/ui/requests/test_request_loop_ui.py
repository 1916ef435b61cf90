"""The loop engine's moves on the request detail screen: 督办 → 回复, 挂账 → 恢复, and how it looks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from policeroom.services.loop.lights import Light
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.detail import RequestDetailDialog
from policeroom.ui.requests.oversight import ParkDialog, ReplyDialog, SuperviseDialog
from tests.ui.requests.test_requests_ui import Team, minute, register, team  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def dispatched(officer: Services, team: Team) -> int:  # noqa: F811
    rid = register(officer, ago=timedelta(hours=10))  # its dispatch step is long past due
    officer.requests.dispatch(rid, team.worker_id, at=minute(timedelta(hours=9)))
    return rid


def test_supervise_then_reply(officer: Services, team: Team, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001, F811
    rid = dispatched(officer, team)
    detail = RequestDetailDialog(officer, bus, rid)
    qtbot.addWidget(detail)
    detail.show()
    assert detail.loop_buttons["supervise"].isVisible() and not detail.loop_buttons["reply"].isVisible()
    supervise = detail.step_dialog("supervise")
    assert isinstance(supervise, SuperviseDialog)
    supervise.save()
    assert supervise.errors.text("supervise_note") == "请填写督办要求"  # beside the field, nothing sent
    supervise.note.setPlainText("请今天下班前上门处置")
    supervise.save()
    assert detail.step_done(supervise)
    assert detail.loop_buttons["reply"].isVisible() and "督办 1 次" in detail.loop_counts.text()
    last = detail.timeline.topLevelItem(detail.timeline.topLevelItemCount() - 1)
    assert last.text(1) == "督办" and "（待回复）" in last.text(3)

    reply = detail.step_dialog("reply")
    assert isinstance(reply, ReplyDialog) and reply.pressed.count() == 1
    reply.save()
    assert reply.errors.text("reply") == "请填写回复内容"
    reply.reply.setPlainText("已上门，物业明早维修")
    reply.save()
    assert detail.step_done(reply)
    assert not detail.loop_buttons["reply"].isVisible()
    texts = [detail.timeline.topLevelItem(i).text(3) for i in range(detail.timeline.topLevelItemCount())]
    assert any("回复" in t and "物业明早维修" in t for t in texts)


def test_park_then_resume(officer: Services, team: Team, bus: ChangeBus, qtbot, monkeypatch) -> None:  # noqa: ANN001, F811
    rid = dispatched(officer, team)
    detail = RequestDetailDialog(officer, bus, rid)
    qtbot.addWidget(detail)
    detail.show()
    park = detail.step_dialog("park")
    assert isinstance(park, ParkDialog)
    park.save()
    assert park.errors.text("park_reason") == "请填写挂账原因"
    park.reason.setPlainText("等待街道协调")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    park.save()
    assert park.saved_id is None and officer.requests.get(rid).parked_at is None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    park.save()
    assert detail.step_done(park)
    assert detail.detail.light == Light.parked and "已挂账（等待街道协调）" in detail.step_label.text()
    assert detail.loop_buttons["resume"].isVisible() and not detail.loop_buttons["park"].isVisible()

    resume = detail.step_dialog("resume")
    resume.save()
    assert detail.step_done(resume)
    assert detail.detail.parked_at is None and detail.loop_buttons["park"].isVisible()
    assert detail.timeline.topLevelItem(detail.timeline.topLevelItemCount() - 1).text(1) == "恢复"


def test_detail_with_the_new_buttons_fits_1366x768(officer: Services, team: Team, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001, F811
    rid = dispatched(officer, team)
    officer.requests.supervise(rid, "请尽快处置")
    detail = RequestDetailDialog(officer, bus, rid)
    qtbot.addWidget(detail)
    detail.resize(1366, 768)
    detail.show()
    qtbot.waitExposed(detail)
    detail.grab().save("/tmp/request_detail_loop.png")
    for b in [*detail.loop_buttons.values(), detail.close_button, detail.print_button]:
        if b.isVisible():
            assert b.width() >= b.sizeHint().width() - 1, b.text()  # not squeezed
            right = b.mapTo(detail, b.rect().bottomRight())
            assert right.x() <= detail.width() and right.y() <= detail.height(), b.text()
