"""Permission rows of the roster, its settings and the duty desk (see tests/test_permissions.py).

The roster is the team's, not a grid's: "own" is the grid worker whose leave (absA), wish (prefA),
handover (handA) and swap request (swapA) the rows touch, "other" another grid worker. Staff arrange
the roster (编排值班表) but may not delete records or change settings; the officer approves.
"""

from __future__ import annotations

from datetime import date, datetime, time

from policeroom.services.roster.setup import NeedInput, ShiftInput
from policeroom.services.roster.types import Rules
from tests.permission_world import PermCase

WEEK = (date(2026, 12, 7), date(2026, 12, 13))
AT = datetime(2026, 12, 5, 9, 0)


CASES = [
    # -- the roster ------------------------------------------------------------------------
    PermCase("roster.view", lambda sv, w: sv.roster.view(*WEEK), "AAAA"),
    PermCase("roster.plan", lambda sv, w: sv.roster.plan(*WEEK), "AAAA"),
    PermCase("roster.generate", lambda sv, w: sv.roster.generate(*WEEK, time_limit=0.5), "AARR"),
    PermCase("roster.clear", lambda sv, w: sv.roster.clear(*WEEK), "AARR"),
    PermCase("roster.set_cell", lambda sv, w: sv.roster.set_cell(w.wA, date(2026, 12, 9), [(w.shift_day, None)]),
             "AARR"),
    PermCase("roster.set_fixed", lambda sv, w: sv.roster.set_fixed(w.wA, date(2026, 12, 7), True), "ARRR"),
    PermCase("roster.swap", lambda sv, w: sv.roster.swap(w.wA, date(2026, 12, 7), w.wB, date(2026, 12, 8)), "AARR"),
    PermCase("roster.request_swap", lambda sv, w: sv.roster.request_swap(
        w.wA, date(2026, 12, 7), w.wB, date(2026, 12, 8), "孩子开家长会"), "AAAR", note="for oneself"),
    PermCase("roster.decide_swap", lambda sv, w: sv.roster.decide_swap(w.swapA, True), "ARRR"),
    PermCase("roster.cancel_swap", lambda sv, w: sv.roster.cancel_swap(w.swapA), "AAAR"),
    PermCase("roster.swaps", lambda sv, w: sv.roster.swaps(), "AAAA"),
    # -- leave, wishes, rules, holidays ------------------------------------------------------
    PermCase("roster.config.absences", lambda sv, w: sv.roster.config.absences(), "AAAA"),
    PermCase("roster.config.add_absence", lambda sv, w: sv.roster.config.add_absence(
        w.wA, "leave", date(2026, 12, 28), date(2026, 12, 28)), "AAAR", note="for oneself"),
    PermCase("roster.config.update_absence", lambda sv, w: sv.roster.config.update_absence(
        w.absA, w.wA, "leave", date(2026, 12, 21), date(2026, 12, 23), "事假"), "AAAR"),
    PermCase("roster.config.delete_absence", lambda sv, w: sv.roster.config.delete_absence(w.absA), "ARAR",
             note="leak: staff deleted others' leave"),
    PermCase("roster.config.add_preference", lambda sv, w: sv.roster.config.add_preference(
        w.wA, True, w.shift_day, 0), "AAAR"),
    PermCase("roster.config.update_preference", lambda sv, w: sv.roster.config.update_preference(
        w.prefA, w.wA, False, None, 5), "AAAR"),
    PermCase("roster.config.delete_preference", lambda sv, w: sv.roster.config.delete_preference(w.prefA), "ARAR"),
    PermCase("roster.config.preferences", lambda sv, w: sv.roster.config.preferences(), "AAAA"),
    PermCase("roster.config.preference_rows", lambda sv, w: sv.roster.config.preference_rows(), "AAAA"),
    PermCase("roster.config.rules", lambda sv, w: sv.roster.config.rules(), "AAAA"),
    PermCase("roster.config.save_rules", lambda sv, w: sv.roster.config.save_rules(Rules()), "ARRR"),
    PermCase("roster.config.shifts", lambda sv, w: sv.roster.config.shifts(), "AAAA"),
    PermCase("roster.config.save_shift_times", lambda sv, w: sv.roster.config.save_shift_times(
        w.shift_day, time(8, 30), time(17, 30), "白班"), "ARRR"),
    PermCase("roster.config.needs", lambda sv, w: sv.roster.config.needs(), "AAAA"),
    PermCase("roster.config.set_need_count", lambda sv, w: sv.roster.config.set_need_count(w.need, 1), "ARRR"),
    PermCase("roster.config.manual_days", lambda sv, w: sv.roster.config.manual_days(2027), "AAAA"),
    PermCase("roster.config.set_manual_day", lambda sv, w: sv.roster.config.set_manual_day(
        date(2027, 1, 3), rest=True, name="元旦"), "ARRR"),
    PermCase("roster.config.delete_manual_day", lambda sv, w: sv.roster.config.delete_manual_day(date(2027, 1, 2)),
             "ARRR"),
    # -- shift types and requirements (排班设置) ----------------------------------------------
    PermCase("roster.setup.shifts", lambda sv, w: sv.roster.setup.shifts(), "AAAA"),
    PermCase("roster.setup.needs", lambda sv, w: sv.roster.setup.needs(), "AAAA"),
    PermCase("roster.setup.create_shift", lambda sv, w: sv.roster.setup.create_shift(ShiftInput(
        code="早", name="早班", post="desk", start=time(7), end=time(11))), "ARRR"),
    PermCase("roster.setup.update_shift", lambda sv, w: sv.roster.setup.update_shift(w.shift_day, ShiftInput(
        code="白", name="白班", post="desk", start=time(8, 30), end=time(17, 30))), "ARRR"),
    PermCase("roster.setup.archive_shift", lambda sv, w: sv.roster.setup.archive_shift(w.shift_day), "ARRR"),
    PermCase("roster.setup.create_need", lambda sv, w: sv.roster.setup.create_need(NeedInput(
        kind="shift", shift_ids=[w.shift_day], min_count=1)), "ARRR"),
    PermCase("roster.setup.update_need", lambda sv, w: sv.roster.setup.update_need(w.need, NeedInput(
        kind="shift", shift_ids=[w.shift_day], min_count=1)), "ARRR", lenient=True),
    PermCase("roster.setup.delete_need", lambda sv, w: sv.roster.setup.delete_need(w.need), "ARRR"),
    PermCase("roster.setup.apply_template", lambda sv, w: sv.roster.setup.apply_template("standard"), "ARRR"),
    # -- the duty desk ----------------------------------------------------------------------
    PermCase("duty.attendance", lambda sv, w: sv.duty.attendance(*WEEK, now=AT), "AAAA"),
    PermCase("duty.board", lambda sv, w: sv.duty.board(AT), "AAAA"),
    PermCase("duty.sheet", lambda sv, w: sv.duty.sheet(date(2026, 12, 7)), "AAAA"),
    PermCase("duty.handovers", lambda sv, w: sv.duty.handovers(date(2026, 11, 20)), "AAAA"),
    PermCase("duty.check_in", lambda sv, w: sv.duty.check_in(w.wA, datetime(2026, 12, 7, 8, 55)), "AAAR",
             lenient=True, note="for oneself"),
    PermCase("duty.check_out", lambda sv, w: sv.duty.check_out(w.wA, datetime(2026, 12, 7, 17, 5)), "AAAR",
             lenient=True, note="for oneself"),
    PermCase("duty.add_handover", lambda sv, w: sv.duty.add_handover(AT, "对讲机已交接", w.wA, w.staff_member),
             "AAAR"),
    PermCase("duty.delete_handover", lambda sv, w: sv.duty.delete_handover(w.handA), "ARAR",
             note="leak: staff deleted others' handovers"),
]
