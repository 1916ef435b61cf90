"""The 群防群治 page: one tab per part of the community's forces.

Tabs are declared in :data:`TABS` as (key, title, "module:Class") and imported when the page is built,
so the navigation stays fast and each part of the module lives in its own file. A tab class takes
``(services, bus)``; :meth:`ForcesPage.add_tab` adds one at run time (tests, plug-in parts).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr

TabFactory = Callable[[Services, ChangeBus], QWidget]


@dataclass(frozen=True)
class TabSpec:
    """One tab: ``target`` is ``"package.module:Class"`` (imported lazily) or a factory."""

    key: str
    title: str
    target: str | TabFactory

    def build(self, services: Services, bus: ChangeBus) -> QWidget:
        if callable(self.target):
            return self.target(services, bus)
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)(services, bus)


#: The tabs in the order shown. 志愿者 · 队伍与单位 · 应急单元 are the people and their groups;
#: 活动 · 积分兑换 · 证明 (activities, hours and points) are added after them.
TABS: list[TabSpec] = [
    TabSpec("volunteers", "志愿者", "policeroom.ui.forces.volunteers:VolunteersTab"),
    TabSpec("groups", "队伍与单位", "policeroom.ui.forces.groups:GroupsTab"),
    TabSpec("emergency", "应急单元", "policeroom.ui.forces.emergency:EmergencyTab"),
    TabSpec("activities", "活动", "policeroom.ui.activities.activities:ActivitiesTab"),
    TabSpec("points", "积分兑换", "policeroom.ui.activities.points:PointsTab"),
    TabSpec("certificates", "证明", "policeroom.ui.activities.certificates:CertificatesTab"),
]


class EmptyTab(QWidget):
    """A tab whose part is not built yet says so (no fake data)."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        label = QLabel(tr("这一部分尚未完成。"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 15px; color: #757575;")
        lay.addWidget(label)


class ForcesPage(QWidget):
    """群防群治: a QTabWidget of the parts in :data:`TABS`."""

    def __init__(
        self, services: Services, bus: ChangeBus, parent: QWidget | None = None, tabs: list[TabSpec] | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.widgets: dict[str, QWidget] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        for spec in TABS if tabs is None else tabs:
            self.add_tab(spec)

    def add_tab(self, spec: TabSpec, index: int = -1) -> QWidget:
        """Build the tab and insert it at ``index`` (-1: at the end)."""
        widget = spec.build(self.services, self.bus)
        self.tabs.insertTab(index, widget, tr(spec.title))
        self.widgets[spec.key] = widget
        return widget

    def show_tab(self, key: str) -> QWidget:
        widget = self.widgets[key]
        self.tabs.setCurrentWidget(widget)
        return widget
