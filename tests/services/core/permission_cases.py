"""Permission rows of ``Services`` itself, settings and the export log (see tests/test_permissions.py)."""

from __future__ import annotations

from typing import Any

from policeroom.services.core.settings import RoomSettings
from tests.permission_world import PermCase, World


def _history_clean(items: Any, w: World, role: str) -> None:
    assert items, "the record has a history"


def _room() -> RoomSettings:
    return RoomSettings(room_name="安华里社区警务室", station="和平里派出所", community="安华里社区",
                        committee_name="安华里社区人民调解委员会", committee_short="安华", officer_in_charge="王建军")


CASES = [
    PermCase("check_history_step", lambda sv, w: sv.check_history_step(), "AAAA",
             note="the start-up check in steps"),
    PermCase("check_history", lambda sv, w: sv.check_history(), "AAAA", note="start-up check of the chain"),
    PermCase("record_output", lambda sv, w: sv.record_output("print", "群众求助登记表 QZ2026-000001"), "AAAA"),
    PermCase("sign_in", lambda sv, w: sv.sign_in(sv.actor), "AAAA"),
    # Services.history: leak (any table, any record); now per table and record
    PermCase("history", lambda sv, w: sv.history("resident", w.rA), "AAAR", note="resident",
             check=_history_clean),
    PermCase("history", lambda sv, w: sv.history("assistance_request", w.qA), "AAAR", note="request"),
    PermCase("history", lambda sv, w: sv.history("dispute_entry", w.eA), "AAAR", note="ledger entry"),
    PermCase("history", lambda sv, w: sv.history("mediation_case", w.cA), "AAAR", note="people case of grid A"),
    PermCase("history", lambda sv, w: sv.history("mediation_case", w.cP), "ARRR", note="public-order case"),
    PermCase("history", lambda sv, w: sv.history("case_party", 1), "AAAR", note="party of case A"),
    PermCase("history", lambda sv, w: sv.history("grid", w.gA), "AAAR", note="grid"),
    PermCase("history", lambda sv, w: sv.history("team_member", w.wA), "AAAR", note="team member"),
    PermCase("history", lambda sv, w: sv.history("account", w.own_account), "ARRR", note="account"),
    PermCase("history", lambda sv, w: sv.history("setting", 0), "ARRR", note="settings"),
    PermCase("history", lambda sv, w: sv.history("output", 0), "ARRR", note="exports and prints"),
    PermCase("history", lambda sv, w: sv.history("absence", w.absA), "AARR", note="roster table"),
    # settings
    PermCase("settings.get", lambda sv, w: sv.settings.get(), "AAAA"),
    PermCase("settings.get_value", lambda sv, w: sv.settings.get_value("room_name"), "AAAA"),
    PermCase("settings.is_configured", lambda sv, w: sv.settings.is_configured(), "AAAA"),
    PermCase("settings.number", lambda sv, w: sv.settings.number("security.idle_lock_minutes"), "AAAA"),
    PermCase("settings.idle_lock_minutes", lambda sv, w: sv.settings.idle_lock_minutes(), "AAAA",
             note="every window locks itself"),
    PermCase("settings.save_numbers", lambda sv, w: sv.settings.save_numbers({"security.idle_lock_minutes": 15}), "ARRR"),
    PermCase("settings.save", lambda sv, w: sv.settings.save(_room()), "ARRR"),
    # the export log
    PermCase("exports.check_full", lambda sv, w: sv.exports.check_full(True), "ARRR",
             note="full ID numbers in an export"),
    PermCase("exports.list", lambda sv, w: sv.exports.list(), "ARRR", note="导出记录 is the officer's"),
    PermCase("exports.entries", lambda sv, w: sv.exports.entries(), "ARRR", note="who exported what"),
    PermCase("exports.record", lambda sv, w: sv.exports.record("居民台账", "", 2, full=False), "AAAA"),
]
