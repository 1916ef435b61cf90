"""The papers of the case file that are not forms of their own: 人民调解当事人权利义务告知书, 当事人身份证明
(ID numbers and the places to paste the ID copies), 履行凭证, 司法确认材料, 卷宗情况说明."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from policeroom.reports.mediation.layout import (
    LINE,
    SEAL,
    WIDTH,
    Ctx,
    Doc,
    closing,
    cn_date,
    fields,
    names,
    note,
    p,
    section,
    sentence,
    signatures,
    title_block,
)
from policeroom.reports.mediation.records import failure_note, seal_label

RIGHTS_TITLE = "人民调解当事人权利义务告知书"
IDENTITY_TITLE = "当事人身份证明"
PERFORMANCE_TITLE = "调解协议履行凭证"
CONFIRMATION_TITLE = "司法确认材料"
EXPLANATION_TITLE = "卷宗情况说明"

#: 人民调解法 arts. 23 and 24, and what the committee tells parties about fees, effect and 司法确认.
RIGHTS_TEXT = (
    "人民调解委员会是依法设立的调解民间纠纷的群众性组织。人民调解委员会调解民间纠纷，遵循当事人自愿、平等，"
    "不违背法律、法规和国家政策，尊重当事人权利的原则，不收取任何费用。",
    "根据《中华人民共和国人民调解法》第二十三条的规定，当事人在人民调解活动中享有下列权利：",
    "（一）选择或者接受人民调解员；",
    "（二）接受调解、拒绝调解或者要求终止调解；",
    "（三）要求调解公开进行或者不公开进行；",
    "（四）自主表达意愿、自愿达成调解协议。",
    "根据《中华人民共和国人民调解法》第二十四条的规定，当事人在人民调解活动中履行下列义务：",
    "（一）如实陈述纠纷事实；",
    "（二）遵守调解现场秩序，尊重人民调解员；",
    "（三）尊重对方当事人行使权利。",
    "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。经人民调解委员会调解达成调解协议后，"
    "双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。",
    "人民调解委员会调解不成的，当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。",
)
PUBLIC_ORDER_RIGHTS_TITLE = "治安调解当事人权利义务告知书"
#: What the station tells the parties of a 治安调解 (治安管理处罚法 art. 9, 治安调解工作规范): no 司法确认.
PUBLIC_ORDER_RIGHTS_TEXT = (
    "根据《中华人民共和国治安管理处罚法》第九条的规定，对于因民间纠纷引起的打架斗殴或者损毁他人财物等违反治安管理"
    "行为，情节较轻的，公安机关可以调解处理。治安调解遵循当事人自愿、合法、公正、公开的原则，不收取任何费用。",
    "当事人在治安调解中享有下列权利：",
    "（一）接受调解或者拒绝调解；",
    "（二）申请主持人回避；",
    "（三）自主表达意愿、自愿达成调解协议。",
    "当事人在治安调解中应当如实陈述事实，遵守调解秩序，尊重对方当事人。",
    "经公安机关调解，当事人达成协议并履行的，公安机关对违反治安管理行为人不再处罚；经调解未达成协议或者达成协议后"
    "不履行的，公安机关依法对违反治安管理行为人予以处罚，对违反治安管理行为造成的损害赔偿纠纷，"
    "当事人可以依法向人民法院提起民事诉讼。",
)
ID_BOX_W, ID_BOX_H = 80 * mm, 52 * mm  # an ID card is 85.6 x 54 mm; a copy is trimmed to about this


def rights_notice(ctx: Ctx) -> Doc:
    """The notice of rights and duties: the committee's, or the station's in a 治安调解 case."""
    c = ctx.case
    police = c.kind == "public_order"
    title, text = (PUBLIC_ORDER_RIGHTS_TITLE, PUBLIC_ORDER_RIGHTS_TEXT) if police else (RIGHTS_TITLE, RIGHTS_TEXT)
    story: list[Flowable] = title_block(ctx, title, org=c.station if police else None)
    story.append(p(f"{names(c.parties)}：", ctx.st.body) if c.parties else Spacer(1, 4))
    story += [sentence(ctx, line) for line in text]
    story.append(sentence(ctx, "以上内容已向我告知，我已知悉并理解。", indent=True))
    left = ["当事人（签名）："] * max(len(c.parties), 2)
    story.append(closing(ctx, signatures(ctx, left, ["告知人（签名）："]), seal_label(c), c.accepted_on))
    return Doc(title, c.number, story)


def _id_block(ctx: Ctx, name: str, id_number: str, role: str) -> Flowable:
    st = ctx.st
    boxes = Table([[p("身份证复印件粘贴处（正面）", st.cell_center), p("身份证复印件粘贴处（反面）", st.cell_center)]],
                  colWidths=[ID_BOX_W, ID_BOX_W], rowHeights=[ID_BOX_H], style=TableStyle([
                      ("FONTNAME", (0, 0), (-1, -1), st.font), ("BOX", (0, 0), (0, 0), 0.6, SEAL),
                      ("BOX", (1, 0), (1, 0), 0.6, SEAL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ]), spaceBefore=2 * mm)
    return KeepTogether([
        fields(ctx, [(role or "当事人", name, 1), ("身份证号码", id_number, 1.6)]), boxes, Spacer(1, 6 * mm),
    ])


def identity_proofs(ctx: Ctx) -> Doc:
    c = ctx.case
    story: list[Flowable] = title_block(ctx, IDENTITY_TITLE, number=c.number)
    for party in c.parties or ():
        story.append(_id_block(ctx, party.name, party.id_number, party.role_label))
    if not c.parties:
        story += [_id_block(ctx, "", "", "当事人"), _id_block(ctx, "", "", "当事人")]
    story.append(note(ctx, "注：身份证明为居民身份证或其他有效身份证件的复印件；委托他人参加调解的，另附授权委托书。"))
    return Doc(IDENTITY_TITLE, c.number, story)


def performance_proofs(ctx: Ctx) -> Doc:
    c = ctx.case
    st = ctx.st
    story: list[Flowable] = title_block(ctx, PERFORMANCE_TITLE, number=c.number)
    story.append(fields(ctx, [("调解协议编号", c.number, 1), ("达成协议日期", cn_date(c.agreed_on), 0.8)]))
    story.append(Spacer(1, 4 * mm))
    head = [p(x, st.cell_center) for x in ("序号", "履行日期", "履行内容", "凭证")]
    rows = [[p(str(i), st.cell_center), p(cn_date(x.on), st.cell_center), p(x.content, st.cell), p(x.proof, st.cell)]
            for i, x in enumerate(c.performances, start=1)]
    story.append(Table([head, *rows], colWidths=[14 * mm, 34 * mm, WIDTH - 14 * mm - 34 * mm - 45 * mm, 45 * mm],
                       repeatRows=1, splitInRow=1, minRowHeights=[9 * mm] * (len(rows) + 1), style=TableStyle([
                           ("FONTNAME", (0, 0), (-1, -1), st.font), ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ])))
    story.append(Spacer(1, 3 * mm))
    story.append(note(ctx, "（收条、转账记录等凭证的原件或复印件附后。）"))
    return Doc(PERFORMANCE_TITLE, c.number, story, toc_title="履行凭证")


def confirmation(ctx: Ctx) -> Doc:
    c = ctx.case
    story: list[Flowable] = title_block(ctx, CONFIRMATION_TITLE, number=c.number)
    story += [
        fields(ctx, [("调解协议生效日期", cn_date(c.agreed_on), 1), ("申请期限", cn_date(c.confirmation_last_day), 1)]),
        fields(ctx, [("申请日期", cn_date(c.confirmation_applied_on), 1), ("受理法院", c.confirmation_court, 1.4)]),
    ]
    story += section(ctx, "确认结果：", c.confirmation_result, min_lines=3)
    story.append(sentence(ctx, "双方当事人依据《中华人民共和国人民调解法》第三十三条，自调解协议生效之日起三十日内"
                               "共同向人民法院申请司法确认。"))
    story.append(note(ctx, "（司法确认申请书、人民法院的确认决定书或裁定书复印件附后。）"))
    return Doc(CONFIRMATION_TITLE, c.number, story)


def explanation(ctx: Ctx) -> Doc:
    c = ctx.case
    parts = [failure_note(c)] if c.failed_on else []
    if c.failed_on:
        parts[0] = f"本案于{cn_date(c.failed_on)}{parts[0]}"
    if c.file_remarks.strip():
        parts.append(c.file_remarks.strip())
    story: list[Flowable] = title_block(ctx, EXPLANATION_TITLE, number=c.number)
    story += section(ctx, "情况说明：", "\n".join(parts), min_lines=8)
    story.append(closing(ctx, signatures(ctx, [], ["立卷人（签名）："]), None, c.archived_on or ctx.day))
    return Doc(EXPLANATION_TITLE, c.number, story)


__all__ = ["CONFIRMATION_TITLE", "EXPLANATION_TITLE", "IDENTITY_TITLE", "PERFORMANCE_TITLE",
           "PUBLIC_ORDER_RIGHTS_TEXT", "PUBLIC_ORDER_RIGHTS_TITLE", "RIGHTS_TEXT",
           "RIGHTS_TITLE", "confirmation", "explanation", "identity_proofs", "performance_proofs", "rights_notice"]
