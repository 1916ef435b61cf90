"""The 队伍与单位 tab: volunteer teams (队伍) above, the police's partner units (警+联盟) below.

A partner unit's guards are registered as volunteers from here (登记保安为志愿者), with the unit named.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from policeroom.services.core.context import Perm
from policeroom.services.forces.types import PartnerRow, TeamRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.forces.group_forms import PartnerDialog, TeamDialog
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel


class TeamsList(ListPage):
    kind = "volunteer_team"
    noun = "队伍"
    export_name = "志愿者队伍名单"
    dialog_class = TeamDialog

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        columns = [
            Column(tr("队伍名称"), lambda r: r.name + (tr("（模范小分队）") if r.model_squad else "")),
            Column(tr("类别"), lambda r: r.kind), Column(tr("网格"), lambda r: r.grid), Column(tr("驻点"), lambda r: r.site),
            Column(tr("队长"), lambda r: r.leader), Column(tr("联系民警"), lambda r: r.officer),
            Column(tr("人数"), lambda r: r.members, align_right=True),
        ]  # fmt: skip
        model: ListTableModel[TeamRow] = ListTableModel(columns, lambda _s, _d: services.force_groups.teams(),
                                                        dimmed=lambda r: r.archived)  # fmt: skip
        super().__init__(model, "", services, bus, parent)
        _no_search(self)
        self.export_full.hide()  # no identity numbers or phones in this list
        self.table.setSortingEnabled(False)
        bus.changed.connect(lambda kind, _ids: self.reload() if kind in ("volunteer_team", "volunteer") else None)
        self.reload()
        self.resize_columns([220, 110, 150, 160, 80, 90, 60])

    def record_service(self):  # noqa: ANN201
        return _Archiver(self.services.force_groups.archive_team)

    def empty_text(self) -> str:
        return tr("还没有队伍。点击“新建队伍”，类别可选龙华“十类”队伍、义警队或本室自定的队伍。")


class PartnersList(ListPage):
    kind = "partner_unit"
    noun = "联盟单位"
    export_name = "警+联盟成员单位名单"
    dialog_class = PartnerDialog
    register_guard = Signal(int)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        columns = [
            Column(tr("单位名称"), lambda r: r.name), Column(tr("类别"), lambda r: r.kind),
            Column(tr("地址"), lambda r: r.address), Column(tr("网格"), lambda r: r.grid),
            Column(tr("联系人"), lambda r: r.contact), Column(tr("联系电话"), lambda r: r.phone),
            Column(tr("保安人数"), lambda r: r.guards, align_right=True),
            Column(tr("已登记志愿者"), lambda r: r.volunteers, align_right=True),
            Column(tr("签约日期"), lambda r: r.agreement_on), Column(tr("提供资源"), lambda r: r.brings),
        ]  # fmt: skip
        model: ListTableModel[PartnerRow] = ListTableModel(columns, lambda _s, _d: services.force_groups.partners(),
                                                           dimmed=lambda r: r.archived)  # fmt: skip
        super().__init__(model, "", services, bus, parent)
        _no_search(self)
        self.table.setSortingEnabled(False)
        self.guard_button = QPushButton(tr("登记保安为志愿者"))
        self.guard_button.setToolTip(tr("把该单位的保安登记为平安志愿者（记录所属联盟单位）"))
        self.guard_button.clicked.connect(self._register_guard)
        bar = self.layout().itemAt(0).layout()
        bar.insertWidget(bar.indexOf(self.export_button), self.guard_button)
        bus.changed.connect(lambda kind, _ids: self.reload() if kind in ("partner_unit", "volunteer") else None)
        self.reload()
        self.resize_columns([170, 60, 170, 140, 70, 110, 70, 90, 96, 120])

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "guard_button"):
            self.guard_button.setEnabled(self.selected_id() is not None)

    def _register_guard(self) -> None:
        from policeroom.ui.forces.volunteer_form import VolunteerDialog

        pid = self.selected_id()
        if pid is None:
            return
        dlg = VolunteerDialog(self.services, None, self, partner_unit_id=pid)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("volunteer", dlg.saved_id)

    def record_service(self):  # noqa: ANN201
        return _Archiver(self.services.force_groups.archive_partner)

    def empty_text(self) -> str:
        return tr("还没有联盟单位。点击“新建联盟单位”登记与警方结盟的商户、银行、学校、保安公司等（警企、警银、警校、警保…）。")


def _no_search(page: ListPage) -> None:
    """A short list needs no search box: the buttons keep their size, the export button goes right."""
    bar = page.layout().itemAt(0).layout()
    page.search_box.hide()
    bar.insertStretch(bar.indexOf(page.search_box), 1)


class _Archiver:
    """``delete(id)`` for ListPage: deletes an unused record, archives one in use."""

    def __init__(self, fn) -> None:  # noqa: ANN001
        self.delete = fn


class GroupsTab(QWidget):
    """队伍与单位."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.teams = TeamsList(services, bus)
        self.partners = PartnersList(services, bus)
        split = QSplitter(Qt.Orientation.Vertical)
        for title, page in ((tr("志愿者队伍"), self.teams), (tr("警+联盟成员单位"), self.partners)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            head = QHBoxLayout()
            label = QLabel(f"<b>{title}</b>")
            head.addWidget(label)
            head.addStretch(1)
            lay.addLayout(head)
            lay.addWidget(page, 1)
            split.addWidget(box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 0)
        lay.addWidget(split)
        if not services.actor.can(Perm.delete):
            self.teams.delete_button.setToolTip(tr("删除需社区民警"))

