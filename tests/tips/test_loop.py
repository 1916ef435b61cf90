"""The tip's loop kind: every move, who may make it, from where; first tipster and one reward per matter."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, AuditEntry, LoopEvent, Tip
from policeroom.services.tips.kind import TIP_KIND
from tests.tips.conftest import Room, real_name, tip_input

DAY = datetime(2026, 11, 2, 9, 0)  # a Monday


def _to_handled(room: Room, data=None) -> int:  # noqa: ANN001
    svc = room.services.tips
    data = data or real_name(room, DAY)
    at = data.received_at
    tid = svc.register(data).tip_id
    svc.accept(tid, at + timedelta(hours=1))
    svc.assign(tid, room.staff_id, 10, at + timedelta(hours=2))
    svc.verify(tid, "属实", "民警现场核查属实", at=at + timedelta(days=3))
    svc.record_outcome(tid, "查获吸毒人员3名", at + timedelta(days=8))
    return tid


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_the_whole_loop_by_the_main_path(room: Room) -> None:
    svc = room.services.tips
    tid = _to_handled(room)
    assert svc.detail(tid).row.status == "handled"
    assert svc.assess(tid, "禁毒举报奖励", "一般线索", None, "查获吸毒人员", {}, datetime(2026, 11, 11, 9)) == "assessed"
    svc.approve(tid, 300, at=datetime(2026, 11, 12, 9))
    deadline = svc.notify(tid, "电话通知", datetime(2026, 11, 13, 9))
    assert deadline == date(2027, 1, 13)  # two months later, a working day
    svc.claim(tid, "self_id", id_number="11010519491231002x", at=datetime(2026, 11, 16, 9))
    svc.archive(tid, "奖励已发放，办结", datetime(2026, 11, 17, 9))
    d = svc.detail(tid)
    assert d.row.status == "archived"
    moves = [e.move for e in d.timeline]
    assert moves == ["register", "accept", "assign", "verify", "outcome", "assess", "approve", "notify", "claim", "archive"]
    # the steps on the loop are counted on time / late for 考核
    with room.services.ctx.read() as s:
        finished = {e.step: e.on_time for e in s.scalars(select(LoopEvent).where(LoopEvent.kind == "tip")) if e.step}
    assert finished["verify"] is True and finished["accept"] is True


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_decline_with_a_transfer_and_a_plain_decline(room: Room) -> None:
    svc = room.services.tips
    a = svc.register(tip_input(room, DAY)).tip_id
    with pytest.raises(ValidationError) as e:
        svc.decline(a, "  ")
    assert e.value.field == "decline_reason"
    svc.decline(a, "属于消防部门职责", "消防救援机构", "请依法处理", DAY.replace(hour=10))
    assert svc.detail(a).row.status == "transferred"
    assert "消防救援机构" in svc.detail(a).transfer_to
    b = svc.register(tip_input(room, DAY)).tip_id
    svc.decline(b, "内容不具体，无法核查", at=DAY.replace(hour=10))
    assert svc.detail(b).row.status == "declined"
    with pytest.raises(ValidationError, match="不予受理"):
        svc.accept(b)


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_untrue_verdict_waits_for_archive_and_archive_needs_a_reason_and_the_officer(room: Room) -> None:
    svc = room.services.tips
    tid = svc.register(tip_input(room, DAY)).tip_id
    svc.accept(tid, DAY.replace(hour=10))
    svc.assign(tid, room.staff_id, 5, DAY.replace(hour=11))
    svc.verify(tid, "无法核实", "走访未发现", at=datetime(2026, 11, 4, 9))
    assert svc.detail(tid).row.status == "unfounded"
    with pytest.raises(ValidationError, match="不评定奖励"):
        svc.assess(tid, "禁毒举报奖励", "一般线索", None, "x", {})
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    with pytest.raises(PermissionDenied, match="社区民警"):
        staff.tips.archive(tid, "办结")
    with pytest.raises(ValidationError):
        svc.archive(tid, "")
    svc.archive(tid, "核查不实，归档")
    assert svc.detail(tid).row.status == "archived"


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_grid_worker_registers_in_own_grid_and_takes_no_step(room: Room) -> None:
    gw = room.as_role(AccountRole.grid_worker, (room.grid1,), room.grid_worker_id)
    tid = gw.tips.register(tip_input(room, DAY)).tip_id
    with pytest.raises(ValidationError, match="本人负责网格"):
        gw.tips.register(tip_input(room, DAY, grid_id=room.grid2))
    with pytest.raises(PermissionDenied):
        gw.tips.accept(tid)
    other = room.as_role(AccountRole.grid_worker, (room.grid2,), room.grid_worker_id)
    assert other.tips.rows() == []
    with pytest.raises(PermissionDenied):
        other.tips.detail(tid)


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_assignment_due_in_working_days_light_and_supervision(room: Room) -> None:
    svc = room.services.tips
    tid = svc.register(tip_input(room, datetime(2026, 9, 28, 9))).tip_id
    svc.accept(tid, datetime(2026, 9, 28, 10))
    svc.assign(tid, room.staff_id, 3, datetime(2026, 9, 29, 9))
    row = svc.detail(tid).row
    # 9-30, then the National Day holiday (10-1..10-7 in 2026) → 10-8, 10-9
    assert row.due == datetime(2026, 10, 9, 9)
    assert row.light.value == "red"
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    with pytest.raises(PermissionDenied):
        staff.tips.supervise(tid, "请尽快核查")
    svc.supervise(tid, "请尽快核查")
    assert [e.move for e in svc.detail(tid).timeline][-1] == "supervise"


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_only_the_officer_approves_and_a_different_amount_needs_a_reason(room: Room) -> None:
    svc = room.services.tips
    tid = _to_handled(room)
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    staff.tips.assess(tid, "禁毒举报奖励", "较重要线索", None, "查获毒品", {})
    assert svc.detail(tid).reward_proposed == 1000
    with pytest.raises(PermissionDenied):
        staff.tips.approve(tid, 1000)
    with pytest.raises(ValidationError) as e:
        svc.approve(tid, 800)
    assert e.value.field == "approve_note"
    svc.approve(tid, 800, "查获数量未达较重要档次上限")
    assert svc.detail(tid).reward_approved == 800


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_an_exclusion_ends_in_no_reward(room: Room) -> None:
    svc = room.services.tips
    tid = _to_handled(room)
    assert svc.assess(tid, "禁毒举报奖励", "一般线索", None, "举报人是楼栋长", {"duty": True}) == "no_reward"
    with pytest.raises(ValidationError):
        svc.approve(tid, 300)


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_first_tipster_only_and_one_reward_per_matter(room: Room) -> None:
    svc = room.services.tips
    first = _to_handled(room)
    number = svc.detail(first).row.number
    later_data = tip_input(room, DAY.replace(hour=15), duplicate_of=number)
    later = _to_handled(room, later_data)
    # the later tipster of the same matter: the checklist must say so
    with pytest.raises(ValidationError) as e:
        svc.assess(later, "禁毒举报奖励", "一般线索", None, "同一事项", {})
    assert e.value.field == "exclusions.later" and number in e.value.message
    assert svc.assess(later, "禁毒举报奖励", "一般线索", None, "同一事项在后", {"later": True}) == "no_reward"
    svc.assess(first, "禁毒举报奖励", "一般线索", None, "首位举报人", {})
    svc.approve(first, 300)
    # a third tip linked to the later one is the same matter: one reward only
    third = _to_handled(room, tip_input(room, DAY.replace(hour=16), duplicate_of=svc.detail(later).row.number))
    with pytest.raises(ValidationError, match="一事一奖"):
        svc.assess(third, "禁毒举报奖励", "一般线索", None, "x", {"later": False})
    assert set(svc.detail(third).same_matter) == {number, svc.detail(later).row.number}


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_claim_methods_check_code_id_proxy_and_bank(room: Room) -> None:
    svc = room.services.tips

    def notified(anonymous: bool = False):  # noqa: ANN202
        data = tip_input(room, DAY) if anonymous else real_name(room, DAY)
        intake = svc.register(data)
        svc.accept(intake.tip_id, DAY.replace(hour=10))
        svc.assign(intake.tip_id, room.staff_id, 10, DAY.replace(hour=11))
        svc.verify(intake.tip_id, "部分属实", "查实一部分", at=datetime(2026, 11, 5, 9))
        svc.record_outcome(intake.tip_id, "处罚", datetime(2026, 11, 10, 9))
        return intake

    a = notified(anonymous=True)
    for tid in (a.tip_id,):
        svc.assess(tid, "治安线索举报奖励", "违法类线索", None, "属实", {}, datetime(2026, 11, 11, 9))
        svc.approve(tid, 500, at=datetime(2026, 11, 12, 9))
        svc.notify(tid, "电话通知", datetime(2026, 11, 13, 9))
    with pytest.raises(ValidationError) as e:
        svc.claim(a.tip_id, "self_code", code="1234567812345678")
    assert e.value.field == "claim_code"
    with pytest.raises(ValidationError) as e:
        svc.claim(a.tip_id, "self_id", id_number="11010519491231002X")  # anonymous: no ID on record
    assert e.value.field == "claim_id_number"
    with pytest.raises(ValidationError) as e:
        svc.claim(a.tip_id, "proxy", code=a.code, receiver="王秀兰")
    assert e.value.field == "claim_detail"
    svc.claim(a.tip_id, "proxy", code=" ".join(a.code[i:i + 4] for i in range(0, 16, 4)), receiver="王秀兰",
              detail="书面委托书一份")  # fmt: skip
    assert svc.detail(a.tip_id).claim_method == "代领（书面委托）"
    # the proxy's name is sealed like the tipster: only 查看举报人 shows it
    assert svc.reveal(a.tip_id, "核对代领").claim_receiver == "王秀兰"


def test_the_kind_declares_every_move_of_the_issue() -> None:
    assert {"accept", "decline", "assign", "verify", "outcome", "assess", "approve", "notify", "claim", "archive",
            "supervise"} <= set(TIP_KIND.all_moves)  # fmt: skip
    assert TIP_KIND.forbidden("approve", AccountRole.staff)
    assert TIP_KIND.forbidden("archive", AccountRole.staff)
    assert TIP_KIND.forbidden("assign", AccountRole.grid_worker)
    assert TIP_KIND.forbidden("assign", AccountRole.staff) is None


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_every_write_is_in_the_history(room: Room) -> None:
    svc = room.services.tips
    tid = _to_handled(room)
    with room.services.ctx.read() as s:
        number = s.get(Tip, tid).number
        titles = [e.title for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "tip", AuditEntry.entity_id == tid))]
    assert len(titles) >= 5 and all(number in t for t in titles)
    assert {h.action for h in room.services.history("tip", tid)} >= {"新建", "修改"}
    svc.reveal(tid, "核对身份")
    assert any(h.action == "查看举报人" for h in room.services.history("tip", tid))


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_attachments_inside_the_database_with_limits_and_thumbnails(room: Room) -> None:
    import io

    from PIL import Image

    from policeroom.services.tips.service import MAX_FILE_BYTES, MAX_FILES

    svc = room.services.tips
    tid = svc.register(tip_input(room, DAY)).tip_id
    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 30, 30)).save(photo, "PNG")
    a = svc.add_attachment(tid, "C:\\\\照片\\\\现场.png", photo.getvalue())
    item = svc.detail(tid).attachments[0]
    assert item.file_name == "现场.png" and item.size == len(photo.getvalue())
    thumb = Image.open(io.BytesIO(item.thumbnail))
    assert max(thumb.size) <= 160 and thumb.format == "JPEG"
    assert svc.attachment(a) == ("现场.png", photo.getvalue())
    with pytest.raises(ValidationError, match="超过5MB"):
        svc.add_attachment(tid, "大.bin", b"0" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ValidationError, match="空文件"):
        svc.add_attachment(tid, "空.txt", b"")
    for i in range(MAX_FILES - 1):
        svc.add_attachment(tid, f"{i}.txt", b"x")
    with pytest.raises(ValidationError, match=f"最多{MAX_FILES}个"):
        svc.add_attachment(tid, "多.txt", b"x")
    assert svc.detail(tid).attachments[1].thumbnail is None  # not a picture
