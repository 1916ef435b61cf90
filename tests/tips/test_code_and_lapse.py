"""The query code (random, 16 digits, only a keyed hash stored), follow-up by code with a rate limit, and
the automatic lapse of an unclaimed reward on the working calendar."""

from __future__ import annotations

import hashlib
import hmac
import io
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import text

from policeroom.errors import ValidationError
from policeroom.reports.tips.papers import lapse_notice_pdf, receipt_pdf
from policeroom.services.tips.codes import KEY_SETTING, clean_code, grouped
from policeroom.services.tips.shapes import claim_deadline
from tests.tips.conftest import Room, real_name, tip_input

DAY = datetime(2026, 11, 2, 9, 0)


def _raw(room: Room, sql: str) -> list[tuple]:
    with room.services.ctx.read() as s:
        return [tuple(r) for r in s.execute(text(sql))]


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_codes_are_16_random_digits_and_only_a_keyed_hash_is_stored(room: Room) -> None:
    svc = room.services.tips
    intakes = [svc.register(tip_input(room, DAY + timedelta(minutes=i))) for i in range(40)]
    codes = [i.code for i in intakes]
    assert all(len(c) == 16 and c.isdigit() for c in codes)
    assert len(set(codes)) == 40
    # 640 digits from a uniform source: every digit appears, none dominates
    counts = [sum(c.count(str(d)) for c in codes) for d in range(10)]
    assert min(counts) > 20 and max(counts) < 120
    key = bytes.fromhex(_raw(room, f"select value from setting where key = '{KEY_SETTING}'")[0][0])
    dump = "\n".join(str(row) for table in ("tip", "loop_event", "audit_entry", "setting", "tip_identity")
                     for row in _raw(room, f"select * from {table}"))  # fmt: skip
    for intake in intakes:
        assert intake.code not in dump and grouped(intake.code) not in dump
        digest = hmac.new(key, intake.code.encode(), hashlib.sha256).hexdigest()
        assert _raw(room, f"select id from tip where code_hash = '{digest}'") == [(intake.tip_id,)]
    # the key itself never went into the history
    assert key.hex() not in "\n".join(str(r) for r in _raw(room, "select changes from audit_entry"))


@given(st.text(alphabet="0123456789 -０１２３", max_size=30))
def test_clean_code_accepts_only_sixteen_digits(typed: str) -> None:
    code = clean_code(typed)
    if code is not None:
        assert len(code) == 16 and code.isascii() and code.isdigit()
    digits = "".join(ch for ch in typed if ch not in " -")
    if len(digits) != 16:
        assert code is None


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_follow_up_says_one_sentence_and_limits_wrong_codes(room: Room) -> None:
    svc = room.services.tips
    intake = svc.register(real_name(room, DAY))
    assert svc.follow_up(grouped(intake.code)) == "您的线索已受理。"
    svc.accept(intake.tip_id, DAY.replace(hour=10))
    svc.assign(intake.tip_id, room.staff_id, 10, DAY.replace(hour=11))
    assert svc.follow_up(intake.code) == "您的线索正在核查中。"
    wrong = "0000000000000000" if intake.code != "0000000000000000" else "1111111111111111"
    for _ in range(5):
        with pytest.raises(ValidationError, match="没有找到"):
            svc.follow_up(wrong)
    with pytest.raises(ValidationError, match="连续输错5次，请15分钟后"):
        svc.follow_up(intake.code)  # even the right one waits
    later = datetime(2026, 11, 20, 9, 16)
    assert svc.follow_up(intake.code, now=later) == "您的线索正在核查中。"
    with pytest.raises(ValidationError, match="16位数字"):
        svc.follow_up("12345", now=later)


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_receipt_prints_the_code_in_groups_and_a_reprint_says_it_was_given(room: Room) -> None:
    svc = room.services.tips
    intake = svc.register(real_name(room, DAY))
    first = PdfReader(io.BytesIO(receipt_pdf(svc.paper(intake.tip_id, "receipt", code=intake.code))))
    text1 = "".join(p.extract_text() for p in first.pages)
    assert grouped(intake.code) in text1 and intake.number in text1 and "严格保密" in text1
    again = "".join(p.extract_text() for p in PdfReader(io.BytesIO(receipt_pdf(svc.paper(intake.tip_id, "receipt")))).pages)
    assert intake.code not in again.replace(" ", "") and grouped(intake.code) not in again
    assert "已于受理时告知" in again
    assert "欧阳秀英" not in text1 + again


def test_claim_deadline_moves_to_a_working_day() -> None:
    # 2026-08-01 + 2 months = 10-01, National Day: the first working day after is 10-08
    assert claim_deadline(date(2026, 8, 1), 2) == date(2026, 10, 8)
    assert claim_deadline(date(2026, 9, 15), 2) == date(2026, 11, 16)  # 11-15 is a Sunday
    assert claim_deadline(date(2026, 12, 31), 2) == date(2027, 3, 1)  # 2-28 2027 a Sunday; 2027 by weekends


def _notified(room: Room, notified_at: datetime) -> int:
    svc = room.services.tips
    start = notified_at - timedelta(days=20)
    intake = svc.register(tip_input(room, start))
    tid = intake.tip_id
    svc.accept(tid, start + timedelta(hours=1))
    svc.assign(tid, room.staff_id, 10, start + timedelta(hours=2))
    svc.verify(tid, "属实", "属实", at=start + timedelta(days=3))
    svc.record_outcome(tid, "查处", start + timedelta(days=10))
    svc.assess(tid, "禁毒举报奖励", "一般线索", None, "属实", {}, start + timedelta(days=11))
    svc.approve(tid, 300, at=start + timedelta(days=12))
    svc.notify(tid, "电话通知", notified_at)
    return tid


def test_an_unclaimed_reward_lapses_the_day_after_the_deadline(room: Room) -> None:
    from tests.timing import frozen

    with frozen(datetime(2026, 8, 3, 9, 0)):
        tid = _notified(room, datetime(2026, 8, 1, 10, 0))
        assert room.services.tips.detail(tid).claim_deadline == date(2026, 10, 8)
    svc = room.services.tips
    with frozen(datetime(2026, 10, 8, 23, 0)):  # the deadline itself: still claimable
        assert svc.detail(tid).row.status == "notified"
        assert svc.settle_lapses() == 0
    with frozen(datetime(2026, 10, 9, 0, 5)):  # the day after: lapsed by itself, without anyone acting
        d = svc.detail(tid)
        assert d.row.status == "lapsed" and d.lapsed_on == date(2026, 10, 9)
        with pytest.raises(ValidationError, match="视为放弃"):
            svc.claim(tid, "bank", detail="转账")
        assert svc.settle_lapses() == 1
        assert svc.settle_lapses() == 0
        e = svc.detail(tid).timeline[-1]
        assert (e.move, e.actor, e.at) == ("lapse", "系统（到期自动）", datetime(2026, 10, 9))
        pdf = lapse_notice_pdf(svc.paper(tid, "lapse"))
        txt = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "视为放弃" in txt and "2026年10月8日" in txt and "2026年10月9日" in txt
