"""Shared layout of the mediation documents: styles, title and 编号, underlined fields, party blocks,
ruled answer lines that flow across pages, numbered terms, signature blocks, the seal place and dates.

Every builder returns a :class:`Doc` (its title, number and a platypus story); ``canvas.py`` lays the
stories out on A4 pages, each document starting on a new page, and repeats a short header
(title（续）, 编号) on the pages a long document runs onto.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from policeroom.reports.mediation.ruled import RuledText, clean, markup
from policeroom.services.mediation.docs import CaseDoc, PartyDoc, chinese_date

PAGE_W, PAGE_H = A4
MARGIN_LEFT = 25 * mm  # the binding edge of an archived case file
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 12  # 小四
RULE_LEADING = 22  # ruled answer lines: room to add a word by hand
NBSP = "\u00a0"  # reportlab collapses ordinary and ideographic spaces; this one it keeps
BLANK_DATE = f"{NBSP * 8}年{NBSP * 4}月{NBSP * 4}日"
TICK, BOX = "■", "□"
LINE = colors.black
SEAL = colors.HexColor("#B0B0B0")
CN_NUMBERS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    org: ParagraphStyle
    number: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    ruled: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    small: ParagraphStyle
    right: ParagraphStyle


def make_styles(font: str) -> Styles:
    body = ParagraphStyle("body", fontName=font, bulletFontName=font, fontSize=BODY_SIZE, leading=20, wordWrap="CJK")
    return Styles(
        font=font,
        title=ParagraphStyle("title", parent=body, fontSize=22, leading=30, alignment=TA_CENTER, spaceAfter=2),
        org=ParagraphStyle("org", parent=body, fontSize=15, leading=22, alignment=TA_CENTER),
        number=ParagraphStyle("number", parent=body, alignment=TA_RIGHT, spaceAfter=6),
        body=body,
        label=ParagraphStyle("label", parent=body, spaceBefore=6, spaceAfter=0),
        ruled=ParagraphStyle("ruled", parent=body, leading=RULE_LEADING, firstLineIndent=2 * BODY_SIZE),
        cell=ParagraphStyle("cell", parent=body, fontSize=11, leading=16),
        cell_center=ParagraphStyle("cell_center", parent=body, fontSize=11, leading=16, alignment=TA_CENTER),
        small=ParagraphStyle("small", parent=body, fontSize=10.5, leading=16),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    )


@dataclass
class Ctx:
    """What every builder needs: the case, the document's date (ages are computed on it), styles."""

    case: CaseDoc
    day: date
    st: Styles


@dataclass
class Doc:
    """One printed document: its title and number (for the continuation header) and its story."""

    title: str
    number: str
    story: list[Flowable] = field(default_factory=list)
    toc_title: str = ""  # the 卷内目录 name, when it differs from the title
    remark: str = ""  # the 卷内目录 备注
    repeat_header: bool = True  # title（续）and 编号 on the pages it runs onto


# -- text -----------------------------------------------------------------------------------------
def p(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def cn_date(day: date | datetime | None) -> str:
    """2026年11月22日, or a blank 年 月 日 to fill in by hand."""
    return chinese_date(day) if day else BLANK_DATE


def cn_datetime(at: datetime | None) -> str:
    """2026年11月21日9时30分 (the way record forms write the time)."""
    if at is None:
        return BLANK_DATE + NBSP * 4 + "时" + NBSP * 4 + "分"
    return f"{chinese_date(at)}{at.hour}时{at.minute:02d}分"


def cn_number(n: int) -> str:
    """一 … 十 … 九十九 (numbers of terms and copies as Chinese documents write them)."""
    if n <= 10:
        return CN_NUMBERS[n]
    if n < 20:
        return "十" + CN_NUMBERS[n - 10]
    if n < 100:
        tens, ones = divmod(n, 10)
        return CN_NUMBERS[tens] + "十" + (CN_NUMBERS[ones] if ones else "")
    return str(n)


def checks(options: Sequence[tuple[str, bool]]) -> str:
    """□当事人申请　■公安机关移送 …"""
    return (NBSP * 3).join(f"{TICK if on else BOX}{label}" for label, on in options)


def names(parties: Sequence[PartyDoc]) -> str:
    return "、".join(party.name for party in parties)


# -- blocks ---------------------------------------------------------------------------------------
def title_block(ctx: Ctx, title: str, *, number: str | None = None, org: str | None = None) -> list[Flowable]:
    """The issuing body (optional), the title, and 编号 at the right."""
    out: list[Flowable] = []
    if org:
        out.append(p(org, ctx.st.org))
    out.append(p(title, ctx.st.title))
    if number is not None:
        out.append(p(f"编号：{number}", ctx.st.number))
    else:
        out.append(Spacer(1, 6))
    return out


def fields(ctx: Ctx, items: Sequence[tuple[str, str, float]], *, width: float = WIDTH,
           style: ParagraphStyle | None = None) -> Table:
    """One line of ``label value`` pairs with the values underlined, like a printed form.

    ``items`` are (label, value, weight): labels take their text width, the values share the rest
    of the line by weight. A long value wraps inside its underlined cell.
    """
    st = ctx.st
    cell = style or st.cell
    label_widths = [stringWidth(label, st.font, cell.fontSize) + 8 for label, _v, _w in items]
    rest = width - sum(label_widths)
    total = sum(weight for _l, _v, weight in items) or 1
    widths: list[float] = []
    cells: list[Paragraph] = []
    table_style = [
        ("FONTNAME", (0, 0), (-1, -1), st.font),  # Table sets its font even for Paragraph cells
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, ((label, value, weight), label_w) in enumerate(zip(items, label_widths, strict=True)):
        widths += [label_w, rest * weight / total]
        cells += [p(label, cell), p(value, cell)]
        table_style.append(("LINEBELOW", (2 * i + 1, 0), (2 * i + 1, 0), 0.5, LINE))
    return Table([cells], colWidths=widths, style=TableStyle(table_style), hAlign="LEFT", splitInRow=1)


def party_block(ctx: Ctx, party: PartyDoc | None, label: str = "当事人") -> list[Flowable]:
    """姓名 性别 民族 年龄 / 职业或职务 联系方式 / 单位或住址 (blank lines for a missing party)."""
    blank = PartyDoc(role="other", role_label=label, name="")
    party = party or blank
    age = party.age_on(ctx.day)
    rows = [
        fields(ctx, [(label, party.name, 3), ("性别", party.gender, 1), ("民族", party.ethnicity, 1.4),
                     ("年龄", "" if age is None else f"{age}岁", 1.2)]),
        fields(ctx, [("职业或职务", party.occupation, 1), ("联系方式", party.phone, 1)]),
        fields(ctx, [("单位或住址", party.address, 1)]),
    ]
    return [KeepTogether(rows), Spacer(1, 4)]


def parties_blocks(ctx: Ctx, parties: Sequence[PartyDoc], label: str = "当事人", minimum: int = 2) -> list[Flowable]:
    out: list[Flowable] = []
    for i in range(max(len(parties), minimum)):
        out += party_block(ctx, parties[i] if i < len(parties) else None, label)
    return out


def section(ctx: Ctx, label: str, text: str, *, min_lines: int = 3, indent: bool = True) -> list[Flowable]:
    """A label (纠纷简要情况：) and the answer on ruled lines; the label never ends a page alone.

    (A page break is taken before the label when fewer than two ruled lines would follow it;
    ``keepWithNext`` would instead push a long answer whole onto the next page.)
    """
    if clean(text).strip():
        min_lines = 1  # a filled-in form needs no spare lines; a blank one offers min_lines to write on
    style = ctx.st.ruled if indent else ParagraphStyle("ruled0", parent=ctx.st.ruled, firstLineIndent=0)
    head = p(label, ctx.st.label)
    cont = label.rstrip("：:") + "（续）："
    return [CondPageBreak(ctx.st.label.leading + 2 * RULE_LEADING + 8), head,
            RuledText(text, style, min_lines=min_lines, cont_label=cont, label_style=ctx.st.label)]


def heading(ctx: Ctx, label: str) -> list[Flowable]:
    """A label line (经调解，自愿达成如下协议：) kept with what follows it."""
    head = p(label, ctx.st.label)
    return [CondPageBreak(ctx.st.label.leading + 2 * RULE_LEADING + 8), head]


def numbered_terms(ctx: Ctx, terms: Sequence[str], *, min_lines: int = 4, cont: str = "协议内容（续）：") -> list[Flowable]:
    """一、… 二、… each on ruled lines; a term that does not fit continues on the next page."""
    style = ParagraphStyle("term", parent=ctx.st.ruled, firstLineIndent=0)
    if not terms:
        return [RuledText("", style, min_lines=min_lines, cont_label=cont, label_style=ctx.st.label)]
    return [
        RuledText(f"{cn_number(i)}、{clean(term)}", style, min_lines=1, cont_label=cont, label_style=ctx.st.label)
        for i, term in enumerate(terms, start=1)
    ]


def sentence(ctx: Ctx, text: str, *, indent: bool = True) -> Paragraph:
    """A fixed sentence of the form (本协议一式三份 …), indented two characters."""
    style = ParagraphStyle("sent", parent=ctx.st.body, firstLineIndent=2 * BODY_SIZE if indent else 0,
                           spaceBefore=6, spaceAfter=4)
    return p(text, style)


def signatures(ctx: Ctx, left: Sequence[str], right: Sequence[str] = ()) -> Table:
    """Signature lines in two columns: ``当事人（签名盖章或按指印）：`` followed by room to sign."""
    st = ctx.st
    rows = []
    for i in range(max(len(left), len(right))):
        row = []
        for column in (left, right):
            row.append(p(column[i], st.body) if i < len(column) else "")
        rows.append(row)
    half = WIDTH / 2
    return Table(rows, colWidths=[half + 10 * mm, half - 10 * mm], rowHeights=[10 * mm] * len(rows),
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONTNAME", (0, 0), (-1, -1), st.font)]),
                 hAlign="LEFT")


class SealPlace(Flowable):
    """The place of the seal: a light dashed circle (a committee seal is about 38 mm across) with
    （人民调解委员会印） and the date in it, where the seal is stamped over the date.

    The circle reaches ``overlap`` above the flowable, into the blank right end of the signature
    block, so that a one-page agreement stays on one page.
    """

    def __init__(self, ctx: Ctx, label: str, day: date | None, *, diameter: float = 38 * mm,
                 overlap: float = 6 * mm) -> None:
        super().__init__()
        self.font = ctx.st.font
        self.label = label
        self.date_text = cn_date(day)
        self.diameter = diameter
        self.overlap = overlap
        self.size = BODY_SIZE if stringWidth(label, self.font, BODY_SIZE) < diameter - 4 * mm else 10.5
        self.width, self.height = WIDTH, diameter - overlap + 1 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        r = self.diameter / 2
        cx = self.width - r - 2 * mm
        cy = self.height + self.overlap - r
        canv.saveState()
        canv.setStrokeColor(SEAL)
        canv.setDash(2, 2)
        canv.setLineWidth(0.6)
        canv.circle(cx, cy, r)
        canv.restoreState()
        canv.setFont(self.font, self.size)
        canv.drawCentredString(cx, cy + 2 * mm, self.label)
        canv.setFont(self.font, BODY_SIZE)
        canv.drawCentredString(cx, cy - 5 * mm, self.date_text)


def closing(ctx: Ctx, sigs: Table | None, seal_label: str | None, day: date | None) -> Flowable:
    """The signatures and the seal with the date, kept together at the end of a document."""
    parts: list[Flowable] = [Spacer(1, 4 * mm)]
    if sigs is not None:
        parts.append(sigs)
    if seal_label:
        parts += [Spacer(1, 2 * mm), SealPlace(ctx, seal_label, day)]
    else:
        parts += [Spacer(1, 6 * mm), p(cn_date(day), ctx.st.right)]
    return KeepTogether(parts)


def check_grid(ctx: Ctx, label: str, rows: Sequence[Sequence[tuple[str, bool]]]) -> Table:
    """``label：`` then rows of □/■ options (e.g. the 2010 form's choices, then the local additions)."""
    st = ctx.st
    label_w = stringWidth(label + "：", st.font, BODY_SIZE) + 2
    cells = [[p(label + "：" if i == 0 else "", st.body), p(checks(row), st.body)] for i, row in enumerate(rows)]
    return Table(cells, colWidths=[label_w, WIDTH - label_w], hAlign="LEFT", style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))


def note(ctx: Ctx, text: str) -> Paragraph:
    return p(text, ctx.st.small)


__all__ = [
    "BLANK_DATE", "BOX", "check_grid", "Ctx", "Doc", "MARGIN_BOTTOM", "MARGIN_LEFT", "MARGIN_RIGHT", "MARGIN_TOP", "NBSP",
    "PAGE_H", "PAGE_W", "RuledText", "SealPlace", "Styles", "TICK", "WIDTH", "checks", "clean", "closing",
    "cn_date", "cn_datetime", "cn_number", "fields", "heading", "make_styles", "markup", "names", "note", "numbered_terms",
    "p", "parties_blocks", "party_block", "section", "sentence", "signatures", "title_block",
]
