"""The shipped CJK font registers with reportlab and is embedded in the PDFs it draws."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from policeroom.reports.fonts import PDF_FONT_NAME, register_fonts

TEXT = "社区警务室 张喆 堃"


def _one_page_pdf(text: str) -> bytes:
    font_name = register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(font_name, 16)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_register_fonts_is_idempotent() -> None:
    assert register_fonts() == PDF_FONT_NAME
    assert register_fonts() == PDF_FONT_NAME


def test_chinese_text_extracts() -> None:
    reader = PdfReader(io.BytesIO(_one_page_pdf(TEXT)))

    assert len(reader.pages) == 1
    assert TEXT in reader.pages[0].extract_text()


def test_font_is_embedded_truetype_subset() -> None:
    page = PdfReader(io.BytesIO(_one_page_pdf(TEXT))).pages[0]

    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    ours = [font for font in fonts if str(font["/BaseFont"]).endswith("+PoliceroomSans-Regular")]
    assert ours, [str(font["/BaseFont"]) for font in fonts]
    for font in ours:
        assert font["/Subtype"] == "/TrueType"
        # /FontFile2 is an embedded TrueType program; without it a viewer substitutes a font.
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
