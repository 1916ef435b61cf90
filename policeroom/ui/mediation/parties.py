"""当事人: a party dialog (picked from the resident index or typed in) and the list of a record's parties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import PARTY_ROLE_LABELS, PartyRole
from policeroom.models.mediation import CaseParty
from policeroom.services.core import clock
from policeroom.services.core.validators import ETHNICITIES
from policeroom.services.mediation.docs import age_on
from policeroom.services.mediation.parties import party_from_resident
from policeroom.services.mediation.types import PartyInput
from policeroom.services.registry import Services
from policeroom.ui.requests.picker import ResidentPicker
from policeroom.ui.widgets.fields import IdNumberEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


class PartyDialog(RecordDialog):
    """One party. ``full`` shows every field the documents print; otherwise name and phone only."""

    limits_from = CaseParty  # text fields show the limits the service enforces

    def __init__(
        self, services: Services, party: PartyInput | None, *, full: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("当事人"), parent)
        self.services = services
        self.full = full
        self.result_party: PartyInput | None = None
        self.picker = self.add_field(tr("姓名"), "name", ResidentPicker(services))
        self.picker.picked.connect(self._fill_from_resident)
        self.role = QComboBox()
        self.gender = QComboBox()
        self.ethnicity = QComboBox()
        self.id_number = IdNumberEdit()
        self.age = QSpinBox()
        self.occupation = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        if full:
            for role, label in PARTY_ROLE_LABELS.items():
                self.role.addItem(label, role.value)
            self.add_field(tr("身份"), "role", self.role)
            self.add_field(tr("身份证号"), "id_number", self.id_number)
            self.gender.addItem(tr("未填"), "")
            self.gender.addItem("男", "男")
            self.gender.addItem("女", "女")
            self.add_field(tr("性别"), "gender", self.gender)
            self.ethnicity.addItem(tr("未填"), "")
            for e in ETHNICITIES:
                self.ethnicity.addItem(e, e)
            self.add_field(tr("民族"), "ethnicity", self.ethnicity)
            self.age.setRange(0, 130)
            self.age.setSpecialValueText(tr("按身份证号计算"))
            self.age.setSuffix(tr(" 岁"))
            self.age.setToolTip(tr("没有身份证号时填写；有身份证号时按文书日期自动计算"))
            self.add_field(tr("年龄"), "age", self.age)
            self.occupation.setPlaceholderText(tr("例如 退休、个体经营、某公司职员"))
            self.add_field(tr("职业或职务"), "occupation", self.occupation)
        self.add_field(tr("联系方式"), "phone", self.phone)
        if full:
            self.add_field(tr("单位或住址"), "address", self.address)
        self._birth: date | None = None
        self.id_number.textEdited.connect(lambda _t: self._update_age_hint())
        if party is not None:
            self.set_party(party)
        self.setMinimumWidth(560)

    def set_party(self, p: PartyInput) -> None:
        if p.resident_id is not None:
            rows = self.services.residents.rows([p.resident_id])
            self.picker.set_linked(p.resident_id, rows[0] if rows else None)
        self.picker.name.setText(p.name)
        combo_select(self.role, PartyRole(p.role).value)
        combo_select(self.gender, p.gender)
        combo_select(self.ethnicity, p.ethnicity)
        self.id_number.setText(p.id_number)
        self._birth = p.birth_date
        self.age.setValue(p.age or 0)
        self.occupation.setText(p.occupation)
        self.phone.setText(p.phone)
        self.address.setText(p.address)
        self._update_age_hint()

    def _fill_from_resident(self, resident_id: int) -> None:
        from policeroom.models import Resident

        with self.services.ctx.read() as s:
            r = s.get(Resident, resident_id)
            known = party_from_resident(r) if r else None
        if known is None:
            return
        known = replace(known, role=PartyRole(self.role.currentData() or PartyRole.applicant.value))
        known.occupation = self.occupation.text()
        self.set_party(known)

    def _update_age_hint(self) -> None:
        has_id = len(self.id_number.text().strip()) == 18
        self.age.setEnabled(not has_id)
        if self._birth and has_id:
            self.age.setToolTip(tr("按身份证号计算：今天{n}岁").format(n=age_on(self._birth, clock.today())))

    def party(self) -> PartyInput:
        return PartyInput(
            name=self.picker.name.text(), resident_id=self.picker.resident_id,
            role=PartyRole(self.role.currentData() or PartyRole.applicant.value), gender=self.gender.currentData() or "",
            ethnicity=self.ethnicity.currentData() or "", id_number=self.id_number.text(),
            age=self.age.value() or None if self.age.isEnabled() else None, occupation=self.occupation.text(),
            phone=self.phone.text(), address=self.address.text(),
        )  # fmt: skip

    def submit(self) -> None:
        self.result_party = self.services.mediation.check_party(self.party(), full=self.full)


class PartiesEditor(QWidget):
    """The parties of a ledger entry or a case: add (from the resident index or by hand), edit, remove, order.

    Signals:
        changed(): the list changed.
    """

    changed = Signal()

    def __init__(self, services: Services, *, full: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.full = full
        self.parties: list[PartyInput] = []
        self.table = QTableWidget(0, 5 if full else 2)
        headers = ["身份", "姓名", "性别 年龄", "联系方式", "单位或住址"] if full else ["姓名", "联系方式"]
        self.table.setHorizontalHeaderLabels([tr(h) for h in headers])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(130)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = QPushButton(tr("添加当事人"))
        self.edit_button = QPushButton(tr("编辑"))
        self.remove_button = QPushButton(tr("移除"))
        self.up_button = QPushButton(tr("上移"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(self.move_up)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button, self.up_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table)
        lay.addLayout(buttons)

    def set_parties(self, parties: list[PartyInput]) -> None:
        self.parties = list(parties)
        self._refresh()

    def _refresh(self) -> None:
        self.table.setRowCount(len(self.parties))
        today = clock.today()
        for i, p in enumerate(self.parties):
            if self.full:
                age = age_on(p.birth_date, today) if p.birth_date else p.age
                who = " ".join(x for x in (p.gender, f"{age}岁" if age is not None else "") if x)
                cells = [PARTY_ROLE_LABELS[PartyRole(p.role)], p.name, who, p.phone, p.address]
            else:
                cells = [p.name, p.phone]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.changed.emit()

    def _selected(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _dialog(self, party: PartyInput | None) -> PartyInput | None:
        dlg = PartyDialog(self.services, party, full=self.full, parent=self)
        if party is None and self.full:
            combo_select(dlg.role, (PartyRole.applicant if not self.parties else PartyRole.respondent).value)
        dlg.exec()
        return dlg.result_party

    def add(self) -> None:
        party = self._dialog(None)
        if party is not None:
            self.parties.append(party)
            self._refresh()
            self.table.selectRow(len(self.parties) - 1)

    def edit_selected(self) -> None:
        i = self._selected()
        if i < 0:
            return
        party = self._dialog(self.parties[i])
        if party is not None:
            self.parties[i] = party
            self._refresh()
            self.table.selectRow(i)

    def remove_selected(self) -> None:
        i = self._selected()
        if i >= 0:
            del self.parties[i]
            self._refresh()

    def move_up(self) -> None:
        i = self._selected()
        if i > 0:
            self.parties[i - 1], self.parties[i] = self.parties[i], self.parties[i - 1]
            self._refresh()
            self.table.selectRow(i - 1)
