"""网格员考核表 (monthly) as an A4 landscape PDF: plain data in (an AssessmentSheet), bytes out.

First a summary (each worker's rates with numerator/denominator, score, grade), then one block per worker
with every counted fact and each rate as 分子 ÷ 分母 with its weight, then the formula with the weights
used, the grades and the definitions (统计口径).
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts
from policeroom.reports.core.text import cn_date, cn_datetime, markup, numbered_canvas
from policeroom.services.core import clock
from policeroom.services.gridwork.assessment import AssessmentSheet, WorkerAssessment
from policeroom.services.gridwork.scoring import Rate

PAGE_W, PAGE_H = landscape(A4)
MARGIN_X = 14 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
TITLE = "网格员考核表"
SHADE = colors.HexColor("#EDEDED")


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def rate_cell(r: Rate) -> str:
    """``75.0%（3/4）``, or ``—（0/0，按100%计）`` when there is nothing to judge."""
    if r.denominator == 0:
        return f"—（0/0，按{r.spec.empty * 100:.0f}%计）"
    return f"{pct(r.value)}（{r.numerator}/{r.denominator}）"


def _weight(sheet: AssessmentSheet, key: str) -> float:
    return sheet.weights.get(key, 0.0)


def assessment_pdf(sheet: AssessmentSheet, room_name: str, *, printed_at: datetime | None = None) -> bytes:
    """Render the month's 考核表; returns the PDF's bytes (A4 landscape, the CJK font embedded)."""
    font = register_fonts()
    chinese_line_breaking()
    printed_at = printed_at or clock.now()
    base = ParagraphStyle("b", fontName=font, fontSize=10, leading=13, wordWrap="CJK")
    title_st = ParagraphStyle("t", parent=base, fontSize=17, leading=24, alignment=TA_CENTER)
    sub_st = ParagraphStyle("s", parent=base, alignment=TA_CENTER)
    head_st = ParagraphStyle("h", parent=base, fontSize=9.5, leading=12, alignment=TA_CENTER)
    cell_st = ParagraphStyle("c", parent=base, fontSize=9.5, leading=12)
    note_st = ParagraphStyle("n", parent=base, fontSize=9, leading=12, textColor=colors.HexColor("#333333"))
    h2 = ParagraphStyle("h2", parent=base, fontSize=12, leading=16)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=13 * mm,
        bottomMargin=16 * mm, title=f"{TITLE}（{sheet.month}）", author=room_name, creator="policeroom",
        initialFontName=font,
    )  # fmt: skip
    scored = [s for s in sheet.specs if _weight(sheet, s.key) > 0]
    shown = scored + [s for s in sheet.specs if _weight(sheet, s.key) <= 0]
    head = (
        ["序号", "网格员", "负责网格"]
        + [f"{s.label}（权重{_w(_weight(sheet, s.key))}）" for s in shown]
        + ["综合得分", "等级"]
    )
    # many rates (field work adds 走访/巡防完成率): a narrower grid column and a smaller rate font keep
    # "75.0%（3/4）" on one line
    crowded = len(shown) > 6
    rate_st = ParagraphStyle("rc", parent=cell_st, fontSize=8.5, leading=11) if crowded else cell_st
    grid_w = 30 * mm if crowded else 42 * mm
    rows: list[list] = [[Paragraph(h, head_st) for h in head]]
    for i, w in enumerate(sheet.rows, 1):
        by_key = {r.spec.key: r for r in w.rates}
        rows.append([str(i), Paragraph(markup(w.name), cell_st), Paragraph(markup(w.grids), cell_st)]
                    + [Paragraph(rate_cell(by_key[s.key]), rate_st) for s in shown]
                    + [f"{w.score:.1f}", w.grade])  # fmt: skip
    if not sheet.rows:
        rows.append(["", Paragraph("本月没有在岗的网格员", cell_st), "", *([""] * len(shown)), "", ""])
    fixed = 12 * mm + 20 * mm + grid_w + 20 * mm + 14 * mm
    each = (WIDTH - fixed) / max(1, len(shown))
    summary = Table(
        rows, colWidths=[12 * mm, 20 * mm, grid_w] + [each] * len(shown) + [20 * mm, 14 * mm], repeatRows=1
    )
    summary.setStyle(_grid_style(font))
    if crowded:
        summary.setStyle(TableStyle([("LEFTPADDING", (3, 0), (-3, -1), 2), ("RIGHTPADDING", (3, 0), (-3, -1), 2)]))
    story: list = [
        Paragraph(f"{markup(room_name)}{TITLE}", title_st),
        Paragraph(
            f"（{sheet.month}，{sheet.start:%Y-%m-%d} 至 {sheet.end - timedelta(days=1):%Y-%m-%d}）", sub_st
        ),
        Spacer(1, 3 * mm),
        Paragraph(f"计分公式：{markup(sheet.formula)}。{markup(sheet.grades)}。", base),
        Spacer(1, 2 * mm),
        summary,
        Spacer(1, 4 * mm),
    ]
    for w in sheet.rows:
        story.append(KeepTogether(_worker_block(w, sheet, font, h2, cell_st, head_st)))
        story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("统计口径：", base))
    story += [Paragraph(markup(d), note_st) for d in sheet.definitions]
    story.append(Spacer(1, 8 * mm))
    story.append(Table(
        [["考核人（社区民警）：", "", "被考核人签名：", "", f"日期：{cn_date(printed_at)}"]],
        colWidths=[38 * mm, 55 * mm, 30 * mm, 55 * mm, WIDTH - 178 * mm],
        style=[("FONT", (0, 0), (-1, -1), font, 10), ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
               ("LINEBELOW", (3, 0), (3, 0), 0.5, colors.black), ("ALIGN", (4, 0), (4, 0), "RIGHT")],
    ))  # fmt: skip

    def page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN_X, 9 * mm, f"打印时间：{cn_datetime(printed_at)}")
        canvas.restoreState()

    doc.build(
        story,
        onFirstPage=page,
        onLaterPages=page,
        canvasmaker=numbered_canvas(font, PAGE_W - MARGIN_X, 9 * mm),
    )
    return buffer.getvalue()


def _worker_block(w: WorkerAssessment, sheet: AssessmentSheet, font: str, h2, cell_st, head_st) -> list:  # noqa: ANN001
    facts = [(f.label, str(f.value)) for f in w.facts]
    per_row = 6
    grid: list[list] = []
    for i in range(0, len(facts), per_row):
        chunk = facts[i : i + per_row]
        line: list = []
        for label, value in chunk:
            line += [Paragraph(label, cell_st), value]
        line += ["", ""] * (per_row - len(chunk))
        grid.append(line)
    label_w, value_w = 30 * mm, (WIDTH / per_row) - 30 * mm
    facts_t = Table(grid, colWidths=[label_w, value_w] * per_row)
    facts_t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        *[("BACKGROUND", (c, 0), (c, -1), SHADE) for c in range(0, per_row * 2, 2)],
        ("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    head = ["比率", "计算", "分子", "分母", "比率值", "计入公式的值", "权重", "得分"]
    rows: list[list] = [[Paragraph(h, head_st) for h in head]]
    for r in w.rates:
        weight = sheet.weights.get(r.spec.key, 0.0)
        num = dict((f.key, f.label) for f in w.facts)
        calc = f"{num.get(r.spec.numerator, r.spec.numerator)} ÷ {num.get(r.spec.denominator, r.spec.denominator)}"
        if r.spec.invert:
            calc = f"1 - {calc}"
        rows.append([r.spec.label, Paragraph(calc, cell_st), str(r.numerator), str(r.denominator), pct(r.value),
                     f"{r.scored * 100:.1f}%", _w(weight), f"{weight * r.scored:.1f}" if weight > 0 else "不计分"])  # fmt: skip
    total_w = sum(v for v in sheet.weights.values() if v > 0)
    rows.append(["综合得分", "", "", "", "", "", _w(total_w), f"{w.score:.1f}（{w.grade}）"])
    widths = [28 * mm, 78 * mm, 18 * mm, 18 * mm, 22 * mm, 30 * mm, 18 * mm]
    rates_t = Table(rows, colWidths=widths + [WIDTH - sum(widths)])
    rates_t.setStyle(_grid_style(font))
    return [Paragraph(f"{markup(w.name)}（{markup(w.grids)}）　综合得分 {w.score:.1f}　等级 {w.grade}", h2),
            Spacer(1, 1.5 * mm), facts_t, Spacer(1, 1.5 * mm), rates_t]  # fmt: skip


def _grid_style(font: str) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (-2, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])  # fmt: skip


def _w(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


__all__ = ["TITLE", "assessment_pdf", "pct", "rate_cell"]
