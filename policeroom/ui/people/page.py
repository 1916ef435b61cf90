"""The people area (人员与网格): residents, the team and the grids, one tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.people.grids import GridsPage
from policeroom.ui.people.residents import ResidentsPage
from policeroom.ui.people.team import TeamPage
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import ListPage


class PeoplePage(QWidget):
    """Tabs 居民 · 团队成员 · 网格; each tab reloads itself when the change bus names its records."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.residents = ResidentsPage(services, bus)
        self.team = TeamPage(services, bus)
        self.grids = GridsPage(services, bus)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.residents, tr("居民"))
        self.tabs.addTab(self.team, tr("团队成员"))
        self.tabs.addTab(self.grids, tr("网格"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def current_list(self) -> ListPage:
        """The list in the visible tab (the main window's Ctrl+N / Ctrl+F act on it)."""
        return self.tabs.currentWidget()
