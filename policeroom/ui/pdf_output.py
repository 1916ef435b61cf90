"""Hand a PDF the program made to the person: choose where to save it, then open it to read and print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from policeroom.ui.i18n import tr


def present_pdf(parent: QWidget, data: bytes, suggested_name: str) -> Path | None:
    """Save ``data`` where the person chooses and open it in the PDF viewer; returns the path or None."""
    default = str(Path.home() / suggested_name)
    path, _ = QFileDialog.getSaveFileName(parent, tr("保存PDF"), default, tr("PDF 文件 (*.pdf)"))
    if not path:
        return None
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        QMessageBox.warning(parent, tr("无法保存"), tr("文件没有保存：{e}").format(e=e))
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))
    return Path(path)
