"""Dialogs of the 队伍与单位 tab: a team (队伍) and a partner unit (警+联盟成员单位)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from policeroom.models import PartnerUnit, VolunteerTeam
from policeroom.services.forces.types import PARTNER_BRINGS, PartnerInput, TeamInput, VolunteerFilter
from policeroom.services.registry import Services
from policeroom.ui.forces.volunteer_form import Ticks
from policeroom.ui.widgets.fields import CheckList, OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


def _grid_combo(services: Services, combo: QComboBox, none_label: str) -> QComboBox:
    if not services.actor.limited_to_grids:
        combo.addItem(none_label, None)
    for gid, label in services.grids.choices():
        combo.addItem(label, gid)
    return combo


class TeamDialog(RecordDialog):
    limits_from = VolunteerTeam

    def __init__(self, services: Services, team_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建队伍") if team_id is None else tr("编辑队伍"), parent)
        self.services, self.team_id, self.saved_id = services, team_id, None
        self.name = self.add_field(tr("队伍名称"), "name", QLineEdit())
        self.kind = self.add_field(tr("队伍类别"), "kind", QComboBox())
        self.kind.addItems(services.force_kinds.get("team"))
        self.grid = self.add_field(tr("网格"), "grid_id", _grid_combo(services, QComboBox(), tr("不限网格（按驻点）")))
        self.site = self.add_field(tr("驻点"), "site", QLineEdit())
        self.officer = self.add_field(tr("联系民警"), "officer_id", QComboBox())
        self.officer.addItem(tr("未指定"), None)
        for m in services.team.list():
            self.officer.addItem(m.name, m.id)
        self.model_squad = self.add_field(tr("模范小分队"), "model_squad", QCheckBox(tr("评为模范小分队")))
        self.founded_on = self.add_field(tr("成立日期"), "founded_on", OptionalDateEdit())
        self.add_column()
        ids = services.volunteers.search_ids(VolunteerFilter())
        people = [(r.id, f"{r.number} {r.name}") for r in services.volunteers.rows(ids)]
        self.members = self.add_field(tr("成员"), "member_ids", CheckList())
        self.members.VISIBLE_ROWS = 10
        self.members.set_items(people)
        self.leader = self.add_field(tr("队长"), "leader_id", QComboBox())
        self.leader.addItem(tr("未指定"), None)
        for vid, label in people:
            self.leader.addItem(label, vid)
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        if team_id is not None:
            t = services.force_groups.team(team_id)
            self.name.setText(t.name)
            combo_select(self.kind, t.kind)
            self.kind.setCurrentText(t.kind)
            combo_select(self.grid, t.grid_id)
            self.site.setText(t.site)
            combo_select(self.officer, t.officer_id)
            self.model_squad.setChecked(t.model_squad)
            self.founded_on.set_value(t.founded_on)
            self.members.set_checked(t.member_ids)
            combo_select(self.leader, t.leader_id)
            self.notes.setPlainText(t.notes)
            self.enable_history(t.name, lambda: services.history("volunteer_team", team_id))

    def submit(self) -> None:
        data = TeamInput(
            name=self.name.text(), kind=self.kind.currentText(), grid_id=self.grid.currentData(), site=self.site.text(),
            leader_id=self.leader.currentData(), officer_id=self.officer.currentData(),
            model_squad=self.model_squad.isChecked(), founded_on=self.founded_on.value(),
            member_ids=tuple(self.members.checked_ids()), notes=self.notes.toPlainText(),
        )  # fmt: skip
        self.saved_id = self.services.force_groups.save_team(self.team_id, data)


class PartnerDialog(RecordDialog):
    limits_from = PartnerUnit

    def __init__(self, services: Services, partner_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建联盟单位") if partner_id is None else tr("编辑联盟单位"), parent)
        self.services, self.partner_id, self.saved_id = services, partner_id, None
        self.name = self.add_field(tr("单位名称"), "name", QLineEdit())
        self.kind = self.add_field(tr("联盟类别"), "kind", QComboBox())
        self.kind.addItems(services.force_kinds.get("partner"))
        self.address = self.add_field(tr("地址"), "address", QLineEdit())
        self.grid = self.add_field(tr("网格"), "grid_id", _grid_combo(services, QComboBox(), tr("未分配")))
        self.contact = self.add_field(tr("联系人"), "contact", QLineEdit())
        self.phone = self.add_field(tr("联系电话"), "phone", QLineEdit())
        self.guards = self.add_field(tr("保安人数"), "guards", QSpinBox())
        self.guards.setRange(0, 100000)
        self.agreement_on = self.add_field(tr("签约日期"), "agreement_on", OptionalDateEdit())
        self.brings = self.add_field(tr("提供资源"), "brings", Ticks(PARTNER_BRINGS))
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        if partner_id is not None:
            p = services.force_groups.partner(partner_id)
            self.name.setText(p.name)
            combo_select(self.kind, p.kind)
            self.kind.setCurrentText(p.kind)
            self.address.setText(p.address)
            combo_select(self.grid, p.grid_id)
            self.contact.setText(p.contact)
            self.phone.setText(p.phone)
            self.guards.setValue(p.guards)
            self.agreement_on.set_value(p.agreement_on)
            self.brings.set_values(p.brings)
            self.notes.setPlainText(p.notes)
            self.enable_history(p.name, lambda: services.history("partner_unit", partner_id))

    def submit(self) -> None:
        data = PartnerInput(
            name=self.name.text(), kind=self.kind.currentText(), address=self.address.text(),
            grid_id=self.grid.currentData(), contact=self.contact.text(), phone=self.phone.text(),
            guards=self.guards.value(), agreement_on=self.agreement_on.value(), brings=self.brings.values(),
            notes=self.notes.toPlainText(),
        )  # fmt: skip
        self.saved_id = self.services.force_groups.save_partner(self.partner_id, data)
