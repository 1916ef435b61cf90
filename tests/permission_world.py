"""The seeded community every permission case runs against (see tests/test_permissions.py).

Two grids, A (WG01) and B (WG02), each with its grid worker, residents, a request, a ledger entry and
a people's mediation case; a 治安调解 case of grid A handled by the officer alone; a staff member;
leave, a wish, a handover and a swap request of grid A's worker. The four roles of the table act as
the officer, the staff member, grid A's worker ("own": the records the cases touch are grid A's) and
grid B's worker ("other").

``SECRETS[grid]`` are the ID numbers and phones of each grid's residents: a *filtered* result must
not contain those of a grid the actor is not responsible for.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from policeroom.db import Database, open_database
from policeroom.models import (
    Account,
    CaseKind,
    CaseSource,
    Channel,
    MemberRole,
    PartyRole,
    RecordKind,
    Risk,
    ShiftType,
    Urgency,
)
from policeroom.services.core.context import Actor
from policeroom.services.core.settings import RoomSettings
from policeroom.services.mediation.types import CaseInput, DisputeInput, PartyInput, RecordInput
from policeroom.services.people.accounts import actor_for
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.types import RequestInput
from tests.timing import DATA_DAY, frozen

ROLES = ("officer", "staff", "own", "other")
PASSWORD = "anhua2026x"

#: grid A's and grid B's residents (ID numbers valid under GB 11643)
A_ID, A_PHONE, A2_PHONE = "11010519491231002X", "13800138001", "13800138002"
B_ID, B_PHONE, B2_PHONE = "110105198001010016", "13900139001", "13900139002"
SECRETS = {"A": (A_ID, A_PHONE, A2_PHONE), "B": (B_ID, B_PHONE, B2_PHONE)}

DAY = date(2026, 11, 20)  # the seeded records' day (the clock is pinned to DATA_DAY)


@dataclass
class World:
    """Ids of the seeded records (plain ints: the world is built once and copied per test)."""

    ids: dict[str, int] = field(default_factory=dict)

    def __getattr__(self, name: str) -> int:
        try:
            return self.__dict__["ids"][name]
        except KeyError:
            raise AttributeError(name) from None


def _valid_id(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


assert _valid_id(B_ID[:17]) == B_ID


def seed(sv: Services) -> World:
    """Fill an empty, migrated database (the clock pinned to DATA_DAY)."""
    w = World()
    ids = w.ids
    officer = sv.accounts.first_run(
        RoomSettings(room_name="安华里社区警务室", station="和平里派出所", community="安华里社区",
                     committee_name="安华里社区人民调解委员会", committee_short="安华", officer_in_charge="王建军"),
        officer_name="王建军", officer_phone="13901051234", username="wangjj", password=PASSWORD, confirm=PASSWORD,
    )  # fmt: skip
    sv.sign_in(officer)
    ids["officer_member"] = officer.member_id
    ids["officer_account"] = officer.account_id
    ids["gA"] = sv.grids.create(GridInput(code="WG01", name="一网格"))
    ids["gB"] = sv.grids.create(GridInput(code="WG02", name="二网格"))
    ids["staff_member"] = sv.team.create(MemberInput(name="刘芳", role=MemberRole.staff))
    ids["wA"] = sv.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[ids["gA"]]))
    ids["wB"] = sv.team.create(MemberInput(name="王大力", role=MemberRole.grid_worker, grid_ids=[ids["gB"]]))
    for key, user in (("staff", "liufang"), ("own", "zhangxl"), ("other", "wangdl")):
        member = {"staff": "staff_member", "own": "wA", "other": "wB"}[key]
        ids[f"{key}_account"] = sv.accounts.create(
            username=user, password=PASSWORD, confirm=PASSWORD, member_id=ids[member]
        )
    ids["rA"] = sv.residents.create(ResidentInput(
        name="严秀英", id_number=A_ID, phone=A_PHONE, address="安华里3号楼2单元501", grid_id=ids["gA"]))
    ids["rA2"] = sv.residents.create(ResidentInput(
        name="严建国", phone=A2_PHONE, address="安华里3号楼2单元601", grid_id=ids["gA"]))
    ids["rB"] = sv.residents.create(ResidentInput(
        name="窦志强", id_number=B_ID, phone=B_PHONE, address="安华里9号楼1单元101", grid_id=ids["gB"]))
    ids["rB2"] = sv.residents.create(ResidentInput(
        name="窦秀梅", phone=B2_PHONE, address="安华里9号楼1单元201", grid_id=ids["gB"]))

    at = datetime.combine(DAY, time(9))
    def request(resident: str, grid: str, hour: int) -> int:
        return sv.requests.create(RequestInput(
            received_at=at.replace(hour=hour), channel=Channel.visit, category="邻里求助", urgency=Urgency.normal,
            description="楼道堆物请帮忙协调", receiver_id=ids["officer_member"], resident_id=ids[resident],
            grid_id=ids[grid],
        ))  # fmt: skip

    ids["qA"] = request("rA", "gA", 9)  # registered
    ids["qA2"] = request("rA2", "gA", 10)  # dispatched to grid A's worker, handled, supervised
    ids["qB"] = request("rB", "gB", 11)
    sv.requests.dispatch(ids["qA2"], ids["wA"], at=at.replace(hour=11))
    sv.requests.add_action(ids["qA2"], at.replace(hour=12), ids["wA"], "上门协调")
    ids["supervise"] = sv.requests.supervise(ids["qA2"], "请尽快反馈", at=at.replace(hour=13))

    def entry(grid: str, people: tuple[str, str], worker: str) -> int:
        return sv.disputes.create(DisputeInput(
            screened_on=DAY, dispute_type="邻里", risk=Risk.yellow, summary="楼上漏水渗到楼下，双方争执",
            grid_id=ids[grid], screener_id=ids[worker], owner_id=ids["officer_member"], deadline=date(2026, 12, 20),
            parties=[PartyInput(name="", resident_id=ids[p]) for p in people],
        ), today=DAY)  # fmt: skip

    ids["eA"] = entry("gA", ("rA", "rA2"), "wA")
    ids["eA2"] = entry("gA", ("rA", "rA2"), "wA")  # stays a ledger entry (for 转为调解案件)
    ids["eB"] = entry("gB", ("rB", "rB2"), "wB")

    def case(kind: CaseKind, people: tuple[str, str], entry_id: int | None, mediator: str) -> int:
        draft = sv.mediation.draft_from_entry(entry_id, today=DAY) if entry_id else None
        parties = draft.parties if draft else [
            PartyInput(name="", resident_id=ids[people[0]], role=PartyRole.applicant),
            PartyInput(name="", resident_id=ids[people[1]], role=PartyRole.respondent),
        ]
        return sv.mediation.create(CaseInput(
            kind=kind, source=CaseSource.application, dispute_type="邻里", accepted_on=DAY,
            facts="卫生间漏水致楼下天花板受损。", parties=parties, mediator_ids=[ids[mediator]],
        ), entry_id=entry_id, today=DAY)  # fmt: skip

    ids["cA"] = case(CaseKind.people, ("rA", "rA2"), ids["eA"], "staff_member")
    ids["cB"] = case(CaseKind.people, ("rB", "rB2"), ids["eB"], "staff_member")
    ids["cP"] = case(CaseKind.public_order, ("rA", "rA2"), None, "officer_member")
    ids["recA"] = sv.mediation.add_record(ids["cA"], RecordKind.investigation, RecordInput(
        at=at.replace(hour=15), interviewee="严秀英", content="了解漏水经过", recorder="刘芳"))  # fmt: skip

    with sv.ctx.read() as s:
        codes = {t.code: t.id for t in s.query(ShiftType)}
    ids["shift_day"] = codes["白"]
    ids["absA"] = sv.roster.config.add_absence(ids["wA"], "leave", date(2026, 12, 21), date(2026, 12, 22), "事假")
    ids["prefA"] = sv.roster.config.add_preference(ids["wA"], False, None, 6, note="周日想休息")
    ids["handA"] = sv.duty.add_handover(at.replace(hour=17), "钥匙已交接", ids["wA"], ids["wB"])
    sv.roster.set_cell(ids["wA"], date(2026, 12, 7), [(codes["白"], None)])
    sv.roster.set_cell(ids["wB"], date(2026, 12, 8), [(codes["白"], None)])
    ids["swapA"] = sv.roster.request_swap(ids["wA"], date(2026, 12, 7), ids["wB"], date(2026, 12, 8), "家中有事")
    ids["need"] = sv.roster.config.needs()[0].id
    sv.roster.config.set_manual_day(date(2027, 1, 2), rest=True, name="元旦")
    for area_seed in area_seeds():
        area_seed(sv, _NewNamesOnly(ids, area_seed.__module__))
    return w


class _NewNamesOnly(dict):
    """The world's ids as an area's seed sees them: it adds names of its own, and one that is already
    taken (the common records' "cA", another area's "rB") is an error, not a record quietly replaced."""

    def __init__(self, ids: dict[str, int], area: str) -> None:
        super().__init__(ids)
        self.ids, self.area = ids, area

    def __setitem__(self, name: str, value: int) -> None:
        if name in self:
            raise KeyError(f"{self.area}: the world already has a record named {name!r}; choose another name")
        super().__setitem__(name, value)
        self.ids[name] = value  # written through to the world


def case_modules() -> list[str]:
    """Every ``tests/**/permission_cases.py`` as a module name (each area keeps its own rows)."""
    tests = Path(__file__).parent
    return [".".join(p.relative_to(tests.parent).with_suffix("").parts)
            for p in sorted(tests.rglob("permission_cases.py"))]


def area_seeds() -> list[Callable[[Services, dict[str, int]], None]]:
    """The ``SEED(services, ids)`` functions of the areas' case files: an area adds the records its rows
    need (volunteers, grid events, tips …) to the one world, as the officer, after the common records,
    and puts their ids in ``ids`` under names of its own.

    Seeds run in the order of the files' paths, except that a file naming others in ``SEED_AFTER``
    (module names, e.g. ``("tests.forces.permission_cases",)``) runs after them: the activities' seed
    uses the volunteers the forces' seed makes, though ``tests/activities`` sorts before ``tests/forces``."""
    import importlib

    mods = {name: importlib.import_module(name) for name in case_modules()}
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in path:
            raise RuntimeError(f"SEED_AFTER goes round in a circle: {' → '.join((*path, name))}")
        for before in getattr(mods[name], "SEED_AFTER", ()):
            if before not in mods:
                raise RuntimeError(f"{name}: SEED_AFTER names {before}, which is no permission_cases file")
            visit(before, (*path, name))
        order.append(name)

    for name in mods:
        visit(name, ())
    return [mods[n].SEED for n in order if hasattr(mods[n], "SEED")]


def actors(db: Database, w: World) -> dict[str, Actor]:
    """The four roles as signed-in accounts (as sign-in makes them)."""
    with db.sessions() as s:
        return {role: actor_for(s, s.get(Account, w.ids[f"{role}_account"])) for role in ROLES}


def open_world(template: Path, world: World, folder: Path, role: str) -> tuple[Database, Services]:
    """A fresh copy of the seeded world, and services signed in as ``role``'s account."""
    path = folder / f"world-{role}.db"
    shutil.copy(template, path)
    db = open_database("sqlite:///" + str(path), lock=False)
    return db, Services(db.sessions, actors(db, world)[role])


def build_template(folder: Path, migrated: Path) -> tuple[Path, World]:
    """A migrated database copy with the world in it (built once per test session)."""
    path = folder / "world.db"
    shutil.copy(migrated, path)
    with frozen(DATA_DAY):
        db = open_database("sqlite:///" + str(path), lock=False)
        try:
            world = seed(Services(db.sessions))
        finally:
            db.close()
    return path, world


# -- the case format ----------------------------------------------------------------------------
ALLOWED, REFUSED, FILTERED = "A", "R", "F"


@dataclass(frozen=True)
class PermCase:
    """One row of the permission table: a service method called as each of the four roles.

    Attributes:
        method: the method's path from ``Services``: ``"residents.get"``, ``"roster.config.delete_absence"``,
            or ``"history"`` for a method of ``Services`` itself.
        call: ``call(services, world)`` makes the call (signed in as the role) and returns its result.
        expect: four letters, for officer, staff, own-grid worker, other-grid worker: ``A`` allowed (returns),
            ``R`` refused (raises PermissionDenied), ``F`` filtered (returns, and nothing of a grid the
            actor is not responsible for is in the result: no ID number or phone of ``SECRETS``).
        note: what the row shows (a leak it closes, a rule); part of the test id.
        lenient: an allowed call may stop at a rule of the record's state (a DomainError other than
            PermissionDenied and NotFound: a loop move from the wrong step, 请先签到); without it an
            allowed call must succeed.
        check: ``check(result, world, role)`` for more than the letter says (e.g. what an allowed row holds).
        refusal: a ValidationError whose message holds this text also counts as refused (a form says
            a rule of who may do what beside its field: "网格员只能登记本人负责网格的…").
        echoes_input: the result repeats what the caller passed in (an ID number typed in a sheet), so
            the search for ``SECRETS`` is left to ``check``.
    """

    method: str
    call: Callable[[Services, World], Any]
    expect: str
    note: str = ""
    lenient: bool = False
    check: Callable[[Any, World, str], None] | None = None
    echoes_input: bool = False
    refusal: str = "本人负责网格"

    def __post_init__(self) -> None:
        if len(self.expect) != 4 or set(self.expect) - {ALLOWED, REFUSED, FILTERED}:
            raise ValueError(f"{self.method}: expect needs four letters of A/R/F, got {self.expect!r}")


def hidden_secrets(role: str) -> tuple[str, ...]:
    """The ID numbers and phones ``role`` must not see."""
    return {"own": SECRETS["B"], "other": SECRETS["A"]}.get(role, ())
