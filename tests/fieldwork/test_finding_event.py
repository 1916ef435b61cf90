"""A patrol's finding becomes a grid event through the grid-events service itself (seam 1):
its number, its loop history, its due date (the lights) and its checks are the events' own."""

from __future__ import annotations

from datetime import date, time

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import EventCategory, EventStatus
from policeroom.services.gridwork.types import EventFilter
from policeroom.services.loop.lights import Light
from tests.fieldwork.helpers import community, patrol, worker

TODAY = date(2026, 11, 27)
MON = date(2026, 11, 23)


def _cat(sv, name: str = "治安隐患") -> int:  # noqa: ANN001
    with sv.ctx.read() as s:
        return s.query(EventCategory).filter_by(name=name).one().id


@pytest.mark.today(TODAY)
def test_finding_is_registered_by_the_event_service(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    pid = patrol(officer, ids, MON, [time(19, 5), time(19, 10), time(19, 30), time(19, 40)], problem=2)
    point = officer.patrols.get(pid).points[2]
    w1 = worker(officer, ids, "w1")
    number = w1.patrols.report_finding(point.id, _cat(officer), "幼儿园门口井盖松动")
    eid = officer.grid_events.search_ids(EventFilter())[0]
    d = officer.grid_events.get(eid)
    assert d.number == number == "SJ2026-000001"
    assert (d.status, d.source.value, d.grid_id, d.reporter_id) == (EventStatus.reported, "patrol", ids["g1"], ids["w1"])
    assert d.location == "一网格夜巡 · 幼儿园" and d.description == "幼儿园门口井盖松动"
    # the events' own report note (来源，类别，紧急程度) and the lights of its first step
    assert [(i.move, i.note) for i in d.timeline] == [("report", "巡防发现，治安隐患，一般")]
    assert d.due is not None and d.light != Light.none
    assert officer.patrols.get(pid).points[2].event_number == number


@pytest.mark.today(TODAY)
def test_finding_goes_through_the_event_checks(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    pid = patrol(officer, ids, MON, [time(19, 5), time(19, 10), time(19, 30), time(19, 40)], problem=1)
    point = officer.patrols.get(pid).points[1]
    with officer.ctx.write() as s:
        s.get(EventCategory, _cat(officer)).archived = True
    with pytest.raises(ValidationError, match="事件类别"):
        officer.patrols.report_finding(point.id, _cat(officer), "")
    with pytest.raises(PermissionDenied):
        worker(officer, ids, "w2").patrols.report_finding(point.id, officer.patrols.event_categories()[0][0], "")
    assert officer.patrols.get(pid).points[1].event_number == ""
