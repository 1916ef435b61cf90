"""治安调解协议书: the agreement of a public-order mediation by the police (治安管理处罚法 art. 9).

Layout after the 公安机关治安调解工作规范 (公通字〔2007〕81号) and the 公安机关办理行政案件程序规定: the
police station's name over the title, 编号; 调解机关, 主持人 (the officers mediating), time and place;
the parties' basic details (with their ID numbers); 其他参加人; the main facts (time, place, cause,
course and result, including losses); the terms; 履行方式、期限; the fixed sentences on effect and
on what follows if the agreement is not performed; 一式三份; the signatures of the 主持人, the
parties and other participants; the station's seal and the date.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from policeroom.reports.mediation.agreements import facts_text, performance_text, terms_and_tail
from policeroom.reports.mediation.layout import (
    Ctx,
    Doc,
    SealPlace,
    closing,
    cn_date,
    fields,
    heading,
    names,
    note,
    section,
    sentence,
    signatures,
    title_block,
)
from policeroom.reports.mediation.records import seal_label
from policeroom.services.mediation.docs import FORM_TITLES, PartyDoc
from policeroom.services.mediation.forms import PUBLIC_ORDER_TITLES

TITLE = FORM_TITLES["public-order-agreement"]
EFFECT = (
    "本协议自双方当事人签字之日起生效。对已履行协议的，公安机关对违反治安管理行为人不再处罚；"
    "不履行协议的，公安机关依法对违反治安管理行为人予以处罚；对违反治安管理行为造成的损害赔偿纠纷，"
    "当事人可以依法向人民法院提起民事诉讼。"
)
COPIES = "本协议书一式三份，双方当事人各执一份，调解机关留存一份备查。"


def _party(ctx: Ctx, party: PartyDoc | None) -> list[Flowable]:
    party = party or PartyDoc(role="other", role_label="当事人", name="")
    age = party.age_on(ctx.day)
    return [KeepTogether([
        fields(ctx, [("当事人", party.name, 2.2), ("性别", party.gender, 1), ("年龄", "" if age is None else f"{age}岁", 1),
                     ("民族", party.ethnicity, 1.2)]),
        fields(ctx, [("身份证件号码", party.id_number, 1.6), ("联系电话", party.phone, 1)]),
        fields(ctx, [("现住址", party.address, 1.3), ("工作单位或职业", party.occupation, 1)]),
    ]), Spacer(1, 4)]


def public_order_agreement(ctx: Ctx) -> Doc:
    c = ctx.case
    sessions = c.sessions
    place = sessions[-1].place if sessions and sessions[-1].place else c.room_name
    participants = "、".join(s.participants for s in sessions if s.participants.strip())
    story: list[Flowable] = title_block(ctx, TITLE, number=c.number, org=c.station)
    story += [
        fields(ctx, [("调解机关", c.station, 1.3), ("主持人", "、".join(c.mediators), 1)]),
        fields(ctx, [("调解时间", cn_date(c.agreed_on), 1), ("调解地点", place, 1.3)]),
        Spacer(1, 4),
    ]
    for i in range(max(len(c.parties), 2)):
        story += _party(ctx, c.parties[i] if i < len(c.parties) else None)
    story.append(fields(ctx, [("其他参加人", participants, 1)]))
    story += section(ctx, "主要事实（包括案件发生时间、地点、起因、经过、情节、结果及损失情况）：", facts_text(c),
                     min_lines=6)
    story += heading(ctx, "经调解，双方自愿达成如下协议：")
    left = ["当事人（签名、捺指印）："] * max(len(c.parties), 2)
    right = ["主持人（签名）："] * max(len(c.mediators), 1) + ["其他参加人（签名）："]
    story += terms_and_tail(ctx, [
        *section(ctx, "履行方式、期限：", performance_text(c), min_lines=2),
        sentence(ctx, EFFECT), sentence(ctx, COPIES), Spacer(1, 3), signatures(ctx, left, right), Spacer(1, 4),
        SealPlace(ctx, f"{c.station}（印）" if c.station else "（调解机关印）", c.agreed_on),
    ])
    return Doc(TITLE, c.number, story)


def public_order_intake(ctx: Ctx) -> Doc:
    """治安调解受理登记表: the station's record that it took the case up for mediation (no committee in it)."""
    c = ctx.case
    title = PUBLIC_ORDER_TITLES["intake"]
    story: list[Flowable] = title_block(ctx, title, number=c.number, org=c.station)
    who = names(c.parties) or "＿＿、＿＿"
    station = c.station or "本所"
    story.append(sentence(ctx, f"{cn_date(c.accepted_on)}，{station}经双方当事人同意，对{who}之间因民间纠纷引起的"
                               "违反治安管理行为进行治安调解。"))
    story.append(fields(ctx, [("纠纷类型", c.dispute_type, 1), ("案件来源", c.source_label, 1)]))
    story.append(fields(ctx, [("主持人", "、".join(c.mediators), 1), ("登记人", c.registrar, 1)]))
    story += section(ctx, "简要案情：", c.facts, min_lines=8)
    sigs = signatures(ctx, ["当事人（签名）："] * max(len(c.parties), 2), ["登记人（签名）："])
    story.append(closing(ctx, sigs, seal_label(c), c.accepted_on))
    story.append(note(ctx, f"注：此表由{station}填写。"))
    return Doc(title, c.number, story)


__all__ = ["COPIES", "EFFECT", "TITLE", "public_order_agreement", "public_order_intake"]
