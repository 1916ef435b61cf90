"""Sealed identity: as staff and as the grid worker, every list, search, export, paper, summary and the
people area's views of the person show no tipster's name, phone or identity number — and nothing that
says the person reported someone. The officer sees them only through 查看举报人, recorded."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole, Resident, TipIdentity
from policeroom.reports.summary.pdf import summary_pdf
from policeroom.reports.tips import papers
from policeroom.reports.tips.ledger import reward_register_pdf, tips_xlsx
from policeroom.services.core.records import references_to
from policeroom.services.summary.types import month_period
from policeroom.services.tips.types import TipFilter
from tests.tips.conftest import TIPSTER, Room, real_name, tip_input

DAY = datetime(2026, 11, 2, 9, 0)
CONTACT = "13700001111"
PROXY = "司马光明"
SECRETS = (TIPSTER["name"], TIPSTER["id_number"], TIPSTER["phone"], CONTACT, PROXY)


def _clean(blob: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in blob, f"{secret} shows in {where}"


def _pdf(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _world(room: Room) -> dict[str, int]:
    """A real-name tip paid to a proxy (transferred too), an anonymous tip with a contact, one lapsed."""
    svc = room.services.tips
    real = svc.register(real_name(room, DAY))
    anon = svc.register(tip_input(room, DAY + timedelta(hours=1), tipster_phone=CONTACT, contact="微信 " + CONTACT))
    for intake in (real, anon):
        t = intake.tip_id
        svc.accept(t, DAY + timedelta(hours=2))
        svc.assign(t, room.staff_id, 10, DAY + timedelta(hours=3))
        svc.verify(t, "属实", "查实", "禁毒部门", DAY + timedelta(days=2))
        svc.record_outcome(t, "查获", DAY + timedelta(days=4))
    svc.assess(real.tip_id, "禁毒举报奖励", "一般线索", None, "首位", {}, DAY + timedelta(days=5))
    svc.approve(real.tip_id, 300, at=DAY + timedelta(days=6))
    svc.notify(real.tip_id, "电话通知", DAY + timedelta(days=7))
    svc.claim(real.tip_id, "proxy", code=real.code, receiver=PROXY, detail="委托书", at=DAY + timedelta(days=8))
    svc.add_attachment(anon.tip_id, "照片.txt", b"not a photo")
    return {"real": real.tip_id, "anon": anon.tip_id}


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
@pytest.mark.parametrize("role", ["staff", "grid_worker"])
def test_no_view_shows_the_tipster(room: Room, role: str) -> None:
    ids = _world(room)
    sv = (room.as_role(AccountRole.staff, member_id=room.staff_id) if role == "staff"
          else room.as_role(AccountRole.grid_worker, (room.grid1,), room.grid_worker_id))  # fmt: skip
    tips = sv.tips
    rows = tips.rows()
    assert {r.id for r in rows} == set(ids.values())
    assert all(r.tipster == "已密封" for r in rows)
    _clean(repr(rows), "the list")
    for secret in SECRETS + ("欧阳", "oyxy"):
        assert tips.rows(TipFilter(query=secret)) == [], f"search by {secret} finds a tip"
    for tid in ids.values():
        d = tips.detail(tid)
        _clean(repr(d), "the detail")
        _clean(repr(sv.history("tip", tid)), "the tip's history")
        for form in ("receipt", "transfer"):
            _clean(_pdf({"receipt": papers.receipt_pdf, "transfer": papers.transfer_letter_pdf}[form](tips.paper(tid, form))), form)
    _clean(_pdf(papers.reward_receipt_pdf(tips.paper(ids["real"], "reward"))), "领奖回执")
    _clean(repr(tips.candidates("3号楼地下室出租人", "安华里3号楼地下室")), "same-matter candidates")
    with room.services.ctx.read() as s:
        identity_ids = [i for (i,) in s.execute(text("select id from tip_identity"))]
    assert identity_ids
    for iid in identity_ids:  # the sealed record's history is the officer's only (as 查看举报人 is)
        with pytest.raises(PermissionDenied):
            sv.history("tip_identity", iid)
    # exports, and the lists an export is made from
    book = openpyxl.load_workbook(io.BytesIO(tips_xlsx(rows, "安华里社区警务室", date(2026, 11, 20))))
    cells = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)
    _clean(cells, "the Excel ledger")
    assert "举报人" not in cells
    assert tips.follow_up  # the desk's follow-up says one sentence only
    with pytest.raises(PermissionDenied):
        tips.reveal(ids["real"], "好奇")
    if role == "staff":
        lines = tips.reward_lines(date(2026, 11, 1))
        _clean(repr(lines) + _pdf(reward_register_pdf(lines, "安华里社区警务室", date(2026, 11, 1), DAY)), "奖励发放登记表")
        data = sv.summary.summary(month_period(2026, 11))
        assert data.figures.tips_received == 2 and data.figures.rewards_paid_amount == 300
        _clean(repr(data) + _pdf(summary_pdf(data)), "the monthly summary")
    # the people area: the resident's own record, history and references say nothing of a tip
    with room.services.ctx.read() as s:
        r = s.get(Resident, room.resident_id)
        refs = references_to(s, r)
    assert all("举报" not in ref.label and "线索" not in ref.label for ref in refs)
    person = room.services.residents.get(room.resident_id)
    hist = room.services.history("resident", room.resident_id)
    for blob in (repr(person), repr(hist)):
        assert "举报" not in blob and "线索" not in blob and "JB20" not in blob


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_the_database_history_holds_no_identity_at_all(room: Room) -> None:
    ids = _world(room)
    room.services.tips.reveal(ids["real"], "核对领奖")
    with room.services.ctx.read() as s:
        audit = " ".join(str(r) for r in s.execute(text("select title, changes from audit_entry where entity != 'resident'")))
        events = " ".join(str(r) for r in s.execute(text("select note, extra, actor from loop_event")))
        # the sealed row does hold them (that is where they live)
        sealed = s.query(TipIdentity).filter_by(tip_id=ids["real"]).one()
        assert sealed.name == TIPSTER["name"] and sealed.claim_receiver == PROXY
    _clean(audit, "audit_entry")
    _clean(events, "loop_event")
    assert "核对领奖" in audit  # the reason of 查看举报人 is recorded


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_only_the_officer_sees_the_tipster_with_a_reason(room: Room) -> None:
    ids = _world(room)
    svc = room.services.tips
    from policeroom.errors import ValidationError

    with pytest.raises(ValidationError):
        svc.reveal(ids["real"], " ")
    who = svc.reveal(ids["real"], "联系举报人补充情况")
    assert (who.name, who.id_number, who.phone, who.resident_id) == (
        TIPSTER["name"], TIPSTER["id_number"], TIPSTER["phone"], room.resident_id)
    anon = svc.reveal(ids["anon"], "回电")
    assert anon.name == "" and anon.phone == CONTACT
    assert [e.move for e in svc.detail(ids["real"]).timeline].count("reveal") == 1
