"""人民调解调查记录, 人民调解记录 (session minutes) and 人民调解回访记录, one document per record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from reportlab.platypus import Flowable, Spacer

from policeroom.reports.mediation.layout import (
    Ctx,
    Doc,
    checks,
    closing,
    cn_date,
    cn_datetime,
    fields,
    names,
    section,
    signatures,
    title_block,
)
from policeroom.services.mediation.docs import CaseDoc, RecordDoc, VisitDoc
from policeroom.services.mediation.forms import form_title

T = TypeVar("T")


def _title(ctx: Ctx, form: str) -> str:
    return form_title(form, ctx.case.kind)


def mediator_sign(case: CaseDoc) -> str:
    """人民调解员（签名）, or 主持人（签名） when officers mediate a 治安调解 case."""
    return "主持人（签名）：" if case.kind == "public_order" else "人民调解员（签名）："


def seal_label(case: CaseDoc) -> str:
    """（人民调解委员会印）, or the police station's seal in a 治安调解 case."""
    if case.kind == "public_order":
        return f"{case.station}（印）" if case.station else "（公安机关印）"
    return "（人民调解委员会印）"


def pick(items: Sequence[T], index: int | None, what: str) -> list[T | None]:
    """All items, or only ``index``; a blank form (None) when there are none."""
    if index is None:
        return list(items) or [None]
    if not 0 <= index < len(items):
        raise ValueError(f"{what} index {index} out of range (the case has {len(items)})")
    return [items[index]]


def failure_note(case: CaseDoc) -> str:
    """调解不成 … 已告知当事人可以通过 … 解决 (the other way the parties were told of)."""
    if not case.failed_on:
        return ""
    reason = f"（{case.failed_reason.strip()}）" if case.failed_reason.strip() else ""
    other = case.other_way_label.strip() or "其他合法途径"
    return f"调解不成{reason}，已告知当事人可以通过{other}解决纠纷。"


def investigation(ctx: Ctx, record: RecordDoc | None) -> Doc:
    c = ctx.case
    r = record or RecordDoc(kind="investigation", at=None)  # type: ignore[arg-type]
    story: list[Flowable] = title_block(ctx, _title(ctx, "investigation"), number=c.number)
    story += [
        fields(ctx, [("时间", cn_datetime(r.at), 1), ("地点", r.place, 1.2)]),
        fields(ctx, [("参加人", r.participants, 1)]),
        fields(ctx, [("被调查人", r.interviewee, 1)]),
        Spacer(1, 2),
    ]
    story += section(ctx, "记录：", r.content, min_lines=18)
    sigs = signatures(ctx, ["被调查人（签名）：", "调查人（签名）："], ["记录人（签名）："])
    story.append(closing(ctx, sigs, None, r.at if record else None))
    return Doc(_title(ctx, "investigation"), c.number, story, remark=_when(record))


def session(ctx: Ctx, record: RecordDoc | None, *, last: bool) -> Doc:
    c = ctx.case
    r = record or RecordDoc(kind="session", at=None)  # type: ignore[arg-type]
    story: list[Flowable] = title_block(ctx, _title(ctx, "session"), number=c.number)
    story += [
        fields(ctx, [("时间", cn_datetime(r.at), 1), ("地点", r.place, 1.2)]),
        fields(ctx, [("事由", r.subject or c.title, 1)]),
        fields(ctx, [("当事人", r.parties_present or names(c.parties), 1)]),
        fields(ctx, [("参加人", r.participants, 1)]),
        Spacer(1, 2),
    ]
    story += section(ctx, "调解记录：", r.content, min_lines=14)
    result = r.result.strip()
    fail = failure_note(c) if last else ""
    if fail and c.other_way_label not in result:
        result = f"{result}\n{fail}" if result else fail
    story += section(ctx, "调解结果：", result, min_lines=3)
    left = ["当事人（签名）："] * max(len(c.parties), 2)
    right = [mediator_sign(c)] * max(len(c.mediators), 1) + ["记录人（签名）："]
    story.append(closing(ctx, signatures(ctx, left, right), None, r.at if record else None))
    return Doc(_title(ctx, "session"), c.number, story, remark=_when(record))


def revisit(ctx: Ctx, visit: VisitDoc | None) -> Doc:
    c = ctx.case
    v = visit or VisitDoc(visited_on=None)  # type: ignore[arg-type]
    story: list[Flowable] = title_block(ctx, _title(ctx, "revisit"))
    story += [
        fields(ctx, [("当事人", v.parties or names(c.parties), 1)]),
        fields(ctx, [("调解协议编号", c.number, 1)]),
        fields(ctx, [("回访事由", v.reason or "了解调解协议履行情况", 1)]),
        fields(ctx, [("回访时间", cn_date(v.visited_on), 1), ("回访方式", v.method, 1)]),
        Spacer(1, 2),
    ]
    story += section(ctx, "回访情况：", visit_text(v) if visit else "", min_lines=12)
    sigs = signatures(ctx, [], ["回访人（签名）："])
    story.append(closing(ctx, sigs, seal_label(c), v.visited_on))
    return Doc(_title(ctx, "revisit"), c.number, story, remark=cn_date(v.visited_on) if visit else "")


def visit_text(v: VisitDoc) -> str:
    """回访情况: performance of the agreement, satisfaction, any sign of new conflict, notes."""
    lines = []
    if v.performance.strip():
        lines.append(f"协议履行情况：{v.performance.strip()}")
    if v.satisfaction.strip():
        lines.append(f"当事人满意度：{v.satisfaction.strip()}")
    lines.append(f"有无新的矛盾：{checks([('无', not v.new_conflict), ('有', v.new_conflict)])}")
    if v.notes.strip():
        lines.append(v.notes.strip())
    return "\n".join(lines)


def _when(record: RecordDoc | None) -> str:
    return cn_date(record.at) if record else ""


def investigations(ctx: Ctx, index: int | None) -> list[Doc]:
    return [investigation(ctx, r) for r in pick(ctx.case.investigations, index, "investigation")]


def sessions(ctx: Ctx, index: int | None) -> list[Doc]:
    all_sessions = ctx.case.sessions
    chosen = pick(all_sessions, index, "session")
    return [session(ctx, r, last=r is None or r is all_sessions[-1]) for r in chosen]


def revisits(ctx: Ctx, index: int | None) -> list[Doc]:
    return [revisit(ctx, v) for v in pick(ctx.case.visits, index, "revisit")]


__all__ = ["failure_note", "mediator_sign", "seal_label", "investigation", "investigations", "pick", "revisit", "revisits", "session",
           "sessions", "visit_text"]
