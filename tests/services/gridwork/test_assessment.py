"""考核 against a hand-built November 2026: every counted fact, the rates, score, grade, and the PDF.

张秀兰 (w1, grid 一网格) in November:
  A  reported by her, 立案, dispatched to her, handled and fed back on time, closed;
  B  reported by her, 不立案;
  C  reported by her, 自行处置 (valid, handled on time);
  F  reported by her, 立案, dispatched to her, 延期 approved, handled late (after the extended due);
  D  in her grid, reported by 李海涛 (w2), 立案            -> 漏报;
  E  in her grid, a resident's 随手拍 (no team reporter), 立案 -> 漏报;
  an October event of hers does not count.
Rates: 有效上报 3/4, 漏报 2/(3+2), 按时处置 2/3 (A, C on time; F late), 按时反馈 1/1.
Score: 0.75×40 + (1−0.4)×20 + (2/3)×20 + 1×20 = 30 + 12 + 13.33 + 20 = 75.3 → B.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, EventSource
from policeroom.services.gridwork.places import PlaceInput, TickInput
from policeroom.services.registry import Services
from tests.services.gridwork.conftest import T0, as_, report, walk
from tests.timing import DATA_DAY, frozen

pytestmark = pytest.mark.today(DATA_DAY)


@pytest.fixture
def month(room: Services) -> Services:
    ge = room.grid_events
    ids = room.ids
    ids["A"] = report(room)
    walk(room, ids["A"], "closed")
    ids["B"] = report(room, found_at=T0 + timedelta(hours=1), description="误报")
    ge.reject(ids["B"], "现场核实无此情况", at=T0 + timedelta(hours=2))
    ids["C"] = report(room, found_at=T0 + timedelta(days=1), description="垃圾桶倾倒")
    ge.self_handle(ids["C"], "当场扶正清理", at=T0 + timedelta(days=1, minutes=10))
    f0 = datetime(2026, 11, 3, 9, 0)
    ids["F"] = report(room, found_at=f0, description="楼道电动车充电")
    ge.register(ids["F"], at=f0 + timedelta(hours=1))
    ge.dispatch(ids["F"], ids["w1"], at=f0 + timedelta(hours=2))
    due = ge.get(ids["F"]).due
    assert due == datetime(2026, 11, 6, 10, 0)  # 20 working hours from 3 Nov 11:00
    ge.ask_extension(ids["F"], datetime(2026, 11, 6, 17, 0), "业主出差", at=datetime(2026, 11, 4, 9, 0))
    ge.decide_extension(ids["F"], True, at=datetime(2026, 11, 4, 10, 0))
    ge.handle(ids["F"], "已劝导业主将车辆移出", at=datetime(2026, 11, 9, 10, 0))
    ids["D"] = report(room, reporter_id=ids["w2"], found_at=T0 + timedelta(days=2), description="井盖缺失")
    ge.register(ids["D"], at=T0 + timedelta(days=2, hours=1))
    ids["E"] = report(room, reporter_id=None, reporter_name="居民王大妈", source=EventSource.snapshot,
                      found_at=T0 + timedelta(days=3), description="路灯不亮")  # fmt: skip
    ge.register(ids["E"], at=T0 + timedelta(days=3, hours=1))
    ids["Oct"] = report(room, found_at=datetime(2026, 10, 20, 9, 0), description="十月的事件")
    ge.register(ids["Oct"], at=datetime(2026, 10, 20, 10, 0))
    # two rentals in her grid, added on 1 October; one inspected on 10 November
    kinds = dict((n, i) for i, n in room.places.kinds())
    with frozen(datetime(2026, 10, 1, 9, 0)):
        p1 = room.places.create(PlaceInput(ids["g1"], kinds["出租屋"], "3号楼201出租屋", "安华里3号楼201"))
        p2 = room.places.create(PlaceInput(ids["g1"], kinds["出租屋"], "5号楼402出租屋", "安华里5号楼402"))
    items = room.places.items(kinds["出租屋"])
    room.places.record_inspection(p1, datetime(2026, 11, 10, 10, 0), [TickInput(i.id, True) for i in items],
                                  inspector_id=ids["w1"])  # fmt: skip
    ids["p1"], ids["p2"] = p1, p2
    return room


def _row(sheet, name: str):  # noqa: ANN001, ANN202
    return next(r for r in sheet.rows if r.name == name)


def test_counted_facts_rates_score_and_grade(month: Services) -> None:
    sheet = month.assessment.sheet("2026-11")
    w1 = _row(sheet, "张秀兰")
    facts = {f.key: f.value for f in w1.facts}
    assert {k: facts[k] for k in ("reported", "registered", "rejected", "self_handled", "missed",
                                   "registered_or_missed", "handled", "handled_on_time", "fed_back",
                                   "fed_back_on_time", "reworked", "extended", "overdue",
                                   "inspections_due", "inspections_done")} == {
        "reported": 4, "registered": 3, "rejected": 1, "self_handled": 1, "missed": 2, "registered_or_missed": 5,
        "handled": 3, "handled_on_time": 2, "fed_back": 1, "fed_back_on_time": 1, "reworked": 0, "extended": 1,
        "overdue": 1, "inspections_due": 2, "inspections_done": 1,
    }  # fmt: skip
    rates = {r.spec.key: (r.numerator, r.denominator) for r in w1.rates}
    assert rates["valid_report"] == (3, 4) and rates["missed_rate"] == (2, 5)
    assert rates["on_time_handling"] == (2, 3) and rates["on_time_feedback"] == (1, 1)
    assert w1.score == 75.3 and w1.grade == "B"
    assert sheet.formula == "综合得分 = 有效上报率×40 + (1-漏报率)×20 + 按时处置率×20 + 按时反馈率×20"
    w2 = _row(sheet, "李海涛")
    assert {f.key: f.value for f in w2.facts}["reported"] == 1  # D, reported in a neighbour's grid
    assert {f.key: f.value for f in w2.facts}["missed"] == 0


def test_each_number_opens_its_records(month: Services) -> None:
    ids = month.ids
    numbers = {r.id for r in month.assessment.records("2026-11", ids["w1"], "missed")}
    assert numbers == {ids["D"], ids["E"]}
    assert {r.id for r in month.assessment.records("2026-11", ids["w1"], "handled")} == {
        ids["A"],
        ids["C"],
        ids["F"],
    }
    assert {r.id for r in month.assessment.records("2026-11", ids["w1"], "overdue")} == {ids["F"]}
    assert [r.id for r in month.assessment.records("2026-11", ids["w1"], "inspections_done")]
    with pytest.raises(ValidationError):
        month.assessment.records("2026-11", ids["w1"], "nonsense")


def test_weights_are_the_officers_and_change_the_score(month: Services) -> None:
    staff = as_(month, AccountRole.staff)
    with pytest.raises(PermissionDenied):
        staff.assessment.save_weights({"valid_report": 100})
    with pytest.raises(ValidationError, match="0到100"):
        month.assessment.save_weights({"valid_report": 140})
    month.assessment.save_weights({"valid_report": 50, "missed_rate": 0, "on_time_handling": 50,
                                   "on_time_feedback": 0, "inspection_rate": 0, "request_on_time": 0})  # fmt: skip
    w1 = _row(month.assessment.sheet("2026-11"), "张秀兰")
    assert w1.score == round(0.75 * 50 + 2 / 3 * 50, 1) and w1.grade == "C"


def test_a_grid_worker_sees_only_their_own_row(month: Services) -> None:
    w1 = as_(month, AccountRole.grid_worker, (month.ids["g1"],), member="w1")
    assert [r.name for r in w1.assessment.sheet("2026-11").rows] == ["张秀兰"]
    with pytest.raises(PermissionDenied):
        w1.assessment.records("2026-11", month.ids["w2"], "reported")


def test_printed_form_shows_numerators_formula_weights_and_grade(month: Services) -> None:
    from pypdf import PdfReader

    from policeroom.reports.gridwork.assessment import assessment_pdf

    pdf = assessment_pdf(month.assessment.sheet("2026-11"), "安华里社区警务室")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "安华里社区警务室网格员考核表" in text and "2026年11月" in text
    assert "综合得分=有效上报率×40+(1-漏报率)×20+按时处置率×20+按时反馈率×20" in text
    assert "75.0%（3/4）" in text and "40.0%（2/5）" in text and "66.7%（2/3）" in text
    assert "75.3（B）" in text and "A90分及以上" in text
    assert "漏报数÷（立案数+漏报数）" in text


def test_month_format_is_checked(room: Services) -> None:
    with pytest.raises(ValidationError, match="月份格式"):
        room.assessment.sheet("2026/13")
    assert room.assessment.sheet("2026-12").start == date(2026, 12, 1)
