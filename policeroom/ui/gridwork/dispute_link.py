"""转入矛盾纠纷排查台账: the ledger's own form, filled from the event; saving adds the entry and links it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from policeroom.services.mediation.types import DisputeInput
from policeroom.services.registry import Services
from policeroom.ui.mediation.disputes import DisputeDialog
from policeroom.ui.widgets.forms import tr


class EventDisputeDialog(DisputeDialog):
    """The screening-ledger form pre-filled from a 矛盾纠纷 event (parties are added here)."""

    def __init__(
        self, services: Services, event_id: int, draft: DisputeInput, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, None, parent)
        self.event_id = event_id
        self.setWindowTitle(tr("转入矛盾纠纷排查台账"))
        self._show(draft)

    def submit(self) -> None:
        self.saved_id = self.services.grid_events.to_dispute(self.event_id, self.data())
