"""线索举报台账 (xlsx) and the monthly 奖励发放登记表 (PDF, for finance): plain rows in, bytes out.

Neither has a column of the tipster of any kind (name, phone, identity number, contact, 实名/匿名 is
as far as it goes): both read rows that never held them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts
from policeroom.reports.core.text import cn_date, cn_datetime, markup, numbered_canvas
from policeroom.reports.core.xlsx import LedgerColumn as Column
from policeroom.reports.core.xlsx import ledger_xlsx
from policeroom.services.tips.types import RewardLine, TipRow

TITLE = "线索举报台账"
REGISTER_TITLE = "举报奖励发放登记表"

COLUMNS: tuple[Column, ...] = (
    Column("线索编号", 15, lambda r: r.number, "center"),
    Column("受理时间", 17, lambda r: r.received_at, "date"),
    Column("来源渠道", 10, lambda r: r.channel, "center"),
    Column("线索类别", 14, lambda r: r.category, "wrap"),
    Column("被举报对象", 18, lambda r: r.subject, "wrap"),
    Column("地点", 22, lambda r: r.place, "wrap"),
    Column("网格", 12, lambda r: r.grid, "wrap"),
    Column("同一事项", 15, lambda r: r.duplicate_of, "center"),
    Column("核查人", 9, lambda r: r.handler, "center"),
    Column("核查结论", 10, lambda r: r.verdict, "center"),
    Column("状态", 14, lambda r: r.status_label, "wrap"),
    Column("批准奖励（元）", 12, lambda r: r.reward, "center"),
)


def tips_xlsx(rows: Sequence[TipRow], room_name: str, made: date) -> bytes:
    title = f"{room_name}{TITLE}（{cn_date(made)}导出）"
    return ledger_xlsx(title, TITLE, COLUMNS, rows)


def reward_register_pdf(lines: Sequence[RewardLine], room_name: str, month: date, printed_at: datetime) -> bytes:
    """One row per reward approved or paid in the month; totals; no names; signature lines."""
    font = register_fonts()
    chinese_line_breaking()
    base = ParagraphStyle("b", fontName=font, fontSize=10, leading=13, wordWrap="CJK")
    title_st = ParagraphStyle("t", parent=base, fontSize=17, leading=24, alignment=TA_CENTER)
    center = ParagraphStyle("c", parent=base, alignment=TA_CENTER)
    buffer = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=f"{REGISTER_TITLE}（{month:%Y年%m月}）", author=room_name,
                            creator="policeroom", initialFontName=font)  # fmt: skip
    head = ("序号", "线索编号", "线索类别", "奖励规则", "档次", "批准金额（元）", "审批人", "审批日期", "发放日期",
            "发放方式", "状态")  # fmt: skip
    rows: list[list] = [[Paragraph(h, center) for h in head]]
    for i, r in enumerate(lines, 1):
        rows.append([str(i), r.number, Paragraph(markup(r.category), base), Paragraph(markup(r.rule), base),
                     Paragraph(markup(r.tier), base), str(r.approved), r.approved_by, cn_date(r.approved_at),
                     cn_date(r.paid_at), Paragraph(markup(r.method), base), r.state])  # fmt: skip
    approved = sum(r.approved for r in lines)
    paid = sum(r.approved for r in lines if r.paid_at)
    rows.append(["", "合计", f"{len(lines)}笔", "", "", str(approved), "", "", f"已发放{paid}元", "", ""])
    widths = [12, 27, 28, 36, 24, 20, 16, 26, 26, 30, 20]
    t = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F6F6F6")),
    ]))  # fmt: skip
    story = [
        Paragraph(markup(f"{room_name}{REGISTER_TITLE}"), title_st),
        Paragraph(markup(f"{month.year}年{month.month}月　　打印时间：{cn_datetime(printed_at)}"), center),
        Spacer(1, 4 * mm), t, Spacer(1, 4 * mm),
        Paragraph("说明：本表列出当月审批或发放的举报奖励，供财务核对；依照举报人保密规定，不列举报人或领取人姓名，"
                  "领取人签名见各笔领奖回执。状态“逾期视为放弃”的奖励未发放。", base),
        Spacer(1, 10 * mm),
        Paragraph("制表人：________________　　　审核人（社区民警）：________________　　　财务：________________", base),
    ]  # fmt: skip
    doc.build(story, canvasmaker=numbered_canvas(font, page[0] - 15 * mm))
    return buffer.getvalue()
