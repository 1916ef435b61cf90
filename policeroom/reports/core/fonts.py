"""Register the shipped CJK fonts with reportlab; teach its line breaking Chinese rules.

reportlab's built-in ``STSong-Light`` CID font is not embedded in the PDF (it prints blank on a
machine without the Adobe language pack), and reportlab cannot read CFF-flavoured OpenType, so
reports use the TrueType subset shipped in ``resources/fonts`` (see tools/build_font.py), which
reportlab embeds as a subset. Official documents (the mediation forms) use the Song-style
(明体) face "PoliceroomSong", a subset of AR PL UMing CN shipped beside it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as rl_paragraph

from policeroom.reports.core import cjk_wrap
from policeroom.resources import font_path, song_font_path

#: The reportlab font name of the shipped font (its PostScript name without the style).
PDF_FONT_NAME = "PoliceroomSans"
#: The reportlab font name of the Song-style font of official documents.
SONG_FONT_NAME = "PoliceroomSong"

#: Chinese punctuation that must not start a line; reportlab's list is Japanese and lacks most of it
CANNOT_START = "，：；？！）》〉”’…～·、。」』】〕"

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
        FileNotFoundError: If the font file is missing (see policeroom.resources.fonts_dir).
    """
    return _register(PDF_FONT_NAME, font_path())


def register_song_font() -> str:
    """Register the shipped Song-style font ("PoliceroomSong") once and return its name.

    Like :func:`register_fonts`: thread-safe, idempotent, the first call reads the file (about
    100 ms); bold and italic map to the same regular face.

    Raises:
        FileNotFoundError: If ``PoliceroomSong.ttf`` is missing.
    """
    return _register(SONG_FONT_NAME, song_font_path())


def _register(name: str, path: Path) -> str:
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            if not path.is_file():
                raise FileNotFoundError(f"shipped font missing: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name


def chinese_line_breaking() -> None:
    """Teach reportlab's CJK wrapping the Chinese line-start rule (no line starts with ，：；？ ...).

    reportlab keeps the list in module globals that its two CJK splitters (``textsplit.dumbSplit``
    for plain text, ``paragraph.cjkFragSplit`` for marked-up text) read at run time; adding to them
    is idempotent and only ever makes line breaks more Chinese. Marked-up text also keeps a run of
    such marks (``件），``) off the line start (:mod:`policeroom.reports.core.cjk_wrap`).
    """
    cjk_wrap.install()
    for module in (rl_textsplit, rl_paragraph):
        missing = "".join(ch for ch in CANNOT_START if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing
