"""Text pieces every PDF shares: typed text as safe Paragraph markup, dates, and 第 n 页 共 m 页."""

from __future__ import annotations

import re
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from policeroom.services.core.dates import chinese_date

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str | None) -> str:
    """Text as typed, without control characters (pasted text may carry them), newlines unified."""
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def markup(text: str | None) -> str:
    """``text`` escaped for a reportlab Paragraph (``<`` and ``&`` print as typed), line breaks kept."""
    return escape(clean(text)).replace("\n", "<br/>")


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of typed text (never read as markup)."""
    return Paragraph(markup(text), style)


def cn_date(day: datetime | None) -> str:
    """``2026年11月22日`` (blank when there is no date)."""
    return chinese_date(day)


def cn_datetime(at: datetime | None) -> str:
    """``2026年11月22日 09:30`` (blank when there is no time)."""
    return f"{chinese_date(at)} {at:%H:%M}" if at else ""


def numbered_canvas(font: str, right: float, y: float = 11 * mm) -> type[Canvas]:
    """A canvas that writes 第 n 页　共 m 页 (right-aligned at ``right``) once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(font, 9)
                self.drawRightString(right, y, f"第 {number} 页　共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas
