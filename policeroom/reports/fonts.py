"""Register the shipped CJK font with reportlab.

reportlab's built-in ``STSong-Light`` CID font is not embedded in the PDF (it prints blank on a
machine without the Adobe language pack), and reportlab cannot read CFF-flavoured OpenType, so
reports use the TrueType subset shipped in ``resources/fonts`` (see tools/build_font.py), which
reportlab embeds as a subset.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from policeroom.resources import font_path

#: The reportlab font name of the shipped font (its PostScript name without the style).
PDF_FONT_NAME = "PoliceroomSans"

_lock = threading.Lock()


def register_fonts() -> str:
    """Register the shipped font with reportlab once and return the font name to use.

    Safe to call any number of times and from several threads; only the first call reads the
    font file (about 70 ms). The name is also registered as a font family whose bold and
    italic members are the same face, so ``<b>`` in a ``Paragraph`` does not raise (the font has
    no bold face; reportlab draws it regular).

    Returns:
        The name to pass to ``canvas.setFont`` or a ``ParagraphStyle(fontName=...)``.

    Raises:
        FileNotFoundError: If the font file is missing from ``resources/fonts``.
    """
    with _lock:
        if PDF_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            path = font_path()
            if not path.is_file():
                raise FileNotFoundError(f"shipped font missing: {path}")
            pdfmetrics.registerFont(TTFont(PDF_FONT_NAME, str(path)))
            pdfmetrics.registerFontFamily(
                PDF_FONT_NAME,
                normal=PDF_FONT_NAME,
                bold=PDF_FONT_NAME,
                italic=PDF_FONT_NAME,
                boldItalic=PDF_FONT_NAME,
            )
    return PDF_FONT_NAME
