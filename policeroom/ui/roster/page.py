"""The 值班排班 module: tabs 排班表 (the calendar grid), 请假与意愿, 调班, 值班与交接 and 排班设置."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.grid import RosterGrid


class RosterPage(QWidget):
    """The module's tabs; the other tabs are built when first shown (the grid is what people open it for)."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.tabs = QTabWidget()
        self.grid = RosterGrid(services, bus)
        self.tabs.addTab(self.grid, tr("排班表"))
        self._builders = {"availability": tr("请假与意愿"), "swaps": tr("调班"), "duty": tr("值班与交接"),
                          "setup": tr("排班设置")}
        self._built: dict[str, QWidget] = {}
        for label in self._builders.values():
            self.tabs.addTab(QWidget(), label)
        self.tabs.currentChanged.connect(self._on_tab)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def _on_tab(self, index: int) -> None:
        if index > 0:
            self.panel(list(self._builders)[index - 1])

    def panel(self, key: str) -> QWidget:
        """The tab ``key`` (availability / swaps / duty / setup), built on first use."""
        if key in self._built:
            return self._built[key]
        if key == "availability":
            from policeroom.ui.roster.availability import AvailabilityPanel as cls
        elif key == "swaps":
            from policeroom.ui.roster.swaps import SwapPanel as cls
        elif key == "duty":
            from policeroom.ui.roster.duty import DutyPanel as cls
        else:
            from policeroom.ui.roster.setup import SetupPanel as cls
        widget = cls(self.services, self.bus)
        index = list(self._builders).index(key) + 1
        self.tabs.blockSignals(True)
        current = self.tabs.currentIndex()
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        old.deleteLater()
        self.tabs.insertTab(index, widget, self._builders[key])
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self._built[key] = widget
        return widget

    def show_tab(self, key: str) -> QWidget:
        widget = self.panel(key) if key != "grid" else self.grid
        self.tabs.setCurrentWidget(widget)
        return widget
