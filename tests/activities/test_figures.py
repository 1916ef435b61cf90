"""The 群防群治 block of the weekly summary: volunteers, activities, hours, points, drills, with 环比 and in the PDF."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from policeroom.models import Drill, EmergencyUnit
from policeroom.reports.summary.pdf import summary_pdf
from policeroom.services.core import clock
from policeroom.services.summary.types import FIGURE_LINES, change, week_period
from tests.activities.conftest import activity_input

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 22, 0))  # a Friday of ISO week 47


def serve(officer, place, v: int, start: datetime, minutes: int) -> None:  # noqa: ANN001
    with clock.as_of(start.replace(hour=7)):
        aid = officer.activities.create(activity_input(place, start, start.replace(hour=start.hour + 3)))
    pid = officer.participation.apply(aid, v)
    with clock.as_of(start.replace(hour=20)):
        officer.participation.accept(pid)
        officer.participation.record_minutes(pid, minutes)
        officer.participation.confirm(pid)


def test_block_counts_the_week_and_compares(officer, place) -> None:  # noqa: ANN001
    a, b, c = place.volunteers[:3]
    serve(officer, place, a, datetime(2026, 11, 11, 9), 120)  # last week
    serve(officer, place, a, datetime(2026, 11, 17, 9), 90)  # this week
    serve(officer, place, b, datetime(2026, 11, 18, 9), 180)
    with clock.as_of(datetime(2026, 11, 18, 21)):
        officer.points.bonus(c, 30, "表彰")
        item = officer.rewards.save_item(None, "毛巾", 2, 3, None)
        officer.rewards.apply(c, item)
        gone = officer.rewards.apply(b, item)  # revoked: not counted
        officer.rewards.revoke(gone, "放弃")
    with officer.ctx.write() as s:
        unit = EmergencyUnit(name="安华里市场应急单元", kind="市场")
        s.add(unit)
        s.flush()
        s.add(Drill(unit_id=unit.id, held_at=datetime(2026, 11, 19, 15), scenario="市场火情"))
    data = officer.summary.summary(week_period(datetime(2026, 11, 20).date()))
    f, prev = data.figures, data.previous
    assert (f.volunteers_active, f.activities, f.volunteer_hours, f.points_redeemed, f.drills) == (2, 2, 4.5, 2, 1)
    assert (prev.volunteers_active, prev.activities, prev.volunteer_hours, prev.drills) == (1, 1, 2.0, 0)
    hours_line = next(x for x in FIGURE_LINES if x.key == "volunteer_hours")
    assert change(f.volunteer_hours, prev.volunteer_hours, hours_line) == "+125.0%"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(summary_pdf(data))).pages).replace(" ", "")
    assert "群防群治\n参与志愿者（人）\n2\n1\n+100.0%" in text
    assert "志愿服务时长（小时）\n4.5\n2\n+125.0%" in text and "拉动测试（次）\n1\n0\n新增" in text


def test_dashboard_glance(officer, place) -> None:  # noqa: ANN001
    serve(officer, place, place.volunteers[0], datetime(2026, 11, 17, 9), 90)
    aid = officer.activities.create(activity_input(place, datetime(2026, 11, 21, 9), datetime(2026, 11, 21, 11)))
    pid = officer.participation.apply(aid, place.volunteers[1])
    officer.participation.accept(pid)
    g = officer.activities.glance()
    assert len(g.this_week) == 2 and g.minutes_this_month == 90 and g.waiting_confirmation == 0
    assert g.waiting_approval == 0
