"""The 入户走访记录 form and list (日期, 走访人, 地址, 户类, 接待人, 事由, 了解情况, 处理意见, 签名, 下次走访)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from policeroom.models import HouseholdVisit
from policeroom.services.core import clock
from policeroom.services.fieldwork.types import VisitInput, VisitRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.fieldwork.common import member_choices, py_time, time_edit
from policeroom.ui.widgets.dates import pydate, qdate, today_qdate
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

FINDINGS = (("population", "人口变动"), ("hazards", "隐患"), ("disputes", "纠纷"), ("wishes", "诉求"))


class VisitDialog(RecordDialog):
    limits_from = HouseholdVisit

    def __init__(self, services: Services, visit_id: int | None, parent: QWidget | None = None, *,
                 household_id: int | None = None) -> None:  # fmt: skip
        super().__init__(tr("登记入户走访") if visit_id is None else tr("编辑入户走访"), parent)
        self.services, self.visit_id = services, visit_id
        self.saved_id: int | None = None
        self.household = self.add_field(tr("住户"), "household_id", QComboBox())
        self.household.addItem(tr("请选择…"), None)
        for h in services.households.list():
            self.household.addItem(f"{h.address}（{h.kind}）", h.id)
        self.day = self.add_field(tr("走访日期"), "visited_on", QDateEdit())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(today_qdate())
        self.day.setMaximumDate(today_qdate())
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        self.timed = QCheckBox(tr("记录时段"))
        self.start, self.end = time_edit(), time_edit()
        for w in (self.timed, self.start, QLabel(tr("至")), self.end):
            row.addWidget(w)
        row.addStretch(1)
        self.timed.toggled.connect(lambda on: (self.start.setEnabled(on), self.end.setEnabled(on)))
        self.timed.setChecked(False)
        self.start.setEnabled(False)
        self.end.setEnabled(False)
        self.add_field(tr("时段"), "end_time", times)
        self.visitor = self.add_field(tr("走访人"), "visitor_id", QComboBox())
        for mid, label in member_choices(services):
            self.visitor.addItem(label, mid)
        combo_select(self.visitor, services.actor.member_id)
        self.companions = self.add_field(tr("同行人员"), "companions", QLineEdit())
        self.received = self.add_field(tr("接待人"), "received_by", QLineEdit())
        self.purpose = self.add_field(tr("走访事由"), "purpose", QLineEdit())
        self.purpose.setPlaceholderText(tr("例如 定期走访、了解生活困难、安全提示"))
        self.add_column()
        self.findings: dict[str, QPlainTextEdit] = {}
        for key, label in FINDINGS:
            edit = self.add_field(tr(label), key, QPlainTextEdit())
            edit.setFixedHeight(52)
            self.findings[key] = edit
        self.action = self.add_field(tr("处理意见"), "action", QPlainTextEdit())
        self.action.setFixedHeight(52)
        self.signed = self.add_field(tr("签名"), "signed", QCheckBox(tr("被走访人已在纸质记录上签名")))
        self.next_due = self.add_field(tr("下次走访"), "next_due", OptionalDateEdit())
        self.next_hint = QLabel()
        self.next_hint.setStyleSheet("color: #616161;")
        self.form.addRow("", self.next_hint)
        self.household.currentIndexChanged.connect(lambda _i: self._hint())
        self.day.dateChanged.connect(lambda _d: self._hint())
        if visit_id is not None:
            self._load(visit_id)
        elif household_id is not None:
            combo_select(self.household, household_id)
        self._hint()
        self.setMinimumWidth(900)

    def _hint(self) -> None:
        hid = self.household.currentData()
        if hid is None:
            self.next_hint.setText(tr("不填时按户类的走访周期自动计算"))
            return
        due = self.services.households.next_due_for(hid, pydate(self.day.date()))
        self.next_hint.setText(tr("不填时按户类计算为 {d}").format(d=f"{due:%Y-%m-%d}"))

    def _load(self, visit_id: int) -> None:
        v = self.services.households.visit(visit_id)
        self.enable_history(f"走访 {v.address}", lambda: self.services.history("household_visit", visit_id))
        if self.household.findData(v.household_id) < 0:
            self.household.addItem(v.address, v.household_id)
        combo_select(self.household, v.household_id)
        self.day.setDate(qdate(v.visited_on))
        if v.start_time is not None and v.end_time is not None:
            self.timed.setChecked(True)
            self.start.setTime(time_edit(v.start_time).time())
            self.end.setTime(time_edit(v.end_time).time())
        combo_select(self.visitor, v.visitor_id)
        self.companions.setText(v.companions)
        self.received.setText(v.received_by)
        self.purpose.setText(v.purpose)
        for key, edit in self.findings.items():
            edit.setPlainText(getattr(v, key))
        self.action.setPlainText(v.action)
        self.signed.setChecked(v.signed)
        self.next_due.set_value(v.next_due)

    def data(self) -> VisitInput:
        timed = self.timed.isChecked()
        return VisitInput(
            self.household.currentData(), pydate(self.day.date()), self.visitor.currentData(),
            py_time(self.start) if timed else None, py_time(self.end) if timed else None,
            self.companions.text(), self.received.text(), self.purpose.text(),
            *(self.findings[k].toPlainText() for k, _l in FINDINGS), self.action.toPlainText(),
            self.signed.isChecked(), self.next_due.value(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.visit_id is None:
            self.saved_id = self.services.households.create_visit(self.data())
        else:
            self.services.households.update_visit(self.visit_id, self.data())
            self.saved_id = self.visit_id


def visit_columns() -> list[Column[VisitRow]]:
    def found(r: VisitRow) -> str:
        return "；".join(f"{label}：{getattr(r, key)}" for key, label in FINDINGS if getattr(r, key))

    return [
        Column(tr("走访日期"), lambda r: f"{r.visited_on:%Y-%m-%d}", export=lambda r: r.visited_on),
        Column(tr("地址"), lambda r: r.address),
        Column(tr("户类"), lambda r: r.kind),
        Column(tr("走访人"), lambda r: r.visitor + (f"、{r.companions}" if r.companions else "")),
        Column(tr("接待人"), lambda r: r.received_by),
        Column(tr("走访事由"), lambda r: r.purpose, tooltip=lambda r: r.purpose),
        Column(tr("了解情况"), lambda r: found(r) or tr("无"), tooltip=found),
        Column(tr("处理意见"), lambda r: r.action, tooltip=lambda r: r.action),
        Column(tr("签名"), lambda r: tr("已签") if r.signed else tr("未签")),
        Column(tr("下次走访"), lambda r: f"{r.next_due:%Y-%m-%d}" if r.next_due else "", export=lambda r: r.next_due),
    ]


class VisitsPage(ListPage):
    kind = "household_visit"
    noun = "走访记录"
    dialog_class = VisitDialog
    export_name = "入户走访记录"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services, self.bus = services, bus
        model: ListTableModel[VisitRow] = ListTableModel(visit_columns(), self._load)
        self.period = QComboBox()
        for label, days in (("近30天", 30), ("近90天", 90), ("近一年", 366), ("全部", None)):
            self.period.addItem(tr(label), days)
        self.period.setCurrentIndex(2)
        super().__init__(model, tr("搜索：地址、事由、接待人、户类"), services, bus, parent)
        self.new_button.setText(tr("登记走访"))
        self.add_filter_row(self.period)
        bus.changed.connect(lambda kind, _ids: kind in ("household_visit", "household") and self.reload())
        self.reload()
        self.resize_columns([90, 130, 80, 110, 70, 150, 220, 150, 50, 90])

    def _load(self, _sort: str | None, _descending: bool) -> list[VisitRow]:
        days = self.period.currentData()
        start = clock.today() - timedelta(days=days) if days else None
        return self.services.households.visits(start, None, query=self.query)

    def record_service(self):  # noqa: ANN201
        class _Delete:  # ListPage deletes through ``record_service().delete``
            def __init__(self, sv: Services) -> None:
                self.delete = sv.households.delete_visit

        return _Delete(self.services)

    def row_title(self, row: VisitRow | None) -> str:  # type: ignore[override]
        return f"{row.visited_on} {row.address}" if row is not None else ""
