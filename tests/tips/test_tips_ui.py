"""The 举报线索 module on screen: from intake to a paid reward (pytest-qt), the follow-up panel, and what
staff see of a tip (已密封). Screenshots at 1366×768 and 1920×1080 go to POLICEROOM_SHOTS when set."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from policeroom.models import AccountRole
from policeroom.ui.bus import ChangeBus
from policeroom.ui.tips.detail import TipDetailDialog
from policeroom.ui.tips.module import TipsModule
from policeroom.ui.tips.register import CodeDialog, TipDialog
from tests.tips.conftest import TIPSTER, Room

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise", "does not support grabbing"),
    pytest.mark.today(datetime(2026, 11, 20, 9, 0)),
]


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("POLICEROOM_SHOTS")
    if folder:
        from PySide6.QtWidgets import QApplication

        if name == "detail":
            widget.resize(1000, 700)
        elif not name.startswith("module"):
            widget.adjustSize()
        QApplication.processEvents()
        for w, h in ((1366, 768), (1920, 1080)):
            if widget.isWindow() and name.startswith("module"):
                widget.resize(w, h - 60)
            widget.grab().save(os.path.join(folder, f"{name}-{w}.png"))


def _texts(root: QWidget) -> str:
    out = [w.text() for w in root.findChildren(QLabel)]
    for view in root.findChildren(QTableView):
        m = view.model()
        out += [str(m.index(r, c).data() or "") for r in range(m.rowCount()) for c in range(m.columnCount())]
    return " ".join(out)


def _step(detail: TipDetailDialog, move: str, **values) -> None:  # noqa: ANN003
    form = detail.step_dialog(move)
    for field, value in values.items():
        w = form.errors.widgets[field]
        if hasattr(w, "setPlainText"):
            w.setPlainText(value)
        elif hasattr(w, "findData") and not w.isEditable():
            w.setCurrentIndex(w.findData(value))
        elif hasattr(w, "setEditText"):
            w.setEditText(value)
        elif hasattr(w, "setValue"):
            w.setValue(value)
        else:
            w.setText(value)
    form.errors.widgets["at"].set_value(datetime(2026, 11, 20, 8, 0) + timedelta(minutes=len(detail.d.timeline)))
    form.save()
    assert detail.step_done(form), (move, {f: form.errors.text(f) for f in form.errors.labels})


def test_intake_to_a_paid_reward(room: Room, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    officer = room.services
    dlg = TipDialog(officer)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.save()  # nothing filled in: the reasons beside the fields
    assert dlg.errors.text("category").startswith("请从列表中选择") and dlg.errors.text("content") == "请填写线索内容"
    dlg.received_at.set_value(datetime(2026, 11, 20, 7, 30))
    dlg.category.setCurrentIndex(dlg.category.findData("涉毒"))
    dlg.real_name.setChecked(True)
    dlg.tipster_name.setText(TIPSTER["name"])
    dlg.tipster_id.setText(TIPSTER["id_number"])
    dlg.tipster_phone.setText(TIPSTER["phone"])
    dlg.subject.setText("3号楼地下室出租人")
    dlg.place.setText("安华里3号楼地下室")
    dlg.grid.setCurrentIndex(dlg.grid.findData(room.grid1))
    dlg.content.setPlainText("地下室夜间有人聚集吸毒")
    _shot(dlg, "register")
    dlg.save()
    assert dlg.intake is not None and dlg.intake.number == "JB2026-000001"
    code_dlg = CodeDialog(officer, dlg.intake)
    qtbot.addWidget(code_dlg)
    shown = code_dlg.findChild(QLabel, "query_code").text()
    assert shown.replace(" ", "") == dlg.intake.code and len(shown.split()) == 4
    _shot(code_dlg, "code")
    assert "查询码" in "".join(p.extract_text() for p in __import__("pypdf").PdfReader(
        __import__("io").BytesIO(code_dlg.receipt_pdf())).pages)

    module = TipsModule(officer, bus)
    qtbot.addWidget(module)
    module.show()
    assert module.tips.model.rowCount() == 1
    assert TIPSTER["name"] not in _texts(module)
    detail = TipDetailDialog(officer, bus, dlg.intake.tip_id, module)
    qtbot.addWidget(detail)
    detail.show()
    assert detail.tipster_label.text() == "已密封"
    _step(detail, "accept")
    _step(detail, "assign", handler_id=room.staff_id, working_days=10)
    _step(detail, "verify", verdict="属实", measures="会同禁毒民警查处")
    _step(detail, "outcome", outcome="查获吸毒人员3名")
    form = detail.step_dialog("assess")
    assert form.errors.widgets["reward_proposed"].value() == 300  # 禁毒, 一般线索
    _step(detail, "assess", reward_basis="查获吸毒人员")
    _step(detail, "approve")
    _step(detail, "notify")
    form = detail.step_dialog("claim")
    form.errors.widgets["claim_code"].setText("1234")
    form.save()
    assert "查询码不正确" in form.errors.text("claim_code")
    _step(detail, "claim", claim_code=dlg.intake.code)
    assert detail.d.row.status == "claimed" and "reward" in detail.move_buttons
    _shot(detail, "detail")
    assert module.follow_up  # the panel exists
    module.follow_up.code.setText(dlg.intake.code)
    module.follow_up.look_up()
    assert module.follow_up.answer.text() == "您的线索已办结。" and module.follow_up.code.text() == ""
    module.tabs.setCurrentWidget(module.follow_up)
    _shot(module, "module-followup")
    module.tabs.setCurrentWidget(module.tips)
    module.tips.reload()
    _shot(module, "module-list")


def test_staff_see_sealed_and_no_reveal_button(room: Room, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    from tests.tips.conftest import real_name

    tid = room.services.tips.register(real_name(room, datetime(2026, 11, 19, 9))).tip_id
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    module = TipsModule(staff, bus)
    qtbot.addWidget(module)
    detail = TipDetailDialog(staff, bus, tid, module)
    qtbot.addWidget(detail)
    blob = _texts(module) + _texts(detail)
    for secret in TIPSTER.values():
        assert secret not in blob
    assert "已密封" in blob
    assert not any(b.text().startswith("查看举报人") for b in detail.findChildren(__import__("PySide6.QtWidgets", fromlist=["QPushButton"]).QPushButton))
    assert "approve" not in detail.move_buttons and "accept" in detail.move_buttons


def test_the_tipsters_resident_record_says_nothing_of_the_tip(room: Room, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from policeroom.ui.people.residents import ResidentDialog
    from policeroom.ui.widgets.history import HistoryDialog
    from tests.tips.conftest import real_name

    tid = room.services.tips.register(real_name(room, datetime(2026, 11, 19, 9))).tip_id
    room.services.tips.reveal(tid, "核对")
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    dlg = ResidentDialog(staff, room.resident_id)
    qtbot.addWidget(dlg)
    hist = HistoryDialog("居民", staff.history("resident", room.resident_id))
    qtbot.addWidget(hist)
    texts = _texts(dlg) + " ".join(w.text() for w in dlg.findChildren(QLineEdit))
    texts += " ".join(w.toPlainText() for w in dlg.findChildren(QPlainTextEdit))
    texts += " ".join(hist.tree.topLevelItem(i).text(c) for i in range(hist.tree.topLevelItemCount()) for c in range(6))
    assert TIPSTER["name"] in texts  # her own record, as before
    for word in ("举报", "线索", "JB20", "密封"):
        assert word not in texts


def test_the_window_export_has_no_tipster_column_and_reports_page_shows_categories(room: Room, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001, E501
    from tests.tips.conftest import real_name, tip_input

    room.services.tips.register(real_name(room, datetime(2026, 11, 19, 9)))
    room.services.tips.register(tip_input(room, datetime(2026, 11, 19, 10), category="涉赌"))
    module = TipsModule(room.services, bus)
    qtbot.addWidget(module)
    page = module.tips
    spec = page.export_spec()
    headers = [c.header for c in spec.columns]
    assert "线索编号" in headers and not any("举报人" in h or "电话" in h or "身份证" in h for h in headers)
    values = [str(c.value(r)) for r in spec.rows() for c in spec.columns]
    assert "已密封" not in values and TIPSTER["name"] not in values

    from policeroom.ui.summary.page import ReportsPage

    reports = ReportsPage(room.services, bus)
    qtbot.addWidget(reports)
    reports.show()
    from policeroom.services.summary.types import month_period

    reports.data = room.services.summary.summary(month_period(2026, 11))
    reports._fill(reports.data)
    assert "本期受理线索按类别：涉毒1件、涉赌1件" in reports.basis.text()


def test_same_matter_is_suggested_by_subject_and_place(room: Room, qtbot) -> None:  # noqa: ANN001
    from tests.tips.conftest import tip_input

    first = room.services.tips.register(tip_input(room, datetime(2026, 11, 10, 9)))
    room.services.tips.register(tip_input(room, datetime(2026, 11, 11, 9), subject="别处", place="别的地方"))
    dlg = TipDialog(room.services)
    qtbot.addWidget(dlg)
    dlg.category.setCurrentIndex(dlg.category.findData("涉毒"))
    dlg.content.setPlainText("又看见有人在地下室吸毒")
    dlg.subject.setText("地下室出租人")
    dlg.suggest_same()
    assert dlg.same.count() == 2 and dlg.same.itemData(1) == first.number
    dlg.same.setCurrentIndex(1)
    dlg.save()
    assert room.services.tips.detail(dlg.intake.tip_id).same_matter == [first.number]
    dlg2 = TipDialog(room.services)
    qtbot.addWidget(dlg2)
    dlg2.category.setCurrentIndex(dlg2.category.findData("涉毒"))
    dlg2.content.setPlainText("同一件事")
    dlg2.same.setEditText("JB2026-000099")
    dlg2.save()
    assert "没有编号为" in dlg2.errors.text("duplicate_of")


def test_correcting_a_registration_keeps_the_tipster_and_the_code(room: Room, qtbot) -> None:  # noqa: ANN001
    from policeroom.errors import PermissionDenied
    from tests.tips.conftest import real_name

    svc = room.services.tips
    intake = svc.register(real_name(room, datetime(2026, 11, 19, 9)))
    dlg = TipDialog(room.services, tip_id=intake.tip_id)
    qtbot.addWidget(dlg)
    assert dlg.tipster_name.text() == "" and not dlg.tipster_name.isVisibleTo(dlg)
    dlg.category.setCurrentIndex(dlg.category.findData("涉赌"))
    dlg.content.setPlainText("更正：是赌博")
    dlg.save()
    d = svc.detail(intake.tip_id)
    assert (d.row.category, d.content, d.row.anonymous) == ("涉赌", "更正：是赌博", False)
    assert svc.reveal(intake.tip_id, "核对").name == TIPSTER["name"]
    assert svc.follow_up(intake.code) == "您的线索已受理。"
    assert d.timeline[-1].label == "修改登记"
    gw = room.as_role(AccountRole.grid_worker, (room.grid1,), room.grid_worker_id)
    with pytest.raises(PermissionDenied):
        gw.tips.update(intake.tip_id, tip_input_for(room))
    svc.accept(intake.tip_id)
    svc.assign(intake.tip_id, room.staff_id, 5)
    svc.verify(intake.tip_id, "属实", "查实")
    from policeroom.errors import ValidationError

    with pytest.raises(ValidationError, match="核查后"):
        svc.update(intake.tip_id, tip_input_for(room))


def tip_input_for(room: Room):  # noqa: ANN201
    from tests.tips.conftest import tip_input

    return tip_input(room, datetime(2026, 11, 19, 9))
