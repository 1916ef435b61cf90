"""Bars across the top of the main window that tell something the person must act on (提示条)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from policeroom.ui.i18n import tr

WARNING_STYLE = "background: #fff3e0; color: #8a4b00; border-bottom: 1px solid #ffb74d;"


class WarningBar(QWidget):
    """An amber bar with a sentence and 知道了 (which hides it)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBar")
        self.setStyleSheet(f"#warningBar {{ {WARNING_STYLE} }}")
        self.setAutoFillBackground(True)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.dismiss = QPushButton(tr("知道了"))
        self.dismiss.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.dismiss)


__all__ = ["WarningBar"]
