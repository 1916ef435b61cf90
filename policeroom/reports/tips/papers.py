"""The single papers of a tip (A4, the Song face embedded): 举报受理回执, 移交函, 领奖回执, 逾期放弃通知.

Plain data in (:class:`TipPaper`, built by the service), PDF bytes out. None of them carries the
tipster's name: the receipt shows the number, the query code (at intake only), the category and the
room; the reward receipt leaves the receiver to sign by hand.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_song_font
from policeroom.reports.core.text import cn_date, cn_datetime, markup
from policeroom.services.tips.codes import grouped
from policeroom.services.tips.types import TipPaper

WIDTH = A4[0] - 50 * mm
CONFIDENTIAL = "本警务室对举报人信息严格保密，举报人的姓名、联系方式和举报内容不会告知被举报人或无关人员。"


class _S:
    def __init__(self, font: str) -> None:
        self.body = ParagraphStyle("b", fontName=font, fontSize=12, leading=20, wordWrap="CJK")
        self.title = ParagraphStyle("t", parent=self.body, fontSize=20, leading=30, alignment=TA_CENTER)
        self.sub = ParagraphStyle("s", parent=self.body, fontSize=11, alignment=TA_CENTER)
        self.right = ParagraphStyle("r", parent=self.body, alignment=TA_RIGHT)
        self.code = ParagraphStyle("c", parent=self.body, fontSize=20, leading=28, alignment=TA_CENTER)
        self.small = ParagraphStyle("m", parent=self.body, fontSize=10, leading=15, textColor=colors.HexColor("#333333"))


def _doc(title: str, number: str, room: str, build) -> bytes:  # noqa: ANN001 - (styles) -> flowables
    font = register_song_font()
    chinese_line_breaking()
    st = _S(font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=f"{title} {number}", author=room, creator="policeroom",
                            initialFontName=font)  # fmt: skip
    story: list[Flowable] = [Paragraph(markup(room), st.sub), Paragraph(markup(title), st.title), Spacer(1, 4 * mm)]
    story += build(st)
    doc.build(story)
    return buffer.getvalue()


def _fields(st: _S, items: list[tuple[str, str]]) -> Table:
    rows = [[Paragraph(markup(k), st.body), Paragraph(markup(v), st.body)] for k, v in items]
    t = Table(rows, colWidths=[32 * mm, WIDTH - 32 * mm])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.body.fontName, 12),  # else the table names a Helvetica it never embeds
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))  # fmt: skip
    return t


def _sign(st: _S, who: str, day: date | datetime | None) -> list[Flowable]:
    return [Spacer(1, 10 * mm), Paragraph(markup(who), st.right), Paragraph(markup(cn_date(day)), st.right)]


def receipt_pdf(p: TipPaper) -> bytes:
    """举报受理回执: number, query code (four groups of four; a reprint says it was given at intake)."""

    def build(st: _S) -> list[Flowable]:
        code = grouped(p.code) if p.code else "查询码已于受理时告知举报人（本回执为补打，不显示查询码）"
        story: list[Flowable] = [_fields(st, [
            ("线索编号", p.number), ("线索类别", p.category), ("受理时间", cn_datetime(p.received_at)),
            ("受理单位", f"{p.room_name}（{p.station}）" if p.station else p.room_name), ("受理人", p.receiver or ""),
        ])]  # fmt: skip
        story += [Spacer(1, 6 * mm), Paragraph("查　询　码", st.sub), Paragraph(markup(code), st.code if p.code else st.body)]
        story += [Spacer(1, 6 * mm), Paragraph(markup(CONFIDENTIAL), st.body), Spacer(1, 3 * mm), Paragraph(markup(
            "查询与领奖：请妥善保管本回执和查询码。可来电或到警务室报出查询码，查询线索办理情况；线索经核实符合奖励条件的，"
            "将在规定期限内通知您，请在通知的领取期限内凭查询码或本人身份证领取奖励，也可书面委托他人代领或选择银行转账。"
            "逾期未领取的，视为放弃。查询码只在受理时告知一次，遗失后无法补发。"
        ), st.body)]  # fmt: skip
        return story + _sign(st, f"{p.room_name}（盖章）", p.received_at)

    return _doc("举报受理回执", p.number, p.room_name, build)


def transfer_letter_pdf(p: TipPaper) -> bytes:
    """移交函: the tip handed to the competent body (content and category; never the tipster)."""

    def build(st: _S) -> list[Flowable]:
        return [
            Paragraph(markup(f"{p.transfer_to}："), st.body), Spacer(1, 2 * mm),
            Paragraph(markup(
                f"　　我室于{cn_datetime(p.received_at)}受理群众举报线索（编号{p.number}，类别：{p.category}）。"
                f"经审查，该线索属于贵单位职责范围，现予移交，请依法处理。{p.transfer_note}"
            ), st.body), Spacer(1, 3 * mm),
            _fields(st, [("被举报对象", p.subject or "（未写明）")]), Spacer(1, 2 * mm),
            # the content as paragraphs, not a table cell: 4,000 characters may run over a page
            Paragraph("线索内容：", st.body), *[Paragraph(markup("　　" + line), st.body)
                                                 for line in p.content.splitlines() if line.strip()],
            Spacer(1, 3 * mm),
            Paragraph(markup("　　举报人信息依规定保密，如需联系举报人，请与我室联系。"), st.body),
            *_sign(st, f"{p.room_name}（盖章）", p.transferred_at),
        ]  # fmt: skip

    return _doc("线索移交函", p.number, p.room_name, build)


def reward_receipt_pdf(p: TipPaper) -> bytes:
    """领奖回执: number, amount, method, self or proxy, a signature (or fingerprint) line, the date."""

    def build(st: _S) -> list[Flowable]:
        return [
            _fields(st, [
                ("线索编号", p.number), ("奖励规则", f"{p.reward_rule}（{p.reward_tier}）"),
                ("奖励金额", f"人民币 {p.amount} 元"), ("领取方式", p.claim_method),
                ("领取人", "代领人（凭书面委托书）" if p.claim_proxy else "举报人本人"),
                ("领取日期", cn_date(p.claimed_at)),
            ]),  # fmt: skip
            Spacer(1, 8 * mm),
            Paragraph("今收到上述举报奖励，特此回执。", st.body), Spacer(1, 14 * mm),
            Paragraph("领取人签名（或按指印）：______________________　　日期：______年____月____日", st.body),
            Spacer(1, 10 * mm),
            Paragraph(f"经办人签名：______________________　　{markup(p.room_name)}（盖章）", st.body),
        ]

    return _doc("领奖回执", p.number, p.room_name, build)


def lapse_notice_pdf(p: TipPaper) -> bytes:
    """逾期放弃通知: the reward was not claimed by the deadline and is treated as given up."""

    def build(st: _S) -> list[Flowable]:
        return [
            Paragraph(markup(
                f"　　线索编号{p.number}的举报奖励（人民币{p.amount}元）已于{cn_date(p.notified_at)}通知领取，"
                f"领取期限至{cn_date(p.claim_deadline)}届满。截至期限届满未领取，依照“{p.reward_rule}”的规定，"
                f"自{cn_date(p.lapsed_on)}起视为放弃。"
            ), st.body),
            *_sign(st, f"{p.room_name}（盖章）", p.lapsed_on),
        ]  # fmt: skip

    return _doc("举报奖励逾期视为放弃通知", p.number, p.room_name, build)
