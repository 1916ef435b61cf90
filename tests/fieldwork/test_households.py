"""Households, visits and the due dates each kind's rhythm gives; the due lists (today, this week, overdue)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import ValidationError
from policeroom.services.fieldwork.config import HouseholdKind
from policeroom.services.fieldwork.households import add_months, due_bucket
from policeroom.services.fieldwork.types import VisitInput
from tests.fieldwork.helpers import community, household

TODAY = date(2026, 11, 25)  # a Wednesday


def visit(sv, hid: int, on: date, visitor: int, **kw) -> int:  # noqa: ANN001
    return sv.households.create_visit(VisitInput(hid, on, visitor, purpose="例行走访", **kw))


def test_add_months_keeps_the_day_or_the_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 6) == date(2027, 5, 30)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_due_buckets_around_a_wednesday() -> None:
    assert due_bucket(date(2026, 11, 24), TODAY) == "overdue"
    assert due_bucket(TODAY, TODAY) == "today"
    assert due_bucket(date(2026, 11, 29), TODAY) == "week"  # Sunday
    assert due_bucket(date(2026, 11, 30), TODAY) is None  # next Monday


@pytest.mark.today(TODAY)
@pytest.mark.parametrize(
    ("kind", "due"),
    [("普通", date(2027, 5, 20)), ("困难家庭", date(2026, 12, 20)), ("流动人员", date(2026, 12, 20)),
     ("空巢老人", date(2026, 12, 20)), ("社区矫正对象", date(2026, 12, 20)), ("出租屋", date(2027, 2, 20))],
)  # fmt: skip
def test_next_due_follows_the_kind(officer, kind: str, due: date) -> None:  # noqa: ANN001
    ids = community(officer)
    hid = household(officer, ids, "301", kind)
    vid = visit(officer, hid, date(2026, 11, 20), ids["w1"])
    assert officer.households.visit(vid).next_due == due
    row = officer.households.get(hid)
    assert row.last_visit == date(2026, 11, 20) and row.next_due == due


@pytest.mark.today(TODAY)
def test_a_changed_rhythm_applies_to_the_next_visit(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    officer.fieldwork_settings.save_kinds([HouseholdKind("普通", 12), HouseholdKind("困难家庭", 2)])
    hid = household(officer, ids, "301", "困难家庭")
    assert officer.households.next_due_for(hid, date(2026, 11, 20)) == date(2027, 1, 20)


@pytest.mark.today(TODAY)
def test_a_named_next_date_wins_and_must_be_later(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    hid = household(officer, ids, "301")
    vid = visit(officer, hid, date(2026, 11, 20), ids["w1"], next_due=date(2026, 12, 1))
    assert officer.households.visit(vid).next_due == date(2026, 12, 1)
    with pytest.raises(ValidationError) as e:
        visit(officer, hid, date(2026, 11, 21), ids["w1"], next_due=date(2026, 11, 21))
    assert "next_due" in e.value.errors  # type: ignore[attr-defined]


@pytest.mark.today(TODAY)
def test_due_lists_per_worker(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    never = household(officer, ids, "101", "空巢老人")  # never visited: due since registered (today)
    late = household(officer, ids, "102", "困难家庭")
    visit(officer, late, date(2026, 10, 20), ids["w1"])  # due 11-20: overdue
    week = household(officer, ids, "103", "流动人员")
    visit(officer, week, date(2026, 10, 28), ids["w1"])  # due 11-28: this week
    fine = household(officer, ids, "104")
    visit(officer, fine, date(2026, 11, 1), ids["w1"])  # due in May
    household(officer, ids, "201", "困难家庭", grid="g2")  # 李建国's grid, due today
    counts = officer.households.due_counts(worker_id=ids["w1"])
    assert (counts.overdue, counts.today, counts.this_week) == (1, 1, 1)
    by_worker = dict(officer.households.due_by_worker())
    assert by_worker["李建国"].today == 1 and by_worker["张秀兰"].overdue == 1
    overdue = officer.households.list(due="overdue")
    assert [r.id for r in overdue] == [late]
    assert {r.id for r in officer.households.list(due="today")} >= {never}


@pytest.mark.today(TODAY)
def test_the_same_address_twice_is_refused(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    household(officer, ids, "301")
    with pytest.raises(ValidationError) as e:
        household(officer, ids, "301", "困难家庭")
    assert "已登记" in e.value.errors["room"]  # type: ignore[attr-defined]


@pytest.mark.today(TODAY)
def test_a_future_visit_is_refused(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    hid = household(officer, ids, "301")
    with pytest.raises(ValidationError) as e:
        visit(officer, hid, date(2026, 11, 26), ids["w1"])
    assert e.value.errors["visited_on"] == "走访日期不能晚于今天"  # type: ignore[attr-defined]


def test_kinds_typed_one_a_line() -> None:
    from policeroom.services.fieldwork.config import parse_kinds

    assert parse_kinds("普通 6\n困难家庭：1\n\n出租屋，3个月") == [
        HouseholdKind("普通", 6), HouseholdKind("困难家庭", 1), HouseholdKind("出租屋", 3)]
    with pytest.raises(ValidationError) as e:
        parse_kinds("普通\n困难家庭 1")
    assert e.value.errors["kinds"].startswith("第1行“普通”应写成 户类 月数")  # type: ignore[attr-defined]


@pytest.mark.today(TODAY)
def test_settings_form_saves_kinds_and_topics(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.settings.fieldwork_rules import FieldworkRulesForm

    form = FieldworkRulesForm(officer, bus)
    qtbot.addWidget(form)
    assert form.kinds.toPlainText().splitlines()[:2] == ["普通 6", "困难家庭 1"]
    form.kinds.setPlainText("普通 12\n困难家庭 0")
    assert not form.save() and "1至24个月" in form.status.text()
    form.kinds.setPlainText("普通 12\n困难家庭 2\n低保户 1")
    form.topics.setPlainText("反诈\n防范养老诈骗")
    assert form.save()
    assert [k.name for k in officer.fieldwork_settings.kinds()] == ["普通", "困难家庭", "低保户"]
    assert officer.talks.topics() == ["反诈", "防范养老诈骗"]


@given(st.lists(st.tuples(st.text(alphabet="普通困难家庭流动人员空巢老人出租屋低保户", min_size=1, max_size=8),
                          st.integers(1, 24)), min_size=1, max_size=8, unique_by=lambda x: x[0]))
def test_kinds_text_round_trip(kinds: list[tuple[str, int]]) -> None:
    from policeroom.services.fieldwork.config import clean_kinds, parse_kinds

    text = "\n".join(f"{n} {m}" for n, m in kinds)
    parsed = parse_kinds(text)
    assert [(k.name, k.months) for k in parsed] == kinds
    assert clean_kinds(parsed) == parsed
