"""矛盾纠纷排查调处情况统计表 (monthly, or any period) as an A4 landscape PDF: plain data in, bytes out.

One row per dispute type as the justice bureaus count them, then 合计. Definitions of the columns are
printed under the table (they are those of ``SummaryService.dispute_table``).
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts
from policeroom.reports.core.text import cn_date, cn_datetime, numbered_canvas
from policeroom.services.core import clock
from policeroom.services.summary.service import MAJOR_PEOPLE
from policeroom.services.summary.types import DisputeTable, DisputeTypeRow

PAGE_W, PAGE_H = landscape(A4)
MARGIN_X = 15 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
TITLE = "矛盾纠纷排查调处情况统计表"
HEAD = ("序号", "纠纷类型", "排查数（件）", "调处数（件）", "调解成功数（件）", "调解不成（件）", "调解成功率",
        "涉及人数（人）", "重大纠纷（件）")  # fmt: skip
SHADE = colors.HexColor("#EDEDED")


def rate_text(row: DisputeTypeRow) -> str:
    rate = row.success_rate
    return "—" if rate is None else f"{rate * 100:.1f}%"


def dispute_table_pdf(table: DisputeTable, *, printed_at: datetime | None = None) -> bytes:
    """Render the statistics table; returns the PDF's bytes (A4 landscape, the CJK font embedded)."""
    font = register_fonts()
    chinese_line_breaking()
    printed_at = printed_at or clock.now()
    base = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=14, wordWrap="CJK")
    title_st = ParagraphStyle("t", parent=base, fontSize=17, leading=24, alignment=TA_CENTER)
    sub_st = ParagraphStyle("s", parent=base, alignment=TA_CENTER)
    note_st = ParagraphStyle("n", parent=base, fontSize=9, leading=12, textColor=colors.HexColor("#444444"))
    head_st = ParagraphStyle("h", parent=base, fontSize=10, leading=12, alignment=TA_CENTER)
    p = table.period
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=14 * mm,
        bottomMargin=16 * mm, title=f"{TITLE}（{p.name}）", author=table.room_name, creator="policeroom",
        initialFontName=font,  # else the canvas names a Helvetica that is not embedded
    )  # fmt: skip
    rows: list[list] = [[Paragraph(h, head_st) for h in HEAD]]
    for i, r in enumerate(table.rows, 1):
        rows.append([str(i), r.dispute_type, r.screened, r.mediated, r.succeeded, r.failed, rate_text(r),
                     r.people, r.major])  # fmt: skip
    t = table.total
    rows.append(["", "合计", t.screened, t.mediated, t.succeeded, t.failed, rate_text(t), t.people, t.major])
    first = 14 * mm
    kind = 36 * mm
    rest = (WIDTH - first - kind) / (len(HEAD) - 2)
    grid = Table(rows, colWidths=[first, kind] + [rest] * (len(HEAD) - 2), repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10.5),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]))  # fmt: skip
    # The police room screens the disputes (its 排查台账) and reports the table; the committee only
    # mediates part of them, so title and 填报单位 both name the room (issue 11 item 13).
    unit = f"填报单位：{table.room_name}"
    story = [
        Paragraph(f"{table.room_name}{TITLE}", title_st),
        Paragraph(f"（{p.name}，{p.dates}）", sub_st),
        Spacer(1, 3 * mm),
        Table([[Paragraph(unit, base), Paragraph(f"填报日期：{cn_date(printed_at)}", base)]],
              colWidths=[WIDTH * 0.7, WIDTH * 0.3],
              style=[("FONT", (0, 0), (-1, -1), font, 10.5),  # a table's cells start in Helvetica otherwise
                     ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (0, 0), 0)]),
        Spacer(1, 2 * mm),
        grid,
        Spacer(1, 3 * mm),
        Paragraph(
            "说明：排查数为排查日期在本期的台账纠纷；调处数为受理日期在本期的调解案件；调解成功数为协议日期在本期的"
            "案件（书面或口头协议）；调解不成为终止调解日期在本期的案件；调解成功率＝调解成功数÷（调解成功数＋"
            f"调解不成）；涉及人数为本期排查纠纷涉及人数之和；重大纠纷为本期排查的红色风险或涉及{MAJOR_PEOPLE}人以上的"
            "纠纷。", note_st,
        ),  # fmt: skip
        Spacer(1, 8 * mm),
        Table([["填表人：", "", "审核人：", "", "（盖章）"]],
              colWidths=[20 * mm, 60 * mm, 20 * mm, 60 * mm, WIDTH - 160 * mm],
              style=[("FONT", (0, 0), (-1, -1), font, 10.5), ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                     ("LINEBELOW", (3, 0), (3, 0), 0.5, colors.black), ("ALIGN", (4, 0), (4, 0), "RIGHT")]),
    ]  # fmt: skip

    def page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN_X, 9 * mm, f"打印时间：{cn_datetime(printed_at)}")
        canvas.restoreState()

    # 第 n 页　共 m 页, written once the page count is known
    doc.build(story, onFirstPage=page, onLaterPages=page, canvasmaker=numbered_canvas(font, PAGE_W - MARGIN_X, 9 * mm))
    return buffer.getvalue()


__all__ = ["TITLE", "dispute_table_pdf", "rate_text"]
