"""转为网格事件 (seam 3): a tip's matter — subject, place, grid, content — becomes a grid event through the
events' own ``from_tip``; the tipster's identity is never copied; only the officer and the staff do it."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, EventCategory, EventStatus, GridEvent, LoopEvent
from tests.tips.conftest import TIPSTER, Room, real_name

NOW = datetime(2026, 11, 20, 9, 0)


def _accepted(room: Room) -> tuple[int, str]:
    svc = room.services.tips
    intake = svc.register(real_name(room, datetime(2026, 11, 18, 10, 0), occurred_at=datetime(2026, 11, 17, 22, 0)))
    svc.accept(intake.tip_id, datetime(2026, 11, 18, 11, 0))
    return intake.tip_id, intake.number


def _category(room: Room) -> int:
    with room.services.ctx.read() as s:
        return s.scalars(select(EventCategory.id).where(EventCategory.name == "治安隐患")).one()


@pytest.mark.today(NOW)
def test_a_tip_becomes_a_grid_event_without_its_tipster(room: Room) -> None:
    tid, number = _accepted(room)
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    event_number = staff.tips.to_grid_event(tid, _category(room))
    assert event_number == "SJ2026-000001" and staff.tips.event_of(tid) == event_number
    with room.services.ctx.read() as s:
        e = s.scalars(select(GridEvent)).one()
        assert (e.source.value, e.tip_ref, e.grid_id, e.status) == ("tip", number, room.grid1, EventStatus.reported)
        assert e.found_at == datetime(2026, 11, 17, 22, 0) and e.location == "安华里3号楼地下室"
        assert "3号楼地下室出租人" in e.description and "聚集吸毒" in e.description and number in e.description
        assert (e.reporter_id, e.reporter_name, e.reporter_phone) == (room.staff_id, "李娜", "")
        # nothing of the tipster anywhere in the event or its history
        texts = [str(getattr(e, c.key)) for c in GridEvent.__table__.columns]
        texts += [f"{x.note}{x.actor}" for x in s.scalars(select(LoopEvent).where(LoopEvent.kind == "grid_event"))]
    for secret in (TIPSTER["name"], TIPSTER["id_number"], TIPSTER["phone"], "匿名", "实名"):
        assert not any(secret in t for t in texts), secret
    with pytest.raises(ValidationError, match="已转为网格事件"):
        staff.tips.to_grid_event(tid, _category(room))


@pytest.mark.today(NOW)
def test_only_the_desk_turns_a_live_tip_over(room: Room) -> None:
    svc = room.services.tips
    fresh = svc.register(real_name(room, datetime(2026, 11, 19, 10, 0))).tip_id
    with pytest.raises(ValidationError, match="待受理"):  # not yet accepted
        svc.to_grid_event(fresh, _category(room))
    tid, _n = _accepted(room)
    worker = room.as_role(AccountRole.grid_worker, (room.grid1,), member_id=room.grid_worker_id)
    with pytest.raises(PermissionDenied):
        worker.tips.to_grid_event(tid, _category(room))
    with pytest.raises(ValidationError, match="事件类别"):
        svc.to_grid_event(tid, None)
    assert svc.event_of(tid) == ""
    # the officer may place it in another grid than the tip's
    svc.to_grid_event(tid, _category(room), grid_id=room.grid2)
    with room.services.ctx.read() as s:
        assert s.scalars(select(GridEvent.grid_id)).one() == room.grid2


@pytest.mark.today(NOW)
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise", "does not support grabbing")
def test_the_detail_screen_turns_a_tip_over(room: Room, bus, qtbot) -> None:  # noqa: ANN001
    import os

    from PySide6.QtWidgets import QApplication

    from policeroom.ui.tips.detail import TipDetailDialog
    from tests.ui.requests.test_requests_ui import run_modal

    tid, number = _accepted(room)
    worker = room.as_role(AccountRole.grid_worker, (room.grid1,), member_id=room.grid_worker_id)
    seen = TipDetailDialog(worker, bus, tid)
    qtbot.addWidget(seen)
    assert "to_event" not in seen.move_buttons  # grid workers only read
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    detail = TipDetailDialog(staff, bus, tid)
    qtbot.addWidget(detail)
    assert detail.move_buttons["to_event"].text() == "转为网格事件"
    form = detail.to_event_dialog()
    form.save()  # no category chosen: refused beside the field
    assert not form.saved and "事件类别" in form.errors.text("category_id")
    shots = os.environ.get("POLICEROOM_SHOTS")

    def fill(dlg) -> None:  # noqa: ANN001
        combo = dlg.errors.widgets["category_id"]
        combo.setCurrentIndex(combo.findText("治安隐患"))
        if shots:
            dlg.adjustSize()
            QApplication.processEvents()
            dlg.grab().save(os.path.join(shots, "tip_to_event_form.png"))
        dlg.save()

    run_modal(detail.to_event, fill)
    assert "to_event" not in detail.move_buttons
    labels = " ".join(w.text() for w in detail.findChildren(__import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel))
    assert "已转为网格事件 SJ2026-000001" in labels
    if shots:
        detail.resize(1366, 768)
        QApplication.processEvents()
        detail.grab().save(os.path.join(shots, "tip_detail_with_event.png"))
