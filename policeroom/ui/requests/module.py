"""The 群众求助 module: the register (求助登记) and the assessment (考核), one tab each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.assessment import AssessmentPanel
from policeroom.ui.requests.page import RequestsPage
from policeroom.ui.widgets.forms import tr


class RequestsModule(QWidget):
    """Tabs 求助登记 · 考核.

    Signals:
        print_requested(int): print the 群众求助登记表 of this request (from the list or a detail view).
    """

    print_requested = Signal(int)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requests = RequestsPage(services, bus)
        self.assessment = AssessmentPanel(services, bus)
        self.requests.print_requested.connect(self.print_requested)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.requests, tr("求助登记"))
        self.tabs.addTab(self.assessment, tr("考核"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def current_list(self) -> RequestsPage | None:
        """The request list when its tab is showing (the main window's Ctrl+N / Ctrl+F act on it)."""
        return self.requests if self.tabs.currentWidget() is self.requests else None

    def apply_preset(self, name: str) -> None:
        """Show the list filtered as a 工作台 card asks (``mine``, ``due_today``, ``overdue``, ``visits_due``)."""
        self.tabs.setCurrentWidget(self.requests)
        self.requests.apply_preset(name)
