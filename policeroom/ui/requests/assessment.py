"""考核: per team member, requests handled, closed on time, average time per step, satisfaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core import clock
from policeroom.services.registry import Services
from policeroom.services.requests.service import AssessmentRow
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "assistance_request"
STEPS = ("dispatch", "handle", "feedback", "visit", "close")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _hours_column(step: str, label: str) -> Column[AssessmentRow]:
    return Column(
        label,
        lambda r: hours(r.average_hours(step)),
        f"hours.{step}",
        align_right=True,
        tooltip=lambda r: tr("平均小时数"),
    )


def assessment_columns() -> list[Column[AssessmentRow]]:
    """Short (two-line) headers: fifteen columns fit a 1366-pixel screen."""
    step_labels = {
        "dispatch": tr("派遣\n用时"),
        "handle": tr("处置\n用时"),
        "feedback": tr("反馈\n用时"),
        "visit": tr("回访\n用时"),
        "close": tr("办结\n用时"),
    }
    return [
        Column(tr("团队成员"), lambda r: r.name, "name"),
        Column(tr("受理数"), lambda r: r.handled, "handled", align_right=True),
        Column(tr("办结数"), lambda r: r.closed, "closed", align_right=True),
        Column(
            tr("按时\n办结率"),
            lambda r: percent(r.on_time_rate),
            "on_time_rate",
            align_right=True,
            tooltip=lambda r: tr("按时办结 {n} 件").format(n=r.closed_on_time),
        ),
        *(_hours_column(step, step_labels[step]) for step in STEPS),
        Column(tr("回访数"), lambda r: r.visited, "visited", align_right=True),
        Column(
            tr("满意率"),
            lambda r: percent(r.satisfaction_rate),
            "satisfaction_rate",
            align_right=True,
            tooltip=lambda r: tr("满意 {a}，基本满意 {b}").format(a=r.satisfied, b=r.fairly),
        ),
        Column(tr("不满意"), lambda r: r.unsatisfied, "unsatisfied", align_right=True),
        Column(
            tr("督办"),
            lambda r: r.supervised,
            "supervised",
            align_right=True,
            tooltip=lambda r: tr("按期完成环节 {a} 个，超期 {b} 个").format(a=r.steps_on_time, b=r.steps_late),
        ),
        Column(tr("返工"), lambda r: r.reworked, "reworked", align_right=True),
        Column(tr("延期"), lambda r: r.extended, "extended", align_right=True),
    ]


def _sort_value(key: str) -> Callable[[AssessmentRow], Any]:
    if key.startswith("hours."):
        step = key.split(".", 1)[1]
        return lambda r: (r.average_hours(step) is None, r.average_hours(step) or 0.0)
    if key == "name":
        return lambda r: r.name
    return lambda r: (getattr(r, key) is None, getattr(r, key) or 0)


class AssessmentPanel(QWidget):
    """考核 over a date range (default: this month), one row per team member."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[AssessmentRow] = []
        self._dirty = False
        today = clock.today()
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.set_range(today.replace(day=1), today, reload=False)
        self.this_month = QPushButton(tr("本月"))
        self.last_month = QPushButton(tr("上月"))
        self.this_year = QPushButton(tr("本年"))
        self.this_month.clicked.connect(lambda: self.set_range(clock.today().replace(day=1), clock.today()))
        self.last_month.clicked.connect(self._last_month)
        self.this_year.clicked.connect(
            lambda: self.set_range(clock.today().replace(month=1, day=1), clock.today())
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("求助日期")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(tr("至")))
        bar.addWidget(self.date_to)
        for b in (self.this_month, self.last_month, self.this_year):
            bar.addWidget(b)
        bar.addStretch(1)

        self.model = ListTableModel(assessment_columns(), self._load)
        self.model.sort_key = "handled"
        self.model.descending = True
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(72)
        # fifteen columns at 1366 px leave ~76 px each: the theme's wide header padding cut 受理数/回访数 in half
        header.setStyleSheet("QHeaderView::section { padding-left: 2px; padding-right: 2px; }")
        self.table.setSortingEnabled(True)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 14px;")
        self.empty_label = QLabel(
            tr("所选期间没有已派遣的求助。考核按求助时间统计，只计已派遣、未作废的求助。")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #757575; font-size: 14px; padding: 24px;")
        note = QLabel(
            tr(
                "受理数：期间内登记并派给该成员的求助（不含作废）。按时办结：派遣、处置、反馈、回访、办结每个环节都在时限内完成。"
                "用时为平均小时数：派遣自登记起，处置和反馈自派遣起，回访自反馈起，办结自回访起。"
                "满意率 =（满意 + 基本满意）÷ 回访数。督办、返工、延期（已批准）为办理经过中记录的次数。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self.date_from.dateChanged.connect(lambda _d: self._timer.start())
        self.date_to.dateChanged.connect(lambda _d: self._timer.start())
        bus.changed.connect(self._on_changed)

        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty_label)
        lay.addWidget(self.total)
        lay.addWidget(note)
        self.refresh()

    # -- range ----------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        a, b = self.date_from.date(), self.date_to.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    def set_range(self, start: date, end: date, *, reload: bool = True) -> None:
        for edit, value in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        if reload:
            self.refresh()

    def _last_month(self) -> None:
        end = clock.today().replace(day=1) - timedelta(days=1)
        self.set_range(end.replace(day=1), end)

    # -- data -----------------------------------------------------------------------------
    def _load(self, sort: str | None, descending: bool) -> list[AssessmentRow]:
        return sorted(self.rows, key=_sort_value(sort or "handled"), reverse=descending)

    def refresh(self) -> None:
        """Compute the figures for the period again."""
        self._timer.stop()
        self._dirty = False
        start, end = self.period()
        if end < start:
            start, end = end, start
        self.rows = self.services.requests.assessment(start, end)
        self.model.reload()
        self.empty_label.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        self.total.setText(self.total_text())
        self.total.setVisible(bool(self.rows))

    def total_text(self) -> str:
        handled = sum(r.handled for r in self.rows)
        closed = sum(r.closed for r in self.rows)
        on_time = sum(r.closed_on_time for r in self.rows)
        visited = sum(r.visited for r in self.rows)
        satisfied = sum(r.satisfied + r.fairly for r in self.rows)
        unsatisfied = sum(r.unsatisfied for r in self.rows)
        return tr(
            "合计：受理 {h} 件，办结 {c} 件，按时办结率 {ot}，回访 {v} 件，满意率 {s}，不满意 {u} 件"
        ).format(
            h=handled,
            c=closed,
            ot=percent(on_time / closed if closed else None),
            v=visited,
            s=percent(satisfied / visited if visited else None),
            u=unsatisfied,
        )

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind not in (KIND, "team_member"):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True  # computed when the tab is shown again

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.refresh()
