"""The team page (团队成员): who works in the police room, checked against the "1 + 2 + N" model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import MEMBER_ROLE_LABELS, MemberRole
from policeroom.models.people import TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.people.team import MemberInput, MemberRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.fields import CheckList, OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

WARNING_BOX_STYLE = (
    "QFrame#composition_warnings { background: #fff8e1; border: 1px solid #ffb300; border-radius: 4px; }"
    " QFrame#composition_warnings QLabel { color: #6d4c00; background: transparent; border: none; }"
)

def team_columns() -> list[Column[MemberRow]]:
    return [
        Column(tr("姓名"), lambda r: r.name, "name"),
        Column(tr("角色"), lambda r: r.role.label, "role"),
        Column(tr("联系电话"), lambda r: r.phone, "phone"),
        Column(tr("负责网格"), lambda r: r.grids, None, tooltip=lambda r: r.grids.replace("、", "\n")),
        Column(tr("状态"), lambda r: tr("在岗") if r.active else tr("已离开"), "active"),
        Column(tr("入职日期"), lambda r: r.joined_on, "joined_on"),
        Column(tr("备注"), lambda r: r.notes.replace("\n", " "), None, tooltip=lambda r: r.notes),
    ]


class TeamMemberDialog(RecordDialog):
    """Add or edit a team member (团队成员) and the grids they are responsible for."""

    limits_from = TeamMember  # text fields show the limits the service enforces

    def __init__(self, services: Services, member_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建团队成员") if member_id is None else tr("编辑团队成员"), parent)
        self.services = services
        self.member_id = member_id
        self.saved_id: int | None = None

        self.name = self.add_field(tr("姓名"), "name", QLineEdit())
        self.role = self.add_field(tr("角色"), "role", QComboBox())
        for role, label in MEMBER_ROLE_LABELS.items():
            self.role.addItem(label, role)
        self.phone = self.add_field(tr("联系电话"), "phone", QLineEdit())
        self.phone.setPlaceholderText(tr("手机 13800000000 或座机 010-12345678"))
        self.grids = self.add_field(tr("负责网格"), "grid_ids", CheckList())
        self.grids.setToolTip(tr("网格员负责的网格；其他角色一般不填"))
        self.active = self.add_field(tr("在岗"), "active", QCheckBox(tr("在岗（离开后取消勾选）")))
        self.joined_on = self.add_field(tr("入职日期"), "joined_on", OptionalDateEdit())
        self.left_on = self.add_field(tr("离开日期"), "left_on", OptionalDateEdit())
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(70)

        row = services.team.get(member_id) if member_id is not None else None
        self.grids.set_items(self._grid_choices(row), row.grid_ids if row else ())
        if row is not None:
            self.enable_history(row.name, lambda: services.history("team_member", row.id))
            self.name.setText(row.name)
            combo_select(self.role, row.role)
            self.phone.setText(row.phone)
            self.active.setChecked(row.active)
            self.joined_on.set_value(row.joined_on)
            self.left_on.set_value(row.left_on)
            self.notes.setPlainText(row.notes)
        else:
            combo_select(self.role, MemberRole.grid_worker)
            self.active.setChecked(True)
        self.left_on.setEnabled(not self.active.isChecked())
        self.active.toggled.connect(self._active_toggled)
        self.name.setFocus()

    def _grid_choices(self, row: MemberRow | None) -> list[tuple[int, str]]:
        """Current grids, plus archived grids the member still holds (so saving does not drop them)."""
        choices = list(self.services.grids.choices())
        known = {gid for gid, _ in choices}
        missing = [gid for gid in (row.grid_ids if row else ()) if gid not in known]
        if missing:
            for g in self.services.grids.list(include_archived=True):
                if g.id in missing:
                    choices.append((g.id, f"{g.code} {g.name}" + tr("（已归档）")))
        return choices

    def _active_toggled(self, active: bool) -> None:
        self.left_on.setEnabled(not active)
        self.errors.clear("left_on")
        if not active and self.left_on.value() is None:
            self.left_on.set_value(clock.today())

    def data(self) -> MemberInput:
        active = self.active.isChecked()
        return MemberInput(
            name=self.name.text(),
            role=self.role.currentData(),
            phone=self.phone.text(),
            active=active,
            joined_on=self.joined_on.value(),
            left_on=None if active else self.left_on.value(),
            notes=self.notes.toPlainText(),
            grid_ids=self.grids.checked_ids(),
        )

    def submit(self) -> None:
        if self.member_id is None:
            self.saved_id = self.services.team.create(self.data())
        else:
            self.services.team.update(self.member_id, self.data())
            self.saved_id = self.member_id


class CompositionPanel(QWidget):
    """The team against "1 + 2 + N": one summary line and, in an amber box, what is missing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("composition_summary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.warning_box = QFrame()
        self.warning_box.setObjectName("composition_warnings")
        self.warning_box.setStyleSheet(WARNING_BOX_STYLE)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self.warning_box)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.warnings)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        lay.setSpacing(4)
        lay.addWidget(self.summary)
        lay.addWidget(self.warning_box)
        self.warning_box.hide()

    def show_composition(self, summary: str, warnings: list[str]) -> None:
        self.summary.setText(tr("团队构成（“1+2+N”模式）：") + summary)
        self.warnings.setText("\n".join("⚠ " + w for w in warnings))
        self.warning_box.setVisible(bool(warnings))

    def warning_text(self) -> str:
        """The warnings shown, or "" when the box is hidden."""
        return "" if self.warning_box.isHidden() else self.warnings.text()


class TeamPage(ListPage):
    """The team list with its composition check; only accounts with Perm.edit_team change it."""

    kind = "team_member"
    noun = "团队成员"
    dialog_class = TeamMemberDialog
    archived_title = "已标记为离开"
    archived_message = "“{title}”被其他记录引用（例如有登录账户），已标记为“已离开”而未删除。勾选“含已离开”可查看。"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        self.bus = bus
        model: ListTableModel[MemberRow] = ListTableModel(
            team_columns(), self._load, dimmed=lambda r: not r.active
        )
        model.sort_key = "role"
        super().__init__(model, tr("搜索：姓名（可用拼音首字母，如 wjj）、电话"), services, bus, parent)
        self.composition = CompositionPanel()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.composition)

        self.role_filter = QComboBox()
        self.role_filter.addItem(tr("全部角色"), None)
        for role, label in MEMBER_ROLE_LABELS.items():
            self.role_filter.addItem(label, role)
        self.show_left = QCheckBox(tr("含已离开"))
        self.filters.addWidget(self.role_filter)
        self.filters.addWidget(self.show_left)
        self.role_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_left.toggled.connect(lambda _c: self.reload())
        bus.changed.connect(self._on_changed)
        # By role (officer, staff, grid workers ...) as the "1 + 2 + N" model reads; QTableView would
        # otherwise start with a descending indicator on column 0.
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.reload()
        self.resize_columns([90, 110, 130, 260, 70, 110, 200])

    def _load(self, sort: str | None, descending: bool) -> list[MemberRow]:
        return self.services.team.list(
            self.query,
            role=self.role_filter.currentData() if hasattr(self, "role_filter") else None,
            include_left=self.show_left.isChecked() if hasattr(self, "show_left") else False,
            sort=sort or "role",
            descending=descending,
        )

    def reload(self, select_id: int | None = None) -> None:
        super().reload(select_id)
        comp = self.services.team.composition()
        self.composition.show_composition(comp.summary, comp.warnings)

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind in ("team_member", "grid"):
            self.reload()

    def empty_text(self) -> str:
        if not self.query and self.role_filter.currentData() is not None:
            return tr("没有符合条件的团队成员。可选择“全部角色”或勾选“含已离开”。")
        return super().empty_text()

    # -- permissions ----------------------------------------------------------------------
    def can_create(self) -> bool:
        return self.services.actor.can(Perm.edit_team)

    def can_edit(self) -> bool:
        return self.can_create()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if not self.can_create():
            self.new_button.setToolTip(tr("网格员只能查看团队成员"))

    # -- records --------------------------------------------------------------------------
    def record_service(self):  # noqa: ANN201
        return self.services.team
