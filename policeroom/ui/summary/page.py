"""统计报表: choose a week / month / range, see its figures, write 二…五, make the PDFs.

The written sections are saved with the period (保存文字, and before every PDF); until saved they are
pre-filled from the records. 生成周工作小结 makes the summary PDF; 矛盾纠纷统计表 the statistics table.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.models.summary import WeeklySummary
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.core.forms import errors_of
from policeroom.services.core.text import column_limit
from policeroom.services.registry import Services
from policeroom.services.summary.service import TEXT_LABELS
from policeroom.services.summary.types import (
    SummaryData,
    SummaryTexts,
    change,
    figure_lines,
    figure_value,
    format_value,
)
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.summary.period import PeriodPicker
from policeroom.ui.widgets.forms import FieldErrors, limit_text

PREVIOUS = {"week": "上周", "month": "上月"}
HEADINGS = {
    "key_work": "二、重点工作及典型事例",
    "situation": "三、辖区形势及纠纷特点",
    "problems": "四、存在问题",
    "next_plan": "五、{next}工作安排",
}


class ReportsPage(QWidget):
    """The 统计报表 module."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None,
                 today: date | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.data: SummaryData | None = None
        self._dirty = False
        self._loading = False
        self.picker = PeriodPicker(today)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.state = QLabel()
        self.state.setStyleSheet("color: #616161;")
        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.errors = FieldErrors()
        self.edits: dict[str, QPlainTextEdit] = {}
        self.heading_labels: dict[str, QLabel] = {}
        texts = QWidget()
        form = QVBoxLayout(texts)
        for key in TEXT_LABELS:
            edit = QPlainTextEdit()
            edit.setMinimumHeight(90)
            limit_text(edit, column_limit(WeeklySummary.__table__.c[key]))  # before errors.add: the counter
            edit.textChanged.connect(self._edited)
            self.edits[key] = edit
            self.heading_labels[key] = QLabel()
            self.heading_labels[key].setStyleSheet("font-weight: bold;")
            form.addWidget(self.heading_labels[key])
            form.addWidget(self.errors.add(key, edit))
        sign = QFormLayout()
        self.signed_by = QLineEdit()
        limit_text(self.signed_by, column_limit(WeeklySummary.signed_by))
        self.signed_by.textEdited.connect(self._edited)
        self.signed_on = QDateEdit(calendarPopup=True)
        self.signed_on.setDisplayFormat("yyyy-MM-dd")
        self.signed_on.dateChanged.connect(self._edited)
        sign.addRow(tr("民警签名"), self.errors.add("signed_by", self.signed_by))
        sign.addRow(tr("日期"), self.signed_on)
        form.addLayout(sign)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(texts)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(tr("<b>一、数据概况</b>（环比、同比）")))
        ll.addWidget(self.table)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #616161; font-size: 12px;")
        ll.addWidget(self.basis)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([600, 500])

        self.mask = QCheckBox(tr("小结中的姓名脱敏（张三 → 张某）"))
        self.mask.setToolTip(tr("身份证号和手机号在小结中总是脱敏显示"))
        self.mask.setEnabled(services.actor.can(Perm.edit_settings))
        self.mask.toggled.connect(self._mask_toggled)
        self.save_btn = QPushButton(tr("保存文字"))
        self.reset_btn = QPushButton(tr("恢复自动填写"))
        self.summary_btn = QPushButton(tr("生成周工作小结"))
        self.summary_btn.setDefault(True)
        self.table_btn = QPushButton(tr("矛盾纠纷统计表"))
        self.save_btn.clicked.connect(self.save)
        self.reset_btn.clicked.connect(self.reset_texts)
        self.summary_btn.clicked.connect(self.make_summary)
        self.table_btn.clicked.connect(self.make_dispute_table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mask)
        buttons.addStretch(1)
        for b in (self.save_btn, self.reset_btn, self.table_btn, self.summary_btn):
            buttons.addWidget(b)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.picker)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.state)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        self.picker.changed.connect(self.reload)
        bus.changed.connect(lambda kind, _ids: self._external_change(kind))
        self.reload()

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Count the chosen period (texts unsaved on the previous period are saved first)."""
        if self._dirty and self.data is not None and self.data.period != self.picker.period():
            self._save_quietly(self.data.period)
        try:
            self.data = self.services.summary.summary(self.picker.period())
        except DomainError as e:
            QMessageBox.warning(self, tr("无法统计"), e.message)
            return
        self._fill(self.data)

    def _external_change(self, kind: str) -> None:
        if kind not in ("weekly_summary",) and self.isVisible() and not self._dirty:
            self.reload()

    def _fill(self, d: SummaryData) -> None:
        p = d.period
        self._loading = True
        self.title.setText(f"{d.room_name}{p.name}" + tr("工作小结"))
        kind_button = {"week": "生成周工作小结", "month": "生成月度小结"}.get(p.kind, "生成工作小结")
        self.summary_btn.setText(tr(kind_button))
        prev = PREVIOUS.get(p.kind, "上期")
        self.table.setHorizontalHeaderLabels([tr("项目"), p.unit, tr(prev), tr("环比"), tr("去年同期"), tr("同比")])
        lines = figure_lines(d)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            now, before, ago = (figure_value(f, line.key) for f in (d.figures, d.previous, d.year_ago))
            label = line.label + (f"（{line.unit}）" if line.unit else "")
            cells = [label, format_value(now, line), format_value(before, line), change(now, before, line),
                     format_value(ago, line), change(now, ago, line)]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not col:
                    item.setToolTip(line.group)
                self.table.setItem(row, col, item)
        prev_p, ago_p = p.previous(), p.year_ago()
        note = tr("环比与{a}（{b}）相比，同比与去年同期（{c}）相比。").format(a=prev, b=prev_p.dates, c=ago_p.dates)
        if not d.has_roster:
            note += tr("本室未在本程序中排班，值班巡防数据未列入。")
        if d.tips_by_category:
            parts = "、".join(f"{c}{n}件" for c, n in d.tips_by_category)
            note += "\n" + tr("本期受理线索按类别：{parts}。").format(parts=parts)
        self.basis.setText(note)
        for key, edit in self.edits.items():
            edit.setPlainText(getattr(d.texts, key))
            self.heading_labels[key].setText(tr(HEADINGS[key]).format(next=p.next_unit))
        self.signed_by.setText(d.texts.signed_by)
        signed = d.texts.signed_on or clock.today()
        self.signed_on.setDate(QDate(signed.year, signed.month, signed.day))
        self.mask.blockSignals(True)
        self.mask.setChecked(d.mask_names)
        self.mask.blockSignals(False)
        self.errors.clear()
        self._loading = False
        self._dirty = False
        self._show_state()

    def _show_state(self) -> None:
        t = self.data.texts if self.data else None
        if self._dirty:
            self.state.setText(tr("文字已修改，尚未保存"))
        elif t is not None and t.saved and t.saved_at is not None:
            self.state.setText(tr("文字已保存（{who}，{at}）").format(who=t.saved_by, at=f"{t.saved_at:%Y-%m-%d %H:%M}"))
        else:
            self.state.setText(tr("二至五部分已按本期记录自动填写，可修改后保存"))

    def _edited(self) -> None:
        if not self._loading:
            self._dirty = True
            self._show_state()

    # -- texts --------------------------------------------------------------------------------
    def texts(self) -> SummaryTexts:
        q = self.signed_on.date()
        return SummaryTexts(
            **{key: edit.toPlainText() for key, edit in self.edits.items()},
            signed_by=self.signed_by.text(), signed_on=date(q.year(), q.month(), q.day()),
        )  # fmt: skip

    def save(self) -> bool:
        if self.data is None:
            return False
        try:
            self.services.summary.save_texts(self.data.period, self.texts())
        except ValidationError as e:
            for message in self.errors.show(errors_of(e)):
                QMessageBox.warning(self, tr("无法保存"), message)
            return False
        except DomainError as e:
            QMessageBox.warning(self, tr("无法保存"), e.message)
            return False
        self.bus.notify("weekly_summary")
        self.data = self.services.summary.summary(self.data.period)
        self._dirty = False
        self._show_state()
        return True

    def _save_quietly(self, period) -> None:  # noqa: ANN001 - Period
        try:
            self.services.summary.save_texts(period, self.texts())
        except DomainError:
            pass  # too long to save: the person sees the error when they come back and save

    def reset_texts(self) -> None:
        if self.data is None:
            return
        answer = QMessageBox.question(
            self, tr("恢复自动填写"), tr("将丢弃本期已写的二至五部分文字，按本期记录重新填写。确定吗？")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.services.summary.discard_texts(self.data.period)
        self._dirty = False
        self.reload()

    def _mask_toggled(self, on: bool) -> None:
        try:
            self.services.summary.set_mask_names(on)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法修改"), e.message)
        self.bus.notify("setting")

    # -- PDFs ---------------------------------------------------------------------------------
    def make_summary(self) -> None:
        """Save the texts, count again, render the summary and hand the PDF over."""
        from policeroom.reports.summary.pdf import summary_pdf, summary_title
        from policeroom.ui.widgets import pdf_output

        if self._dirty and not self.save():
            return
        data = self.services.summary.summary(self.picker.period())
        pdf = summary_pdf(data, printed_at=clock.now())
        pdf_output.present_pdf(self, pdf, f"{summary_title(data)}.pdf")

    def make_dispute_table(self) -> None:
        from policeroom.reports.summary.disputes_monthly import TITLE, dispute_table_pdf
        from policeroom.ui.widgets import pdf_output

        table = self.services.summary.dispute_table(self.picker.period())
        pdf = dispute_table_pdf(table, printed_at=clock.now())
        pdf_output.present_pdf(self, pdf, f"{TITLE}（{table.period.name}）.pdf")
