"""The PDF preview (打印预览) and printing: pages, zoom, save, print to a PDF printer and to CUPS."""

from __future__ import annotations

import io
import re
import time
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from policeroom.services.registry import Services
from policeroom.ui.widgets.pdf_preview import FIT_PAGE, PdfPreviewDialog, show_pdf
from policeroom.ui.widgets.pdf_print import PrintFailed, print_pdf, render_page


def sample_pdf(pages: int = 3, size: tuple[float, float] = A4) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    for i in range(pages):
        c.setFont("Helvetica", 40)
        c.drawString(100, size[1] - 200, f"PAGE {i + 1}")
        c.setLineWidth(4)
        c.rect(50, 50, size[0] - 100, size[1] - 100, fill=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_render_page_is_the_page_at_the_asked_resolution(qapp) -> None:  # noqa: ANN001
    image = render_page(sample_pdf(1), 0, 72)
    assert image.width() in (595, 596) and image.height() == 842  # A4 is 595.28 pt wide
    # the frame drawn 50 pt in is black, the margin outside it white
    assert image.pixelColor(50, 400).lightness() < 100
    assert image.pixelColor(20, 400).lightness() == 255


def test_print_pdf_prints_the_range_on_the_paper_of_the_document(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "printed.pdf"
    assert print_pdf(sample_pdf(3), pdf_printer(out), (2, 3)) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait

    wide = tmp_path / "wide.pdf"
    assert print_pdf(sample_pdf(1, landscape(A4)), pdf_printer(wide)) == 1
    box = PdfReader(wide).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_print_pdf_refuses_what_it_cannot_print(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    with pytest.raises(PrintFailed, match="页码范围无效"):
        print_pdf(sample_pdf(2), pdf_printer(tmp_path / "x.pdf"), (5, 6))
    with pytest.raises(PrintFailed, match="不是 PDF"):
        print_pdf(b"not a pdf", pdf_printer(tmp_path / "y.pdf"))


def test_preview_pages_zoom_and_save(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    pdf = sample_pdf(3)
    dlg = PdfPreviewDialog(pdf, "登记表", None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.suggested_name == "登记表.pdf"
    assert dlg.thumbs.count() == 3 and dlg.page_count.text() == "共 3 页"
    assert not dlg.prev_button.isEnabled() and dlg.next_button.isEnabled()
    dlg.next_button.click()
    assert dlg.current == 1 and dlg.thumbs.currentRow() == 1 and dlg.page_spin.value() == 2
    dlg.thumbs.setCurrentRow(2)
    assert dlg.current == 2 and not dlg.next_button.isEnabled()
    assert "第 3 页，共 3 页" in dlg.status.text()

    dlg.zoom_combo.setCurrentIndex(dlg.zoom_combo.findData(1.0))
    assert dlg.zoom_percent() == 100
    width_100 = dlg.page_label.width()
    dlg.zoom_in_button.click()
    assert dlg.zoom_percent() == 125 and dlg.zoom_combo.currentText() == "125%"
    assert dlg.page_label.width() == pytest.approx(width_100 * 1.25, abs=2)
    dlg.zoom_out_button.click()
    dlg.zoom_out_button.click()
    assert dlg.zoom_percent() == 75
    dlg.set_zoom(FIT_PAGE)
    assert dlg.page_label.height() <= dlg.scroll.viewport().height()

    target = tmp_path / "保存的登记表"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dlg.save_button.click()
    assert dlg.saved_path == tmp_path / "保存的登记表.pdf"
    assert dlg.saved_path.read_bytes() == pdf
    assert "已保存" in dlg.status.text()


class _AcceptingPrintDialog:
    """Stands in for QPrintDialog: the person chose pages 1-2 and pressed 打印."""

    def __init__(self, printer: QPrinter) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 2)

    def exec(self) -> int:
        return QDialog.DialogCode.Accepted


def test_print_button_prints_the_chosen_pages(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    out = tmp_path / "out.pdf"
    dlg = PdfPreviewDialog(sample_pdf(3), "登记表.pdf", None)
    qtbot.addWidget(dlg)
    printer = dlg.make_printer()  # the dialog does not own it: keep it alive
    real = dlg.print_dialog(printer)  # the real dialog offers the page range of this document
    assert (real.minPage(), real.maxPage()) == (1, 3)
    monkeypatch.setattr(dlg, "make_printer", lambda: pdf_printer(out))
    monkeypatch.setattr(dlg, "print_dialog", _AcceptingPrintDialog)
    dlg.print_button.click()
    assert dlg.printed_pages == 2 and len(PdfReader(out).pages) == 2
    assert "2 页" in dlg.status.text()
    dlg.done(0)
    assert dlg.doc.closed


def test_show_pdf_says_when_the_file_is_not_a_pdf(qapp, monkeypatch) -> None:  # noqa: ANN001
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert show_pdf(None, b"garbage", "x.pdf") is None
    assert "不是 PDF" in warned[0]


@pytest.mark.today(datetime(2026, 11, 25, 10, 0))
def test_request_form_opens_in_the_preview(officer: Services, tmp_path: Path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.models import Channel, Urgency
    from policeroom.services.requests.service import RequestInput
    from policeroom.ui.main_window import MainWindow
    from policeroom.ui.prefs import Preferences

    rid = officer.requests.create(RequestInput(
        received_at=datetime(2026, 11, 25, 10, 0), channel=Channel.visit, category="证件咨询", urgency=Urgency.normal,
        description="咨询补办身份证", receiver_id=officer.actor.member_id, requester_name="王五",
    ))
    shown: list[PdfPreviewDialog] = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    win.print_request(rid)
    number = officer.requests.get(rid).number
    assert shown[0].suggested_name == f"群众求助登记表-{number}.pdf"
    assert "群众求助登记表" in PdfReader(io.BytesIO(shown[0].doc.data)).pages[0].extract_text()
    from policeroom.models import AuditEntry

    with officer.ctx.sessions() as s:
        entry = s.query(AuditEntry).filter_by(entity="output", action="print").one()
    assert entry.actor == "王建军" and entry.title == f"群众求助登记表 {number}"


# -- a real printer: the CUPS PDF queue (.ci/run installs cups + cups-pdf) ---------------------
def _cups_pdf_queue() -> str | None:
    names = QPrinterInfo.availablePrinterNames()
    for name in names:
        if "pdf" in name.lower():
            return name
    return None


def _cups_pdf_dirs() -> list[Path]:
    """Where cups-pdf writes: its ``Out`` setting (``${HOME}/PDF`` on Debian), and the usual places."""
    dirs = [Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            m = re.match(r"\s*Out\s+(\S+)", line)
            if m:
                dirs.insert(0, Path(m.group(1).replace("${HOME}", str(Path.home()))))
    return dirs


def test_print_to_the_cups_pdf_queue(qtbot) -> None:  # noqa: ANN001
    queue = _cups_pdf_queue()
    if queue is None:
        pytest.skip("没有 CUPS PDF 打印队列（需要 cups 和 cups-pdf，并已启动 cupsd）")
    job = f"policeroom-cups-test-{int(time.time() * 1000)}"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(queue)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setDocName(job)
    assert printer.isValid() and printer.printerName() == queue
    assert print_pdf(sample_pdf(2), printer) == 2

    def found() -> list[Path]:
        return [p for d in _cups_pdf_dirs() if d.is_dir() for p in d.glob(f"{job}*.pdf")]

    qtbot.waitUntil(lambda: bool(found()) and found()[0].stat().st_size > 0, timeout=60_000)
    out = found()[0]
    qtbot.waitUntil(lambda: _complete(out), timeout=30_000)  # cups-pdf may still be writing it
    assert len(PdfReader(out).pages) == 2
    out.unlink()


def _complete(path: Path) -> bool:
    try:
        return len(PdfReader(path).pages) > 0
    except Exception:  # noqa: BLE001 - half-written file
        return False


def test_print_pdf_takes_page_ranges_typed_in_the_print_dialog(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QPageRanges

    printer = pdf_printer(tmp_path / "ranges.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addPage(1)
    ranges.addPage(3)
    printer.setPageRanges(ranges)
    assert print_pdf(sample_pdf(3), printer) == 2
    assert len(PdfReader(tmp_path / "ranges.pdf").pages) == 2


def test_qt_dialogs_speak_chinese(qapp) -> None:  # noqa: ANN001
    from policeroom.ui.i18n import install_qt_translations

    assert install_qt_translations(qapp)
    dlg = PdfPreviewDialog(sample_pdf(1), "x.pdf", None)
    printer = dlg.make_printer()
    pd = dlg.print_dialog(printer)
    from PySide6.QtWidgets import QLabel

    texts = [w.text() for w in pd.findChildren(QLabel)]
    assert not any("Page Set" in t for t in texts)
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    dlg.done(0)
    from policeroom.ui import i18n

    for t in i18n._qt_translators:  # leave the session's application as other tests expect it
        qapp.removeTranslator(t)
    i18n._qt_translators.clear()


def test_roster_and_mediation_pdfs_open_in_the_preview(officer: Services, bus, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.ui.roster.page import RosterPage
    from policeroom.ui.widgets.pdf_output import present_pdf

    shown: list[PdfPreviewDialog] = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    page = RosterPage(officer, bus)
    qtbot.addWidget(page)
    page.grid.print_pdf()  # the 排班表 tab
    assert shown[-1].suggested_name.startswith("值班表-") and len(shown[-1].doc) >= 1
    assert present_pdf(page, sample_pdf(1), "调解协议书.pdf") is None  # not saved: only previewed
    assert shown[-1].suggested_name == "调解协议书.pdf"
