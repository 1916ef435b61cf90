"""The recovery key sheet (数据库恢复密钥): printed once at set-up, kept in the safe.

Plain data in, PDF bytes out (A4 portrait): the room, the key in large letters, when it was made, and
what it is for. The key is never stored in plain anywhere else; this sheet is the only copy.
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from policeroom.reports.core.fonts import chinese_line_breaking, register_fonts
from policeroom.reports.core.text import cn_datetime, markup

TITLE = "数据库恢复密钥"
USES = (
    "忘记全部民警账户的密码、账户被停用或密钥文件需要重建时，凭此密钥打开加密的数据库。",
    "恢复备份或核验数据库时也可使用：policeroom --db 数据库文件 restore 备份文件 --recovery-key 恢复密钥。",
    "持有此密钥即可读取全部数据（居民身份证号、电话、纠纷情况）：请放入保险柜，不要拍照、复印或存入电脑。",
    "密钥只在设置时显示和打印这一次；遗失后请民警在“设置 › 备份与恢复”中重新生成（旧密钥随即作废）。",
)


def recovery_key_pdf(recovery_key: str, *, room_name: str, database: str, created_at: datetime) -> bytes:
    """The sheet as PDF bytes (the CJK font embedded)."""
    font = register_fonts()
    chinese_line_breaking()
    base = ParagraphStyle("b", fontName=font, fontSize=11, leading=17, wordWrap="CJK")
    title_st = ParagraphStyle("t", parent=base, fontSize=20, leading=28, alignment=TA_CENTER)
    sub_st = ParagraphStyle("s", parent=base, alignment=TA_CENTER, textColor=colors.HexColor("#444444"))
    key_st = ParagraphStyle("k", parent=base, fontName="Courier-Bold", fontSize=22, leading=30,
                            alignment=TA_CENTER)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=25 * mm,
                            bottomMargin=20 * mm, title=TITLE, author=room_name, creator="policeroom",
                            initialFontName=font)
    key_box = Table([[Paragraph(markup(recovery_key), key_st)]], colWidths=[doc.width])
    key_box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                                 ("TOPPADDING", (0, 0), (-1, -1), 14), ("BOTTOMPADDING", (0, 0), (-1, -1), 14)]))
    facts = Table(
        [[Paragraph("警务室", base), Paragraph(markup(room_name or "—"), base)],
         [Paragraph("数据库文件", base), Paragraph(markup(database), base)],
         [Paragraph("生成时间", base), Paragraph(cn_datetime(created_at), base)]],
        colWidths=[28 * mm, doc.width - 28 * mm],
    )  # fmt: skip
    facts.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story = [Paragraph(TITLE, title_st), Paragraph("（机密 · 请放入保险柜保管）", sub_st), Spacer(1, 10 * mm),
             key_box, Spacer(1, 8 * mm), facts, Spacer(1, 8 * mm)]
    story += [Paragraph(f"{i}. {markup(text)}", base) for i, text in enumerate(USES, 1)]
    story += [Spacer(1, 16 * mm), Paragraph("保管人签字：____________　　　　日期：____________", base)]
    doc.build(story)
    return buffer.getvalue()
