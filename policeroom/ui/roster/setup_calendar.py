"""排班规则 (rest hours, consecutive days, weekly cap, no day shift after a night) and 节假日: holidays and 调休
working days entered by hand for a year chinese-calendar does not know, with the warning visible."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.models.roster import ManualHoliday
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.core.forms import errors_of
from policeroom.services.registry import Services
from policeroom.services.roster.config import RULE_LABELS
from policeroom.services.roster.types import WEEKDAYS, Rules
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.common import (
    FAIL_STYLE,
    NOTE_STYLE,
    OK_STYLE,
    attempt,
    button,
    button_bar,
    confirm,
    date_edit,
    date_of,
    list_model,
    selected,
    table_for,
)
from policeroom.ui.widgets.forms import FieldErrors, RecordDialog, form_row
from policeroom.ui.widgets.table import Column


class RulesForm(QWidget):
    """The four working-time rules; 0 switches a numeric rule off."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.errors = FieldErrors()
        can = services.actor.can(Perm.edit_settings)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.spins: dict[str, QSpinBox] = {}
        for key, top in (("min_rest_hours", 99), ("max_consecutive_days", 99), ("weekly_hours_cap", 999),
                         ("rest_days_in_7", 9), ("weekly_days_off", 9)):
            spin = QSpinBox()
            spin.setRange(0, top)
            spin.setSpecialValueText(tr("不限"))
            spin.setEnabled(can)
            self.spins[key] = spin
            form_row(form, self.errors, tr(RULE_LABELS[key]), key, spin)
        self.no_day_after_night = QCheckBox(tr(RULE_LABELS["no_day_after_night"]))
        self.no_day_after_night.setEnabled(can)
        form.addRow("", self.no_day_after_night)
        self.cover = QComboBox()
        self.cover.addItem(tr("派出所值班民警（所值班）"), False)
        self.cover.addItem(tr("社区工作人员备勤"), True)
        self.cover.setEnabled(can)
        form_row(form, self.errors, tr(RULE_LABELS["cover_by_staff"]), "cover_by_staff", self.cover)
        self.status = QLabel()
        save = QPushButton(tr("保存规则"))
        save.setEnabled(can)
        save.clicked.connect(self.save)
        form.addRow("", button_bar(save, self.status))
        intro = QLabel(tr("自动排班不会违反这些规则；手工改动违反时，排班表上标红并写明原因。数值填0为不限。"
                          "备勤也算值班：计入连续值班天数，备勤的日子不算休息日。民警和工作人员每周休息天数尽量排足，"
                          "排不足时排班表写明欠补休的天数。"))
        intro.setWordWrap(True)
        column = QWidget()
        column.setMaximumWidth(640)
        inner = QVBoxLayout(column)
        inner.addWidget(intro)
        inner.addLayout(form)
        lay = QVBoxLayout(self)
        lay.addWidget(column, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        self.load()

    def load(self) -> None:
        r = self.services.roster.config.rules()
        for key, spin in self.spins.items():
            spin.setValue(getattr(r, key))
        self.no_day_after_night.setChecked(r.no_day_after_night)
        self.cover.setCurrentIndex(1 if r.cover_by_staff else 0)
        self.errors.clear()

    def save(self) -> bool:
        rules = Rules(self.spins["min_rest_hours"].value(), self.no_day_after_night.isChecked(),
                      self.spins["max_consecutive_days"].value(), self.spins["weekly_hours_cap"].value(),
                      self.spins["rest_days_in_7"].value(), self.spins["weekly_days_off"].value(),
                      bool(self.cover.currentData()))
        try:
            self.services.roster.config.save_rules(rules)
        except ValidationError as e:
            self.errors.show(errors_of(e))
            self.status.setStyleSheet(FAIL_STYLE)
            self.status.setText(tr("未保存，请按红字提示修改。"))
            return False
        except DomainError as e:
            self.status.setStyleSheet(FAIL_STYLE)
            self.status.setText(e.message)
            return False
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(tr("已保存。"))
        self.bus.notify("roster")
        return True


class HolidayDialog(RecordDialog):
    """One day by hand: a holiday (休息) or a 调休 working day (上班), with its name."""

    limits_from = ManualHoliday  # text fields show the limits the service enforces

    def __init__(self, services: Services, year: int, parent: QWidget | None = None) -> None:
        super().__init__(tr("录入节假日"), parent)
        self.services = services
        start = date(year, 1, 1) if year != clock.today().year else clock.today()
        self.day = self.add_field(tr("日期"), "day", date_edit(start))
        self.rest = QComboBox()
        self.rest.addItem(tr("休息（法定节假日）"), True)
        self.rest.addItem(tr("上班（调休上班日）"), False)
        self.add_field(tr("这一天"), "rest", self.rest)
        self.name = self.add_field(tr("名称"), "name", QLineEdit())
        self.name.setPlaceholderText(tr("例如：春节、国庆节"))

    def submit(self) -> None:
        self.services.roster.config.set_manual_day(date_of(self.day), bool(self.rest.currentData()), self.name.text())


class HolidaysPanel(QWidget):
    """节假日 of a year: the warning when chinese-calendar does not know it, and the days entered by hand."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        can = services.actor.can(Perm.edit_settings)
        self.year = QSpinBox()
        self.year.setRange(2004, 2200)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(tr(" 年"))
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(NOTE_STYLE)
        self.model = list_model([
            Column(tr("日期"), lambda d: f"{d.day:%Y-%m-%d} 星期{WEEKDAYS[d.day.weekday()]}"),
            Column(tr("安排"), lambda d: tr("休息") if d.rest else tr("调休上班")),
            Column(tr("名称"), lambda d: d.name),
            Column(tr("来源"), lambda d: d.source),
        ], self._rows)
        self.table = table_for(self.model)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("年份")))
        head.addWidget(self.year)
        head.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.warning)
        intro = QLabel(tr("法定节假日和调休上班日一般由日历数据自动识别；日历数据还没有收录的年份，"
                          "请按国务院办公厅公布的安排逐日录入。手工录入的日子优先于日历数据。"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addLayout(button_bar(button("录入一天…", self.add, can), button("删除", self.delete, can)))
        lay.addWidget(self.table, 1)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind == "roster" else None)
        self.refresh()

    def _rows(self) -> list:
        """The year's holidays and 调休 days: chinese-calendar's and those entered by hand."""
        from policeroom.services.roster.calendar import year_days

        y = self.year.value()
        return year_days(y, {d.day: d for d in self.services.roster.config.manual_days(y)})

    def refresh(self) -> None:
        from policeroom.services.roster.calendar import roster_calendar_warning

        y = self.year.value()
        self.model.reload()
        manual = {d.day: d for d in self.services.roster.config.manual_days(y)}
        text = roster_calendar_warning([date(y, 1, 1)], manual)
        self.warning.setText("⚠ " + text if text else "")
        self.warning.setVisible(bool(text))

    def add(self) -> None:
        if HolidayDialog(self.services, self.year.value(), self).exec():
            self.bus.notify("roster")

    def delete(self) -> None:
        d = selected(self.table)
        if d is not None and not d.manual:
            QMessageBox.information(self, tr("删除"), tr("这一天来自日历数据，不能删除；如安排有变，请录入同一天覆盖它。"))
            return
        if d is None or not confirm(self, "删除", f"删除手工录入的{d.day:%Y-%m-%d}？"):
            return
        if attempt(self, "无法删除", lambda: self.services.roster.config.delete_manual_day(d.day)):
            self.bus.notify("roster")

