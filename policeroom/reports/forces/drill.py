"""拉动测试记录: a minimum emergency unit's drill on one A4 page (forms.md).

单元, 时间, 情景, each member's 到达用时, whether the 1/3/5 (and 10/20) minute rings were met,
存在问题, 组织人; signatures of the organiser and the community officer.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import register_fonts
from policeroom.services.core.dates import chinese_date
from policeroom.services.core.settings import RoomSettings
from policeroom.services.forces.rings import duration_text
from policeroom.services.forces.types import DrillDetail

LINE = colors.HexColor("#333333")
HEAD = colors.HexColor("#E8E8E8")
MISSED = colors.HexColor("#F8D7DA")


def _blank(n: int) -> str:
    return "<u>" + "\u00a0" * n * 2 + "</u>"


def drill_pdf(drill: DrillDetail, room: RoomSettings) -> bytes:
    """The printed drill record of one drill."""
    font = register_fonts()
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=24, alignment=TA_CENTER)
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=15)
    cell = ParagraphStyle("c", fontName=font, fontSize=10, leading=13)
    width = A4[0] - 36 * mm
    d = drill.data
    held = d.held_at
    story: list = [
        Paragraph(escape(room.room_name or "社区警务室"), title),
        Paragraph("最小应急单元拉动测试记录", title),
        Spacer(1, 3 * mm),
    ]
    info = [
        ["单元", Paragraph(escape(drill.unit), cell), "场所类别", escape(drill.unit_kind)],
        ["地址", Paragraph(escape(drill.site or "—"), cell), "测试时间",
         f"{chinese_date(held.date())} {held:%H:%M}" if held else ""],
        ["情景", Paragraph(escape(d.scenario), cell), "组织人", Paragraph(escape(d.organiser or ""), cell)],
    ]
    t = Table(info, colWidths=[w * width for w in (0.12, 0.46, 0.14, 0.28)])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10.5), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                           ("BACKGROUND", (0, 0), (0, -1), HEAD), ("BACKGROUND", (2, 0), (2, -1), HEAD),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [t, Spacer(1, 4 * mm), Paragraph("一、成员到达情况", body), Spacer(1, 1.5 * mm)]
    rows = [["序号", "姓名", "岗位", "到达用时", "1分钟内", "3分钟内", "5分钟内"]]
    style = [("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, a in enumerate(d.arrivals, start=1):
        marks = ["" if a.seconds is None else ("是" if a.seconds <= m * 60 else "否") for m in (1, 3, 5)]
        rows.append([str(i), Paragraph(escape(a.name), cell), Paragraph(escape(a.post), cell),
                     duration_text(a.seconds), *marks])
        if a.seconds is None or a.seconds > 300:
            style.append(("BACKGROUND", (3, i), (3, i), MISSED))
    t = Table(rows, colWidths=[w * width for w in (0.08, 0.17, 0.25, 0.14, 0.12, 0.12, 0.12)], repeatRows=1)
    t.setStyle(TableStyle(style))
    story += [t, Spacer(1, 4 * mm), Paragraph("二、响应圈达标情况", body), Spacer(1, 1.5 * mm)]
    rows = [["时间圈", "力量", "要求", "实际用时", "结论"]]
    style = [("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD), ("ALIGN", (0, 0), (0, -1), "CENTER"),
             ("ALIGN", (3, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, r in enumerate(drill.rings, start=1):
        verdict = "未测试" if r.met is None else ("达标" if r.met else "未达标")
        spent = "—" if r.met is None else duration_text(r.seconds)
        rows.append([f"{r.minutes}分钟", Paragraph(escape(r.name), cell), Paragraph(escape(r.rule), cell), spent, verdict])
        if r.met is False:
            style.append(("BACKGROUND", (4, i), (4, i), MISSED))
    t = Table(rows, colWidths=[w * width for w in (0.12, 0.26, 0.32, 0.15, 0.15)])
    t.setStyle(TableStyle(style))
    story += [t, Spacer(1, 4 * mm), Paragraph("三、存在问题及整改措施", body), Spacer(1, 1.5 * mm)]
    problems = Table([[Paragraph(escape(d.problems or "（无）").replace("\n", "<br/>"), cell)]],
                     colWidths=[width], rowHeights=[None])
    problems.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                                  ("TOPPADDING", (0, 0), (-1, -1), 6),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 18)]))
    story += [problems, Spacer(1, 3 * mm)]
    story.append(Paragraph(escape(
        "说明：1分钟岗位人员自救、3分钟互救、5分钟事发单位或应急网格施救（“1-3-5”响应圈），"
        "10分钟镇街力量增援、20分钟专业救援（最小应急响应圈）。“到达用时”自发出指令起计。"), cell))
    story += [Spacer(1, 10 * mm), Paragraph(
        f"组织人签名：{_blank(12)}　　社区民警：{_blank(12)}　　日期：{_blank(10)}", body)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f"拉动测试记录 {drill.unit} {held:%Y-%m-%d}",
                      author=room.room_name, initialFontName=font).build(story)
    return buf.getvalue()
