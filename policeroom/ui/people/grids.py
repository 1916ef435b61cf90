"""The grid page (网格): code, area, households, responsible grid workers and registered residents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import MemberRole
from policeroom.models.people import Grid
from policeroom.services.core.context import Perm
from policeroom.services.people.grids import GridInput, GridRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel


def grid_columns() -> list[Column[GridRow]]:
    return [
        Column(tr("网格编号"), lambda r: r.code, "code"),
        Column(tr("网格名称"), lambda r: r.name + (tr("（已归档）") if r.archived else ""), "name"),
        Column(
            tr("范围说明"), lambda r: r.description.replace("\n", " "), None, tooltip=lambda r: r.description
        ),
        Column(tr("户数"), lambda r: r.households, "households", align_right=True),
        Column(tr("网格员"), lambda r: r.workers, "workers", tooltip=lambda r: r.workers),
        Column(tr("登记居民"), lambda r: r.residents, "residents", align_right=True),
    ]


class GridDialog(RecordDialog):
    """Add or edit a grid. A grid worker may change only the description and households of their grid."""

    limits_from = Grid  # text fields show the limits the service enforces

    def __init__(self, services: Services, grid_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建网格") if grid_id is None else tr("编辑网格"), parent)
        self.services = services
        self.grid_id = grid_id
        self.saved_id: int | None = None
        self.limited = not services.actor.can(Perm.edit_all_grids)

        self.code = self.add_field(tr("网格编号"), "code", QLineEdit())
        self.code.setPlaceholderText(tr("字母、数字或 -，例如 WG09"))
        self.name = self.add_field(tr("网格名称"), "name", QLineEdit())
        self.name.setPlaceholderText(tr("例如 安华里九网格"))
        self.description = self.add_field(tr("范围说明"), "description", QPlainTextEdit())
        self.description.setPlaceholderText(tr("包含的楼栋、街巷、单位，例如：安华里1-6号楼及底商"))
        self.description.setFixedHeight(80)
        self.households = self.add_field(tr("户数"), "households", QSpinBox())
        self.households.setRange(0, 100_000)
        self.households.setSuffix(tr(" 户"))
        self.households.setGroupSeparatorShown(False)
        self.workers = self.add_field(tr("网格员"), "worker_ids", CheckList())

        row = services.grids.get(grid_id) if grid_id is not None else None
        self.workers.set_items(self._worker_choices(row), row.worker_ids if row else ())
        if row is not None:
            self.enable_history(f"{row.code} {row.name}", lambda: services.history("grid", row.id))
            self.code.setText(row.code)
            self.name.setText(row.name)
            self.description.setPlainText(row.description)
            self.households.setValue(row.households)
        if self.workers.count() == 0:
            self.workers.setToolTip(tr("还没有在岗的网格员，请先在“团队成员”中添加。"))

        if self.limited:
            hint = tr("网格员只能修改本网格的范围说明和户数")
            for w in (self.code, self.name):
                w.setReadOnly(True)
                w.setToolTip(hint)
            self.workers.setEnabled(False)
            self.workers.setToolTip(hint)
            self.description.setFocus()
        else:
            self.code.setFocus()

    def _worker_choices(self, row: GridRow | None) -> list[tuple[int, str]]:
        """Active grid workers, plus whoever already holds the grid (left, or another role).

        Keeping the current holders in the list means saving never drops an assignment silently.
        """
        current = set(row.worker_ids) if row else set()
        members = self.services.team.list(role=MemberRole.grid_worker, include_left=True, sort="name")
        codes = {g.id: g.code for g in self.services.grids.list(include_archived=True)}
        choices = []
        for m in members:
            if m.active or m.id in current:
                # Say which grids each worker already holds, so a free worker is easy to spot.
                held = "、".join(codes[gid] for gid in m.grid_ids if gid in codes)
                note = tr("已离开") if not m.active else held
                choices.append((m.id, m.name + (f"（{note}）" if note else "")))
        listed = {mid for mid, _ in choices}
        for mid in sorted(current - listed):
            m = self.services.team.get(mid)
            suffix = m.role.label if m.active else tr("已离开")
            choices.append((m.id, f"{m.name}（{suffix}）"))
        return choices

    def data(self) -> GridInput:
        return GridInput(
            code=self.code.text(),
            name=self.name.text(),
            description=self.description.toPlainText(),
            households=self.households.value(),
            worker_ids=self.workers.checked_ids(),
        )

    def submit(self) -> None:
        if self.grid_id is None:
            self.saved_id = self.services.grids.create(self.data())
        else:
            self.services.grids.update(self.grid_id, self.data())
            self.saved_id = self.grid_id


class GridsPage(ListPage):
    """All grids (a grid worker sees only theirs); archived grids can be shown and restored."""

    kind = "grid"
    noun = "网格"
    dialog_class = GridDialog

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        self.bus = bus
        model: ListTableModel[GridRow] = ListTableModel(
            grid_columns(), self._load, dimmed=lambda r: r.archived
        )
        model.sort_key = "code"
        super().__init__(model, tr("搜索：网格编号、名称、范围说明"), services, bus, parent)
        self.restore_button = QPushButton(tr("恢复"))
        self.restore_button.setToolTip(tr("恢复选中的已归档网格"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        bar = layout.itemAt(0).layout()
        assert isinstance(bar, QHBoxLayout)
        bar.insertWidget(4, self.restore_button)
        self.show_archived = QCheckBox(tr("含已归档"))
        self.filters.addWidget(self.show_archived)
        self.show_archived.toggled.connect(lambda _c: self.reload())
        self.restore_button.clicked.connect(self.restore_selected)
        bus.changed.connect(self._on_changed)
        # QTableView starts with a descending indicator on column 0; grids read best by code, A to Z.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.reload()
        self.resize_columns([90, 150, 380, 70, 150, 80])
        # The description is the long text: let it take the spare width, not the resident count.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _load(self, sort: str | None, descending: bool) -> list[GridRow]:
        return self.services.grids.list(
            self.query,
            include_archived=self.show_archived.isChecked() if hasattr(self, "show_archived") else False,
            sort=sort or "code",
            descending=descending,
        )

    def _on_changed(self, kind: str, _ids: list) -> None:
        # Worker names come from the team, resident counts from residents.
        if kind in ("grid", "team_member", "resident"):
            self.reload()

    def empty_text(self) -> str:
        if not self.query and self.services.actor.limited_to_grids:
            return tr("您的账户还没有负责的网格。请联系社区民警在“团队成员”中为您分配网格。")
        return super().empty_text()

    def row_title(self, row: GridRow | None) -> str:  # type: ignore[override]
        return f"{row.code} {row.name}" if row is not None else ""

    # -- permissions ----------------------------------------------------------------------
    def can_create(self) -> bool:
        return self.services.actor.can(Perm.edit_all_grids)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if not hasattr(self, "restore_button"):
            return
        row = self.selected_row()
        self.restore_button.setVisible(self.show_archived.isChecked())
        self.restore_button.setEnabled(row is not None and row.archived and self.can_create())
        if not self.can_create():
            self.new_button.setToolTip(tr("网格员不能新建网格"))

    # -- records --------------------------------------------------------------------------
    def record_service(self):  # noqa: ANN201
        return self.services.grids

    def restore_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        try:
            self.services.grids.restore(record_id)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法恢复"), e.message)
            return
        self.bus.notify(self.kind, record_id)
        self.reload(select_id=record_id)

