"""值班表 (week, A4 landscape; month) and the day's 值班日志 with its handover log, as PDF; the roster as xlsx.

Plain data in (a :class:`RosterView`), bytes out; no Qt.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import register_fonts
from policeroom.services.core.dates import chinese_date, date_span
from policeroom.services.core.settings import RoomSettings
from policeroom.services.roster.service import RosterView
from policeroom.services.roster.types import ROLE_LABELS, WEEKDAYS, Cell, DayKind

LINE = colors.black
REST_SHADE = colors.HexColor("#F2F2F2")
HOLIDAY_SHADE = colors.HexColor("#FDE7E7")


def cell_text(view: RosterView, cells: list[Cell], grid_short: bool = True) -> str:
    """“白”, “夜”, “巡3” (patrol of grid 3), joined when a day holds several shifts."""
    p = view.problem
    shifts = {s.id: s for s in p.shifts}
    grid_no = {gid: i + 1 for i, gid in enumerate(p.grids)}
    out = []
    for c in cells:
        s = shifts.get(c.shift_id)
        if s is None:
            continue
        out.append(s.code + (str(grid_no.get(c.grid_id, "")) if c.grid_id is not None and grid_short else ""))
    return "".join(out)


def _styles(font: str, size: float) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER)
    small = ParagraphStyle("s", fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    center = ParagraphStyle("c", parent=small, alignment=TA_CENTER)
    return title, small, center


def roster_pdf(view: RosterView, room: RoomSettings, *, title: str | None = None) -> bytes:
    """The roster of the view's period: people down, days across, legend, requirement gaps and signatures."""
    font = register_fonts()
    p = view.problem
    days = p.days
    month = len(days) > 10
    size = 9.5  # a month too: the table fills the page rather than shrinking the print
    title_style, small, center = _styles(font, size)
    page = landscape(A4)
    margin = 12 * mm
    width = page[0] - 2 * margin
    name_w, role_w = (20 * mm, 0) if month else (24 * mm, 22 * mm)
    day_w = (width - name_w - role_w) / len(days)
    head = [Paragraph("姓名", center)] + ([Paragraph("角色", center)] if role_w else [])
    for d in days:
        info = view.days.get(d)
        extra = info.name if info and info.name and not month else ""
        top = f"{d.day}" if month else f"{d.month}月{d.day}日"
        head.append(Paragraph(f"{top}<br/>{WEEKDAYS[d.weekday()]}" + (f"<br/>{escape(extra)}" if extra else ""), center))
    rows = [head]
    by_key: dict[tuple[int, date], list[Cell]] = {}
    for c in view.cells:
        by_key.setdefault((c.member_id, c.day), []).append(c)
    absent_mark = {"leave": "假", "comp_rest": "调", "training": "训", "other": "外"}
    for m in p.members:
        row = [Paragraph(escape(m.name), small)] + ([Paragraph(ROLE_LABELS.get(m.role, ""), small)] if role_w else [])
        for d in days:
            text = cell_text(view, by_key.get((m.id, d), []))
            a = p.absence(m.id, d)
            if not text and a is not None:
                text = f"({absent_mark.get(a.kind, '假')})"
            row.append(Paragraph(escape(text), center))
        rows.append(row)
    from policeroom.services.roster.rules import station_days
    from policeroom.services.roster.types import STATION_COVER

    planned = {c.day for c in view.cells}
    covered = set(station_days(p, view.cells)) & planned
    if covered:  # the officer's days off: the station's duty officer is on call
        rows.append([Paragraph(STATION_COVER if month else "备勤", small)]
                    + ([Paragraph(STATION_COVER, small)] if role_w else [])
                    + [Paragraph("所" if d in covered else "", center) for d in days])
    style = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
    ]
    first = 2 if role_w else 1
    for i, d in enumerate(days):
        info = view.days.get(d)
        if info is not None and info.kind != DayKind.workday:
            shade = HOLIDAY_SHADE if info.kind == DayKind.holiday else REST_SHADE
            style.append(("BACKGROUND", (first + i, 1), (first + i, -1), shade))
    # Fill the page: the rows share the height left by the titles, legend and signatures; when the notes leave
    # too little room for that (or a long team), the rows take the height their text needs.
    avail = page[1] - 20 * mm - 75 * mm
    head_h = (3 if not month else 2) * size * 1.3 + 6
    body_h = max(size * 1.3 + 5, min((avail - head_h) / max(1, len(rows) - 1), 14 * mm))
    widths = [name_w] + ([role_w] if role_w else []) + [day_w] * len(days)
    for heights in ([None] + [body_h] * (len(rows) - 1), None):
        data, pages = _build(rows, widths, heights, style, view, room, title, font, small, title_style, page, margin)
        if heights is None or pages == 1:
            return data
    return data


def _build(rows: list, widths: list, heights: list | None, style: list, view: RosterView, room: RoomSettings,  # noqa: PLR0913
           title: str | None, font: str, small: ParagraphStyle, title_style: ParagraphStyle, page: tuple,
           margin: float) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    p = view.problem
    days = p.days
    month = len(days) > 10
    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=heights)
    table.setStyle(TableStyle(style))
    period = date_span(days[0], days[-1])
    story = [
        Paragraph(escape(room.room_name or "社区警务室"), title_style),
        Paragraph(escape(title or ("月值班表" if month else "周值班表")), title_style),
        Paragraph(escape(f"所属派出所：{room.station}　　期间：{period}　　责任民警：{room.officer_in_charge}"), small),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 3 * mm),
    ]
    grid_no = "；".join(f"{i + 1}＝{name}" for i, name in enumerate(p.grids.values()))
    legend = "　".join(f"{s.code}＝{s.name}（{s.post.label} {s.times}）" for s in p.shifts)
    story.append(Paragraph(escape("图例：" + legend + "；(假)请假 (调)调休 (训)培训；所＝所值班（民警休息日由派出所值班"
                                  "民警备勤）；灰底为休息日，红底为法定节假日。"), small))
    if grid_no:
        story.append(Paragraph(escape("巡防网格：" + grid_no), small))
    unmet = [v for v in view.violations if v.is_requirement]
    broken = [v for v in view.violations if not v.is_requirement]  # 欠补休 included: it is to be settled
    if unmet or broken:
        lines = [v.message for v in [*broken, *unmet]][:12]
        more = len(unmet) + len(broken) - len(lines)
        story.append(Paragraph(escape("待解决：" + "；".join(lines) + (f"；另有{more}项" if more > 0 else "")), small))
    if view.warning:
        story.append(Paragraph(escape("注意：" + view.warning), small))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(f"编制人：{_blank(14)}　　审核（社区民警）：{_blank(14)}　　日期：{_blank(14)}",
                           ParagraphStyle("sig", fontName=font, fontSize=11, leading=16)))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=10 * mm,
                            bottomMargin=10 * mm, title=f"{room.room_name}值班表 {period}", author=room.room_name,
                            initialFontName=font)  # else a Helvetica that is not embedded
    doc.build(story)
    return buf.getvalue(), doc.page


def _blank(n: int) -> str:
    """A signature blank: underlined spaces."""
    return "<u>" + "\u00a0" * n * 2 + "</u>"


def duty_sheet_pdf(day: date, on_duty: list[tuple[str, ...]], handovers: list[tuple[datetime, str, str, str]],
                   room: RoomSettings, *, blank_rows: int = 6) -> bytes:
    """The day's 值班日志: who is on which shift (班次, 姓名, 岗位, 时间[, 签到, 签退]) and the handover log (交接班).

    Check-in times recorded at the desk are printed; otherwise the columns are left to fill in by hand.
    """
    font = register_fonts()
    title_style, small, center = _styles(font, 10)
    width = A4[0] - 36 * mm
    story = [Paragraph(escape(room.room_name or "社区警务室"), title_style),
             Paragraph("值班日志", title_style),
             Paragraph(escape(f"日期：{chinese_date(day)} 星期{WEEKDAYS[day.weekday()]}　　所属派出所：{room.station}"), small),
             Spacer(1, 4 * mm)]
    rows = [["班次", "姓名", "岗位", "时间", "签到", "签退"]]
    rows += [(list(r) + ["", ""])[:6] for r in on_duty] or [["（当天没有排班）", "", "", "", "", ""]]
    t = Table(rows, colWidths=[w * width for w in (0.16, 0.16, 0.22, 0.2, 0.13, 0.13)], repeatRows=1)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                           ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
                           ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [t, Spacer(1, 6 * mm), Paragraph("交接班记录", ParagraphStyle("h", fontName=font, fontSize=12, leading=18))]
    rows = [["交接时间", "交接事项", "交班人", "接班人"]]
    for at, matters, a, b in handovers:
        rows.append([f"{at:%H:%M}", Paragraph(escape(matters), small), a, b])
    rows += [["", "", "", ""] for _ in range(max(blank_rows - len(handovers), 2))]
    t = Table(rows, colWidths=[w * width for w in (0.14, 0.58, 0.14, 0.14)], repeatRows=1,
              rowHeights=[None] + [None] * len(handovers) + [12 * mm] * (len(rows) - 1 - len(handovers)))
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [t, Spacer(1, 8 * mm)]
    story.append(Paragraph(f"值班负责人：{_blank(14)}　　社区民警：{_blank(14)}",
                           ParagraphStyle("sig", fontName=font, fontSize=11, leading=16)))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f"值班日志 {day}", author=room.room_name, initialFontName=font).build(story)
    return buf.getvalue()


def roster_xlsx(view: RosterView, room: RoomSettings) -> bytes:
    """The roster as a spreadsheet: one row per person, one column per day."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from policeroom.reports.core.xlsx import protect_cells

    p = view.problem
    wb = Workbook()
    ws = wb.active
    ws.title = "值班表"
    ws.append([f"{room.room_name} 值班表 {date_span(p.start, p.end)}"])
    ws.append(["姓名", "角色"] + [f"{d.month}月{d.day}日 {WEEKDAYS[d.weekday()]}" for d in p.days])
    by_key: dict[tuple[int, date], list[Cell]] = {}
    for c in view.cells:
        by_key.setdefault((c.member_id, c.day), []).append(c)
    for m in p.members:
        ws.append([m.name, ROLE_LABELS.get(m.role, "")] + [cell_text(view, by_key.get((m.id, d), [])) for d in p.days])
    ws.append([])
    for s in p.shifts:
        ws.append([s.code, s.name, s.post.label, s.times])
    ws["A1"].font = Font(bold=True, size=14)
    shade = PatternFill("solid", fgColor="EEEEEE")
    for i, d in enumerate(p.days):
        col = 3 + i
        ws.cell(row=2, column=col).alignment = Alignment(wrap_text=True, horizontal="center")
        if view.days.get(d) and view.days[d].kind != DayKind.workday:
            ws.cell(row=2, column=col).fill = shade
        ws.column_dimensions[ws.cell(row=2, column=col).column_letter].width = 7
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 12
    ws.freeze_panes = "C3"  # names and dates stay in view
    protect_cells(ws)  # a member named "=HYPERLINK(…)" is text, never a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
