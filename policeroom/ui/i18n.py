"""``tr()``: every user-visible string goes through it so a translation stays possible.

Kept apart from the form widgets so light modules (the main window's frame) can use it without
importing them (start-up speed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("policeroom", text)
