"""Text written on ruled answer lines that continues on the next page (never cut off)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from policeroom.reports.core.text import clean, markup  # noqa: F401 - re-exported for the forms

RULE = colors.HexColor("#7A7A7A")


class ParaStack:
    """The paragraphs of a typed text, each with the style's first-line indent (one Paragraph with
    ``<br/>`` indents only the first); a blank line keeps one line. Wraps, splits and draws like a
    Paragraph, so RuledText can hold either."""

    def __init__(self, parts: list[Paragraph | None], style: ParagraphStyle) -> None:
        self.parts = parts  # None: an empty line
        self.style = style
        self._sizes: tuple[float, list[float]] | None = None

    @classmethod
    def of(cls, text: str, style: ParagraphStyle) -> ParaStack | None:
        lines = clean(text).split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if not any(line.strip() for line in lines):
            return None
        return cls([Paragraph(markup(line), style) if line.strip() else None for line in lines], style)

    def _heights(self, width: float) -> list[float]:
        if self._sizes is None or self._sizes[0] != width:
            lead = self.style.leading
            self._sizes = (width, [p.wrap(width, 1e6)[1] if p is not None else lead for p in self.parts])
        return self._sizes[1]

    def wrap(self, width: float, _height: float) -> tuple[float, float]:
        return width, sum(self._heights(width))

    def split(self, width: float, height: float) -> list[ParaStack]:
        heights = self._heights(width)
        used = 0.0
        for i, (part, h) in enumerate(zip(self.parts, heights, strict=True)):
            if used + h <= height:
                used += h
                continue
            if part is not None:
                pieces = part.split(width, height - used)
                if len(pieces) == 2:
                    return [ParaStack([*self.parts[:i], pieces[0]], self.style),
                            ParaStack([pieces[1], *self.parts[i + 1:]], self.style)]
            if i == 0:
                return []
            return [ParaStack(self.parts[:i], self.style), ParaStack(self.parts[i:], self.style)]
        return [self]

    def drawOn(self, canv, x: float, y: float) -> None:  # noqa: N802 - reportlab's name
        heights = self._heights(self._sizes[0] if self._sizes else 0)
        top = y + sum(heights)
        for part, h in zip(self.parts, heights, strict=True):
            top -= h
            if part is not None:
                part.drawOn(canv, x, top)


class RuledText(Flowable):
    """Text written on ruled lines (at least ``min_lines`` of them) that continues on the next page.

    The part that lands on a later page starts with ``cont_label`` (e.g. 纠纷主要事实（续）) so the
    reader knows what the lines belong to; text is never cut: every line goes somewhere.
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        min_lines: int = 3,
        cont_label: str = "",
        label_style: ParagraphStyle | None = None,
        _para: ParaStack | None = None,
        _head: str = "",
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.min_lines = min_lines
        self.cont_label = cont_label
        self.label_style = label_style or style
        self.para = (
            _para if _para is not None else ParaStack.of(text, style)
        )
        self.head = Paragraph(markup(_head), self.label_style) if _head else None
        self._lines = 0
        self._para_size: tuple[float, float] | None = None  # (width, height): a long text wraps once

    def _para_h(self, width: float) -> float:
        """The text's height at ``width``; wrapping 5,000 characters of Chinese costs a tenth of a second,
        and a page break asks for it several times."""
        assert self.para is not None
        if self._para_size is None or self._para_size[0] != width:
            self._para_size = (width, self.para.wrap(width, 1e6)[1])
        return self._para_size[1]

    def _head_h(self, width: float) -> float:
        if self.head is None:
            return 0.0
        return self.head.wrap(width, 1e6)[1] + 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        lines = 0
        if self.para is not None:
            lines = round(self._para_h(availWidth) / self.style.leading)
        self._lines = max(lines, self.min_lines)
        self.height = self._head_h(availWidth) + self._lines * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        lead = self.style.leading
        room = int((availHeight - self._head_h(availWidth) + 0.01) // lead)
        if room < 1:
            return []
        kw = dict(cont_label=self.cont_label, label_style=self.label_style)
        if self.para is None or round(self._para_h(availWidth) / lead) <= room:
            # only blank lines are left over: write them on this page and the rest on the next
            first = RuledText("", self.style, min_lines=room, **kw)
            first.para, first.head = self.para, self.head
            rest = RuledText("", self.style, min_lines=self._lines - room, _head=self.cont_label, **kw)
            return [first, rest]
        parts = self.para.split(availWidth, room * lead + 0.5)
        if len(parts) < 2:
            return []
        first = RuledText("", self.style, min_lines=room, _para=parts[0], **kw)
        first.head = self.head
        lines_left = max(self.min_lines - room, 0)
        rest = RuledText("", self.style, min_lines=lines_left, _para=parts[1], _head=self.cont_label, **kw)
        return [first, rest]

    def draw(self) -> None:
        canv = self.canv
        lead = self.style.leading
        top = self.height
        if self.head is not None:
            hh = self._head_h(self.width)
            self.head.drawOn(canv, 0, top - hh + 2)
            top -= hh
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        for i in range(1, self._lines + 1):
            y = top - i * lead
            canv.line(0, y, self.width, y)
        canv.restoreState()
        if self.para is not None:
            # Paragraph puts the first baseline one font size below its top; move it down so each
            # line sits just above its rule.
            size = self.style.fontSize
            shift = lead - size - 5
            h = self._para_h(self.width)
            self.para.drawOn(canv, 0, top - h - shift)


__all__ = ["RULE", "RuledText", "clean", "markup"]
