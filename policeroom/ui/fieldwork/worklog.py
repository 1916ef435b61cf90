"""The 工作日志 tab: one person's week (or day) of the 警务工作日志, hand-written entries, printing,
and — for the officer — the week's duties checklist."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import WorkLogEntry
from policeroom.services.core import clock
from policeroom.services.fieldwork.sources import CATEGORIES, ENTRY_KINDS, LogItem
from policeroom.services.fieldwork.worklog import EntryInput, LogWeek
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.fieldwork.common import py_time, time_edit
from policeroom.ui.widgets.dates import pydate, qdate, today_qdate
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr

WEEKDAYS = "一二三四五六日"
#: the change-bus kinds whose records feed the log
SOURCES = ("work_log_entry", "household_visit", "patrol_record", "prevention_talk", "mediation_case",
           "assistance_request", "grid_event", "inspection", "roster")  # fmt: skip


class EntryDialog(RecordDialog):
    """A hand-written entry (手工填写) of the log."""

    limits_from = WorkLogEntry

    def __init__(self, services: Services, entry_id: int | None, parent: QWidget | None = None, *,
                 member_id: int | None = None, day: date | None = None) -> None:  # fmt: skip
        super().__init__(tr("填写工作日志") if entry_id is None else tr("编辑工作日志"), parent)
        self.services, self.entry_id = services, entry_id
        self.saved_id: int | None = None
        self.member = self.add_field(tr("人员"), "member_id", QComboBox())
        for mid, label in services.work_log.members():
            self.member.addItem(label, mid)
        self.day = self.add_field(tr("日期"), "day", QDateEdit())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(qdate(day) if day else today_qdate())
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        self.timed = QCheckBox(tr("记录时段"))
        self.start, self.end = time_edit(), time_edit()
        for w in (self.timed, self.start, QLabel(tr("至")), self.end):
            row.addWidget(w)
        row.addStretch(1)
        self.timed.toggled.connect(lambda on: (self.start.setEnabled(on), self.end.setEnabled(on)))
        self.timed.setChecked(True)
        self.add_field(tr("时段"), "end_time", times)
        self.place = self.add_field(tr("地点"), "place", QLineEdit())
        self.category = self.add_field(tr("工作类别"), "category", QComboBox())
        for c in CATEGORIES:
            self.category.addItem(c, c)
        self.kind = self.add_field(tr("事项"), "kind", QComboBox())
        for key, label in ENTRY_KINDS.items():
            self.kind.addItem(tr(label), key)
        self.kind.setToolTip(tr("接待群众、警情公示、居民代表会计入民警每周工作要求"))
        self.content = self.add_field(tr("内容"), "content", QPlainTextEdit())
        self.content.setFixedHeight(90)
        self.result = self.add_field(tr("结果或待办"), "result", QPlainTextEdit())
        self.result.setFixedHeight(60)
        combo_select(self.member, member_id)
        if entry_id is not None:
            e = services.work_log.entry(entry_id)
            self.enable_history(tr("工作日志"), lambda: services.history("work_log_entry", entry_id))
            combo_select(self.member, e.member_id)
            self.day.setDate(qdate(e.day))  # type: ignore[arg-type]
            self.timed.setChecked(e.start_time is not None)
            if e.start_time and e.end_time:
                self.start.setTime(time_edit(e.start_time).time())
                self.end.setTime(time_edit(e.end_time).time())
            self.place.setText(e.place)
            combo_select(self.category, e.category)
            combo_select(self.kind, e.kind)
            self.content.setPlainText(e.content)
            self.result.setPlainText(e.result)

    def data(self) -> EntryInput:
        timed = self.timed.isChecked()
        return EntryInput(self.member.currentData(), pydate(self.day.date()), self.category.currentData(),
                          self.content.toPlainText(), py_time(self.start) if timed else None,
                          py_time(self.end) if timed else None, self.place.text(), self.kind.currentData(),
                          self.result.toPlainText())  # fmt: skip

    def submit(self) -> None:
        if self.entry_id is None:
            self.saved_id = self.services.work_log.add(self.data())
        else:
            self.services.work_log.update(self.entry_id, self.data())
            self.saved_id = self.entry_id


class WorkLogPage(QWidget):
    """A person's week: ◀ 上周 · 本周 · 下周 ▶, the entries by day, 填写 / 编辑 / 删除, 打印本周日志."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.anchor = clock.today()
        self.week: LogWeek | None = None
        self.items: list[LogItem] = []
        self.member = QComboBox()
        for mid, label in services.work_log.members():
            self.member.addItem(label, mid)
        combo_select(self.member, services.actor.member_id)
        self.prev_btn, self.this_btn, self.next_btn = QPushButton(tr("◀ 上周")), QPushButton(tr("本周")), QPushButton(tr("下周 ▶"))
        self.day_only = QComboBox()
        self.day_only.addItem(tr("整周"), None)
        self.week_label = QLabel()
        self.week_label.setStyleSheet("font-weight: bold;")
        self.add_btn, self.edit_btn, self.del_btn = QPushButton(tr("填写日志")), QPushButton(tr("编辑")), QPushButton(tr("删除"))
        self.print_btn = QPushButton(tr("打印本周日志"))
        bar = QHBoxLayout()
        for w in (QLabel(tr("人员")), self.member, self.prev_btn, self.this_btn, self.next_btn, self.week_label,
                  self.day_only):  # fmt: skip
            bar.addWidget(w)
        bar.addStretch(1)
        actions = QHBoxLayout()
        for w in (self.add_btn, self.edit_btn, self.del_btn, self.print_btn):
            actions.addWidget(w)
        actions.addStretch(1)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([tr("日期"), tr("时段"), tr("地点"), tr("工作类别"), tr("内容"),
                                              tr("结果/待办"), tr("来源")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # one line a row; the whole text is in the tooltip
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        for col, w in enumerate((120, 96, 150, 172, 0, 220, 86)):
            if w:
                self.table.setColumnWidth(col, w)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #757575; padding: 16px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        from policeroom.ui.fieldwork.panels import DutiesPanel

        self.duties = DutiesPanel()
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addLayout(actions)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.summary)
        lay.addWidget(self.duties)
        self.member.currentIndexChanged.connect(lambda _i: self.reload())
        self.day_only.currentIndexChanged.connect(lambda _i: self._fill())
        self.prev_btn.clicked.connect(lambda: self.move(-7))
        self.next_btn.clicked.connect(lambda: self.move(7))
        self.this_btn.clicked.connect(lambda: self.move(None))
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit)
        self.del_btn.clicked.connect(self.delete)
        self.print_btn.clicked.connect(self.print_week)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.itemSelectionChanged.connect(self._buttons)
        bus.changed.connect(lambda kind, _ids: kind in SOURCES and self.isVisible() and self.reload())
        self.reload()

    def move(self, days: int | None) -> None:
        self.anchor = clock.today() if days is None else self.anchor + timedelta(days=days)
        self.reload()

    def reload(self) -> None:
        mid = self.member.currentData()
        if mid is None:
            self.week = None
            self.empty.setText(tr("您的账户没有对应的团队成员，无法查看工作日志。"))
            self._fill()
            return
        self.week = self.services.work_log.week(mid, self.anchor)
        w = self.week
        iso = w.start.isocalendar()
        self.week_label.setText(tr("{y}年第{n}周（{a}—{b}）").format(
            y=iso[0], n=iso[1], a=f"{w.start.month}月{w.start.day}日", b=f"{w.end.month}月{w.end.day}日"))  # fmt: skip
        self.day_only.blockSignals(True)
        keep = self.day_only.currentData()
        self.day_only.clear()
        self.day_only.addItem(tr("整周"), None)
        for i in range(7):
            d = w.start + timedelta(days=i)
            self.day_only.addItem(f"{d.month}月{d.day}日 星期{WEEKDAYS[i]}", d)
        combo_select(self.day_only, keep if keep and w.start <= keep <= w.end else None)
        self.day_only.blockSignals(False)
        counts = w.by_category()
        self.summary.setText(tr("本周共{n}项，记录时段合计{h}小时。").format(n=len(w.items), h=f"{w.hours:g}")
                             + "　" + "、".join(f"{c} {counts[c]}" for c in CATEGORIES if counts.get(c)))  # fmt: skip
        officer = self.services.work_log.officer_id()
        show = officer is not None and officer == mid and not self.services.actor.limited_to_grids
        self.duties.setVisible(show)
        if show:
            self.duties.set_lines(self.services.work_log.duties(mid, self.anchor))
        self.empty.setText(tr("这一周还没有工作记录。走访、巡防、宣传等记录会自动列入；也可点击“填写日志”。"))
        self._fill()

    def _fill(self) -> None:
        day = self.day_only.currentData()
        items = list(self.week.items) if self.week else []
        self.items = [i for i in items if day is None or i.day == day]
        self.table.setRowCount(len(self.items))
        for r, i in enumerate(self.items):
            kind = ENTRY_KINDS.get(i.kind, "") if i.kind else ""
            cells = [f"{i.day.month}月{i.day.day}日 星期{WEEKDAYS[i.day.weekday()]}", i.period, i.place,
                     i.category + (f"（{kind}）" if kind else ""), i.content, i.result, i.source_label]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not self.items)
        self._buttons()

    def selected(self) -> LogItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _buttons(self) -> None:
        item = self.selected()
        self.add_btn.setEnabled(self.member.currentData() is not None)
        for b in (self.edit_btn, self.del_btn):
            b.setEnabled(item is not None and item.hand_written)
            b.setToolTip("" if item is None or item.hand_written else
                         tr("这一条来自{s}，请在该记录中修改").format(s=item.source_label))  # fmt: skip
        self.print_btn.setEnabled(self.week is not None)

    def add(self) -> None:
        dlg = EntryDialog(self.services, None, self, member_id=self.member.currentData(),
                          day=self.day_only.currentData() or min(self.anchor, clock.today()))  # fmt: skip
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("work_log_entry", dlg.saved_id)
            self.reload()

    def edit(self) -> None:
        item = self.selected()
        if item is None or not item.hand_written:
            return
        dlg = EntryDialog(self.services, item.source_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("work_log_entry", dlg.saved_id)
            self.reload()

    def delete(self) -> None:
        item = self.selected()
        if item is None or not item.hand_written:
            return
        if QMessageBox.question(self, tr("确认删除"), tr("确定删除这条工作日志吗？")) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.work_log.delete(item.source_id)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法删除"), e.message)
            return
        self.bus.notify("work_log_entry", item.source_id)
        self.reload()

    def week_pdf(self) -> bytes:
        from policeroom.reports.fieldwork.worklog import work_log_pdf

        assert self.week is not None
        return work_log_pdf(self.week, self.services.settings.get())

    def print_week(self) -> None:
        from policeroom.ui.widgets.pdf_preview import show_pdf

        if self.week is None:
            return
        self.services.record_output("print", f"警务工作日志 {self.week.member} {self.week.start.isoformat()}")
        show_pdf(self, self.week_pdf(), f"警务工作日志-{self.week.member}-{self.week.start:%Y%m%d}.pdf")
