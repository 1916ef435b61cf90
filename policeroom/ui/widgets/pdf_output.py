"""Hand a PDF the program made to the person: the in-app preview, with 打印… and 另存为…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget


def present_pdf(parent: QWidget, data: bytes, suggested_name: str) -> Path | None:
    """Show ``data`` in the preview (``widgets.pdf_preview.show_pdf``); returns where it was saved, if it was."""
    from policeroom.ui.widgets.pdf_preview import show_pdf

    dlg = show_pdf(parent, data, suggested_name)
    return dlg.saved_path if dlg is not None else None
