"""The shipped CJK font registers with reportlab and is embedded in the PDFs it draws."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from policeroom.reports.core.fonts import (
    PDF_FONT_NAME,
    SONG_FONT_NAME,
    chinese_line_breaking,
    register_fonts,
    register_song_font,
)

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


def test_song_font_registers_and_embeds() -> None:
    assert register_song_font() == SONG_FONT_NAME == register_song_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(SONG_FONT_NAME, 16)
    pdf.drawString(72, 720, "人民调解协议书 张喆")
    pdf.showPage()
    pdf.save()
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]

    assert "人民调解协议书 张喆" in page.extract_text()
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    song = [font for font in fonts if str(font["/BaseFont"]).endswith("+PoliceroomSong-Regular")]
    assert song, [str(font["/BaseFont"]) for font in fonts]
    assert "/FontFile2" in song[0]["/FontDescriptor"].get_object()


def test_chinese_line_breaking_keeps_punctuation_off_line_starts() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    chinese_line_breaking()
    style = ParagraphStyle("t", fontName=register_song_font(), fontSize=10, leading=12, wordWrap="CJK")
    buffer = io.BytesIO()
    # Ten characters fill a 100 pt line; the eleventh is a comma, which must not open line two.
    doc = SimpleDocTemplate(buffer, pagesize=(100.5 + 32, 200), leftMargin=10, rightMargin=10)  # frame padding 6+6
    doc.build([Paragraph("一二三四五六七八九十，十一", style)])
    lines = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text().splitlines()

    assert len(lines) == 2, lines
    assert not lines[1].startswith("，"), lines


def test_a_run_of_closing_marks_goes_down_together() -> None:
    """（1件）↵，无红色风险纠纷: the line overflows at ）, which hangs, and the comma after it opened the next line."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    chinese_line_breaking()
    style = ParagraphStyle("t", fontName=register_song_font(), fontSize=10, leading=12, wordWrap="CJK")
    # Seven characters, （1件 and the ） overflow the 100 pt line at ）; then ，: plain text, and marked-up (several fragments).
    for text in ("一二三四五六七（1件），无红色风险", "一二三<b>四</b>五六七（1件），无红色风险"):
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=(100.5 + 32, 200), leftMargin=10, rightMargin=10)
        doc.build([Paragraph(text, style)])
        lines = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text().splitlines()

        assert not any(line.startswith(("，", "）")) for line in lines), lines
        assert "".join(lines).replace(" ", "") == "一二三四五六七（1件），无红色风险", lines
