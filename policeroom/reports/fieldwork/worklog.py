"""The printed 警务工作日志 of one person and one week (A4 landscape): a row per entry, grouped by day,
with 日期/星期, 时段, 地点, 工作类别, 内容, 结果/待办; the week's hours and entries per category; 审阅人.

Plain data in (:class:`~policeroom.services.fieldwork.worklog.LogWeek`), bytes out; no Qt.
"""

from __future__ import annotations

import io
from datetime import timedelta
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import register_fonts
from policeroom.reports.core.text import numbered_canvas, para
from policeroom.services.core.dates import chinese_date, date_span
from policeroom.services.core.settings import RoomSettings
from policeroom.services.fieldwork.sources import CATEGORIES, ENTRY_KINDS
from policeroom.services.fieldwork.worklog import LogWeek

WEEKDAYS = "一二三四五六日"
SHADE = colors.HexColor("#E8E8E8")


def work_log_pdf(week: LogWeek, room: RoomSettings) -> bytes:
    font = register_fonts()
    page = landscape(A4)
    margin = 14 * mm
    width = page[0] - 2 * margin
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER)
    small = ParagraphStyle("s", fontName=font, fontSize=9.5, leading=12.5, wordWrap="CJK")
    head = ParagraphStyle("h", fontName=font, fontSize=10.5, leading=15)
    iso = week.start.isocalendar()
    story = [
        Paragraph(escape(room.room_name or "社区警务室"), title),
        Paragraph(f"警务工作日志（{iso[0]}年第{iso[1]}周）", title),
        Spacer(1, 2 * mm),
        _line([f"{week.role}：{week.member}", f"社区：{room.community}", f"所属派出所：{room.station}",
               f"日期：{date_span(week.start, week.end)}"], font, width),  # fmt: skip
        Spacer(1, 3 * mm),
    ]
    rows: list[list] = [["日期/星期", "时段", "地点", "工作类别", "内容", "结果/待办", "来源"]]
    style = [
        ("FONT", (0, 0), (-1, -1), font, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for offset in range(7):
        day = week.start + timedelta(days=offset)
        items = week.day(day)
        first = len(rows)
        label = f"{day.month}月{day.day}日\n星期{WEEKDAYS[day.weekday()]}"
        if not items:
            rows.append([label, "", "", "", "（无记录）", "", ""])
            style.append(("TEXTCOLOR", (4, first), (4, first), colors.HexColor("#757575")))
            continue
        for i in items:
            kind = ENTRY_KINDS.get(i.kind, "") if i.kind else ""
            rows.append([label, i.period, para(i.place, small), i.category + (f"\n（{kind}）" if kind else ""),
                         para(i.content, small), para(i.result, small), i.source_label])  # fmt: skip
        if len(items) > 1:
            style.append(("SPAN", (0, first), (0, len(rows) - 1)))
    widths = [22 * mm, 22 * mm, 34 * mm, 22 * mm, None, 48 * mm, 20 * mm]
    fixed = sum(w for w in widths if w)
    widths = [w or width - fixed for w in widths]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    story.append(table)
    counts = week.by_category()
    summary = "、".join(f"{c}{counts[c]}项" for c in CATEGORIES if counts.get(c))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(f"本周共记录{len(week.items)}项工作，记录时段合计{week.hours:g}小时"
                         + (f"：{summary}。" if summary else "。")), head),  # fmt: skip
        Paragraph("说明：入户走访、巡防、宣传、调解、求助处置、场所巡查、网格事件各项由对应记录自动生成，来源栏注明；"
                  "未填时段的手工记录不计入时长。", small),  # fmt: skip
        Spacer(1, 8 * mm),
        _line([f"记录人：{week.member}", "审阅人：__________________", "审阅日期：________年____月____日"], font, width),
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(
        buf, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=12 * mm, bottomMargin=16 * mm,
        title=f"警务工作日志 {week.member} {week.start.isoformat()}", author=room.room_name, initialFontName=font,
    ).build(story, canvasmaker=numbered_canvas(font, page[0] - margin))  # fmt: skip
    return buf.getvalue()


def _line(parts: list[str], font: str, width: float) -> Table:
    """Fields side by side on one line (reportlab drops runs of full-width spaces inside a Paragraph)."""
    t = Table([parts], colWidths=[width / len(parts)] * len(parts))
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10.5), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def week_name(week: LogWeek) -> str:
    iso = week.start.isocalendar()
    return f"{iso[0]}年第{iso[1]}周（{chinese_date(week.start)}起）"
