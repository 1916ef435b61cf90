"""Lay documents out on A4 pages: each document starts a new page; continuation pages repeat a short
header (title（续）and 编号); page numbers are written once the page count is known.

The canvas keeps every page until ``save`` (as request_form does for 第 n 页 共 m 页), which also lets
the case file draw its 卷内目录 with the real page numbers of the documents after them, in one pass.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from policeroom.reports.mediation.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    WIDTH,
    Doc,
)


@dataclass
class DocStart:
    """Where a document starts (filled in while the pages are drawn)."""

    index: int
    title: str
    number: str
    page: int = 0  # 1-based page of the PDF
    repeat_header: bool = True


class _Mark(Flowable):
    """Zero-size flowable at the top of each document: tells the canvas which document is on the page."""

    def __init__(self, start: DocStart) -> None:
        super().__init__()
        self.start = start
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        self.start.page = canv.getPageNumber()
        canv._pr_current = self.start  # type: ignore[attr-defined]  # read at showPage


#: Draws on a finished page at save time: (canvas, page number, total pages, the page's document).
Overlay = Callable[[Canvas, int, int, "DocStart | None"], None]


def build_pdf(
    docs: Sequence[Doc],
    font: str,
    *,
    title: str,
    author: str,
    numbering: str = "doc",
    first_numbered: int = 1,
    overlay: Overlay | None = None,
    lead: Sequence[Flowable] = (),
    on_starts: Callable[[list[DocStart]], None] | None = None,
) -> tuple[bytes, list[DocStart]]:
    """Lay ``docs`` out, each from a new page, and return the PDF bytes and where each doc starts.

    Args:
        numbering: "doc": 第 n 页 共 m 页 within each document (single documents); "file": one running
            number 第 n 页 from page ``first_numbered`` on (the case file; cover and 卷内目录 unnumbered).
        overlay: Extra drawing on every page at save time, when all page numbers are known (the
            case file draws its 卷内目录 and the 本卷共N页 of its back cover this way).
        lead: Flowables before the first document (the case file's cover and 目录 pages).
        on_starts: Receives the (still empty) start records before layout, for ``overlay`` to read.
    """
    buffer = io.BytesIO()
    starts = [DocStart(i, d.title, d.number, repeat_header=d.repeat_header) for i, d in enumerate(docs)]
    if on_starts is not None:
        on_starts(starts)
    story: list[Flowable] = list(lead)
    for i, (doc, start) in enumerate(zip(docs, starts, strict=True)):
        if i or lead:
            story.append(PageBreak())
        story.append(_Mark(start))
        story.extend(doc.story)

    template = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author, subject=title,
        creator="policeroom",
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, WIDTH, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.initialFontName = font  # no stray Helvetica resource in the PDF
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(story, canvasmaker=_canvas_class(font, numbering, first_numbered, overlay))
    return buffer.getvalue(), starts


def _canvas_class(font: str, numbering: str, first_numbered: int, overlay: Overlay | None) -> type[Canvas]:
    class DocCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self._pr_pages: list[dict] = []
            self._pr_docs: list[DocStart | None] = []
            self._pr_current: DocStart | None = None

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pr_docs.append(self._pr_current)
            self._pr_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pr_pages)
            docs = self._pr_docs
            for number, state in enumerate(self._pr_pages, start=1):
                self.__dict__.update(state)
                doc = docs[number - 1]
                if doc is not None and doc.repeat_header and doc.page and doc.page < number:
                    _continuation_header(self, font, doc)
                if numbering == "file":
                    if number >= first_numbered:
                        _footer(self, font, f"第 {number - first_numbered + 1} 页")
                elif doc is not None:
                    pages = [n for n, d in enumerate(docs, start=1) if d is doc]
                    _footer(self, font, f"第 {pages.index(number) + 1} 页　共 {len(pages)} 页")
                if overlay is not None:
                    overlay(self, number, total, doc)
                super().showPage()
            super().save()

    return DocCanvas


def _continuation_header(canv: Canvas, font: str, doc: DocStart) -> None:
    canv.saveState()
    y = PAGE_H - MARGIN_TOP + 6 * mm
    canv.setFont(font, 10.5)
    canv.drawString(MARGIN_LEFT, y, f"{doc.title}（续）")
    if doc.number:
        canv.drawRightString(PAGE_W - MARGIN_RIGHT, y, f"编号：{doc.number}")
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_LEFT, y - 2.5 * mm, PAGE_W - MARGIN_RIGHT, y - 2.5 * mm)
    canv.restoreState()


def _footer(canv: Canvas, font: str, text: str) -> None:
    canv.saveState()
    canv.setFont(font, 9.5)
    canv.drawCentredString(MARGIN_LEFT + WIDTH / 2, 11 * mm, text)
    canv.restoreState()


__all__ = ["DocStart", "Overlay", "build_pdf"]
