"""Permission rows of the weekly summary (see tests/test_permissions.py): it covers the whole room, so
grid workers neither read nor write it; the dashboard's glance shows counts only."""

from __future__ import annotations

from datetime import date, datetime

from policeroom.services.summary.types import SummaryTexts, week_period
from tests.permission_world import PermCase

WEEK = week_period(date(2026, 11, 16))
NOW = datetime(2026, 12, 5, 9, 0)

CASES = [
    PermCase("summary.glance", lambda sv, w: sv.summary.glance(now=NOW), "AAAA", note="counts only"),
    PermCase("summary.summary", lambda sv, w: sv.summary.summary(WEEK, now=NOW), "AARR"),
    PermCase("summary.dispute_table", lambda sv, w: sv.summary.dispute_table(WEEK, now=NOW), "AARR"),
    PermCase("summary.save_texts", lambda sv, w: sv.summary.save_texts(WEEK, SummaryTexts(key_work="走访")), "AARR"),
    PermCase("summary.discard_texts", lambda sv, w: sv.summary.discard_texts(WEEK), "AARR"),
    PermCase("summary.mask_names", lambda sv, w: sv.summary.mask_names(), "AAAA"),
    PermCase("summary.set_mask_names", lambda sv, w: sv.summary.set_mask_names(False), "ARRR"),
]
