"""PDF pages to images and onto a printer, without QtPdf (not in PySide6-Essentials): pdfium renders.

``render_page`` gives a ``QImage`` of one page at any scale (preview, thumbnails); ``print_pdf`` paints
every chosen page onto a ``QPrinter`` at the printer's resolution. No dialogs here, so tests and the
CUPS check can call ``print_pdf`` with a printer set up in code.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

#: above this the page bitmap costs more memory than any printer resolves (A4 at 300 dpi is 35 MB)
MAX_PRINT_DPI = 300
#: pdfium is not thread-safe; every call into it holds this lock
_LOCK = threading.RLock()


class PrintFailed(Exception):
    """The printer could not be started (message in Chinese, for the person)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PageSize:
    """A page's size in PDF points (1/72 inch)."""

    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


class PdfDocument:
    """A PDF held in memory, rendered page by page with pdfium.

    Raises:
        PrintFailed: the bytes are not a PDF pdfium can open.
    """

    def __init__(self, pdf_bytes: bytes) -> None:
        self.data = bytes(pdf_bytes)
        with _LOCK:
            try:
                self._doc: pdfium.PdfDocument | None = pdfium.PdfDocument(self.data)
            except pdfium.PdfiumError as e:
                raise PrintFailed("无法打开该 PDF 文件：文件已损坏或不是 PDF。") from e
            self.sizes = [PageSize(*self._doc.get_page_size(i)) for i in range(len(self._doc))]

    def __len__(self) -> int:
        return len(self.sizes)

    def render(self, index: int, scale: float, *, grayscale: bool = False) -> QImage:
        """Page ``index`` (0-based) as an image of ``scale`` pixels per point (72 dpi × scale)."""
        with _LOCK:
            if self._doc is None:
                raise ValueError("the document is closed")
            page = self._doc[index]
            try:
                bitmap = page.render(scale=scale, prefer_bgrx=True, grayscale=grayscale, optimize_mode="print")
                # pdfium's BGRx bytes are what QImage calls RGB32 on little-endian machines.
                image = QImage(
                    bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
                ).copy()
                bitmap.close()
            finally:
                page.close()
        return image

    @property
    def closed(self) -> bool:
        return self._doc is None

    def close(self) -> None:
        with _LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None


def render_page(pdf_bytes: bytes, index: int, dpi: float) -> QImage:
    """One page of a PDF as an image at ``dpi`` (for tests and one-off uses)."""
    doc = PdfDocument(pdf_bytes)
    try:
        return doc.render(index, dpi / 72)
    finally:
        doc.close()


def _page_numbers(printer: QPrinter, count: int, page_range: tuple[int, int] | None) -> list[int]:
    """0-based page indexes to print: the explicit range, else what the print dialog chose."""
    first, last = 1, count
    chosen = None
    if page_range is not None:
        first, last = page_range
    elif printer.printRange() == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        chosen = printer.pageRanges()  # "1-2,5" typed in the print dialog
        first, last = chosen.firstPage(), chosen.lastPage()
    first, last = max(1, first), min(count, last)
    pages = [i for i in range(first - 1, last) if chosen is None or chosen.contains(i + 1)]
    if not pages:
        raise PrintFailed(f"页码范围无效：本文件共 {count} 页。")
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def prepare_printer(printer: QPrinter, doc: PdfDocument) -> None:
    """Paper size and orientation from the document's first page (A4 portrait for our forms)."""
    if not len(doc):
        return
    size = doc.sizes[0]
    page_size = QPageSize(
        QSizeF(min(size.width, size.height), max(size.width, size.height)),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    orientation = QPageLayout.Orientation.Landscape if size.landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
    # The PDF carries its own margins: draw from the paper's corner, not inside the driver's margins.
    printer.setFullPage(True)


def print_pdf(pdf_bytes: bytes, printer: QPrinter, page_range: tuple[int, int] | None = None) -> int:
    """Print a PDF on ``printer``: each page rendered by pdfium at the printer's resolution.

    Copies, duplex and the chosen printer are the printer's own settings (from ``QPrintDialog`` or
    set in code). Pages are scaled to the paper, keeping their proportions, centred.

    Args:
        pdf_bytes: The document.
        printer: A configured ``QPrinter`` (native printer, or PDF output for tests).
        page_range: 1-based first and last page to print; None takes the printer's range or all pages.

    Returns:
        The number of pages sent to the printer.

    Raises:
        PrintFailed: the PDF cannot be read, the range is empty, or the printer cannot be opened.
    """
    doc = PdfDocument(pdf_bytes)
    try:
        pages = _page_numbers(printer, len(doc), page_range)
        prepare_printer(printer, doc)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(f"无法连接打印机“{printer.printerName() or '默认打印机'}”，请检查打印机是否开机、联网。")
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for n, index in enumerate(pages):
                if n and not printer.newPage():
                    raise PrintFailed("打印机无法换页，打印已中止。")
                image = doc.render(index, dpi / 72)
                target = painter.viewport()
                size = doc.sizes[index]
                scale = min(target.width() / size.width, target.height() / size.height)
                w, h = size.width * scale, size.height * scale
                rect = QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)
                painter.drawImage(rect, image)
        finally:
            painter.end()
        return len(pages)
    finally:
        doc.close()


__all__ = ["MAX_PRINT_DPI", "PageSize", "PdfDocument", "PrintFailed", "prepare_printer", "print_pdf", "render_page"]
