"""The 群众求助 register (求助登记): search, filters, a sortable windowed list; a row opens its detail."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from policeroom.errors import DomainError
from policeroom.models import STATUS_LABELS, URGENCY_LABELS, Status, Urgency
from policeroom.services.core import clock
from policeroom.services.registry import Services
from policeroom.services.requests.rules import OPEN_STATUSES
from policeroom.services.requests.service import RequestFilter
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import fit_combo, member_combo
from policeroom.ui.requests.model import RequestWindowModel, row_colour_delegate
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import combo_select, refill_combo, tr
from policeroom.ui.widgets.list_page import ListPage

KIND = "assistance_request"
OPEN = "open"  # the status filter's 未办结 item


class RequestsPage(ListPage):
    """求助登记: the list of assistance requests with the overdue colour in each row.

    Signals:
        print_requested(int): print the 群众求助登记表 of this request (wired by the main window).
    """

    kind = KIND
    noun = "求助"
    export_name = "群众求助列表"
    print_requested = Signal(int)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        self.bus = bus
        model = RequestWindowModel(services.requests, self.current_filter)
        super().__init__(
            model, tr("搜索编号、姓名或拼音首字母（zs）、电话、地址、求助事项"), services, bus, parent
        )
        self.model: RequestWindowModel = model
        self.edit_button.setText(tr("查看办理"))
        self.edit_button.setToolTip(tr("打开求助详情，办理下一步（双击或回车）"))
        self.delete_button.hide()  # a request is never deleted: 作废 with a reason, in its detail
        self.print_button = QPushButton(tr("打印登记表"))
        self.print_button.clicked.connect(self._print_selected)
        bar = self.layout().itemAt(0).layout()
        bar.insertWidget(4, self.print_button)

        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        self.status_filter.addItem(tr("未办结"), OPEN)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, status.value)
        self.category_filter = QComboBox()
        self.urgency_filter = QComboBox()
        self.urgency_filter.addItem(tr("全部紧急程度"), None)
        for urgency, label in URGENCY_LABELS.items():
            self.urgency_filter.addItem(label, urgency.value)
        self.date_from = OptionalDateEdit()
        self.date_from.setSpecialValueText(tr("求助日期从"))
        self.date_from.setToolTip(tr("求助日期从（含）"))
        self.date_to = OptionalDateEdit()
        self.date_to.setSpecialValueText(tr("求助日期到"))
        self.date_to.setToolTip(tr("求助日期到（含）"))
        self.assignee_filter = QComboBox()
        self.grid_filter = QComboBox()
        self.overdue_only = QCheckBox(tr("只看超期"))
        self.clear_button = QPushButton(tr("清除筛选"))
        self._fill_categories()
        self._fill_members()
        self._fill_grids()

        self.filter_combos = (
            self.status_filter,
            self.category_filter,
            self.urgency_filter,
            self.assignee_filter,
            self.grid_filter,
        )
        for combo in self.filter_combos:
            fit_combo(combo, extra=48)
        row = QHBoxLayout()
        row.addWidget(self.status_filter)
        row.addWidget(self.category_filter)
        row.addWidget(self.urgency_filter)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("–"))
        row.addWidget(self.date_to)
        row.addWidget(self.assignee_filter)
        row.addWidget(self.grid_filter)
        row.addWidget(self.overdue_only)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.layout().insertLayout(1, row)

        self._date_timer = QTimer(self)  # typing a date changes it once per digit: query once
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(300)
        self._date_timer.timeout.connect(self.apply_filters)
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.date_from.dateChanged.connect(lambda _d: self._date_timer.start())
        self.date_to.dateChanged.connect(lambda _d: self._date_timer.start())
        self.overdue_only.toggled.connect(lambda _c: self.apply_filters())
        self.clear_button.clicked.connect(self.clear_filters)
        bus.changed.connect(self._on_changed)

        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # 编号: newest registered first
        self.model.sort_key, self.model.descending = "number", True
        self.model.active = True
        self.reload()
        self.table.setItemDelegate(row_colour_delegate(self.table))
        self.set_column_widths([118, 130, 84, 100, 104, 76, 92, 136, 122, 120])

    def set_column_widths(self, widths: list[int]) -> None:
        """Fixed widths that fit a 1366-pixel screen; never narrower than the header text."""
        metrics = self.table.horizontalHeader().fontMetrics()
        for i, w in enumerate(widths):
            text = str(self.model.headerData(i, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(i, max(w, metrics.horizontalAdvance(text) + 48))

    # -- filters --------------------------------------------------------------------------
    def filter_summary(self) -> str:
        """The search and filters in force, for the Excel export's title."""
        parts = [tr("搜索“{q}”").format(q=self.query)] if self.query else []
        parts += [c.currentText() for c in self.filter_combos if c.currentIndex() > 0]
        first, last = self.date_from.value(), self.date_to.value()
        if first or last:
            parts.append(tr("求助日期{a}至{b}").format(a=first or "", b=last or ""))
        if self.overdue_only.isChecked():
            parts.append(self.overdue_only.text())
        return "，".join(parts)

    def current_filter(self) -> RequestFilter:
        """What the search box and the filter bar ask for."""
        status = self.status_filter.currentData()
        if status == OPEN:
            statuses: tuple[Status, ...] = OPEN_STATUSES
        elif status:
            statuses = (Status(status),)
        else:
            statuses = ()
        urgency = self.urgency_filter.currentData()
        return RequestFilter(
            query=self.query,
            statuses=statuses,
            category=self.category_filter.currentData(),
            urgency=Urgency(urgency) if urgency else None,
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            assignee_id=self.assignee_filter.currentData(),
            grid_id=self.grid_filter.currentData(),
            overdue_only=self.overdue_only.isChecked(),
            due_on=getattr(self, "_due_on", None),
        )

    def filters_active(self) -> bool:
        f = self.current_filter()
        return bool(
            f.statuses
            or f.category
            or f.urgency
            or f.date_from
            or f.date_to
            or f.assignee_id
            or f.grid_id
            or f.overdue_only
            or f.due_on
        )

    def apply_filters(self) -> None:
        """Reload with the filter bar's values now (the date fields otherwise wait 300 ms)."""
        self._date_timer.stop()
        self.reload()

    def clear_filters(self) -> None:
        self._set_filters()
        self.apply_filters()

    def _set_filters(
        self,
        *,
        status: str | None = None,
        assignee_id: int | None = None,
        overdue_only: bool = False,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> None:
        widgets = (*self.filter_combos, self.overdue_only, self.date_from, self.date_to)
        self._due_on = None  # only the 今日到期 card sets it; any other preset or 清除筛选 drops it
        for w in widgets:
            w.blockSignals(True)
        combo_select(self.status_filter, status)
        for combo in (self.category_filter, self.urgency_filter, self.grid_filter):
            combo.setCurrentIndex(0)
        combo_select(self.assignee_filter, assignee_id)
        self.overdue_only.setChecked(overdue_only)
        self.date_from.set_value(date_from)
        self.date_to.set_value(date_to)
        for w in widgets:
            w.blockSignals(False)

    def apply_preset(self, name: str) -> None:
        """Show one of the 工作台's lists: ``mine``, ``due_today``, ``overdue``, ``visits_due`` or ``open``."""
        self.search_box.clear()
        self.query = ""
        if name == "mine":
            self._set_filters(status=OPEN, assignee_id=self.services.actor.member_id)
        elif name == "overdue":
            self._set_filters(status=OPEN, overdue_only=True)
        elif name == "visits_due":
            self._set_filters(status=Status.fed_back.value)
        else:  # open, due_today: the open ones, most urgent deadline first
            self._set_filters(status=OPEN)
        if name == "due_today":

            self._due_on = clock.today()
            self.table.horizontalHeader().setSortIndicator(8, Qt.SortOrder.AscendingOrder)  # sorts + reloads
        self.apply_filters()

    def _fill_categories(self) -> None:
        cats = self.services.requests.rules().categories
        refill_combo(self.category_filter, [(tr("全部类别"), None)] + [(c, c) for c in cats])

    def _fill_members(self) -> None:
        fresh = member_combo(self.services, empty=tr("全部处置人"), include_left=True)
        refill_combo(self.assignee_filter, [(fresh.itemText(i), fresh.itemData(i)) for i in range(fresh.count())])
        fresh.deleteLater()

    def _fill_grids(self) -> None:
        refill_combo(self.grid_filter, [(tr("全部网格"), None)] + [(t, g) for g, t in self.services.grids.choices()])

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind == "setting":
            self._fill_categories()
        elif kind == "team_member":
            self._fill_members()
        elif kind == "grid":
            self._fill_grids()
        if kind in (KIND, "team_member", "grid"):
            self.reload()

    # -- ListPage -------------------------------------------------------------------------
    def empty_text(self) -> str:
        if self.query:
            text = tr("没有找到与“{q}”相符的求助。").format(q=self.query)
            return text + (tr("（当前还有筛选条件，可点击“清除筛选”）") if self.filters_active() else "")
        if self.filters_active():
            return tr("没有符合筛选条件的求助。点击“清除筛选”查看全部。")
        return tr("还没有群众求助记录。点击“新建求助”或按 Ctrl+N 登记。")

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "print_button"):
            self.print_button.setEnabled(self.selected_id() is not None)

    def row_title(self, row) -> str:  # noqa: ANN001
        return getattr(row, "number", "")

    def can_delete(self) -> bool:
        return False

    def record_service(self):  # noqa: ANN201
        return self.services.requests

    def open_dialog(self, record_id: int | None) -> int | None:
        """New: the registration form, then the new request's detail. Existing: its detail."""
        if record_id is None:
            from policeroom.ui.requests.register import RequestDialog

            dlg = RequestDialog(self.services, None, self)
            dlg.exec()
            if dlg.saved_id is None:
                return None
            self.bus.notify(self.kind, dlg.saved_id)
            record_id = dlg.saved_id
        self.open_detail(record_id)
        return record_id

    def open_detail(self, record_id: int) -> None:
        from policeroom.ui.requests.detail import RequestDetailDialog

        try:
            dlg = RequestDetailDialog(self.services, self.bus, record_id, self)
        except DomainError as e:  # removed or not visible to this account (another desk, a grid worker)
            QMessageBox.warning(self, tr("无法打开"), e.message)
            return
        dlg.print_requested.connect(self.print_requested)
        dlg.exec()

    def _print_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.print_requested.emit(record_id)
