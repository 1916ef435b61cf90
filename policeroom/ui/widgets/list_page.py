"""A list page: toolbar (新建 编辑 删除 修改记录), a search box, filters, and a sortable table.

Pages for residents, team members, grids and later modules subclass it and say what a row is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.core import clock
from policeroom.services.core.exports import may_export_full
from policeroom.ui.widgets.forms import fit_combo, tr

if TYPE_CHECKING:  # the main window imports this module before the database layer has loaded
    from policeroom.services.core.audit import HistoryItem
    from policeroom.services.registry import Services
    from policeroom.ui.bus import ChangeBus
    from policeroom.ui.widgets.list_export import ExportSpec
from policeroom.ui.widgets.table import IdRole, RecordTableModel, RowRole


class SearchBox(QLineEdit):
    """A search field that reports its text 200 ms after typing stops (no query per keystroke)."""

    search = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self.fit_placeholder()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(lambda: self.search.emit(self.text().strip()))
        self.textChanged.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self.flush)

    def fit_placeholder(self) -> None:
        """Wide enough to show the hint whole (it says what can be searched; cut, it says nothing)."""
        # the theme's padding beside the text (the clear button shows only once something is typed)
        self.setMinimumWidth(max(260, self.fontMetrics().horizontalAdvance(self.placeholderText()) + 24))

    def flush(self) -> None:
        """Search now (Enter, or tests)."""
        self._timer.stop()
        self.search.emit(self.text().strip())


class ListPage(QWidget):
    """Toolbar + search + filters + table. Subclasses implement the record-specific parts."""

    #: table name of the records, for the change bus and the history
    kind = ""
    #: the record's name in messages, e.g. "居民"
    noun = ""
    #: the add/edit dialog: ``dialog_class(services, record_id, parent)`` with ``saved_id`` after exec
    dialog_class: type | None = None
    #: what to say when a delete archived the record instead (other records refer to it)
    archived_title = "已归档"
    archived_message = "“{title}”被其他记录引用，已归档而未删除。勾选“含已归档”可查看和恢复。"
    #: the exported list's name in its title and file name (default: "{noun}名单")
    export_name = ""

    def __init__(
        self,
        model: RecordTableModel,
        search_hint: str,
        services: Services,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.model = model
        self.query = ""
        self.new_button = QPushButton(tr("新建") + f"{self.noun}")
        self.new_button.setToolTip(tr("新建（Ctrl+N）"))
        self.edit_button = QPushButton(tr("编辑"))
        self.delete_button = QPushButton(tr("删除"))
        self.history_button = QPushButton(tr("修改记录"))
        self.export_button = QPushButton(tr("导出Excel"))
        self.export_button.setToolTip(tr("把列表中的全部记录（按当前搜索和筛选）导出为 Excel 表格"))
        # 身份证号和电话 are masked in exports; the officer alone may tick this for one export
        self.export_full = QCheckBox(tr("导出完整身份证号和电话"))
        self.export_full.setToolTip(tr("仅本次导出有效；导出记录会写入修改记录"))
        self.search_box = SearchBox(search_hint)
        self.filters = QHBoxLayout()
        self.count_label = QLabel()
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #757575; font-size: 14px; padding: 24px;")
        self.empty_label.setWordWrap(True)

        bar = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button, self.history_button):
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(self.search_box, 1)
        bar.addLayout(self.filters)
        bar.addWidget(self.export_button)
        self.export_full.setVisible(may_export_full(services.actor))

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())

        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty_label)
        foot = QHBoxLayout()  # the count, and under the export button the officer's full-export option
        foot.addWidget(self.count_label, 1)
        foot.addWidget(self.export_full)
        lay.addLayout(foot)

        self.new_button.clicked.connect(self.create)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.history_button.clicked.connect(self.show_history)
        self.export_button.clicked.connect(self.export_excel)
        self.search_box.search.connect(self.set_query)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Ctrl+N / Ctrl+F are the main window's (one shortcut routed to the visible list: several
        # pages registering the same key would make Qt treat it as ambiguous and fire none).
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    # -- for subclasses -------------------------------------------------------------------
    def record_service(self):  # noqa: ANN201  # pragma: no cover - abstract
        """The service whose ``delete(id)`` removes (or archives) one of these records."""
        raise NotImplementedError

    def open_dialog(self, record_id: int | None) -> int | None:
        """Show the add/edit dialog; return the saved record's id or None if cancelled."""
        if self.dialog_class is None or not (self.can_edit() if record_id else self.can_create()):
            return None
        dlg = self.dialog_class(self.services, record_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify(self.kind, dlg.saved_id)
        return dlg.saved_id

    def delete_record(self, record_id: int) -> str:
        outcome = self.record_service().delete(record_id)
        self.bus.notify(self.kind, record_id)
        return outcome

    def history_of(self, record_id: int) -> list[HistoryItem]:
        return self.services.history(self.kind, record_id)

    def empty_text(self) -> str:
        if self.query:
            return tr("没有找到与“{q}”相符的{noun}。").format(q=self.query, noun=self.noun)
        return tr("还没有{noun}。点击“新建{noun}”或按 Ctrl+N 添加。").format(noun=self.noun)

    def can_create(self) -> bool:
        return True

    #: a row's background colour in the exported file (None: plain)
    export_row_fill: Any = None

    def export_spec(self) -> ExportSpec:
        """What 导出Excel writes: by default the columns as shown and every row the list holds."""
        from policeroom.ui.widgets.list_export import ExportSpec, columns_as_shown, export_title

        what = tr(self.export_name) if self.export_name else tr("{noun}名单").format(noun=self.noun)
        return ExportSpec(
            title=export_title(self, what),
            file_name=f"{what}-{clock.today():%Y%m%d}.xlsx",
            columns=columns_as_shown(self),
            rows=self.model.export_rows,
            count=self.model.rowCount(),
            row_fill=self.export_row_fill,
        )

    def filter_summary(self) -> str:
        """The search and filters in force, for the export's title (e.g. ``搜索“张”，WG01 安华里一网格``)."""
        parts = [tr("搜索“{q}”").format(q=self.query)] if self.query else []
        for w in self.findChildren(QWidget):
            if w is self.export_full or w.window() is not self.window() or w.isHidden():  # e.g. a closed dialog's fields
                continue
            if isinstance(w, QComboBox) and w.currentIndex() > 0:
                parts.append(w.currentText())
            elif isinstance(w, QCheckBox) and w.isChecked():
                parts.append(w.text())
        return "，".join(parts)

    def can_delete(self) -> bool:
        from policeroom.services.core.context import Perm

        return self.services.actor.can(Perm.delete)

    def can_edit(self) -> bool:
        return True

    def add_filter_row(self, *widgets: QWidget) -> None:
        """A row of filters under the toolbar (combos sized to their items); any change reloads the list."""
        row = QHBoxLayout()
        for w in widgets:
            if isinstance(w, QComboBox):
                fit_combo(w, extra=48)
                w.currentIndexChanged.connect(lambda _i: self.reload())
            elif isinstance(w, QAbstractButton):
                w.toggled.connect(lambda _c: self.reload())
            row.addWidget(w)
        row.addStretch(1)
        self.layout().insertLayout(1, row)

    # -- behaviour ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def set_query(self, query: str) -> None:
        self.query = query
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            select_id = self.selected_id()
        self.model.reload()
        n = self.model.rowCount()
        self.count_label.setText(tr("共 {n} 条").format(n=n))
        self.empty_label.setText(self.empty_text())
        self.empty_label.setVisible(n == 0)
        if select_id is not None:
            row = self.model.row_of_id(select_id)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.new_button.setEnabled(self.can_create())
        self.edit_button.setEnabled(has and self.can_edit())
        self.delete_button.setEnabled(has and self.can_delete())
        self.history_button.setEnabled(has)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.data(self.model.index(rows[0].row(), 0), IdRole)

    def selected_row(self):  # noqa: ANN201 - the model's row type
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(self.model.index(rows[0].row(), 0), RowRole) if rows else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of_id(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def create(self) -> None:
        if not self.can_create():
            return
        new_id = self.open_dialog(None)
        if new_id is not None:
            self.reload(select_id=new_id)

    def edit_selected(self, _index: QModelIndex | None = None) -> None:
        record_id = self.selected_id()
        if record_id is None or not self.can_edit():
            return
        saved = self.open_dialog(record_id)
        if saved is not None:
            self.reload(select_id=saved)

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None or not self.can_delete():
            return
        title = self.row_title(self.selected_row())
        answer = QMessageBox.question(
            self,
            tr("确认删除"),
            tr(
                "确定删除{noun}“{title}”吗？\n若其他记录引用了它，将改为归档（可恢复），不会真正删除。"
            ).format(noun=self.noun, title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            outcome = self.delete_record(record_id)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法删除"), e.message)
            return
        if outcome == "archived":
            QMessageBox.information(
                self, tr(self.archived_title), tr(self.archived_message).format(title=title)
            )
        self.reload()

    def row_title(self, row) -> str:  # noqa: ANN001
        return getattr(row, "name", str(getattr(row, "id", "")))

    def show_history(self) -> None:
        from policeroom.ui.widgets.history import HistoryDialog

        record_id = self.selected_id()
        if record_id is None:
            return
        try:
            items = self.history_of(record_id)
        except DomainError as e:  # another grid's record, or someone else's account (权限)
            QMessageBox.information(self, tr("修改记录"), e.message)
            return
        HistoryDialog(self.row_title(self.selected_row()), items, self).exec()

    def export_excel(self) -> Path | None:
        """导出Excel: the list as it stands to an xlsx file chosen by the person."""
        from policeroom.ui.widgets.list_export import export_list

        full = not self.export_full.isHidden() and self.export_full.isChecked()
        try:
            return export_list(self, full=full)
        finally:
            self.export_full.setChecked(False)  # for a given export only

    def resize_columns(self, widths: list[int]) -> None:
        """Set column widths, never narrower than the header text (with its sort arrow) needs."""
        header = self.table.horizontalHeader()
        # qt-material pads header sections generously: twelve columns then need more than a 1366-pixel
        # screen. Narrow padding, and room for the sort arrow beside the text.
        header.setStyleSheet("QHeaderView::section { padding-left: 4px; padding-right: 4px; }")
        metrics = header.fontMetrics()
        for i, w in enumerate(widths):
            text = str(self.model.headerData(i, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(i, max(w, metrics.horizontalAdvance(text) + 32))
