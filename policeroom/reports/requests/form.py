"""The 群众求助登记表 for one request as an A4 PDF (reportlab platypus): plain data in, bytes out; no Qt.

The form is a stack of ruled tables of one width (so it reads as one box): the registration, the
dispatch and each handling entry, the outcome, the feedback and the follow-up visit, then the three
signature lines. Every page repeats the header (room, title, 所属派出所, 编号) and the footer (打印时间,
第 n 页 共 m 页); a table that runs onto the next page repeats its section heading, and a long text is
laid out as several rows of a few lines each (drawn without rules between them) so that it can
continue on the next page instead of being cut off.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.models import Satisfaction, Status
from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts
from policeroom.reports.core.text import cn_date, cn_datetime, numbered_canvas, para
from policeroom.services.core import clock
from policeroom.services.core.settings import RoomSettings
from policeroom.services.core.validators import mask_id_number
from policeroom.services.requests.service import RequestDetail

TITLE = "群众求助登记表"
PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
HEADER_H = 36 * mm  # room name, title, station / number line
LABEL_W = 25 * mm
VALUE_W = (WIDTH - 2 * LABEL_W) / 2
GRID4 = [LABEL_W, VALUE_W, LABEL_W, VALUE_W]
ACTION_COLS = [45 * mm, LABEL_W, WIDTH - 45 * mm - LABEL_W]
ROW_H = 6.8 * mm  # the smallest ruled row (room to write by hand)
TEXT_H = 14 * mm  # a long-text field left empty still offers this much space
PAD_LEFT, PAD_RIGHT = 4, 6  # right: room for punctuation that hangs past the line end (，。)
CHUNK_LINES = 4  # a long text goes into rows of this many lines (a row never breaks across pages)
NBSP = "\u00a0"  # reportlab collapses ordinary and ideographic spaces; this one it keeps
GAP = NBSP * 6
BLANK_DATE = f"{NBSP * 8}年{NBSP * 4}月{NBSP * 4}日"
TICK, BOX = "■", "□"
LINE = colors.black
SHADE = colors.HexColor("#EDEDED")


@dataclass(frozen=True)
class _Styles:
    label: ParagraphStyle
    value: ParagraphStyle
    section: ParagraphStyle
    sign: ParagraphStyle


def _styles(font: str) -> _Styles:
    value = ParagraphStyle("value", fontName=font, fontSize=10.5, leading=14, wordWrap="CJK")
    return _Styles(
        label=ParagraphStyle("label", parent=value, alignment=TA_CENTER),
        value=value,
        section=ParagraphStyle("section", parent=value, fontSize=11.5, leading=16),
        sign=ParagraphStyle("sign", parent=value, fontSize=11, leading=16),
    )


def request_form_pdf(
    detail: RequestDetail, room: RoomSettings, *, printed_at: datetime | None = None
) -> bytes:
    """Render the 群众求助登记表 of one request.

    Args:
        detail: The request as ``services.requests.get`` returns it.
        room: The room's settings (name and 派出所 go into the header).
        printed_at: The time printed in the footer; defaults to now.

    Returns:
        The PDF file's bytes (A4 portrait, the shipped CJK font embedded).
    """
    font = register_fonts()
    chinese_line_breaking()
    st = _styles(font)
    printed_at = printed_at or clock.now()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=HEADER_H,
        bottomMargin=18 * mm,
        title=f"{TITLE} {detail.number}",
        author=room.room_name,
        subject=TITLE,
        creator="policeroom",
        initialFontName=font,  # else the canvas names a Helvetica that is not embedded
    )

    def page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        _draw_header(canvas, font, detail, room, printed_at)

    story: list[Flowable] = [
        _registration(detail, st),
        *_handling(detail, st),
        _outcome(detail, st),
        _feedback_visit(detail, st),
        Spacer(1, 6 * mm),
        _signatures(detail, st),
    ]
    doc.build(
        story, onFirstPage=page, onLaterPages=page, canvasmaker=numbered_canvas(font, PAGE_W - MARGIN_X)
    )
    return buffer.getvalue()


# -- the tables -----------------------------------------------------------------------------------
def _chunks(text: str, style: ParagraphStyle, width: float) -> list[Paragraph]:
    """``text`` as paragraphs of at most CHUNK_LINES lines each.

    A table row cannot break across pages (and reportlab's ``splitInRow`` mishandles spanned
    cells), so a long text becomes several rows of a few lines each; the rule between them is left
    out so they read as one cell.
    """
    piece = para(text, style)
    limit = CHUNK_LINES * style.leading + 1
    out: list[Paragraph] = []
    while True:
        _w, height = piece.wrap(width, 1e6)
        parts = piece.split(width, limit) if height > limit else []
        if len(parts) < 2:
            out.append(piece)
            return out
        out.append(parts[0])
        piece = parts[1]


class _Grid:
    """Builds one ruled table: every field starts with a rule above it; a long text adds rows without one."""

    def __init__(self, widths: list[float], st: _Styles) -> None:
        self.widths = widths
        self.st = st
        self.rows: list[list] = []
        self.heights: list[float] = []
        self.style: list[tuple] = [
            # A table sets its cells' font even when every cell is a paragraph: Helvetica, not embedded.
            ("FONT", (0, 0), (-1, -1), st.value.fontName, st.value.fontSize),
            ("BOX", (0, 0), (-1, -1), 0.6, LINE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.6, LINE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_LEFT),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_RIGHT),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        self.repeat = 0

    def _add(
        self, cells: list, height: float = ROW_H, *, rule: bool = True, shade: tuple[int, ...] = ()
    ) -> int:
        r = len(self.rows)
        self.rows.append(cells + [""] * (len(self.widths) - len(cells)))
        self.heights.append(height)
        if rule and r:
            self.style.append(("LINEABOVE", (0, r), (-1, r), 0.6, LINE))
        for c in shade:  # label cells shaded a little, like a printed form
            self.style.append(("BACKGROUND", (c, r), (c, r), SHADE))
        return r

    def heading(self, title: str) -> None:
        """A section heading across the table, repeated when the table runs onto the next page."""
        r = self._add([para(title, self.st.section)])
        self.style += [("SPAN", (0, r), (-1, r)), ("LINEBELOW", (0, r), (-1, r), 0.6, LINE)]
        self.repeat = r + 1

    def header(self, labels: list[str]) -> None:
        """Column headings (repeated on the next page together with the section heading)."""
        self._add([para(x, self.st.label) for x in labels], shade=tuple(range(len(labels))))
        self.repeat = len(self.rows)

    def pair(self, l1: str, v1: str, l2: str, v2: str) -> None:
        st = self.st
        self._add(
            [para(l1, st.label), para(v1, st.value), para(l2, st.label), para(v2, st.value)], shade=(0, 2)
        )

    def wide(self, label: str, value: str, height: float = ROW_H) -> None:
        """A label and one value across the rest of the row, split into several rows when long."""
        self.long([para(label, self.st.label)], value, height, shade=(0,))

    def long(self, first: list, text: str, height: float = ROW_H, shade: tuple[int, ...] = ()) -> None:
        """``first`` cells, then ``text`` spanning the remaining columns, over as many rows as it needs."""
        col = len(first)
        chunks = _chunks(text, self.st.value, sum(self.widths[col:]) - PAD_LEFT - PAD_RIGHT)
        for i, chunk in enumerate(chunks):
            cells = (first if i == 0 else [""] * col) + [chunk]
            r = self._add(cells, height if len(chunks) == 1 else ROW_H, rule=i == 0, shade=shade)
            if col < len(self.widths) - 1:
                self.style.append(("SPAN", (col, r), (-1, r)))
            if len(chunks) > 1:  # the pieces sit line under line, as one paragraph would
                self.style.append(("VALIGN", (0, r), (-1, r), "TOP"))
                if i > 0:
                    self.style.append(("TOPPADDING", (0, r), (-1, r), 0))
                if i < len(chunks) - 1:
                    self.style.append(("BOTTOMPADDING", (0, r), (-1, r), 0))

    def table(self) -> Table:
        return Table(
            self.rows,
            colWidths=self.widths,
            minRowHeights=self.heights,
            style=TableStyle(self.style),
            repeatRows=self.repeat,
        )


def _registration(d: RequestDetail, st: _Styles) -> Table:
    g = _Grid(GRID4, st)
    g.heading("一、求助登记")
    g.pair("求助时间", cn_datetime(d.received_at), "求助方式", d.channel_label)
    if d.anonymous:
        g.pair("求助人", "匿名", "性别", "")
        g.wide("匿名原因", d.anonymous_reason)
        g.pair("身份证号", "", "联系电话", "")
        g.wide("住址", "")
    else:
        id_number = mask_id_number(d.requester_id_number) if d.requester_id_number else ""
        g.pair("求助人", d.requester_name, "性别", d.requester_gender)
        g.pair("身份证号", id_number, "联系电话", d.requester_phone)
        g.wide("住址", d.requester_address)
    g.pair("事发时间", cn_datetime(d.occurred_at), "网格", d.grid_label)
    g.wide("事发地点", d.location)
    g.pair("类别", d.category, "紧急程度", d.urgency_label)
    g.wide("求助事项", d.description, 22 * mm)
    g.pair("接待人", d.receiver_name, "带班领导", d.leader)
    return g.table()


def _handling(d: RequestDetail, st: _Styles) -> list[Flowable]:
    top = _Grid(GRID4, st)
    top.heading("二、派遣与处置")
    top.pair("处置人", d.assignee_name, "派遣时间", cn_datetime(d.dispatched_at))
    actions = _Grid(ACTION_COLS, st)
    actions.header(["处置时间", "处置人", "处置情况"])
    for a in d.actions:
        actions.long([para(cn_datetime(a.at), st.value), para(a.member, st.label)], a.content)
    for _ in range(2 - len(d.actions)):  # room to write entries by hand
        actions.long(["", ""], "")
    return [top.table(), actions.table()]


def _outcome(d: RequestDetail, st: _Styles) -> Table:
    closed, referred, voided = (d.status == s for s in (Status.closed, Status.referred, Status.voided))
    result = GAP.join(
        [
            f"{TICK if closed else BOX}办结",
            f"{TICK}转办（{d.referred_to}）" if referred else f"{BOX}转办",
            f"{TICK}作废（原因：{d.void_reason}）" if voided else f"{BOX}作废",
        ]
    )
    if voided:
        when_label, when = "作废时间", next((e.at for e in reversed(d.events) if e.kind == "void"), None)
    else:
        when_label, when = ("转办时间" if referred else "办结时间"), d.closed_at
    g = _Grid(GRID4, st)
    g.wide("处理结果", result)
    g.pair(when_label, cn_datetime(when), "当前状态", d.status_label)
    return g.table()


def _feedback_visit(d: RequestDetail, st: _Styles) -> Table:
    levels = [
        (Satisfaction.satisfied, "满意"),
        (Satisfaction.fairly, "基本满意"),
        (Satisfaction.unsatisfied, "不满意"),
    ]
    g = _Grid(GRID4, st)
    g.heading("三、反馈与回访")
    g.pair("反馈时间", cn_datetime(d.feedback_at), "回访期限", cn_datetime(d.visit_due))
    g.wide("反馈内容", d.feedback, TEXT_H)
    g.pair("回访时间", cn_datetime(d.visited_at), "回访方式", d.visit_method)
    g.wide("满意度", GAP.join(f"{TICK if d.satisfaction == s else BOX}{label}" for s, label in levels))
    g.wide("回访情况", d.visit_remarks, TEXT_H)
    return g.table()


def _signatures(d: RequestDetail, st: _Styles) -> Flowable:
    handled = [a.at for a in d.actions] + [t for t in (d.dispatched_at, d.feedback_at) if t]
    leader_at = d.closed_at if d.status in (Status.closed, Status.referred) else None
    lines = [
        ("接待人（签名）：", d.received_at),
        ("处置人（签名）：", max(handled) if handled else None),
        ("带班领导（签名）：", leader_at),
    ]
    rows = [[para(label, st.sign), "", para(cn_date(at) or BLANK_DATE, st.sign)] for label, at in lines]
    table = Table(
        rows,
        colWidths=[42 * mm, 60 * mm, WIDTH - 102 * mm],
        rowHeights=[9 * mm] * 3,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.sign.fontName, st.sign.fontSize),  # not Helvetica
                ("LINEBELOW", (1, 0), (1, -1), 0.6, LINE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (2, 0), (2, -1), 10 * mm),
            ]
        ),
    )
    return KeepTogether([table])


# -- page furniture -------------------------------------------------------------------------------
def _draw_header(
    canvas: Canvas, font: str, d: RequestDetail, room: RoomSettings, printed_at: datetime
) -> None:
    canvas.saveState()
    top = PAGE_H - 12 * mm
    canvas.setFont(font, 13)
    canvas.drawCentredString(PAGE_W / 2, top - 4 * mm, room.room_name)
    canvas.setFont(font, 20)
    canvas.drawCentredString(PAGE_W / 2, top - 14 * mm, TITLE)
    canvas.setFont(font, 10.5)
    base = top - 21 * mm
    canvas.drawString(MARGIN_X, base, f"所属派出所：{room.station}")
    canvas.drawRightString(PAGE_W - MARGIN_X, base, f"编号：{d.number}")
    canvas.setFont(font, 9)
    canvas.drawString(MARGIN_X, 11 * mm, f"打印时间：{cn_datetime(printed_at)}")
    canvas.restoreState()


__all__ = ["TITLE", "cn_date", "cn_datetime", "request_form_pdf"]
