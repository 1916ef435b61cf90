"""Permission rows of 群防群治: volunteers, their careers and ledger, teams, partner units, the forces'
lists and the emergency units (see tests/test_permissions.py).

The rule (issue 14): grid workers register volunteers, teams, units and drills of their own grids and
record on-post check-in and check-out there; the officer and the staff keep all; deleting (and archiving),
removing a career record and editing the lists are the officer's.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from policeroom.services.core.imports import guess_mapping
from policeroom.services.forces.types import (
    ArrivalInput,
    DrillInput,
    MemberInput,
    PartnerInput,
    TeamInput,
    UnitInput,
    VolunteerFilter,
    VolunteerInput,
)
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from tests.permission_world import A_ID, A_PHONE, B_ID, B_PHONE, PermCase, World

SEEN = {"officer": ("A", "B"), "staff": ("A", "B"), "own": ("A",), "other": ("B",)}


def SEED(sv: Services, ids: dict[str, int]) -> None:  # noqa: N802 - the name the world looks for
    """Volunteers of grid A (严秀英, 严建国) and B (窦志强), a team and a partner unit of grid A, emergency
    units of grid A (with a drill, one member on post), of grid B and one without a grid (members of both)."""
    ids["rA3"] = sv.residents.create(ResidentInput(name="严小军", address="安华里3号楼2单元701", grid_id=ids["gA"]))
    ids["tA"] = sv.force_groups.save_team(None, TeamInput(name="一网格平安义巡队", kind="平安义巡队", grid_id=ids["gA"]))
    ids["pA"] = sv.force_groups.save_partner(None, PartnerInput(
        name="安华超市", kind="警商", address="安华里1号", grid_id=ids["gA"], contact="李经理", phone="13700137001",
        guards=3, agreement_on=date(2026, 3, 1), brings=("巡防", "视频")))  # fmt: skip
    ids["vA"] = sv.volunteers.create(VolunteerInput(  # ZY2026-0001
        resident_id=ids["rA"], joined_on=date(2025, 3, 1), grid_id=ids["gA"], roles=("治安员", "信息员"),
        team_ids=(ids["tA"],), insurance_policy="PICC2026-001", insurer="中国人保", insurance_until=date(2026, 12, 20)))  # fmt: skip
    ids["vA2"] = sv.volunteers.create(VolunteerInput(
        resident_id=ids["rA2"], joined_on=date(2025, 3, 1), grid_id=ids["gA"], roles=("宣传员",)))
    ids["vB"] = sv.volunteers.create(VolunteerInput(
        resident_id=ids["rB"], joined_on=date(2025, 3, 1), grid_id=ids["gB"], roles=("治安员",)))
    ids["trainA"] = sv.volunteer_career.add_training(ids["vA"], date(2026, 3, 1), "急救培训", 4, "区红十字会")

    def unit(name: str, grid: str | None, people: tuple[str, ...]) -> int:
        return sv.emergency.save_unit(None, UnitInput(
            name=name, kind="市场", site="安华市场", grid_id=ids[grid] if grid else None,
            members=[MemberInput(ids[p], post) for p, post in zip(people, ("门岗", "疏散引导"), strict=False)]))  # fmt: skip

    ids["uA"] = unit("安华市场应急单元", "gA", ("rA", "rA2"))
    ids["uB"] = unit("和平商圈应急单元", "gB", ("rB", "rB2"))
    ids["uN"] = unit("安华小学应急单元", None, ("rA", "rB"))  # no grid: members of both grids
    members = {m.resident_id: m.id for m in sv.emergency.members(ids["uA"])}
    ids["mA"], ids["mA2"] = members[ids["rA"]], members[ids["rA2"]]
    sv.emergency.check_in(ids["mA2"])  # on post now (for check_out)
    ids["dA"] = sv.emergency.save_drill(None, _drill(ids["uA"], ids["mA"], ids["mA2"]))


def _drill(unit_id: int, m1: int, m2: int, scenario: str = "市场内商铺起火") -> DrillInput:
    return DrillInput(unit_id=unit_id, held_at=datetime(2026, 11, 20, 10, 0), scenario=scenario, organiser="王建军",
                      arrivals=[ArrivalInput("严秀英", "门岗", 45, m1), ArrivalInput("严建国", "疏散引导", 200, m2)])


def _volunteer(w: World, resident: int, grid: int, **kw: Any) -> VolunteerInput:
    kw.setdefault("roles", ("宣传员",))
    return VolunteerInput(resident_id=resident, joined_on=date(2026, 11, 1), grid_id=grid, **kw)


def _create_within(sv: Services, w: World) -> int:
    with sv.ctx.write() as s:
        return sv.volunteers.create_within(s, _volunteer(w, w.rA3, w.gA))


# -- checks -------------------------------------------------------------------------------------
def _ids(expected: dict[str, tuple[str, ...]]):  # noqa: ANN202
    """Check that a list holds exactly the named records for the role (``"A"``/``"B"`` grids)."""

    def check(result: Any, w: World, role: str) -> None:
        got = {r[0] if isinstance(r, tuple) else getattr(r, "id", r) for r in result}
        want = {w.ids[k] for g in SEEN[role] for k in expected.get(g, ())}
        want |= {w.ids[k] for k in expected.get("all", ())}
        assert got == want, (role, got, want)

    return check


def _count(n: dict[str, int]):  # noqa: ANN202
    def check(result: Any, w: World, role: str) -> None:
        assert result == sum(n.get(g, 0) for g in SEEN[role]), (role, result)

    return check


def _is(key: str):  # noqa: ANN202
    def check(result: Any, w: World, role: str) -> None:
        assert result == w.ids[key], (role, result)

    return check


def _of_resident(result: Any, w: World, role: str) -> None:
    assert result == (None if role == "other" else w.vA)


def _members_of_no_grid_unit(result: Any, w: World, role: str) -> None:
    phones = {r.resident_id: r.phone for r in result}
    assert set(phones) == {w.rA, w.rB}  # every member listed, with their name
    assert phones[w.rA] == ("" if role == "other" else A_PHONE)
    assert phones[w.rB] == ("" if role == "own" else B_PHONE)


def _drill_moved(sv: Services, w: World) -> int:
    """Save grid A's drill under a unit of the caller's own grid (B for "other"): moves it."""
    mine = w.uB if sv.actor.grid_ids == {w.gB} else w.uA
    return sv.emergency.save_drill(w.dA, _drill(mine, w.mA, w.mA2, "重新登记"))


# -- the volunteer ledger (Excel) ---------------------------------------------------------------
HEAD = ["姓名", "身份证号", "联系电话", "网格", "角色", "加入日期"]


def xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _report(sv: Services, rows: list[list[Any]], as_system: bool = False):  # noqa: ANN202
    from policeroom.services.core.context import SYSTEM

    ledger = (Services(sv.ctx.sessions, SYSTEM) if as_system else sv).volunteer_ledger
    spec, sheet = ledger.read(xlsx([HEAD, *rows]))
    return ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))


def _check_as_role(sv: Services, w: World) -> Any:
    # grid A's resident's ID number under another name, in a grid of the caller's own
    code = "WG02" if sv.actor.grid_ids == {w.gB} else "WG01"
    return _report(sv, [["严某", A_ID, "", code, "治安员", "2026-11-01"]])


def _other_grid_row_refused(report: Any, w: World, role: str) -> None:
    shown = repr(report)
    if role == "other":  # grid A's resident: a problem row, nothing of them shown
        assert report.bad and "其他网格" in report.errors[0].message
        assert "严秀英" not in shown and A_PHONE not in shown
    else:  # the name clash is explained with the index's name
        assert "严秀英" in shown


def _rows_listed(rows: Any, w: World, role: str) -> None:
    _ids({"A": ("vA",), "B": ("vB",)})(rows, w, role)
    full = [r.id_number for r in rows if r.id_number]
    assert all("*" not in n for n in full)  # full ID numbers (the writer masks them unless --full)


# fmt: off
CASES = [
    # -- volunteers ----------------------------------------------------------------------------
    PermCase("volunteers.count", lambda sv, w: sv.volunteers.count(), "AAFF", check=_count({"A": 2, "B": 1})),
    PermCase("volunteers.create", lambda sv, w: sv.volunteers.create(_volunteer(w, w.rA3, w.gA)), "AAAR"),
    PermCase("volunteers.create", lambda sv, w: sv.volunteers.create(_volunteer(w, w.rB2, w.gA)), "AARR",
             note="leak: another grid's resident registered into one's own grid"),
    PermCase("volunteers.create_within", _create_within, "AAAR", note="inside an import's transaction"),
    PermCase("volunteers.delete", lambda sv, w: sv.volunteers.delete(w.vA2), "ARRR"),
    PermCase("volunteers.get", lambda sv, w: sv.volunteers.get(w.vA), "AAAR"),
    PermCase("volunteers.id_by_number", lambda sv, w: sv.volunteers.id_by_number("ZY2026-0001"), "AAAR",
             check=_is("vA")),
    PermCase("volunteers.insurance_expiring", lambda sv, w: sv.volunteers.insurance_expiring(), "AAFF",
             check=_count({"A": 1})),
    PermCase("volunteers.of_resident", lambda sv, w: sv.volunteers.of_resident(w.rA), "AAAF",
             note="leak: whether another grid's resident volunteers", check=_of_resident),
    PermCase("volunteers.rows", lambda sv, w: sv.volunteers.rows([w.vA, w.vB]), "AAFF",
             note="leak: phones of any ids", check=_ids({"A": ("vA",), "B": ("vB",)})),
    PermCase("volunteers.search_ids", lambda sv, w: sv.volunteers.search_ids(), "AAFF",
             check=_ids({"A": ("vA", "vA2"), "B": ("vB",)})),
    PermCase("volunteers.search_ids", lambda sv, w: sv.volunteers.search_ids(VolunteerFilter(query="窦")), "AAFF",
             note="search", check=_ids({"B": ("vB",)})),
    PermCase("volunteers.set_status", lambda sv, w: sv.volunteers.set_status(w.vA, _suspended(), "外出务工"), "AAAR"),
    PermCase("volunteers.update", lambda sv, w: sv.volunteers.update(w.vA2, _volunteer(w, w.rA2, w.gA, skills="急救")),
             "AAAR"),
    PermCase("volunteers.update", lambda sv, w: sv.volunteers.update(w.vA2, _volunteer(w, w.rA2, w.gB)), "AARR",
             note="moving a volunteer into another grid"),
    PermCase("volunteers.without_hours", lambda sv, w: sv.volunteers.without_hours(2026), "AAFF",
             note="vA has hours confirmed by the activities' seed",
             check=_ids({"A": ("vA2",), "B": ("vB",)})),
    # -- careers ---------------------------------------------------------------------------------
    PermCase("volunteer_career.add_commendation", lambda sv, w: sv.volunteer_career.add_commendation(
        w.vA, date(2026, 5, 1), "优秀平安志愿者", "区综治办"), "AAAR"),
    PermCase("volunteer_career.add_training", lambda sv, w: sv.volunteer_career.add_training(
        w.vA, date(2026, 6, 1), "反诈宣传培训", 2), "AAAR"),
    PermCase("volunteer_career.remove", lambda sv, w: sv.volunteer_career.remove("training", w.trainA), "ARRR",
             note="removing a record is the officer's"),
    PermCase("volunteer_career.set_evaluation", lambda sv, w: sv.volunteer_career.set_evaluation(
        w.vA, 2025, "优秀", "巡逻积极"), "AAAR"),
    # -- the volunteer ledger (Excel) -----------------------------------------------------------
    PermCase("volunteer_ledger.check", _check_as_role, "AAAF", echoes_input=True,
             note="another grid's resident is a problem row", check=_other_grid_row_refused),
    PermCase("volunteer_ledger.commit", lambda sv, w: sv.volunteer_ledger.commit(_report(
        sv, [["严小华", "", "13600136003", "WG01", "宣传员", "2026-11-01"]], as_system=True)), "AAAR",
             note="the commit re-checks the grid of every row"),
    PermCase("volunteer_ledger.commit", lambda sv, w: sv.volunteer_ledger.commit(_report(
        sv, [["窦志强", B_ID, "", "WG01", "治安员", "2025-03-01"]], as_system=True)), "AARR",
             note="leak: moving another grid's volunteer into one's own"),
    PermCase("volunteer_ledger.export_rows", lambda sv, w: sv.volunteer_ledger.export_rows([w.vA, w.vB]), "AAFF",
             note="leak: full ID numbers of any ids", check=_rows_listed),
    PermCase("volunteer_ledger.read", lambda sv, w: sv.volunteer_ledger.read(xlsx([HEAD])), "AAAA"),
    PermCase("volunteer_ledger.spec", lambda sv, w: sv.volunteer_ledger.spec(), "AAAA"),
    PermCase("volunteer_ledger.template", lambda sv, w: sv.volunteer_ledger.template(), "AAAA"),
    # -- teams and partner units ---------------------------------------------------------------
    PermCase("force_groups.archive_partner", lambda sv, w: sv.force_groups.archive_partner(w.pA), "ARRR"),
    PermCase("force_groups.archive_team", lambda sv, w: sv.force_groups.archive_team(w.tA), "ARRR"),
    PermCase("force_groups.partner", lambda sv, w: sv.force_groups.partner(w.pA), "AAAA",
             note="the alliance is the community's"),
    PermCase("force_groups.partner_choices", lambda sv, w: sv.force_groups.partner_choices(), "AAAA"),
    PermCase("force_groups.partners", lambda sv, w: sv.force_groups.partners(), "AAAA"),
    PermCase("force_groups.save_partner", lambda sv, w: sv.force_groups.save_partner(w.pA, PartnerInput(
        name="安华超市", kind="警商", grid_id=w.gA, contact="李经理", phone="13700137001", guards=4)), "AAAR"),
    PermCase("force_groups.save_partner", lambda sv, w: sv.force_groups.save_partner(None, PartnerInput(
        name="安华银行", kind="警银", grid_id=w.gA)), "AAAR", note="new"),
    PermCase("force_groups.save_team", lambda sv, w: sv.force_groups.save_team(w.tA, TeamInput(
        name="一网格平安义巡队", kind="平安义巡队", grid_id=w.gA, member_ids=(w.vA, w.vA2), leader_id=w.vA)), "AAAR"),
    PermCase("force_groups.save_team", lambda sv, w: sv.force_groups.save_team(None, TeamInput(
        name="一网格平安宣传队", kind="平安宣传队", grid_id=w.gA)), "AAAR", note="new"),
    PermCase("force_groups.save_team", lambda sv, w: sv.force_groups.save_team(w.tA, TeamInput(
        name="一网格平安义巡队", kind="平安义巡队", grid_id=w.gA, member_ids=(w.vA, w.vB))), "AARR",
             note="leak: taking another grid's volunteer into a team"),
    PermCase("force_groups.team", lambda sv, w: sv.force_groups.team(w.tA), "AAAA"),
    PermCase("force_groups.team_choices", lambda sv, w: sv.force_groups.team_choices(), "AAAA"),
    PermCase("force_groups.teams", lambda sv, w: sv.force_groups.teams(), "AAAA"),
    # -- the forces' lists -----------------------------------------------------------------------
    PermCase("force_kinds.get", lambda sv, w: sv.force_kinds.get("team"), "AAAA"),
    PermCase("force_kinds.save", lambda sv, w: sv.force_kinds.save("unit", ["市场", "学校", "其他"]), "ARRR"),
    # -- emergency units -------------------------------------------------------------------------
    PermCase("emergency.archive_unit", lambda sv, w: sv.emergency.archive_unit(w.uA), "ARRR"),
    PermCase("emergency.blank_drill", lambda sv, w: sv.emergency.blank_drill(w.uA), "AAAR"),
    PermCase("emergency.check_in", lambda sv, w: sv.emergency.check_in(w.mA), "AAAR"),
    PermCase("emergency.check_out", lambda sv, w: sv.emergency.check_out(w.mA2), "AAAR"),
    PermCase("emergency.drill", lambda sv, w: sv.emergency.drill(w.dA), "AAAR"),
    PermCase("emergency.drill_on", lambda sv, w: sv.emergency.drill_on("安华市场应急单元", date(2026, 11, 20)), "AAAR",
             check=_is("dA")),
    PermCase("emergency.drills", lambda sv, w: sv.emergency.drills(), "AAFF", check=_ids({"A": ("dA",)})),
    PermCase("emergency.drills", lambda sv, w: sv.emergency.drills(w.uA), "AAAR", note="of a unit"),
    PermCase("emergency.members", lambda sv, w: sv.emergency.members(w.uA), "AAAR"),
    PermCase("emergency.members", lambda sv, w: sv.emergency.members(w.uN), "AAFF",
             note="leak: phones of another grid in a unit without a grid", check=_members_of_no_grid_unit),
    PermCase("emergency.on_post_now", lambda sv, w: sv.emergency.on_post_now(), "AAFF",
             check=lambda r, w, role: _ids({"A": ("uA",), "B": ("uB",), "all": ("uN",)})(
                 [u.unit_id for u in r], w, role)),
    PermCase("emergency.residents_choice", lambda sv, w: sv.emergency.residents_choice("窦"), "AAFF",
             check=_ids({"B": ("rB", "rB2")})),
    PermCase("emergency.save_drill", lambda sv, w: sv.emergency.save_drill(None, _drill(w.uA, w.mA, w.mA2)), "AAAR"),
    PermCase("emergency.save_drill", _drill_moved, "AAAR",
             note="leak: another grid's drill rewritten under one's own unit"),
    PermCase("emergency.save_unit", lambda sv, w: sv.emergency.save_unit(w.uA, UnitInput(
        name="安华市场应急单元", kind="市场", site="安华市场东门", grid_id=w.gA,
        members=[MemberInput(w.rA, "门岗"), MemberInput(w.rA2, "疏散引导")])), "AAAR"),
    PermCase("emergency.save_unit", lambda sv, w: sv.emergency.save_unit(None, UnitInput(
        name="安华菜场应急单元", kind="市场", grid_id=w.gA, members=[MemberInput(w.rA, "门岗")])), "AAAR", note="new"),
    PermCase("emergency.save_unit", lambda sv, w: sv.emergency.save_unit(w.uA, UnitInput(
        name="安华市场应急单元", kind="市场", grid_id=w.gA,
        members=[MemberInput(w.rA, "门岗"), MemberInput(w.rB, "疏散引导")])), "AARR",
             note="leak: another grid's resident as a member (then their phone is listed)"),
    PermCase("emergency.unit", lambda sv, w: sv.emergency.unit(w.uA), "AAAR"),
    PermCase("emergency.unit_id_by_name", lambda sv, w: sv.emergency.unit_id_by_name("安华市场应急单元"), "AAAR"),
    PermCase("emergency.units", lambda sv, w: sv.emergency.units(), "AAFF",
             check=_ids({"A": ("uA",), "B": ("uB",), "all": ("uN",)})),
]
# fmt: on


def _suspended():  # noqa: ANN202
    from policeroom.models import VolunteerStatus

    return VolunteerStatus.suspended
