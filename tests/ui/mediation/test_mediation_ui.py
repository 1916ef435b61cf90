"""矛盾纠纷 screens: the ledger (red rows, filters, errors beside fields) and the flow to a printed agreement."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from policeroom.models import CaseStatus, MemberRole, Risk
from policeroom.services.mediation.types import DisputeInput, PartyInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.mediation.disputes import DisputeModel
from policeroom.ui.mediation.module import MediationModule
from tests.ui.requests.test_requests_ui import run_modal

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


TODAY = date(2026, 11, 25)
#: entries are screened "today" and the forms default to today: pin the clock for every test here
pytestmark = pytest.mark.today(TODAY)


@pytest.fixture
def room(officer: Services) -> Services:
    g1 = officer.grids.create(GridInput(code="WG01", name="一网格"))
    staff = officer.team.create(MemberInput(name="刘芳", role=MemberRole.staff))
    zs = officer.residents.create(
        ResidentInput(
            name="张三",
            id_number="11010519491231002X",
            phone="13800000000",
            address="安华里3号楼501",
            grid_id=g1,
        )
    )
    ls = officer.residents.create(
        ResidentInput(name="李四", phone="13900000001", address="安华里3号楼601", grid_id=g1)
    )
    officer.ids = {"g1": g1, "staff": staff, "zs": zs, "ls": ls}
    return officer


def add_entry(sv: Services, risk: Risk = Risk.yellow, summary: str = "楼上漏水渗到楼下，双方争执") -> int:
    return sv.disputes.create(DisputeInput(
        screened_on=TODAY, dispute_type="邻里", risk=risk, summary=summary, grid_id=sv.ids["g1"],
        owner_id=sv.actor.member_id, demands="赔偿装修损失",
        parties=[PartyInput(name="张三", resident_id=sv.ids["zs"]), PartyInput(name="李四", resident_id=sv.ids["ls"])],
    ))  # fmt: skip


@pytest.fixture
def module(room: Services, bus: ChangeBus, qtbot) -> MediationModule:  # noqa: ANN001
    m = MediationModule(room, bus)
    qtbot.addWidget(m)
    m.resize(1300, 700)
    m.show()
    return m


def test_ledger_model_and_red_rows(room: Services, module: MediationModule, qtmodeltester) -> None:  # noqa: ANN001
    add_entry(room)
    red = add_entry(room, Risk.red, "两户因停车位争吵，扬言动手")
    page = module.disputes
    page.reload()
    model: DisputeModel = page.model
    qtmodeltester.check(model)
    row = model.row_of_id(red)
    assert model.data(model.index(row, 7)) == "红"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole).color().name() == "#f8d7da"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.FontRole).bold()
    page.risk_filter.setCurrentIndex(page.risk_filter.findData("red"))
    assert model.rowCount() == 1
    page.risk_filter.setCurrentIndex(0)
    page.search_box.setText("停车位")
    page.search_box.flush()
    assert [model.row_at(i).id for i in range(model.rowCount())] == [red]


def test_ledger_dialog_shows_errors_beside_fields_and_saves(room: Services, module: MediationModule) -> None:
    page = module.disputes
    saved: list[int] = []

    def fill(dlg: QWidget) -> None:
        dlg.save()  # empty: errors beside the fields, nothing saved
        assert dlg.errors.text("summary") == "请填写纠纷简要情况"
        assert dlg.errors.text("parties") == "请至少填写一位当事人"
        dlg.summary.setPlainText("邻居养狗扰民")
        assert dlg.errors.text("dispute_type") == "请选择纠纷类型"
        dlg.parties.set_parties([PartyInput(name="王五", phone="13700000000")])
        dlg.dispute_type.setCurrentIndex(dlg.dispute_type.findData("邻里"))
        dlg.save()
        saved.append(dlg.saved_id)

    run_modal(page.create, fill)
    assert saved and saved[0] is not None
    assert room.disputes.get(saved[0]).data.parties[0].name == "王五"
    assert page.model.rowCount() == 1


def test_party_dialog_fills_from_the_resident_index(room: Services, module: MediationModule) -> None:
    from policeroom.ui.mediation.parties import PartyDialog

    dlg = PartyDialog(room, None, full=True, parent=module)
    dlg.picker.pick(room.ids["zs"])
    assert dlg.id_number.text() == "11010519491231002X"
    assert dlg.gender.currentData() == "女" and dlg.phone.text() == "13800000000"
    dlg.id_number.setText("110105194912310021")  # wrong check character
    dlg.save()
    assert "校验" in dlg.errors.text("id_number") or "身份证" in dlg.errors.text("id_number")
    assert dlg.result_party is None


def test_flow_from_ledger_entry_to_printed_agreement(
    room: Services, module: MediationModule, monkeypatch
) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    entry = add_entry(room)
    page = module.disputes
    page.reload(select_id=entry)
    printed: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        "policeroom.ui.widgets.pdf_output.present_pdf", lambda _p, data, name: printed.append((data, name))
    )

    def register(dlg: QWidget) -> None:  # the case form, pre-filled from the entry
        assert [p.name for p in dlg.parties.parties] == ["张三", "李四"]
        assert "楼上漏水" in dlg.facts.toPlainText()
        dlg.recorder.setCurrentIndex(dlg.recorder.findData(room.ids["staff"]))
        dlg.save()

    def detail(dlg: QWidget) -> None:  # the case opens: add a session, reach the agreement, print it
        assert dlg.case.status == CaseStatus.accepted
        run_modal(dlg.add_session.click, session)
        assert dlg.case.status == CaseStatus.mediating
        run_modal(dlg.findChild(QWidget, "move_agreed").click, agreement)
        assert dlg.case.status == CaseStatus.agreed
        dlg.tabs.setCurrentIndex(4)
        dlg.findChild(QWidget, "print_agreement").click()
        dlg.close()

    def session(dlg: QWidget) -> None:
        dlg.content.setPlainText("双方陈述，调解员释法说理，双方同意协商解决。")
        dlg.result.setPlainText("达成协议")
        dlg.save()

    def agreement(dlg: QWidget) -> None:
        dlg.terms.setPlainText("李四赔偿张三装修损失2000元\n李四于本月底前修好卫生间防水")
        dlg.method.setPlainText("现金当面交付")
        dlg.save()

    run_modal(page.case_button.click, register, detail)
    assert printed, "the agreement was not printed"
    data, name = printed[0]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    number = room.cases.rows()[0].number
    assert name.startswith("人民调解协议书")
    for expected in ("人民调解协议书", number, "张三", "李四", "李四赔偿张三装修损失2000元", "现金当面交付"):
        assert expected in text.replace(" ", "").replace("\n", ""), expected
    assert room.disputes.get(entry).case_number == number
    from policeroom.models import AuditEntry

    with room.ctx.sessions() as s:  # who printed the agreement is in the history
        printed_entry = s.query(AuditEntry).filter_by(entity="output", action="print").one()
    assert printed_entry.title == f"人民调解协议书 {number}" and printed_entry.actor == room.actor.name


def test_dispute_types_are_edited_in_settings(
    room: Services, bus: ChangeBus, module: MediationModule, qtbot
) -> None:  # noqa: ANN001
    from policeroom.ui.settings.mediation_rules import MediationRulesForm

    form = MediationRulesForm(room, bus)
    qtbot.addWidget(form)
    form.types.setPlainText("邻里\n邻里")
    assert not form.save() and "重复" in form.status.text()
    form.types.setPlainText("邻里\n宠物纠纷\n")
    assert form.save()
    combo = module.disputes.type_filter
    assert [combo.itemData(i) for i in range(combo.count())] == [None, "邻里", "宠物纠纷"]
