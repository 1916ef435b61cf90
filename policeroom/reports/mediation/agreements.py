"""人民调解申请书, 人民调解受理登记表, 人民调解协议书, 人民调解口头协议登记表 (2010 formats)."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from policeroom.reports.mediation.layout import (
    Ctx,
    Doc,
    check_grid,
    checks,
    clean,
    closing,
    cn_date,
    cn_number,
    fields,
    heading,
    names,
    note,
    numbered_terms,
    parties_blocks,
    section,
    sentence,
    signatures,
    title_block,
)
from policeroom.services.mediation.docs import FORM_TITLES, CaseDoc

PARTY_SIGN = "当事人（签名盖章或按指印）："
COMMITTEE_SEAL = "（人民调解委员会印）"

#: 案件来源 as the 受理登记表 lists them: the two of the 2010 format, then the local additions.
SOURCES = (
    ("application", "当事人申请"),
    ("initiative", "人民调解委员会主动调解"),
    ("police", "公安机关移送"),
    ("court", "法院委托"),
    ("petition", "信访移送"),
)


def claims_lines(case: CaseDoc) -> list[str]:
    """当事人申请事项 numbered 1, 2, 3 (at least three lines to fill in)."""
    items = [line.strip() for line in clean(case.claims).split("\n") if line.strip()]
    return [f"{i}. {items[i - 1] if i <= len(items) else ''}" for i in range(1, max(len(items), 3) + 1)]


def facts_text(case: CaseDoc) -> str:
    """纠纷主要事实、争议事项 and each party's responsibility (People's Mediation Law art. 29 (二))."""
    parts = [clean(case.facts).strip()]
    if case.issues.strip():
        parts.append(f"争议事项：{clean(case.issues).strip()}")
    if case.responsibility.strip():
        parts.append(f"各方责任：{clean(case.responsibility).strip()}")
    return "\n".join(part for part in parts if part)


def performance_text(case: CaseDoc, *, on_the_spot: bool = True) -> str:
    """履行方式、时限 (``on_the_spot``: also say it was performed on the spot, unless the form has a box for it)."""
    method = clean(case.performance_method).strip()
    parts = [f"履行方式：{method}{'' if method[-1] in '。；！？.;' else '。'}"] if method else []
    if case.performance_deadline:
        parts.append(f"履行期限：{cn_date(case.performance_deadline)}前履行完毕。")
    if case.performed_on_the_spot and on_the_spot:
        parts.append("（已当场履行完毕）")
    return "\n".join(parts)  # 履行方式 and 履行期限 are separate clauses, each on its own line


def terms_and_tail(ctx: Ctx, tail: list[Flowable]) -> list[Flowable]:
    """The numbered terms, the last of them kept on one page with ``tail`` (履行方式、时限, the fixed
    sentences, the signatures and the seal), so that a signature block never stands alone on a page.

    The group is flat: a nested KeepTogether (the closing block) measures 0xffffff high and a section's
    CondPageBreak a page of its own, and either pushed the whole group onto a new page, leaving up to
    half of page 1 blank."""
    terms = numbered_terms(ctx, ctx.case.terms)
    return [*terms[:-1], KeepTogether(_flat([terms[-1], *tail]))]


def _flat(items: list[Flowable]) -> list[Flowable]:
    """``items`` with nested KeepTogether groups opened and CondPageBreaks dropped (see terms_and_tail)."""
    out: list[Flowable] = []
    for item in items:
        if isinstance(item, KeepTogether):
            out += _flat(list(item._content))
        elif not isinstance(item, CondPageBreak):
            out.append(item)
    return out


def copies(case: CaseDoc) -> int:
    """本协议一式N份: one for each party and one for the committee unless the case says otherwise."""
    return case.copies or len(case.parties) + 1


def application(ctx: Ctx) -> Doc:
    c = ctx.case
    committee = c.committee_name
    story: list[Flowable] = title_block(ctx, FORM_TITLES["application"])
    story += parties_blocks(ctx, c.applicants, "申请人", minimum=1)
    story += parties_blocks(ctx, c.respondents, "被申请人", minimum=1)
    story += section(ctx, "纠纷简要情况：", c.facts, min_lines=6)
    story += section(ctx, "当事人申请事项：", "\n".join(claims_lines(c)), min_lines=3, indent=False)
    story.append(sentence(ctx, f"{committee}已将申请人民调解的相关规定告知我，现自愿申请{committee}进行调解。"))
    sigs = signatures(ctx, [], ["申请人（签名盖章或按指印）："] * max(len(c.applicants), 1))
    story.append(closing(ctx, sigs, None, ctx.day))
    return Doc(FORM_TITLES["application"], "", story)


def intake(ctx: Ctx) -> Doc:
    c = ctx.case
    story: list[Flowable] = title_block(ctx, FORM_TITLES["intake"], number=c.number)
    who = names(c.parties) or "＿＿、＿＿"
    story.append(sentence(ctx, f"{cn_date(c.accepted_on)}，本人民调解委员会经当事人同意，调解{who}之间的纠纷。"))
    story.append(fields(ctx, [("纠纷类型", c.dispute_type, 1)]))
    story.append(Spacer(1, 4))
    known = {key for key, _label in SOURCES}
    options = [(label, c.source == key) for key, label in SOURCES]
    if c.source not in known and c.source_label:
        options.append((c.source_label, True))
    story.append(check_grid(ctx, "案件来源", [options[:2], options[2:]]))
    story += section(ctx, "纠纷简要情况：", c.facts, min_lines=8)
    sigs = signatures(ctx, [PARTY_SIGN.replace("盖章或按指印", "")] * max(len(c.parties), 2),
                      ["登记人（签名）："])
    story.append(closing(ctx, sigs, "人民调解委员会（印章）", c.accepted_on))
    story.append(note(ctx, "注：此表由人民调解委员会填写。"))
    return Doc(FORM_TITLES["intake"], c.number, story)


def agreement(ctx: Ctx) -> Doc:
    c = ctx.case
    story: list[Flowable] = title_block(ctx, FORM_TITLES["agreement"], number=c.number)
    story += parties_blocks(ctx, c.parties)
    story += section(ctx, "纠纷主要事实、争议事项：", facts_text(c), min_lines=6)
    story += heading(ctx, "经调解，自愿达成如下协议：")
    left = [PARTY_SIGN] * max(len(c.parties), 2)
    right = ["人民调解员（签名）："] * max(len(c.mediators), 1) + ["记录人（签名）："]
    story += terms_and_tail(ctx, [
        *section(ctx, "履行方式、时限：", performance_text(c), min_lines=2),
        sentence(ctx, f"本协议一式{cn_number(copies(c))}份，当事人、人民调解委员会各持一份。"),
        closing(ctx, signatures(ctx, left, right), COMMITTEE_SEAL, c.agreed_on),
    ])
    return Doc(FORM_TITLES["agreement"], c.number, story)


def oral_agreement(ctx: Ctx) -> Doc:
    c = ctx.case
    story: list[Flowable] = title_block(ctx, FORM_TITLES["oral-agreement"], number=c.number)
    story += parties_blocks(ctx, c.parties)
    story += section(ctx, "纠纷简要情况：", facts_text(c), min_lines=5)
    story += heading(ctx, "协议内容：")
    story += numbered_terms(ctx, c.terms)
    story += section(ctx, "履行方式、时限：", performance_text(c, on_the_spot=False), min_lines=2)
    performed = checks([("已当场履行", c.performed_on_the_spot), ("未当场履行", not c.performed_on_the_spot)])
    story.append(sentence(ctx, f"履行情况：{performed}", indent=False))
    story.append(note(ctx, "（口头协议自各方当事人达成协议之日起生效，本表参照人民调解协议书填写。）"))
    left = ["当事人（签名）："] * max(len(c.parties), 2)
    right = ["调解员（签名）："] * max(len(c.mediators), 1) + ["记录人（签名）："]
    story.append(closing(ctx, signatures(ctx, left, right), COMMITTEE_SEAL, c.agreed_on))
    return Doc(FORM_TITLES["oral-agreement"], c.number, story)


__all__ = ["COMMITTEE_SEAL", "PARTY_SIGN", "SOURCES", "agreement", "application", "claims_lines", "copies",
           "facts_text", "intake", "oral_agreement", "performance_text", "terms_and_tail"]
