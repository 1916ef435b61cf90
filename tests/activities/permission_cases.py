"""Permission rows of 群防群治's second half: activities, participations, the hours and points ledgers,
rewards and redemptions, certificates and the passbook (see tests/test_permissions.py).

The rule (issue 14): grid workers register activities in their grids and record sign-up, sign-in and
sign-out there; hours are confirmed by the activity's organiser or the officer, never by anyone else;
approving redemptions, adjusting points, reversing confirmed hours and voiding a certificate are the
officer's; rewards, vouchers and certificates are handled at the desk (officer and staff); the officer
and the staff read everything, grid workers their grids' activities and their grids' volunteers' hours,
points, vouchers and certificates only.

The seed runs after the forces' (``SEED_AFTER``: ``tests/activities`` sorts before ``tests/forces``)
and uses its volunteers: vA (ZY2026-0001) and vA2 of grid A, vB of grid B. It gives vA confirmed hours
this year; vB's hours are a 往年结转 (left out of the year-end list, so the forces' rows keep vB there).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from policeroom.models import ActivityStatus
from policeroom.services.activities.types import ActivityInput
from policeroom.services.registry import Services
from tests.permission_world import PermCase, World

SEED_AFTER = ("tests.forces.permission_cases",)
SEEN = {"officer": ("A", "B"), "staff": ("A", "B"), "own": ("A",), "other": ("B",)}
VOUCHER_A = "DH2026-000001"  # vA's issued voucher (the first the world issues; SEED checks it)
CERT_A = "志证〔2026〕第1号"  # vA's certificate (with the full ID number)


def _activity(ids: dict[str, int], title: str, grid: str, organiser: str, day: int, h0: int, h1: int) -> ActivityInput:
    return ActivityInput(kind="智慧义巡", title=title, organiser_id=ids[organiser], place="安华里小区",
                         grid_id=ids[grid], starts_at=datetime(2026, 12, day, h0), ends_at=datetime(2026, 12, day, h1))  # fmt: skip


def SEED(sv: Services, ids: dict[str, int]) -> None:  # noqa: N802 - the name the world looks for
    """Activities of grid A (two on 4 December, two to come) and of grid B; participations in every
    working state; vA's hours confirmed and a bonus; vB's hours carried over, a bonus; a reward item,
    redemptions applied, approved and issued; a certificate for vA (full ID number) and for vB."""
    kinds, rate, _limit = sv.activities.settings()
    sv.activities.save_settings(kinds, rate, "none")  # several redemptions of one volunteer
    act = sv.activities.create
    ids["actA"] = act(_activity(ids, "一网格夜间义巡", "gA", "staff_member", 4, 9, 11))  # the staff member organises
    ids["actA3"] = act(_activity(ids, "一网格反诈宣传", "gA", "wA", 4, 14, 16))  # grid A's worker organises
    ids["actA2"] = act(_activity(ids, "一网格消防宣传", "gA", "wA", 10, 9, 11))
    ids["actA4"] = act(_activity(ids, "一网格法律咨询", "gA", "staff_member", 12, 9, 11))  # nobody yet
    ids["actB"] = act(_activity(ids, "二网格夜间义巡", "gB", "wB", 4, 9, 11))

    P = sv.participation  # noqa: N806
    ids["partConf"] = P.apply(ids["actA"], ids["vA"])  # 已确认 (vA's hours and points)
    P.accept(ids["partConf"])
    P.sign_in(ids["partConf"], datetime(2026, 12, 4, 9))
    P.sign_out(ids["partConf"], datetime(2026, 12, 4, 11))
    P.record_minutes(ids["partConf"])
    P.confirm(ids["partConf"])
    ids["partPend"] = P.apply(ids["actA"], ids["vA2"])  # 待确认, organiser: the staff member
    P.accept(ids["partPend"])
    P.record_minutes(ids["partPend"], 120)
    ids["partIn"] = P.apply(ids["actA3"], ids["vA"])  # 已签到
    P.accept(ids["partIn"])
    P.sign_in(ids["partIn"], datetime(2026, 12, 4, 14))
    ids["partAcc"] = P.apply(ids["actA3"], ids["vA2"])  # 录用
    P.accept(ids["partAcc"])
    ids["partApp"] = P.apply(ids["actA2"], ids["vA"])  # 报名
    ids["partPend2"] = P.apply(ids["actA2"], ids["vA2"])  # 待确认, organiser: grid A's worker
    P.accept(ids["partPend2"])
    P.record_minutes(ids["partPend2"], 120)
    ids["partB"] = P.apply(ids["actB"], ids["vB"])  # 待确认 in grid B
    P.accept(ids["partB"])
    P.record_minutes(ids["partB"], 120)

    ids["hoursA"] = sv.points.lines(ids["vA"], "hours")[0].id  # pConf's 120 minutes
    ids["earnA"] = sv.points.lines(ids["vA"], "points")[0].id  # and the 2 points they earned
    sv.points.bonus(ids["vA"], 10, "社区表彰", op_key="seed:bonus:vA")  # the clock stands still
    sv.points.carry_forward(ids["vB"], 600, "2025年志愿服务记录册")
    sv.points.bonus(ids["vB"], 5, "带来新志愿者", op_key="seed:bonus:vB")
    ids["rewardItem"] = sv.rewards.save_item(None, "毛巾", 2, 10, None)
    R = sv.rewards  # noqa: N806
    ids["redIssued"] = R.apply(ids["vA"], ids["rewardItem"])
    R.approve(ids["redIssued"])
    assert R.issue(ids["redIssued"]) == VOUCHER_A
    ids["redApproved"] = R.apply(ids["vA"], ids["rewardItem"])
    R.approve(ids["redApproved"])
    ids["redApplied"] = R.apply(ids["vA"], ids["rewardItem"])
    ids["redB"] = R.apply(ids["vB"], ids["rewardItem"])
    R.approve(ids["redB"])
    R.issue(ids["redB"])
    cert = sv.certificates.issue(ids["vA"], full_id=True)
    assert cert.number == CERT_A
    ids["certA"] = cert.id
    ids["certB"] = sv.certificates.issue(ids["vB"], full_id=True).id


# -- checks -------------------------------------------------------------------------------------
def _ids(expected: dict[str, tuple[str, ...]], attr: str = "id"):  # noqa: ANN202
    """A list holds exactly the named records for the role (``"A"``/``"B"``: of that grid)."""

    def check(result: Any, w: World, role: str) -> None:
        got = {getattr(r, attr) if not isinstance(r, int | tuple) else (r[0] if isinstance(r, tuple) else r)
               for r in result}  # fmt: skip
        want = {w.ids[k] for g in SEEN[role] for k in expected.get(g, ())}
        assert got == want, (role, got, want)

    return check


def _count(n: dict[str, int]):  # noqa: ANN202
    def check(result: Any, w: World, role: str) -> None:
        assert result == sum(n.get(g, 0) for g in SEEN[role]), (role, result)

    return check


def _standings(result: Any, w: World, role: str) -> None:
    _ids({"A": ("vA", "vA2"), "B": ("vB",)})([st.volunteer.id for st in result], w, role)


def _glance(result: Any, w: World, role: str) -> None:
    _ids({"A": ("actA", "actA3"), "B": ("actB",)})(result.this_week, w, role)
    assert result.minutes_this_month == _sum({"A": 120, "B": 600}, role), (role, result)
    assert result.waiting_confirmation == _sum({"A": 2, "B": 1}, role), (role, result)
    assert result.waiting_approval == _sum({"A": 1}, role), (role, result)


def _sum(n: dict[str, int], role: str) -> int:
    return sum(n.get(g, 0) for g in SEEN[role])


def _lines_of_vA(result: Any, w: World, role: str) -> None:  # noqa: N802
    assert {x.volunteer_id for x in result} == (set() if role == "other" else {w.vA}), (role, result)


def _full_id_shown(result: Any, w: World, role: str) -> None:
    from tests.permission_world import A_ID

    assert result.id_number == A_ID  # the certificate was issued with the full ID number (so "other" must not read it)


def _activity_moved(sv: Services, w: World) -> None:
    sv.activities.update(w.actA4, _activity(w.ids, "一网格法律咨询", "gB", "staff_member", 12, 9, 11))


# fmt: off
CASES = [
    # -- activities ------------------------------------------------------------------------------
    PermCase("activities.create", lambda sv, w: sv.activities.create(
        _activity(w.ids, "一网格禁毒宣传", "gA", "wA", 15, 9, 11)), "AAAR"),
    PermCase("activities.create", lambda sv, w: sv.activities.create(
        _activity(w.ids, "二网格禁毒宣传", "gB", "wB", 15, 9, 11)), "AARA", note="in grid B"),
    PermCase("activities.get", lambda sv, w: sv.activities.get(w.actA), "AAAR"),
    PermCase("activities.glance", lambda sv, w: sv.activities.glance(), "AAFF",
             note="leak: other grids' minutes and redemptions counted", check=_glance),
    PermCase("activities.kinds", lambda sv, w: sv.activities.kinds(), "AAAA"),
    PermCase("activities.organisers", lambda sv, w: sv.activities.organisers(), "AAAA"),
    PermCase("activities.rows", lambda sv, w: sv.activities.rows(), "AAFF",
             check=_ids({"A": ("actA", "actA2", "actA3", "actA4"), "B": ("actB",)})),
    PermCase("activities.save_settings", lambda sv, w: sv.activities.save_settings(["智慧义巡", "宣传活动"], 2, "month"),
             "ARRR"),
    PermCase("activities.set_status", lambda sv, w: sv.activities.set_status(w.actA4, ActivityStatus.running), "AAAR"),
    PermCase("activities.set_status", lambda sv, w: sv.activities.set_status(w.actA2, ActivityStatus.cancelled, "天气原因"),
             "AAAR", note="cancel"),
    PermCase("activities.settings", lambda sv, w: sv.activities.settings(), "AAAA"),
    PermCase("activities.this_week", lambda sv, w: sv.activities.this_week(), "AAFF",
             check=_ids({"A": ("actA", "actA3"), "B": ("actB",)})),
    PermCase("activities.update", lambda sv, w: sv.activities.update(
        w.actA4, _activity(w.ids, "一网格法律咨询（改期）", "gA", "staff_member", 13, 9, 11)), "AAAR"),
    PermCase("activities.update", _activity_moved, "AARR", note="moving an activity into grid B"),
    # -- participations --------------------------------------------------------------------------
    PermCase("participation.absent", lambda sv, w: sv.participation.absent(w.partAcc), "AAAR"),
    PermCase("participation.accept", lambda sv, w: sv.participation.accept(w.partApp), "AAAR"),
    PermCase("participation.apply", lambda sv, w: sv.participation.apply(w.actA4, w.vA), "AAAR"),
    PermCase("participation.apply", lambda sv, w: sv.participation.apply(w.actA4, w.vB), "AARR",
             note="leak: another grid's volunteer signed up (then listed in one's own activity)"),
    PermCase("participation.confirm", lambda sv, w: sv.participation.confirm(w.partPend), "AARR",
             note="the staff member organises"),
    PermCase("participation.confirm", lambda sv, w: sv.participation.confirm(w.partPend2), "ARAR",
             note="grid A's worker organises"),
    PermCase("participation.record_minutes", lambda sv, w: sv.participation.record_minutes(w.partAcc, 90), "AAAR"),
    PermCase("participation.reject", lambda sv, w: sv.participation.reject(w.partApp), "AAAR"),
    PermCase("participation.rows", lambda sv, w: sv.participation.rows(), "AAFF",
             check=_ids({"A": ("partConf", "partPend", "partIn", "partAcc", "partApp", "partPend2"), "B": ("partB",)})),
    PermCase("participation.rows", lambda sv, w: sv.participation.rows(volunteer_id=w.vA), "AAAF",
             note="of a volunteer", check=_ids({"A": ("partConf", "partIn", "partApp")})),
    PermCase("participation.sign_in", lambda sv, w: sv.participation.sign_in(w.partAcc, datetime(2026, 12, 4, 14, 5)),
             "AAAR"),
    PermCase("participation.sign_out", lambda sv, w: sv.participation.sign_out(w.partIn, datetime(2026, 12, 4, 16)),
             "AAAR"),
    PermCase("participation.void", lambda sv, w: sv.participation.void(w.partApp, "重复报名"), "AAAR"),
    PermCase("participation.void", lambda sv, w: sv.participation.void(w.partConf, "登记错误"), "ARRR",
             note="confirmed hours: the officer's"),
    PermCase("participation.waiting", lambda sv, w: sv.participation.waiting(), "AAFF", check=_count({"A": 2, "B": 1})),
    # -- the hours and points ledgers -------------------------------------------------------------
    PermCase("points.bonus", lambda sv, w: sv.points.bonus(w.vA, 5, "优秀志愿者"), "ARRR"),
    PermCase("points.carry_forward", lambda sv, w: sv.points.carry_forward(w.vA, 600, "2025年志愿服务记录册"), "ARRR"),
    PermCase("points.check", lambda sv, w: sv.points.check(), "AAAA", check=lambda r, w, role: _is_empty(r)),
    PermCase("points.lines", lambda sv, w: sv.points.lines(), "AAFF",
             check=lambda r, w, role: _ids({"A": ("vA",), "B": ("vB",)})([x.volunteer_id for x in r], w, role)),
    PermCase("points.lines", lambda sv, w: sv.points.lines(w.vA, "hours"), "AAAF", note="vA's hours",
             check=_lines_of_vA),
    PermCase("points.picker_choices", lambda sv, w: sv.points.picker_choices(), "AAFF",
             check=_ids({"A": ("vA", "vA2"), "B": ("vB",)})),
    PermCase("points.reverse", lambda sv, w: sv.points.reverse(w.earnA, "登记错误"), "ARRR"),
    PermCase("points.reverse", lambda sv, w: sv.points.reverse(w.hoursA, "登记错误", "hours"), "ARRR", note="hours"),
    PermCase("points.standing", lambda sv, w: sv.points.standing(w.vA), "AAAR"),
    PermCase("points.standing_ids", lambda sv, w: sv.points.standing_ids(), "AAFF",
             check=_ids({"A": ("vA", "vA2"), "B": ("vB",)})),
    PermCase("points.standings", lambda sv, w: sv.points.standings(), "AAFF", check=_standings),
    PermCase("points.standings_for", lambda sv, w: sv.points.standings_for([w.vA, w.vA2, w.vB]), "AAFF",
             note="any ids", check=_standings),
    PermCase("points.volunteer_by_number", lambda sv, w: sv.points.volunteer_by_number("ZY2026-0001"), "AAAR",
             note="leak: another grid's volunteer with the ID number"),
    # -- rewards and redemptions -----------------------------------------------------------------
    PermCase("rewards.apply", lambda sv, w: sv.rewards.apply(w.vA, w.rewardItem), "AARR"),
    PermCase("rewards.approve", lambda sv, w: sv.rewards.approve(w.redApplied), "ARRR"),
    PermCase("rewards.by_number", lambda sv, w: sv.rewards.by_number(VOUCHER_A), "AAAR",
             note="leak: another grid's voucher"),
    PermCase("rewards.expire_overdue", lambda sv, w: sv.rewards.expire_overdue(), "AARR"),
    PermCase("rewards.issue", lambda sv, w: sv.rewards.issue(w.redApproved), "AARR"),
    PermCase("rewards.items", lambda sv, w: sv.rewards.items(), "AAAA",
             note="the catalogue is the community's", check=_ids({"A": ("rewardItem",), "B": ("rewardItem",)})),
    PermCase("rewards.points_text", lambda sv, w: sv.rewards.points_text(12), "AAAA"),
    PermCase("rewards.redeem", lambda sv, w: sv.rewards.redeem(w.redIssued, "李经理", "安华超市"), "AARR"),
    PermCase("rewards.revoke", lambda sv, w: sv.rewards.revoke(w.redApproved, "志愿者放弃"), "ARRR"),
    PermCase("rewards.rows", lambda sv, w: sv.rewards.rows(), "AAFF",
             check=_ids({"A": ("redIssued", "redApproved", "redApplied"), "B": ("redB",)})),
    PermCase("rewards.save_item", lambda sv, w: sv.rewards.save_item(w.rewardItem, "毛巾", 3, 10, None), "AARR"),
    PermCase("rewards.waiting_approval", lambda sv, w: sv.rewards.waiting_approval(), "AAFF",
             note="leak: other grids' redemptions counted", check=_count({"A": 1})),
    # -- certificates and the passbook -------------------------------------------------------------
    PermCase("certificates.by_number", lambda sv, w: sv.certificates.by_number(CERT_A), "AAAR",
             note="leak: another grid's certificate with the full ID number", check=_full_id_shown),
    PermCase("certificates.get", lambda sv, w: sv.certificates.get(w.certA), "AAAR",
             note="leak: another grid's certificate with the full ID number", check=_full_id_shown),
    PermCase("certificates.issue", lambda sv, w: sv.certificates.issue(w.vA), "AARR"),
    PermCase("certificates.passbook", lambda sv, w: sv.certificates.passbook(w.vA), "AAAR"),
    PermCase("certificates.register", lambda sv, w: sv.certificates.register(), "AAFF",
             check=_ids({"A": ("certA",), "B": ("certB",)})),
    PermCase("certificates.void", lambda sv, w: sv.certificates.void(w.certA, "信息有误"), "ARRR"),
]
# fmt: on


def _is_empty(result: Any) -> None:
    assert result == [], result
