"""The app-level change bus: after a write, pages that show the changed kind of record reload."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    """``changed(kind, ids)``: kind is a table name such as "resident"; ids may be empty (= many)."""

    changed = Signal(str, list)

    def notify(self, kind: str, *ids: int) -> None:
        self.changed.emit(kind, list(ids))
