"""A new dispute entry and a case's first session record (issue 11 item 9): nothing chosen for the
officer that the officer did not choose, what is known filled in, errors that go once put right."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from policeroom.models import CaseKind, CaseSource, MemberRole, PartyRole, RecordKind
from policeroom.services.mediation.types import CaseInput, PartyInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services

pytestmark = [pytest.mark.today(date(2026, 11, 25)), pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def room(officer: Services) -> Services:
    officer.grids.create(GridInput(code="WG01", name="一网格"))
    g2 = officer.grids.create(GridInput(code="WG02", name="二网格"))
    staff = officer.team.create(MemberInput(name="刘芳", role=MemberRole.staff))
    zs = officer.residents.create(ResidentInput(name="张三", phone="13800000000", address="安华里3号楼", grid_id=g2))
    ls = officer.residents.create(ResidentInput(name="李四", phone="13900000001", address="安华里5号楼"))
    officer.ids = {"g2": g2, "staff": staff, "zs": zs, "ls": ls}
    return officer


def test_a_new_entry_asks_for_the_type_and_fills_screener_and_grid(room: Services, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.mediation.disputes import DisputeDialog

    dlg = DisputeDialog(room, None)
    qtbot.addWidget(dlg)
    # 纠纷类型 is not the first type of the list (a 楼道杂物 dispute was saved as 婚姻家庭)
    assert dlg.dispute_type.currentData() is None and dlg.dispute_type.currentText() == "请选择…"
    assert dlg.screener.currentData() == room.actor.member_id  # the signed-in officer screened it
    assert dlg.grid.currentData() is None
    # the linked resident's grid (李四 has none; 张三 lives in 二网格)
    dlg.parties.set_parties([PartyInput(name="李四", resident_id=room.ids["ls"]),
                             PartyInput(name="张三", resident_id=room.ids["zs"])])  # fmt: skip
    assert dlg.grid.currentData() == room.ids["g2"]
    dlg.summary.setPlainText("楼道堆放杂物，邻居争执")
    dlg.save()
    assert dlg.saved_id is None and dlg.errors.text("dispute_type") == "请选择纠纷类型"
    dlg.dispute_type.setCurrentIndex(dlg.dispute_type.findData("邻里"))
    assert dlg.errors.text("dispute_type") == ""
    dlg.save()
    assert dlg.saved_id is not None
    saved = room.disputes.get(dlg.saved_id).data
    assert (saved.dispute_type, saved.grid_id, saved.screener_id) == ("邻里", room.ids["g2"], room.actor.member_id)


def test_the_parties_error_goes_when_parties_are_added(room: Services, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.mediation.disputes import DisputeDialog

    dlg = DisputeDialog(room, None)
    qtbot.addWidget(dlg)
    dlg.save()
    assert dlg.errors.text("parties") == "请至少填写一位当事人"
    dlg.parties.set_parties([PartyInput(name="王五", phone="13700000000")])
    assert dlg.errors.text("parties") == ""


def test_a_new_case_asks_for_the_type(room: Services, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.mediation.case_form import CaseDialog

    dlg = CaseDialog(room, None)
    qtbot.addWidget(dlg)
    assert dlg.dispute_type.currentData() is None
    dlg.save()
    assert dlg.saved_id is None and dlg.errors.text("dispute_type") == "请选择纠纷类型"


def test_the_recorder_is_asked_in_the_first_session_record_and_kept_for_the_case(room: Services, qtbot) -> None:  # noqa: ANN001
    """记录人 is optional when the case is registered; the first 新增调解记录 failed with 请填写记录人."""
    from policeroom.ui.mediation.steps import CaseRecordDialog

    case_id = room.mediation.create(CaseInput(
        kind=CaseKind.people, source=CaseSource.application, dispute_type="邻里", accepted_on=date(2026, 11, 24),
        facts="楼道堆物。", mediator_ids=[room.actor.member_id],
        parties=[PartyInput(name="张三", resident_id=room.ids["zs"], role=PartyRole.applicant),
                 PartyInput(name="李四", resident_id=room.ids["ls"], role=PartyRole.respondent)],
    ))  # fmt: skip
    dlg = CaseRecordDialog(room, room.cases.get(case_id), RecordKind.session)
    qtbot.addWidget(dlg)
    assert dlg.recorder.text() == "" and "本案记录人" in dlg.recorder.placeholderText()
    dlg.at.set_value(datetime(2026, 11, 25, 9, 0))
    dlg.content.setPlainText("双方同意三日内清理杂物")
    dlg.recorder.setText("刘芳")
    dlg.save()
    assert dlg.saved_id is not None
    detail = room.cases.get(case_id)
    assert detail.recorder == "刘芳" and detail.data.recorder_id == room.ids["staff"]  # saved back to the case
    again = CaseRecordDialog(room, detail, RecordKind.session)
    qtbot.addWidget(again)
    assert again.recorder.text() == "刘芳"  # asked once
