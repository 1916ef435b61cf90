"""Work log (seam 4): a registered tip is an entry of 情报信息 in its receiver's 警务工作日志 — only the
number and the category, nothing of the tipster or the matter; grid events and inspections are there too."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from policeroom.models import AccountRole
from tests.tips.conftest import TIPSTER, Room, real_name, tip_input

NOW = datetime(2026, 11, 20, 9, 0)


@pytest.mark.today(NOW)
def test_a_registered_tip_is_in_the_receivers_log_without_the_tipster(room: Room) -> None:
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    number = staff.tips.register(real_name(room, datetime(2026, 11, 18, 10, 0))).number
    other = room.services.tips.register(tip_input(room, datetime(2026, 11, 19, 15, 0), receiver_id=room.grid_worker_id,
                                                  category="涉赌"))  # fmt: skip
    items = [i for i in staff.work_log.items(room.staff_id, date(2026, 11, 16), date(2026, 11, 22)) if i.source == "tip"]
    assert [(i.day, i.category, i.content, i.place, i.result) for i in items] == [
        (date(2026, 11, 18), "情报信息", f"登记举报线索 {number}（涉毒）", "", "")]  # fmt: skip
    assert items[0].source_label == "举报线索"
    theirs = staff.work_log.items(room.grid_worker_id, date(2026, 11, 16), date(2026, 11, 22))
    assert [i.content for i in theirs if i.source == "tip"] == [f"登记举报线索 {other.number}（涉赌）"]
    everything = " ".join(f"{i.content}{i.place}{i.result}" for i in items + theirs)
    for secret in (*TIPSTER.values(), "3号楼", "吸毒"):
        assert secret not in everything
