"""Papers of activities, hours and points as A4 PDFs: plain data in, bytes out; no Qt.

- 志愿服务记录证明 (forms.md; 民发〔2015〕149号): volunteer, service (hours with one decimal, the
  activities or a summary when long), issuer with the seal line, number and date;
- 志愿服务积分存折 page: 日期 · 摘要 · 存入 · 取出 · 结余 · 经办人;
- 积分兑换券 with its tear-off stub (存根) and the 核销 line;
- a blank 签到表 for paper sign-in at an activity.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts, register_song_font
from policeroom.reports.core.text import cn_date, cn_datetime, markup, numbered_canvas, para
from policeroom.services.activities.rules import fmt_hours, fmt_points, needs_text
from policeroom.services.activities.types import ActivityRow, CertificateData, Passbook, RedemptionRow
from policeroom.services.core import clock

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
WIDTH = PAGE_W - 2 * MARGIN
NBSP = "\u00a0"
GAP = NBSP * 4  # reportlab collapses ordinary and ideographic spaces; this one it keeps
SHADE = colors.HexColor("#EDEDED")
#: a certificate lists at most this many activities; beyond, a summary by activity (forms.md)
CERT_LIST_MAX = 25


def _doc(buffer: io.BytesIO, title: str, font: str, author: str = "") -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm, bottomMargin=18 * mm,
        title=title, author=author, creator="policeroom", initialFontName=font,
    )  # fmt: skip


def _styles(font: str, size: float = 11) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.6, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4 * mm),
        "sub": ParagraphStyle("sub", parent=body, alignment=TA_CENTER),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=13.5),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12),
    }


def _ruled(rows: list[list], widths: list[float], font: str, size: float = 10, head: bool = True) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    style = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if head:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    t.setStyle(TableStyle(style))
    return t


# -- 志愿服务记录证明 ------------------------------------------------------------------------------
def certificate_pdf(c: CertificateData) -> bytes:
    """The certificate as issued (its snapshot); a voided one prints 已作废 with the reason."""
    font = register_song_font()
    chinese_line_breaking()
    st = _styles(font, 12)
    buffer = io.BytesIO()
    doc = _doc(buffer, f"志愿服务记录证明 {c.number}", font, c.unit)
    story: list[Flowable] = [Paragraph("志愿服务记录证明", st["title"]), para(f"编号：{c.number}", st["right"])]
    if c.voided:
        story.append(para(f"【已作废】{c.void_reason}（{c.voided_by}）", st["sub"]))
    story.append(Spacer(1, 4 * mm))
    who = [
        ["一、志愿者", "", "", ""],
        ["姓名", c.volunteer_name, "志愿者编号", c.volunteer_number],
        ["证件类型", c.id_kind, "证件号码", c.id_number or "（未登记）"],
    ]
    story.append(_ruled(who, [28 * mm, 52 * mm, 30 * mm, WIDTH - 110 * mm], font, 11, head=False))
    t = story[-1]
    t.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    period = f"{cn_date(c.period_from)}至{cn_date(c.period_to)}" if c.period_from else "—"
    story += [
        Spacer(1, 4 * mm),
        para("二、志愿服务情况", st["body"]),
        para(f"经核实，{c.volunteer_name}于{period}参加本单位组织的志愿服务活动，"
             f"经组织人确认的服务时长累计 {fmt_hours(c.minutes)} 小时。", st["body"]),  # fmt: skip
        Spacer(1, 2 * mm),
    ]
    story.append(_service_table(c, font))
    story += [
        Spacer(1, 6 * mm),
        para("三、出具单位", st["body"]),
        _ruled(
            [["出具单位", c.unit, "负责人", c.head], ["经办人", c.issuer, "联系方式", c.contact or NBSP * 10]],
            [25 * mm, 65 * mm, 25 * mm, WIDTH - 115 * mm], font, 11, head=False,
        ),
        Spacer(1, 14 * mm),
        para(f"{c.unit}（盖章）", st["right"]),
        para(f"出具日期：{cn_date(c.issued_on)}", st["right"]),
        Spacer(1, 8 * mm),
        para("说明：本证明所载服务时长为出具之日已确认的时长（依据《志愿服务记录与证明出具办法》，民发〔2015〕149号），"
             "可在出具登记簿中按编号核对。", st["small"]),  # fmt: skip
    ]
    doc.build(story, canvasmaker=numbered_canvas(font, PAGE_W - MARGIN))
    return buffer.getvalue()


def _service_table(c: CertificateData, font: str) -> Table:
    if len(c.activities) <= CERT_LIST_MAX:
        rows = [["日期", "服务内容（活动）", "时长（小时）"]]
        rows += [[a.day, Paragraph(markup(a.title), _styles(font)["cell"]), fmt_hours(a.minutes)] for a in c.activities]
    else:  # long service: a summary by activity name
        minutes: Counter[str] = Counter()
        times: Counter[str] = Counter()
        for a in c.activities:
            minutes[a.title] += a.minutes
            times[a.title] += 1
        rows = [["服务内容（汇总）", "次数", "时长（小时）"]]
        rows += [[Paragraph(markup(t), _styles(font)["cell"]), str(times[t]), fmt_hours(m)] for t, m in minutes.most_common()]
    rows.append(["合计", "", fmt_hours(c.minutes)])
    widths = [32 * mm, WIDTH - 62 * mm, 30 * mm] if len(c.activities) <= CERT_LIST_MAX else [WIDTH - 55 * mm, 25 * mm, 30 * mm]
    t = _ruled(rows, widths, font, 10.5)
    t.setStyle(TableStyle([("ALIGN", (-1, 1), (-1, -1), "RIGHT"), ("SPAN", (0, -1), (1, -1))]))
    return t


# -- 积分存折 ------------------------------------------------------------------------------------
def passbook_pdf(book: Passbook) -> bytes:
    font = register_fonts()
    chinese_line_breaking()
    st = _styles(font, 10.5)
    buffer = io.BytesIO()
    v = book.volunteer
    doc = _doc(buffer, f"志愿服务积分存折 {v.number}", font, book.room_name)
    head = [
        Paragraph("志愿服务积分存折", st["title"]),
        para(f"{book.room_name}{GAP}志愿者：{v.name}{GAP}编号：{v.number}", st["sub"]),
        para(f"确认服务时长 {fmt_hours(book.minutes)} 小时{GAP}积分结余 {fmt_points(book.points)} 分"
             f"{GAP}打印时间：{cn_datetime(book.printed_at)}", st["sub"]),  # fmt: skip
        Spacer(1, 4 * mm),
    ]
    rows: list[list] = [["日期", "摘要", "存入", "取出（积分）", "结余（积分）", "经办人"]]
    for ln in book.lines:
        deposit = []
        if ln.hours_in:
            deposit.append(f"{fmt_hours(ln.hours_in)}小时")
        if ln.points_in:
            deposit.append(f"{fmt_points(ln.points_in)}分")
        rows.append([
            ln.day.isoformat(), Paragraph(markup(ln.summary), st["cell"]), " / ".join(deposit),
            fmt_points(ln.points_out) if ln.points_out else "", fmt_points(ln.balance), ln.operator,
        ])  # fmt: skip
    for _ in range(max(0, 12 - len(book.lines))):  # a ruled page keeps room to write
        rows.append(["", "", "", "", "", ""])
    widths = [22 * mm, WIDTH - 112 * mm, 28 * mm, 21 * mm, 21 * mm, 20 * mm]
    t = _ruled(rows, widths, font, 9.5)
    t.setStyle(TableStyle([("ALIGN", (2, 1), (4, -1), "RIGHT"), ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None])]))
    note = para("存入：确认的服务时长及其积分、奖励积分、退回的积分；取出：兑换及扣减的积分。本页依台账随时重印，遗失不影响积分。", st["small"])
    doc.build([*head, t, Spacer(1, 3 * mm), note], canvasmaker=numbered_canvas(font, PAGE_W - MARGIN))
    return buffer.getvalue()


# -- 积分兑换券 ----------------------------------------------------------------------------------
def voucher_pdf(r: RedemptionRow, room_name: str) -> bytes:
    """The voucher and its stub (存根) with the same number, cut apart along the dashed line."""
    font = register_fonts()
    chinese_line_breaking()
    st = _styles(font, 11)
    buffer = io.BytesIO()
    doc = _doc(buffer, f"积分兑换券 {r.number}", font, room_name)

    def part(title: str, extra: list[list[str]]) -> Table:
        rows = [
            [Paragraph(f"{markup(room_name)}{GAP}{title}", st["sub"]), ""],
            ["券号", r.number],
            ["志愿者", f"{r.volunteer_name}（{r.volunteer_number}）"],
            ["兑换物品", r.item],
            ["使用积分", f"{r.points} 分"],
            ["发券日期", cn_date(r.issued_at)],
            ["有效期至", cn_date(r.valid_until)],
            *extra,
        ]
        t = _ruled(rows, [30 * mm, WIDTH - 30 * mm], font, 11, head=False)
        t.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
        return t

    done = r.status == "redeemed"
    check = [
        ["核销人", r.redeemed_by if done else ""],
        ["核销日期", cn_date(r.redeemed_at) if done else f"{NBSP * 8}年{NBSP * 4}月{NBSP * 4}日"],
        ["核销地点", r.redeemed_place if done else ""],
    ]
    story: list[Flowable] = [
        part("积分兑换券", check),
        Spacer(1, 3 * mm),
        para("凭本券在有效期内到指定地点兑换，过期作废，积分退回；本券不兑现金。", st["small"]),
        Spacer(1, 8 * mm),
        _CutLine(WIDTH),
        Spacer(1, 8 * mm),
        part("积分兑换券（存根）", [["审批人", r.approved_by], ["状态", r.status_label]]),
    ]
    doc.build(story)
    return buffer.getvalue()


class _CutLine(Flowable):
    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 4 * mm

    def draw(self) -> None:
        c = self.canv
        c.setDash(4, 3)
        c.line(0, self.height / 2, self.width, self.height / 2)
        c.setDash()
        c.setFont(register_fonts(), 8)
        c.drawCentredString(self.width / 2, self.height / 2 + 2, "沿此线剪开")


# -- 签到表 --------------------------------------------------------------------------------------
def signin_sheet_pdf(a: ActivityRow, names: Sequence[tuple[str, str, str]], room_name: str,
                     printed_at: datetime | None = None) -> bytes:  # fmt: skip
    """A 签到表: the activity's heading, then one ruled row per person (those taken, then blank rows)."""
    font = register_fonts()
    chinese_line_breaking()
    st = _styles(font, 10.5)
    buffer = io.BytesIO()
    doc = _doc(buffer, f"志愿服务活动签到表 {a.number}", font, room_name)
    when = f"{cn_date(a.starts_at)} {a.starts_at:%H:%M}—{a.ends_at:%H:%M}"
    info = [
        ["活动编号", a.number, "活动类型", a.kind],
        ["活动名称", Paragraph(markup(a.title), st["cell"]), "组织人", a.organiser],
        ["时间", when, "地点", Paragraph(markup(a.place or a.grid), st["cell"])],
        ["需要人员", needs_text(a.needs) or "—", "风险提示", "有风险，须已投保" if a.risky else "无"],
    ]
    rows: list[list] = [["序号", "志愿者编号", "姓名", "岗位", "签到时间", "签到人签名", "签退时间", "签退人签名"]]
    for i, (number, name, role) in enumerate(names, 1):
        rows.append([str(i), number, name, role, "", "", "", ""])
    for i in range(len(names) + 1, max(len(names) + 6, 20) + 1):
        rows.append([str(i), "", "", "", "", "", "", ""])
    widths = [11 * mm, 25 * mm, 20 * mm, 17 * mm, 19 * mm, WIDTH / 2 - 56 * mm, 19 * mm, WIDTH / 2 - 56 * mm]
    story = [
        Paragraph("志愿服务活动签到表", st["title"]),
        para(room_name, st["sub"]),
        Spacer(1, 3 * mm),
        _ruled(info, [22 * mm, WIDTH / 2 - 22 * mm, 22 * mm, WIDTH / 2 - 22 * mm], font, 10, head=False),
        Spacer(1, 4 * mm),
        _ruled(rows, widths, font, 9.5),
        Spacer(1, 6 * mm),
        para(f"组织人（签名）：{NBSP * 24}　　确认日期：{NBSP * 8}年{NBSP * 4}月{NBSP * 4}日", st["body"]),
        para(f"打印时间：{cn_datetime(printed_at or clock.now())}。服务时长由组织人依本表确认（谁记录谁证明）。", st["small"]),
    ]
    doc.build(story, canvasmaker=numbered_canvas(font, PAGE_W - MARGIN))
    return buffer.getvalue()
