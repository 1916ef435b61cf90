"""The case file (调解卷宗): cover, 卷内目录 with real page numbers, the documents in the official order,
and the back cover (本卷共N页), as one PDF in one pass.

Order (forms.md): 申请书 or 受理登记表 · 权利义务告知书 · 当事人身份证明 · 调查记录 · 调解记录 · 协议书 (or
口头协议登记表 / 治安调解协议书) · 履行凭证 · 回访记录 · 司法确认材料 · 卷宗情况说明 · 封底. 授权委托书 and
证据材料 are papers the parties bring; the app has no data for them, so they are not listed.

Pages are numbered from the first document on (the cover and the 目录 are not numbered, as in archive
practice); the 目录 and the 本卷共N页 are drawn when the file is saved, once every page number is known.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from policeroom.reports.mediation import agreements, public_order, records
from policeroom.reports.mediation.casefile_docs import (
    confirmation,
    explanation,
    identity_proofs,
    performance_proofs,
    rights_notice,
)
from policeroom.reports.mediation.layout import (
    LINE,
    MARGIN_LEFT,
    MARGIN_TOP,
    PAGE_H,
    WIDTH,
    Ctx,
    Doc,
    cn_date,
    fields,
    p,
)
from policeroom.reports.mediation.pages import DocStart, build_pdf
from policeroom.services.mediation.docs import CaseDoc

COVER_PAGES = 2  # the cover and the 卷内目录, not numbered
TOC_MAX_ROWS = 24  # one page of 目录; a file with more records lists each kind once
BACK_TITLE = "卷内备考表"


def casefile_docs(ctx: Ctx) -> list[Doc]:
    """The documents of the file in the official order, each with its 目录 name and remark."""
    c = ctx.case
    police = c.kind == "public_order"
    if police:
        first = public_order.public_order_intake(ctx)
    else:
        first = agreements.application(ctx) if c.source == "application" else agreements.intake(ctx)
    docs = [first, rights_notice(ctx), identity_proofs(ctx)]
    docs += records.investigations(ctx, None) if c.investigations else []
    docs += records.sessions(ctx, None)  # required: a blank form when no session was recorded
    if c.kind == "public_order" and c.agreement_kind:
        docs.append(public_order.public_order_agreement(ctx))
    elif c.agreement_kind == "written":
        docs.append(agreements.agreement(ctx))
    elif c.agreement_kind == "oral":
        docs.append(agreements.oral_agreement(ctx))
    if c.performances:
        docs.append(performance_proofs(ctx))
    docs += records.revisits(ctx, None) if c.visits else []
    if c.confirmation_applied_on and not police:  # 司法确认 is for people's mediation agreements only
        docs.append(confirmation(ctx))
    if c.failed_on or c.file_remarks.strip():
        docs.append(explanation(ctx))
    docs.append(Doc(BACK_TITLE, c.number, [Spacer(1, 1)], toc_title="封底（卷内备考表）", repeat_header=False))
    return docs


def issuer(case: CaseDoc) -> str:
    """Whose file it is: the police station's for 治安调解, the committee's otherwise."""
    return case.station if case.kind == "public_order" else case.committee_name


def cover(ctx: Ctx) -> list[Flowable]:
    c = ctx.case
    st = ctx.st
    police = c.kind == "public_order"
    big = Paragraph(issuer(c), st.org.clone("cover_org", fontSize=22, leading=32))
    title = Paragraph("治安调解卷宗" if police else "调解卷宗", st.title.clone("cover_title", fontSize=40, leading=52))
    line = st.body.clone("cover_field", fontSize=15, leading=22)
    start, end = c.mediation_dates
    rows = [
        ("卷名", c.title), ("卷号", c.number), ("主持人" if police else "人民调解员", "、".join(c.mediators)),
        ("调解日期", f"自{cn_date(start)}至{cn_date(end)}"), ("立卷人", c.filed_by),
        ("立卷日期", cn_date(c.archived_on)), ("保管期限", c.retention), ("备注", c.file_remarks),
    ]
    out: list[Flowable] = [Spacer(1, 30 * mm), big, Spacer(1, 6 * mm), title, Spacer(1, 30 * mm)]
    for label, value in rows:
        out += [fields(ctx, [(label, value, 1)], width=WIDTH - 30 * mm, style=line), Spacer(1, 4 * mm)]
    for table in out:
        if isinstance(table, Table):
            table.hAlign = "CENTER"
    out += [PageBreak(), Spacer(1, 1)]  # the 卷内目录 page, drawn at save time
    return out


def toc_rows(docs: list[Doc], starts: list[DocStart]) -> list[tuple[str, str, str]]:
    """(文书名称, 页号, 备注) per document; documents of one kind share a row when there are too many."""
    rows = [(d.toc_title or d.title, _page(s), d.remark) for d, s in zip(docs, starts, strict=True)]
    if len(rows) <= TOC_MAX_ROWS:
        return rows
    grouped: list[tuple[str, str, str]] = []
    for name, page, _remark in rows:
        if grouped and grouped[-1][0] == name:
            first_page = grouped[-1][1].split("-")[0]
            grouped[-1] = (name, f"{first_page}-{page}", f"共{int(grouped[-1][2][1:-1] or 1) + 1}份")
        else:
            grouped.append((name, page, "共1份"))
    return [(n, pg, "" if r == "共1份" else r) for n, pg, r in grouped]


def _page(start: DocStart) -> str:
    return str(start.page - COVER_PAGES) if start.page else ""


def _draw_at_top(canv: Canvas, flowables: list[Flowable]) -> None:
    y = PAGE_H - MARGIN_TOP
    for flowable in flowables:
        _w, h = flowable.wrapOn(canv, WIDTH, PAGE_H)
        y -= h + flowable.getSpaceBefore()
        flowable.drawOn(canv, MARGIN_LEFT, y)
        y -= flowable.getSpaceAfter()


def toc_page(ctx: Ctx, rows: list[tuple[str, str, str]]) -> list[Flowable]:
    st = ctx.st
    head = [p(x, st.cell_center) for x in ("序号", "文书名称", "页号", "备注")]
    body = [[p(str(i), st.cell_center), p(name, st.cell), p(page, st.cell_center), p(remark, st.cell_center)]
            for i, (name, page, remark) in enumerate(rows, start=1)]
    table = Table([head, *body], colWidths=[16 * mm, WIDTH - 16 * mm - 22 * mm - 40 * mm, 22 * mm, 40 * mm],
                  rowHeights=[9 * mm] * (len(body) + 1), repeatRows=1, style=TableStyle([
                      ("FONTNAME", (0, 0), (-1, -1), st.font),
                      ("GRID", (0, 0), (-1, -1), 0.6, LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ]))
    return [p("卷内目录", st.title), p(f"卷号：{ctx.case.number}", st.number), table]


def back_cover(ctx: Ctx, pages: int, docs: int) -> list[Flowable]:
    st = ctx.st
    c = ctx.case
    line = st.body.clone("back", fontSize=14, leading=30)
    box = Table([[Paragraph(f"本卷共{pages}页，文书{docs}件。", line)],
                 [Paragraph(f"立卷人：{c.filed_by}", line)],
                 [Paragraph("检查人：", line)],
                 [Paragraph(f"立卷日期：{cn_date(c.archived_on)}", line)]],
                colWidths=[WIDTH], style=TableStyle([
                    ("FONTNAME", (0, 0), (-1, -1), st.font), ("BOX", (0, 0), (-1, -1), 0.8, LINE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12 * mm), ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
                ]))
    return [p(BACK_TITLE, st.title), p(f"卷号：{c.number}", st.number), Spacer(1, 10 * mm), box]


def render_casefile(ctx: Ctx) -> bytes:
    docs = casefile_docs(ctx)
    c = ctx.case

    def overlay(canv: Canvas, number: int, total: int, doc: DocStart | None) -> None:
        if number == COVER_PAGES:
            _draw_at_top(canv, toc_page(ctx, toc_rows(docs, starts)))
        elif doc is not None and doc is starts[-1]:
            _draw_at_top(canv, back_cover(ctx, total - COVER_PAGES, len(docs) - 1))

    starts: list[DocStart] = []
    pdf, built = build_pdf(
        docs, ctx.st.font, title=f"{issuer(c)}{'治安' if c.kind == 'public_order' else ''}调解卷宗 {c.number}", author=issuer(c),
        numbering="file", first_numbered=COVER_PAGES + 1, overlay=overlay, lead=cover(ctx),
        on_starts=starts.extend,
    )
    return pdf


__all__ = ["BACK_TITLE", "COVER_PAGES", "back_cover", "casefile_docs", "cover", "render_casefile", "toc_page",
           "toc_rows"]
