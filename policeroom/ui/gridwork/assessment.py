"""网格员考核 (monthly): every counted fact, rate, score and grade per grid worker; a click on a number
lists the records behind it; 打印考核表 prints the 网格员考核表; the officer sets the weights."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.core import clock
from policeroom.services.gridwork.assessment import AssessmentSheet
from policeroom.services.gridwork.providers import RecordLine
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.forms import save_with_status, tr

FACT_ROLE = Qt.ItemDataRole.UserRole + 5
GRADE_COLOURS = {"A": "#e8f5e9", "B": "#f1f8e9", "C": "#fffde7", "D": "#fff3e0", "E": "#ffebee"}


def months_back(today: date, n: int = 13) -> list[str]:
    out = []
    y, m = today.year, today.month
    for _ in range(n):
        out.append(f"{y}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out


class RecordsDialog(QDialog):
    """The records behind one number; an event opens its detail."""

    def __init__(self, services: Services, bus: ChangeBus, title: str, lines: list[RecordLine],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.services, self.bus, self.lines = services, bus, lines
        self.setWindowTitle(title)
        self.resize(760, 420)
        self.table = QTableWidget(len(lines), 4)
        self.table.setHorizontalHeaderLabels([tr("编号"), tr("日期"), tr("内容"), tr("状态")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for r, line in enumerate(lines):
            when = (
                f"{line.when:%Y-%m-%d %H:%M}"
                if hasattr(line.when, "hour")
                else (f"{line.when:%Y-%m-%d}" if line.when else "")
            )
            for c, v in enumerate((line.number, when, line.title, line.status)):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.table.cellDoubleClicked.connect(self.open_row)
        hint = QLabel(
            tr("共 {n} 条。双击一行打开该记录（网格事件可查看办理经过）。").format(n=len(lines)) if lines else tr("没有记录。")
        )
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)

    def open_row(self, row: int, _col: int = 0) -> None:
        line = self.lines[row]
        if line.kind == "grid_event":
            from policeroom.ui.gridwork.event_detail import EventDetailDialog

            EventDetailDialog(self.services, self.bus, line.id, self).exec()
        elif line.kind == "household":
            from policeroom.ui.fieldwork.households import HouseholdDialog

            HouseholdDialog(self.services, line.id, self).exec()
        elif line.kind == "household_visit":
            from policeroom.ui.fieldwork.visits import VisitDialog

            VisitDialog(self.services, line.id, self).exec()
        elif line.kind == "patrol_record":
            from policeroom.ui.fieldwork.patrol_dialog import PatrolDialog

            PatrolDialog(self.services, line.id, self).exec()


class WeightsDialog(QDialog):
    """考核权重 (officer only): one weight per rate; 0 shows a rate without scoring it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(tr("考核权重"))
        weights = services.assessment.weights()
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        for spec in services.assessment.specs():
            spin = QDoubleSpinBox()
            spin.setRange(0, 100)
            spin.setDecimals(0)
            spin.setValue(weights.get(spec.key, 0))
            self.spins[spec.key] = spin
            form.addRow(spec.term, spin)
        self.status = QLabel(tr("权重合计不是100时，得分按合计折算为百分制。"))
        self.status.setWordWrap(True)
        save = QPushButton(tr("保存"))
        save.clicked.connect(self.save)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        row.addWidget(close)
        lay.addLayout(row)

    def save(self) -> bool:
        return save_with_status(
            self.status, lambda: self.services.assessment.save_weights({k: s.value() for k, s in self.spins.items()}),
            tr("已保存考核权重"),
        )  # fmt: skip


class AssessmentPage(QWidget):
    """The month's table: one row per grid worker; facts, rates (n/d), score, grade."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.month = QComboBox()
        today = clock.today()
        for m in months_back(today):
            y, mm = m.split("-")
            self.month.addItem(tr("{y}年{m}月").format(y=y, m=int(mm)), m)
        if today.day <= 7:  # early in a month, last month's 考核 is the one to look at
            self.month.setCurrentIndex(1)
        self.print_button = QPushButton(tr("打印考核表"))
        self.weights_button = QPushButton(tr("考核权重"))
        self.weights_button.setVisible(services.actor.role.value == "officer")
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.cellClicked.connect(self.open_cell)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #757575; font-size: 14px; padding: 24px;")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("月份")))
        bar.addWidget(self.month)
        bar.addStretch(1)
        bar.addWidget(self.weights_button)
        bar.addWidget(self.print_button)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.formula)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addWidget(QLabel(tr("点击任一数字，查看它所统计的记录。")))
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        self.print_button.clicked.connect(self.print_sheet)
        self.weights_button.clicked.connect(self.edit_weights)
        bus.changed.connect(
            lambda kind, _ids: self.reload()
            if kind in ("grid_event", "inspection", "household", "household_visit", "patrol_record")
            else None
        )
        self.reload()

    def reload(self) -> None:
        """One column per grid worker, one row per counted fact, rate (n/d), then score and grade."""
        self.sheet: AssessmentSheet = self.services.assessment.sheet(self.month.currentData())
        s = self.sheet
        self.formula.setText(f"{s.formula}。{s.grades}。")
        facts = s.rows[0].facts if s.rows else []
        # the score and the rates first (what the month comes to), then the counted facts behind them
        labels = [tr("综合得分"), tr("等级")] + [r.label for r in s.specs] + [f.label for f in facts]
        self.table.clear()
        self.table.setRowCount(len(labels))
        self.table.setColumnCount(len(s.rows))
        self.table.setVerticalHeaderLabels(labels)
        self.table.verticalHeader().setVisible(True)
        self.table.setHorizontalHeaderLabels([w.name for w in s.rows])
        for c, w in enumerate(s.rows):
            cells: list[tuple[str, str | None]] = [(f"{w.score:.1f}", None), (w.grade, None)]
            for rate in w.rates:
                text = (
                    f"{rate.value * 100:.1f}%（{rate.numerator}/{rate.denominator}）"
                    if rate.denominator
                    else "—"
                )
                cells.append((text, rate.spec.numerator))
            cells += [(str(f.value), f.key) for f in w.facts]
            for r, (text, key) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(FACT_ROLE, key)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if key is not None:
                    item.setForeground(QBrush(QColor("#1565c0")))
                    item.setToolTip(tr("点击查看记录"))
                if r < 2:
                    item.setBackground(QBrush(QColor(GRADE_COLOURS.get(w.grade, "#ffffff"))))
                self.table.setItem(r, c, item)
            self.table.horizontalHeaderItem(c).setToolTip(w.grids)
        self.table.resizeColumnsToContents()
        self.empty.setText(tr("本月没有在岗的网格员。") if not s.rows else "")
        self.empty.setVisible(not s.rows)

    def open_cell(self, row: int, col: int) -> RecordsDialog | None:
        item = self.table.item(row, col)
        key = item.data(FACT_ROLE) if item else None
        if key is None:
            return None
        w = self.sheet.rows[col]
        try:
            lines = self.services.assessment.records(self.month.currentData(), w.member_id, key)
        except DomainError:
            return None
        label = next((f.label for f in w.facts if f.key == key), key)
        dlg = RecordsDialog(self.services, self.bus, f"{w.name} {self.sheet.month} {label}", lines, self)
        dlg.open()
        return dlg

    def print_sheet(self) -> None:
        from policeroom.reports.gridwork.assessment import TITLE, assessment_pdf
        from policeroom.ui.widgets.pdf_output import present_pdf

        data = assessment_pdf(self.sheet, self.services.settings.get().room_name)
        self.services.record_output("print", f"{TITLE}（{self.sheet.month}）")
        present_pdf(self, data, f"{TITLE}-{self.month.currentData()}.pdf")

    def edit_weights(self) -> None:
        WeightsDialog(self.services, self).exec()
        self.reload()
