"""周工作小结 / 月度小结 as an A4 PDF (reportlab platypus): plain data in, bytes out; no Qt.

Structure as the guide's ``forms.md`` gives it: the title 《××社区警务室2026年第47周工作小结》 with
the dates, 一、数据概况 (a table of every module's figures with 环比 and 同比, then the charts),
二、重点工作及典型事例, 三、辖区形势及纠纷特点, 四、存在问题, 五、下周工作安排, and the sign-off
(民警签名, date). Identity numbers and mobiles are always masked; names too when the room's setting
asks for it (张三 → 张某).
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # noqa: F401
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts
from policeroom.reports.core.text import cn_datetime, markup, numbered_canvas, para
from policeroom.reports.summary.charts import ORANGE, bar_chart, trend_chart
from policeroom.services.core import clock
from policeroom.services.core.dates import chinese_date
from policeroom.services.summary.texts import mask_text
from policeroom.services.summary.types import SummaryData, change, figure_lines, figure_value, format_value

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
SHADE = colors.HexColor("#EDEDED")
NBSP = "\u00a0"  # reportlab keeps this space (blank lines to sign on)
PREVIOUS = {"week": "上周", "month": "上月"}
SECTIONS = (
    ("key_work", "二、重点工作及典型事例"),
    ("situation", "三、辖区形势及纠纷特点"),
    ("problems", "四、存在问题"),
    ("next_plan", "五、{next}工作安排"),
)


def summary_title(data: SummaryData) -> str:
    """《安华里社区警务室2026年第47周工作小结》 (a range: …2026年11月1日至11月22日工作小结)."""
    return f"{data.room_name}{data.period.name}工作小结"


def summary_pdf(data: SummaryData, *, printed_at: datetime | None = None) -> bytes:
    """Render a work summary.

    Args:
        data: What ``SummaryService.summary`` returns (texts as saved or pre-filled).
        printed_at: The time in the footer; defaults to now.

    Returns:
        The PDF's bytes: A4 portrait, the shipped CJK font embedded.
    """
    font = register_fonts()
    chinese_line_breaking()
    printed_at = printed_at or clock.now()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, wordWrap="CJK", firstLineIndent=0)
    styles = {
        "title": ParagraphStyle("title", parent=body, fontSize=17, leading=24, alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=body, fontSize=11, alignment=TA_CENTER),
        "h": ParagraphStyle("h", parent=body, fontSize=13, leading=20, spaceBefore=8, spaceAfter=3),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
        "sign": ParagraphStyle("sign", parent=body, alignment=TA_RIGHT, leading=22),
        "note": ParagraphStyle(
            "note", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555")
        ),
    }
    title = summary_title(data)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=16 * mm, bottomMargin=18 * mm,
        title=title, author=data.room_name, subject="工作小结", creator="policeroom",
        initialFontName=font,  # else the canvas names a Helvetica that is not embedded
    )  # fmt: skip
    names = data.names if data.mask_names else frozenset()

    def masked(text: str) -> str:
        return mask_text(text, names)

    story: list[Flowable] = [
        Paragraph(f"《{title}》", styles["title"]),
        Paragraph(f"（{data.period.dates}）", styles["sub"]),
        Spacer(1, 4 * mm),
        Paragraph("一、数据概况", styles["h"]),
        _figures_table(data, styles),
        Paragraph(_basis_note(data), styles["note"]),
        Spacer(1, 3 * mm),
        *_charts(data, font),
    ]
    for key, heading in SECTIONS:
        text = masked(getattr(data.texts, key)).strip() or "无。"
        story.append(Paragraph(heading.format(next=data.period.next_unit), styles["h"]))
        story += [para(line, body) for line in text.splitlines() if line.strip()]
    signed_on = data.texts.signed_on
    sign = [
        Spacer(1, 8 * mm),
        Paragraph("民警签名：" + (markup(data.texts.signed_by) or NBSP * 16), styles["sign"]),
        Paragraph(
            chinese_date(signed_on) if signed_on else f"{NBSP * 8}年{NBSP * 4}月{NBSP * 4}日", styles["sign"]
        ),
    ]
    # The sign-off never stands alone on a page: it keeps the last lines of 五 with it.
    tail = [story.pop() for _ in range(min(2, len(story)))][::-1]
    story.append(KeepTogether(tail + sign))

    def page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(
            MARGIN_X, 11 * mm, f"{data.station}　{data.room_name}　打印时间：{cn_datetime(printed_at)}"
        )
        canvas.restoreState()

    doc.build(
        story, onFirstPage=page, onLaterPages=page, canvasmaker=numbered_canvas(font, PAGE_W - MARGIN_X)
    )
    return buffer.getvalue()


def _basis_note(data: SummaryData) -> str:
    p = data.period
    prev, ago = p.previous(), p.year_ago()
    parts = [
        f"环比：与{PREVIOUS.get(p.kind, '上一期')}（{prev.dates}）相比；同比：与去年同期（{ago.dates}）相比。",
        "比率的变化以百分点计；调解成功率＝达成协议÷（达成协议＋调解不成）；超期未办为期末仍超期未办结的求助。",
        "志愿服务时长为本期确认入账的时长（已扣除冲正），参与志愿者为本期有时长入账的人数；兑换积分不含撤销和过期的兑换。",
        "网格工作：走访、巡防记录、宣传按各自日期计；巡防人次含志愿者和联防人员；隐患为类别名含“隐患”的网格事件"
        "（发现按发现时间，整改按结案时间）；网格事件按发现时间计，不立案的不计。",
    ]
    if not data.has_roster:
        parts.append("本室未在本程序中排班，值班巡防数据未列入。")
    parts.append("线索举报：受理线索按受理时间计；核实属实为核查结论属实或部分属实的；奖励审批、发放按审批、领取时间计。")
    if data.tips_by_category:
        parts.append("本期受理线索按类别：" + "、".join(f"{c}{n}件" for c, n in data.tips_by_category) + "。")
    return "".join(parts)


def _figures_table(data: SummaryData, st: dict[str, ParagraphStyle]) -> Table:
    """项目 | 本期 | 上期 | 环比 | 去年同期 | 同比, grouped by module (the group's name spans its rows)."""
    unit = data.period.unit
    prev = PREVIOUS.get(data.period.kind, "上期")
    head = ["类别", "项目", unit, prev, "环比", "去年同期", "同比"]
    # Plain strings, not Paragraphs: every cell fits its column, and strings draw several times faster.
    rows: list[list] = [head]
    spans: list[tuple[int, int, str]] = []
    lines = figure_lines(data)
    for line in lines:
        now = figure_value(data.figures, line.key)
        before = figure_value(data.previous, line.key)
        ago = figure_value(data.year_ago, line.key)
        label = line.label + (f"（{line.unit}）" if line.unit else "")
        if not spans or spans[-1][2] != line.group:
            spans.append((len(rows), len(rows), line.group))
        else:
            spans[-1] = (spans[-1][0], len(rows), line.group)
        rows.append([line.group, label, format_value(now, line), format_value(before, line),
                     change(now, before, line), format_value(ago, line), change(now, ago, line)])  # fmt: skip
    widths = [18 * mm, 38 * mm, 16 * mm, 16 * mm, 28 * mm, 20 * mm, WIDTH - 136 * mm]
    style = [
        ("FONT", (0, 0), (-1, -1), st["cell"].fontName, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (2, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for first, last, _group in spans:
        style.append(("SPAN", (0, first), (0, last)))
    for i, line in enumerate(lines, 1):
        if line.key in ("requests_overdue", "disputes_red", "absent") and (
            figure_value(data.figures, line.key) or 0
        ):
            style.append(("TEXTCOLOR", (2, i), (2, i), ORANGE))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _charts(data: SummaryData, font: str) -> list[Flowable]:
    half = WIDTH / 2
    n = max(len(data.by_category), len(data.by_type), 3)
    height = 44 + 17 * min(n, 8)
    unit = data.period.unit
    bars = Table(
        [[bar_chart(f"{unit}群众求助（按类别）", data.by_category, half - 4, height, font),
          bar_chart(f"{unit}排查纠纷（按类型）", data.by_type, half - 4, height, font, ORANGE)]],
        colWidths=[half, half],
    )  # fmt: skip
    # FONT: a table sets its cells' font even around drawings (Helvetica, not embedded, by default).
    bars.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    n_trend = len(data.trend)
    what = {"week": f"近{n_trend}周", "month": f"近{n_trend}个月"}.get(data.period.kind, f"近{n_trend}期")
    return [bars, Spacer(1, 2 * mm), trend_chart(f"{what}趋势", data.trend, WIDTH, 150, font)]


__all__ = ["summary_pdf", "summary_title"]
