"""The 排班表 tab: a week or a month as a calendar grid, one-click generation, manual edits and swaps with
every broken rule shown at once, printing and export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QItemDelegate,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.core.files import atomic_write
from policeroom.services.registry import Services
from policeroom.services.roster.service import month_of, week_containing
from policeroom.services.roster.types import Post, md
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.model import RosterModel


class CellDialog(QDialog):
    """Choose the shifts of one person on one day (a patrol with its grid); the officer may pin the day."""

    def __init__(self, services: Services, member: str, day: date, current: list[tuple[int, int | None]],
                 fixed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("排班：{m} {d}").format(m=member, d=md(day)))
        view_shifts = services.roster.config.shifts()
        grids = services.grids.list()
        lay = QVBoxLayout(self)
        self.boxes: list[tuple[QCheckBox, int, QComboBox | None]] = []
        chosen = dict(current)
        for s in view_shifts:
            row = QHBoxLayout()
            box = QCheckBox(f"{s.name}（{s.post.label} {s.times}）")
            box.setChecked(s.id in chosen)
            row.addWidget(box)
            combo = None
            if s.post == Post.patrol:
                combo = QComboBox()
                for g in grids:
                    combo.addItem(f"{g.code} {g.name}", g.id)
                if chosen.get(s.id) is not None:
                    combo.setCurrentIndex(max(0, combo.findData(chosen[s.id])))
                row.addWidget(combo)
            lay.addLayout(row)
            self.boxes.append((box, s.id, combo))
        self.fixed = QCheckBox(tr("固定此格（格中显示★，自动排班时保持不变）"))
        self.fixed.setChecked(fixed)
        self.fixed.setEnabled(services.actor.can(Perm.approve_roster))
        lay.addWidget(self.fixed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def result_shifts(self) -> list[tuple[int, int | None]]:
        return [(sid, combo.currentData() if combo is not None else None)
                for box, sid, combo in self.boxes if box.isChecked()]


def legend_html(shifts: list) -> str:
    """图例: each shift's mark on its colour with name and times, then ★, ⚠, 休 and 所."""
    parts = [f'<span style="background:{s.color}; border:1px solid #999;">&nbsp;{s.code}&nbsp;</span>'
             f"&nbsp;{s.name}（{s.times}{'，不计工时' if not s.work else ''}）" for s in shifts]
    parts += [tr("★ 固定"), tr('<span style="background:#ffcdd2;">&nbsp;⚠&nbsp;</span> 违反规则'),
              tr("所 = 所值班（民警休息日由派出所值班民警备勤）")]
    return tr("图例：") + "&nbsp;&nbsp;&nbsp;".join(parts)


class RosterGrid(QWidget):
    """排班表: toolbar, the grid, and the list of broken rules and unmet requirements."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        #: the day the page is about: the week shown is the one containing it, the month shown is its month.
        #: Starting from today (not from this week's Monday) keeps 按月 on today's month when the week began
        #: in the month before (a Saturday 5 December: the week starts on 30 November).
        self.anchor = clock.today()
        self.span = QComboBox()
        self.span.addItem(tr("按周"), "week")
        self.span.addItem(tr("按月"), "month")
        self.span.currentIndexChanged.connect(lambda _i: self._span_changed())
        self.prev_btn = QPushButton(tr("◀ 上一期"))
        self.next_btn = QPushButton(tr("下一期 ▶"))
        self.today_btn = QPushButton(tr("本周"))
        self.prev_btn.clicked.connect(lambda: self.move(-1))
        self.next_btn.clicked.connect(lambda: self.move(1))
        self.today_btn.clicked.connect(self.go_today)
        self.period = QLabel()
        self.period.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.generate_btn = QPushButton(tr("一键排班"))
        self.generate_btn.setToolTip(tr("按排班要求和规则自动排满本期，手工固定的格子保持不变"))
        self.generate_btn.clicked.connect(self.generate)
        self.edit_btn = QPushButton(tr("修改此格…"))
        self.edit_btn.clicked.connect(self.edit_current)
        self.swap_btn = QPushButton(tr("对调两格"))
        self.swap_btn.setToolTip(tr("先选中两个格子（按住Ctrl点选），再点此对调"))
        self.swap_btn.clicked.connect(self.swap_selected)
        self.print_btn = QPushButton(tr("打印值班表…"))
        self.print_btn.clicked.connect(self.print_pdf)
        self.export_btn = QPushButton(tr("导出电子表格…"))
        self.export_btn.clicked.connect(self.export_xlsx)
        can_edit = services.actor.can(Perm.edit_roster)
        for b in (self.generate_btn, self.edit_btn, self.swap_btn):
            b.setEnabled(can_edit)
        bar = QHBoxLayout()
        for w in (self.span, self.prev_btn, self.today_btn, self.next_btn, self.period):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.generate_btn, self.edit_btn, self.swap_btn, self.print_btn, self.export_btn):
            bar.addWidget(w)
        self.model = RosterModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # the theme pads header sections so much that a month's narrow day columns would show no date at all
        self.table.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 2px 0px; }")
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        # QItemDelegate paints the model's BackgroundRole itself (the theme's item rule hides it otherwise):
        # shift colours, rest days, and the red of a broken rule.
        self.table.setItemDelegate(QItemDelegate(self.table))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff8e1; color: #6d4c00; padding: 6px;")
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.itemActivated.connect(self._jump)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.summary)
        ll.addWidget(self.problems)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.legend)
        lay.addWidget(self.warning)
        lay.addWidget(split, 1)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind in ("roster", "team_member", "grid") else None)
        from policeroom.services.roster.solver import warm_up

        warm_up()
        self.refresh()

    # -- period -----------------------------------------------------------------------------
    def bounds(self) -> tuple[date, date]:
        if self.span.currentData() == "month":
            return month_of(self.anchor)
        return week_containing(self.anchor)

    def move(self, step: int) -> None:
        if self.span.currentData() == "month":
            first, last = month_of(self.anchor)
            self.anchor = (last + timedelta(days=1)) if step > 0 else (first - timedelta(days=1)).replace(day=1)
        else:
            self.anchor += timedelta(days=7 * step)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = clock.today()
        self.refresh()

    def _span_changed(self) -> None:
        self.today_btn.setText(tr("本月") if self.span.currentData() == "month" else tr("本周"))
        self.refresh()

    def _fit_header(self) -> None:
        """As tall as the day header with the most lines (date, weekday, holiday, 所值班): the header's own
        size hint is taken before the 所值班 marks are known, which cut the dates off at 1366×768."""
        header = self.table.horizontalHeader()
        lines = max((str(self.model.headerData(c, Qt.Orientation.Horizontal) or "").count("\n") + 1
                     for c in range(self.model.columnCount())), default=2)
        header.setMinimumHeight(header.fontMetrics().lineSpacing() * lines + 10)

    def refresh(self) -> None:
        start, end = self.bounds()
        if self.span.currentData() == "week":
            y, w, _ = start.isocalendar()
            self.period.setText(tr("{y}年第{w}周（{a}—{b}）").format(y=y, w=w, a=md(start), b=md(end)))
        else:
            self.period.setText(tr("{y}年{m}月").format(y=start.year, m=start.month))
        view = self.services.roster.view(start, end)
        self.model.set_view(view)
        self._fit_header()
        self.legend.setText(legend_html(view.problem.shifts))
        self.warning.setText("⚠ " + view.warning if view.warning else "")
        self.warning.setVisible(bool(view.warning))
        self.problems.clear()
        for v in view.violations:
            kind = tr("缺额：") if v.is_requirement else tr("欠补休：") if v.is_soft else tr("违规：")
            self.problems.addItem(kind + v.message)
            self.problems.item(self.problems.count() - 1).setData(Qt.ItemDataRole.UserRole, v.cells[0] if v.cells else None)
        broken = sum(1 for v in view.violations if not v.is_requirement and not v.is_soft)
        owed = sum(1 for v in view.violations if v.is_soft)
        unmet = len(view.violations) - broken - owed
        if not view.cells:
            self.summary.setText(tr("本期还没有排班。点“一键排班”自动生成，或双击格子手工排。"))
        elif not view.violations:
            self.summary.setText(tr("本期排班符合全部规则和要求。"))
        elif not broken and not unmet:
            self.summary.setText(tr("本期排班符合全部规则和要求，但有 {o} 周次休息不足两天（欠补休）：").format(o=owed))
        else:
            self.summary.setText(tr("违反规则 {b} 处，未满足要求 {u} 项，欠补休 {o} 周次：").format(
                b=broken, u=unmet, o=owed))

    def _jump(self, item) -> None:  # noqa: ANN001
        key = item.data(Qt.ItemDataRole.UserRole)
        if not key:
            return
        p = self.model.view.problem
        rows = [i for i, m in enumerate(p.members) if m.id == key[0]]
        if rows and key[1] in p.days:
            self.table.setCurrentIndex(self.model.index(rows[0], p.days.index(key[1])))

    # -- actions ----------------------------------------------------------------------------
    def generate(self) -> None:
        from policeroom.ui.roster.common import confirm

        start, end = self.bounds()
        plan = self.services.roster.plan(start, end)
        if not plan.fill and not plan.replace:
            QMessageBox.information(self, tr("一键排班"), tr("本期的日期都已过去或已有签到，排班不会改动它们。"))
            return
        if (plan.replace or plan.keep) and not confirm(self, "一键排班", plan.text + "\n\n继续吗？", "排班"):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.services.roster.generate(start, end)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法排班"), e.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.bus.notify("roster")  # the page refreshes on the bus
        from policeroom.services.roster.fairness import days_off_spreads

        view = self.services.roster.view(start, end)
        fair = "；".join([s.text for s in result.spreads if s.high]
                        + [s.text for s in days_off_spreads(view.problem, view.cells)])
        text = tr("已排好，用时{t:.1f}秒。").format(t=result.seconds)
        if result.unmet:
            text += tr("有 {n} 项要求无法满足（见下方说明），已给出缺额最少的排法。").format(n=len(result.unmet))
        self.summary.setText(self.summary.text() + "\n" + text + (tr("公平性：") + fair if fair else ""))

    def current_cell(self) -> tuple[int, date] | None:
        index = self.table.currentIndex()
        return self.model.member_day(index) if index.isValid() else None

    def edit_current(self) -> None:
        key = self.current_cell()
        if key is None or not self.services.actor.can(Perm.edit_roster):
            return
        mid, day = key
        view = self.model.view
        cells = view.cells_of(mid, day)
        fixed = any(c.fixed for c in cells) or key in view.problem.fixed_days
        dlg = CellDialog(self.services, view.problem.member(mid).name, day,
                         [(c.shift_id, c.grid_id) for c in cells], fixed, self)
        if not dlg.exec():
            return
        self.apply_cell(mid, day, dlg.result_shifts(), dlg.fixed.isChecked() if dlg.fixed.isEnabled() else None)

    def apply_cell(self, member_id: int, day: date, shifts: list[tuple[int, int | None]], fixed: bool | None) -> None:
        try:
            self.services.roster.set_cell(member_id, day, shifts, fixed=fixed)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法修改"), e.message)
            return
        self.bus.notify("roster", member_id)

    def swap_selected(self) -> None:
        picked = sorted({(i.row(), i.column()) for i in self.table.selectionModel().selectedIndexes()})
        if len(picked) != 2:
            QMessageBox.information(self, tr("对调两格"), tr("请先按住Ctrl选中要对调的两个格子。"))
            return
        (a_mid, a_day), (b_mid, b_day) = (self.model.member_day(self.model.index(r, c)) for r, c in picked)
        try:
            self.services.roster.swap(a_mid, a_day, b_mid, b_day)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法对调"), e.message)
            return
        self.bus.notify("roster")

    def _save_as(self, data: bytes, name: str, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("保存"), str(Path.home() / name), kind)
        if not path:
            return
        try:
            atomic_write(path, data)
        except OSError as e:
            QMessageBox.warning(self, tr("无法保存"), tr("文件没有保存：{e}").format(e=e))
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def print_pdf(self) -> None:
        """The 值班表 in the print preview (打印… / 另存为…)."""
        from policeroom.reports.roster.pdf import roster_pdf
        from policeroom.ui.widgets.pdf_preview import show_pdf

        start, end = self.bounds()
        data = roster_pdf(self.model.view, self.services.settings.get())
        show_pdf(self, data, f"值班表-{start:%Y%m%d}-{end:%Y%m%d}.pdf")

    def export_xlsx(self) -> None:
        from policeroom.reports.roster.pdf import roster_xlsx

        start, end = self.bounds()
        data = roster_xlsx(self.model.view, self.services.settings.get())
        self._save_as(data, f"值班表-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", tr("Excel 文件 (*.xlsx)"))
