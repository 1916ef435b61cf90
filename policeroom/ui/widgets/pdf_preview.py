"""The in-app PDF preview (打印预览): thumbnails, the page, zoom, 打印… and 另存为….

Every PDF the program makes is shown with ``show_pdf(parent, pdf_bytes, suggested_name)``. Imported
only when a PDF is first shown (pdfium loads with it).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core.files import atomic_write
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.pdf_print import PdfDocument, PrintFailed, print_pdf

log = logging.getLogger(__name__)

FIT_WIDTH = "fit-width"
FIT_PAGE = "fit-page"
ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
THUMB_WIDTH = 120


class PdfPreviewDialog(QDialog):
    """Preview of one PDF with printing and saving.

    Args:
        pdf_bytes: The document.
        suggested_name: File name offered by 另存为 (``群众求助登记表-2026-0001.pdf``); its stem is
            also the print job's name.
    """

    def __init__(self, pdf_bytes: bytes, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = PdfDocument(pdf_bytes)
        self.suggested_name = suggested_name if suggested_name.lower().endswith(".pdf") else suggested_name + ".pdf"
        self.setWindowTitle(tr("打印预览 - {name}").format(name=self.suggested_name))
        self.current = 0
        self.zoom_mode: str | float = FIT_WIDTH
        self.saved_path: Path | None = None
        self.printed_pages = 0

        self.print_button = QPushButton(tr("打印…"))
        self.print_button.setDefault(True)
        self.print_button.setToolTip(tr("选择打印机、份数、页码范围后打印（Ctrl+P）"))
        self.save_button = QPushButton(tr("另存为…"))
        self.save_button.setToolTip(tr("把 PDF 保存到电脑（Ctrl+S）"))
        self.prev_button = QPushButton(tr("上一页"))
        self.next_button = QPushButton(tr("下一页"))
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, max(1, len(self.doc)))
        self.page_spin.setPrefix(tr("第 "))
        self.page_spin.setSuffix(tr(" 页"))
        self.page_count = QLabel(tr("共 {n} 页").format(n=len(self.doc)))
        self.zoom_out_button = QPushButton("－")
        self.zoom_out_button.setToolTip(tr("缩小"))
        self.zoom_in_button = QPushButton("＋")
        self.zoom_in_button.setToolTip(tr("放大"))
        for b in (self.zoom_out_button, self.zoom_in_button):
            b.setFixedWidth(44)
        self.zoom_combo = QComboBox()
        self.zoom_combo.addItem(tr("适合宽度"), FIT_WIDTH)
        self.zoom_combo.addItem(tr("整页"), FIT_PAGE)
        for z in ZOOM_STEPS:
            self.zoom_combo.addItem(f"{round(z * 100)}%", z)
        self.close_button = QPushButton(tr("关闭"))

        bar = QHBoxLayout()
        for w in (self.print_button, self.save_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        for w in (self.prev_button, self.page_spin, self.page_count, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        for w in (self.zoom_out_button, self.zoom_combo, self.zoom_in_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.close_button)

        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.5)))
        self.thumbs.setSpacing(6)
        self.thumbs.setFixedWidth(THUMB_WIDTH + 48)
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setStyleSheet("background: white; border: 1px solid #bdbdbd;")
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setStyleSheet("QScrollArea { background: #757575; }")
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(False)
        self.status = QLabel()
        self.status.setStyleSheet("color: #616161;")

        body = QHBoxLayout()
        body.addWidget(self.thumbs)
        body.addWidget(self.scroll, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addLayout(body, 1)
        lay.addWidget(self.status)

        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self.render_current)

        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        self.prev_button.clicked.connect(lambda: self.go_to(self.current - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current + 1))
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.thumbs.currentRowChanged.connect(self.go_to)
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self.set_zoom(self.zoom_combo.currentData()))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        for key, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.step_zoom(-1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to(self.current + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to(self.current - 1)),
        ):
            QShortcut(QKeySequence(key), self, slot)

        self._fill_thumbnails()
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        self.resize(min(1000, avail.width() - 80) if avail else 1000, min(900, avail.height() - 80) if avail else 900)
        self.go_to(0)

    # -- pages --------------------------------------------------------------------------
    def _fill_thumbnails(self) -> None:
        ratio = self.devicePixelRatioF()
        for i, size in enumerate(self.doc.sizes):
            image = self.doc.render(i, THUMB_WIDTH * ratio / size.width)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            item = QListWidgetItem(QIcon(pixmap), str(i + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbs.addItem(item)

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.doc):
            return
        self.current = index
        for w, value in ((self.thumbs, index), (self.page_spin, index + 1)):
            w.blockSignals(True)
            if w is self.thumbs:
                self.thumbs.setCurrentRow(value)
            else:
                self.page_spin.setValue(value)
            w.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.doc) - 1)
        self.render_current()

    def scale(self) -> float:
        """Pixels per point (before the screen's device pixel ratio) for the current zoom."""
        if not len(self.doc):
            return 1.0
        size = self.doc.sizes[self.current]
        viewport = self.scroll.viewport().size()
        dpi_scale = self.logicalDpiX() / 72
        if self.zoom_mode == FIT_WIDTH:
            return max(0.1, (viewport.width() - 24) / size.width)
        if self.zoom_mode == FIT_PAGE:
            return max(0.1, min((viewport.width() - 24) / size.width, (viewport.height() - 24) / size.height))
        return float(self.zoom_mode) * dpi_scale

    def zoom_percent(self) -> int:
        """The zoom shown to the person: 100% is the paper's real size on a 96-dpi screen."""
        return round(self.scale() / (self.logicalDpiX() / 72) * 100)

    def render_current(self) -> None:
        if self.doc.closed:  # a resize after the dialog was closed
            return
        if not len(self.doc):
            self.page_label.setText(tr("该文件没有页面"))
            return
        ratio = self.devicePixelRatioF()
        image = self.doc.render(self.current, self.scale() * ratio)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(pixmap)
        self.page_label.resize(pixmap.deviceIndependentSize().toSize())
        self.status.setText(
            tr("第 {p} 页，共 {n} 页　缩放 {z}%").format(p=self.current + 1, n=len(self.doc), z=self.zoom_percent())
        )

    def set_zoom(self, mode: str | float) -> None:
        self.zoom_mode = mode
        self.render_current()

    def step_zoom(self, direction: int) -> None:
        """Next bigger (+1) or smaller (-1) zoom step from the zoom now shown."""
        now = self.zoom_percent() / 100
        steps = [z for z in ZOOM_STEPS if (z > now + 0.01 if direction > 0 else z < now - 0.01)]
        if not steps:
            return
        target = steps[0] if direction > 0 else steps[-1]
        self.zoom_combo.blockSignals(True)
        self.zoom_combo.setCurrentIndex(self.zoom_combo.findData(target))
        self.zoom_combo.blockSignals(False)
        self.set_zoom(target)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        if self.zoom_mode in (FIT_WIDTH, FIT_PAGE):
            self._resize_timer.start()

    # -- actions ------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self.suggested_name).stem)
        return printer

    def print_dialog(self, printer: QPrinter) -> QPrintDialog:
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(tr("打印"))
        dlg.setMinMax(1, len(self.doc))
        dlg.setFromTo(1, len(self.doc))
        options = QAbstractPrintDialog.PrintDialogOption
        dlg.setOptions(options.PrintPageRange | options.PrintCurrentPage | options.PrintShowPageSize)
        for label in dlg.findChildren(QLabel):  # the one label Qt's own Chinese translation lacks
            if label.text().replace("&", "") == "Page Set:":
                label.setText(tr("页面集(&S)："))
        return dlg

    def print_document(self) -> None:
        """Choose printer, copies, range and duplex in the system's print dialog, then print."""
        printer = self.make_printer()
        dlg = self.print_dialog(printer)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        page_range = None
        if printer.printRange() == QPrinter.PrintRange.CurrentPage:
            page_range = (self.current + 1, self.current + 1)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.printed_pages = print_pdf(self.doc.data, printer, page_range)
        except PrintFailed as e:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, tr("打印失败"), e.message)
            return
        QGuiApplication.restoreOverrideCursor()
        where = printer.outputFileName() or printer.printerName()
        self.status.setText(tr("已发送到“{p}”：{n} 页").format(p=where, n=self.printed_pages))
        log.info("printed %s: %d pages to %s", self.suggested_name, self.printed_pages, where)

    def save_as(self) -> None:
        default = str(Path.home() / self.suggested_name)
        path, _ = QFileDialog.getSaveFileName(self, tr("另存为"), default, tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        try:
            atomic_write(target, self.doc.data)
        except OSError as e:
            QMessageBox.warning(self, tr("无法保存"), tr("文件没有保存：{e}").format(e=e.strerror or e))
            return
        self.saved_path = target
        self.status.setText(tr("已保存：{p}").format(p=target))

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self._resize_timer.stop()
        self.doc.close()
        super().done(result)


def show_pdf(parent: QWidget | None, pdf_bytes: bytes, suggested_name: str) -> PdfPreviewDialog | None:
    """Show a PDF in the preview (modal) with 打印… and 另存为…; returns the closed dialog.

    Returns None (after saying why) when the bytes cannot be opened as a PDF.
    """
    try:
        dlg = PdfPreviewDialog(pdf_bytes, suggested_name, parent)
    except PrintFailed as e:
        QMessageBox.warning(parent, tr("无法预览"), e.message)
        return None
    dlg.exec()
    return dlg


__all__ = ["PdfPreviewDialog", "show_pdf"]
