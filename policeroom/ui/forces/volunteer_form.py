"""The volunteer dialog (登记志愿者 / 编辑志愿者): the person from the resident index, roles, teams,
availability, insurance; for a registered volunteer also trainings, commendations and evaluations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import AVAILABILITY, VOLUNTEER_ROLES, Volunteer
from policeroom.services.core import clock
from policeroom.services.forces.types import VolunteerInput
from policeroom.services.registry import Services
from policeroom.ui.widgets.fields import CheckList, OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


class Ticks(QWidget):
    """A row of check boxes for a few fixed choices (roles, availability); ``changed`` on any toggle."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.boxes = {c: QCheckBox(c) for c in choices}
        for box in self.boxes.values():
            lay.addWidget(box)
        lay.addStretch(1)
        self.changed = self.boxes[choices[0]].toggled  # clears the error line (forms._on_edit)

    def values(self) -> tuple[str, ...]:
        return tuple(c for c, b in self.boxes.items() if b.isChecked())

    def set_values(self, values: tuple[str, ...]) -> None:
        for c, b in self.boxes.items():
            b.setChecked(c in values)


class PersonPicker(QWidget):
    """Pick a resident: type a name or pinyin initials, choose from the matches."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("姓名或拼音首字母"))
        self.search.setToolTip(tr("输入姓名或拼音首字母（如 zs 找张三）查找居民"))
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 40)
        self.choice = QComboBox()
        self.choice.setMinimumWidth(200)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search, 0)
        lay.addWidget(self.choice, 1)
        self.search.textEdited.connect(self.find)
        self.changed = self.choice.currentIndexChanged
        self.find("")

    def find(self, text: str) -> None:
        self.choice.clear()
        found = self.services.emergency.residents_choice(text.strip(), limit=50) if text.strip() else []
        if not found:
            self.choice.addItem(tr("（请先输入姓名查找）") if not text.strip() else tr("没有找到，请先在“居民”中登记"), None)
        for rid, label in found:
            self.choice.addItem(label, rid)

    def value(self) -> int | None:
        return self.choice.currentData()

    def set_person(self, resident_id: int, label: str) -> None:
        self.choice.clear()
        self.choice.addItem(label, resident_id)


class VolunteerDialog(RecordDialog):
    """Register or edit a volunteer (平安志愿者)."""

    limits_from = Volunteer

    def __init__(self, services: Services, volunteer_id: int | None, parent: QWidget | None = None,
                 *, partner_unit_id: int | None = None) -> None:
        super().__init__(tr("登记志愿者") if volunteer_id is None else tr("编辑志愿者"), parent)
        self.services = services
        self.volunteer_id = volunteer_id
        self.saved_id: int | None = None
        self.setMinimumWidth(980)
        self.person = self.add_field(tr("居民"), "resident_id", PersonPicker(services))
        self.joined_on = self.add_field(tr("加入日期"), "joined_on", OptionalDateEdit())
        self.grid = self.add_field(tr("服务网格"), "grid_id", QComboBox())
        if not services.actor.limited_to_grids:
            self.grid.addItem(tr("同居民所在网格"), None)
        for gid, label in services.grids.choices():
            self.grid.addItem(label, gid)
        self.roles = self.add_field(tr("角色"), "roles", Ticks(VOLUNTEER_ROLES))
        self.availability = self.add_field(tr("可服务时间"), "availability", Ticks(AVAILABILITY))
        self.skills = self.add_field(tr("特长"), "skills", QLineEdit())
        self.skills.setPlaceholderText(tr("如 急救、驾驶、法律、心理咨询"))
        self.auxiliary = self.add_field(tr("义警"), "auxiliary", QCheckBox(tr("是义警（由社区民警带领）")))
        self.add_column()
        self.teams = self.add_field(tr("队伍"), "team_ids", CheckList())
        self.teams.VISIBLE_ROWS = 4
        self.teams.set_items(services.force_groups.team_choices())
        self.partner = self.add_field(tr("所属联盟单位"), "partner_unit_id", QComboBox())
        self.partner.addItem(tr("无"), None)
        for pid, name in services.force_groups.partner_choices():
            self.partner.addItem(name, pid)
        self.policy = self.add_field(tr("意外险保单号"), "insurance_policy", QLineEdit())
        self.insurer = self.add_field(tr("承保公司"), "insurer", QLineEdit())
        self.insurance_until = self.add_field(tr("保险有效期至"), "insurance_until", OptionalDateEdit())
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(50)
        if volunteer_id is None:
            self.joined_on.set_value(clock.today())
            combo_select(self.partner, partner_unit_id)
        else:
            d = services.volunteers.get(volunteer_id)
            self.person.set_person(d.resident_id, d.name)
            self.person.search.hide()  # one person, one record: the person is not changed here
            v = d.data
            self.joined_on.set_value(v.joined_on)
            combo_select(self.grid, v.grid_id)
            self.roles.set_values(v.roles)
            self.availability.set_values(v.availability)
            self.skills.setText(v.skills)
            self.teams.set_checked(v.team_ids)
            self.auxiliary.setChecked(v.auxiliary)
            combo_select(self.partner, v.partner_unit_id)
            self.policy.setText(v.insurance_policy)
            self.insurer.setText(v.insurer)
            self.insurance_until.set_value(v.insurance_until)
            self.notes.setPlainText(v.notes)
            self.setWindowTitle(tr("编辑志愿者 {n} {name}（{s}）").format(n=d.number, name=d.name, s=d.status.label))
            career = QGroupBox(tr("培训、表彰与年度评价"))
            QVBoxLayout(career).addWidget(CareerBox(services, volunteer_id, self))
            self.layout().insertWidget(1, career)
            self.enable_history(d.number, lambda: services.history("volunteer", volunteer_id))

    def data(self) -> VolunteerInput:
        return VolunteerInput(
            resident_id=self.person.value(), joined_on=self.joined_on.value(), grid_id=self.grid.currentData(),
            roles=self.roles.values(), skills=self.skills.text(), availability=self.availability.values(),
            team_ids=tuple(self.teams.checked_ids()), insurance_policy=self.policy.text(),
            insurer=self.insurer.text(), insurance_until=self.insurance_until.value(),
            partner_unit_id=self.partner.currentData(), auxiliary=self.auxiliary.isChecked(),
            notes=self.notes.toPlainText(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.volunteer_id is None:
            self.saved_id = self.services.volunteers.create(self.data())
        else:
            self.services.volunteers.update(self.volunteer_id, self.data())
            self.saved_id = self.volunteer_id


class CareerBox(QWidget):
    """The volunteer's trainings, commendations and evaluations, with buttons to add one."""

    def __init__(self, services: Services, volunteer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.volunteer_id = services, volunteer_id
        self.items = QListWidget()
        self.items.setFixedHeight(76)
        buttons = QHBoxLayout()
        for label, kind in ((tr("添加培训"), "training"), (tr("添加表彰"), "commendation"), (tr("年度评价"), "evaluation")):
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, k=kind: self.add(k))
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.items)
        lay.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        d = self.services.volunteers.get(self.volunteer_id)
        self.items.clear()
        for t in d.trainings:
            self.items.addItem(tr("培训 {d} {t}（{h}学时，{o}）").format(d=t.on, t=t.title, h=t.hours, o=t.organiser or "—"))
        for c in d.commendations:
            self.items.addItem(tr("表彰 {d} {t}（{i}）").format(d=c.on, t=c.title, i=c.issuer or "—"))
        for e in d.evaluations:
            self.items.addItem(tr("{y}年度评价：{g} {r}").format(y=e.year, g=e.grade, r=e.remarks))
        if not self.items.count():
            self.items.addItem(tr("（还没有培训、表彰或评价记录）"))

    def add(self, kind: str) -> None:
        from policeroom.ui.forces.career_form import CareerDialog

        dlg = CareerDialog(self.services, self.volunteer_id, kind, self)
        if dlg.exec():
            self.reload()


