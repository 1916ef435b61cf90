"""The 矛盾纠纷 module: the screening ledger (排查台账) and mediation cases (调解案件), one tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.mediation.case_form import CaseDialog
from policeroom.ui.mediation.cases import KIND as CASE_KIND
from policeroom.ui.mediation.cases import CasesPage
from policeroom.ui.mediation.disputes import DisputesPage
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import ListPage


class MediationModule(QWidget):
    """Tabs 排查台账 · 调解案件; “转为调解案件” on a ledger entry registers a case from it and opens it."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.disputes = DisputesPage(services, bus)
        self.cases = CasesPage(services, bus)
        self.disputes.to_case.connect(self.case_from_entry)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.disputes, tr("矛盾纠纷排查台账"))
        self.tabs.addTab(self.cases, tr("人民调解案件"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def current_list(self) -> ListPage | None:
        page = self.tabs.currentWidget()
        return page if isinstance(page, ListPage) else None

    def case_from_entry(self, entry_id: int) -> int | None:
        """Register a case pre-filled from the entry (facts, type, parties), link them, open the case."""
        draft = self.services.mediation.draft_from_entry(entry_id)
        dlg = CaseDialog(self.services, None, self, draft=draft, entry_id=entry_id)
        dlg.exec()
        if dlg.saved_id is None:
            return None
        self.bus.notify(CASE_KIND, dlg.saved_id)
        self.bus.notify("dispute_entry", entry_id)
        self.tabs.setCurrentWidget(self.cases)
        self.cases.reload(select_id=dlg.saved_id)
        self.cases.open_case(dlg.saved_id)
        return dlg.saved_id

    def apply_preset(self, name: str) -> None:
        """From the 工作台: ``visits_due`` (cases), ``red`` (red-risk disputes not yet resolved)."""
        if name == "red":
            from policeroom.ui.widgets.forms import combo_select

            self.tabs.setCurrentWidget(self.disputes)
            combo_select(self.disputes.risk_filter, "red")
            combo_select(self.disputes.status_filter, "open")
        else:
            self.tabs.setCurrentWidget(self.cases)
            self.cases.apply_preset(name)
