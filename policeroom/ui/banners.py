"""Bars across the top of the main window that tell something the person must act on (提示条)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from policeroom.ui.i18n import tr

if TYPE_CHECKING:
    from policeroom.ui.main_window import MainWindow

log = logging.getLogger(__name__)

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


def check_history_step(window: MainWindow) -> None:
    """One step of the start-up check of the history's chain (from the last verified entry).

    Steps of ``window.chain_step`` entries run between events, so the first check after an upgrade
    (every entry) keeps the window responsive; the status bar shows how far it got.
    """
    if window.services is None:
        return
    bar = window.statusBar()
    try:
        step = window.services.check_history_step(window.chain_step)
    except Exception:  # a failing check must not stop the work; it is logged
        log.exception("history chain check failed")
        bar.clearMessage()
        return
    if step.broken is not None:
        bar.clearMessage()
        window.show_chain_broken(step.broken.message)
    elif not step.complete:
        bar.showMessage(tr("正在核验修改记录：第 {n} 条，共 {total} 条…").format(n=step.last_id, total=step.head_id))
        QTimer.singleShot(0, window.check_history)
    else:
        bar.clearMessage()


__all__ = ["WarningBar", "check_history_step"]
