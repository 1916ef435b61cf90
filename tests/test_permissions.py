"""The permission table (权限表): every public service method × officer / staff / grid worker of the
record's own grid / grid worker of another grid → allowed, refused or filtered.

How to add rows (each area keeps its own): a file ``tests/<...>/<area>/permission_cases.py`` defines
``CASES``, a list of :class:`tests.permission_world.PermCase`::

    from tests.permission_world import PermCase

    CASES = [
        #        method            call(services, world)                       officer staff own other
        PermCase("residents.get", lambda sv, w: sv.residents.get(w.rA),     "AAAR"),
        PermCase("residents.rows", lambda sv, w: sv.residents.rows([w.rA, w.rB]), "AAFF",
                 note="ids of another grid are dropped"),
    ]

Letters: ``A`` allowed (the call returns), ``R`` refused (PermissionDenied, or a form's
refusal of another grid's record beside the field: "…本人负责网格…"), ``F`` filtered (returns
without any ID number or phone of a grid the role does not hold). The calls run against the world of
``tests/permission_world.py`` (grids A and B; an area's file may define ``SEED(services, ids)`` to add
the records its rows need; "own" is grid A's worker, "other" grid B's; the records a
case touches are grid A's) — a fresh copy of it for every call, signed in as the role's real account.

The table is complete by construction: ``test_every_service_method_has_a_row`` walks ``Services`` (every
attribute that is a service, its nested services such as ``roster.config``, and ``Services``' own
methods) and fails for a public method without a row, so a new method or a new service class must
bring its rows. Files are found by name anywhere under ``tests/``; a service class added by another
area only needs its own ``permission_cases.py``.
"""

from __future__ import annotations

import importlib
import inspect
import shutil
from pathlib import Path

import pytest

from policeroom.db import open_database
from policeroom.errors import DomainError, NotFound, PermissionDenied, ValidationError
from policeroom.services.registry import Services
from tests.permission_world import (
    ALLOWED,
    FILTERED,
    REFUSED,
    ROLES,
    PermCase,
    World,
    actors,
    build_template,
    case_modules,
    hidden_secrets,
)
from tests.timing import DATA_DAY

pytestmark = pytest.mark.today(DATA_DAY)

TESTS = Path(__file__).parent


def _case_files() -> list[str]:
    return case_modules()


def all_cases() -> list[PermCase]:
    cases: list[PermCase] = []
    for name in _case_files():
        cases.extend(importlib.import_module(name).CASES)
    return cases


CASES = all_cases()


def service_methods() -> set[str]:
    """Every public method reachable from ``Services``, found by introspection ("area.method")."""
    sv = Services.__new__(Services)
    Services.__init__(sv, None)  # no database is touched when building the services
    found: set[str] = set()
    seen: set[type] = set()

    def walk(prefix: str, obj: object) -> None:
        cls = type(obj)
        if cls in seen:  # the same class reached twice (mediation.disputes is disputes)
            return
        seen.add(cls)
        for name, _ in inspect.getmembers(cls, predicate=inspect.isfunction):
            if not name.startswith("_"):
                found.add(prefix + name)
        for key, value in vars(obj).items():
            if key != "ctx" and hasattr(value, "ctx") and type(value).__module__.startswith("policeroom.services"):
                walk(f"{prefix}{key}.", value)

    for key, value in vars(sv).items():
        if key != "ctx":
            walk(f"{key}.", value)
    for name, _ in inspect.getmembers(Services, predicate=inspect.isfunction):
        if not name.startswith("_"):
            found.add(name)
    return found


def test_every_service_method_has_a_row() -> None:
    methods = service_methods()
    covered = {c.method for c in CASES}
    missing = sorted(methods - covered)
    assert not missing, f"service methods without a row in any permission_cases.py: {missing}"
    stale = sorted(covered - methods)
    assert not stale, f"rows for methods that do not exist: {stale}"
    # the table's size, for the record (printed with -s)
    print(f"\npermission table: {len(methods)} methods × {len(ROLES)} roles = {len(methods) * len(ROLES)} cells; "
          f"{len(CASES)} rows × {len(ROLES)} = {len(CASES) * len(ROLES)} calls")


def test_a_new_method_without_a_row_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The coverage check sees methods added later, on a service and on a nested service."""
    from policeroom.services.people.residents import ResidentService
    from policeroom.services.roster.config import RosterConfig

    monkeypatch.setattr(ResidentService, "export_everything", lambda self: None, raising=False)
    monkeypatch.setattr(RosterConfig, "leave_reasons", lambda self: None, raising=False)
    missing = service_methods() - {c.method for c in CASES}
    assert missing == {"residents.export_everything", "roster.config.leave_reasons"}


def test_the_case_files_are_found() -> None:
    names = _case_files()
    assert {"tests.services.people.permission_cases", "tests.services.mediation.permission_cases"} <= set(names)


def test_a_seed_runs_after_the_seeds_it_names() -> None:
    """``SEED_AFTER``: the activities' seed uses the forces' volunteers though its path sorts first."""
    from tests.permission_world import area_seeds

    names = [seed.__module__ for seed in area_seeds()]
    assert sorted(case_modules()).index("tests.activities.permission_cases") < sorted(case_modules()).index(
        "tests.forces.permission_cases"
    )
    assert names.index("tests.forces.permission_cases") < names.index("tests.activities.permission_cases")


def test_an_area_seed_cannot_take_a_name_already_used() -> None:
    """An area naming its redemption "rB" would replace grid B's resident for every other row."""
    from tests.permission_world import _NewNamesOnly

    ids = {"rB": 3}
    seen = _NewNamesOnly(ids, "tests.activities.permission_cases")
    seen["redB"] = 5
    assert ids == {"rB": 3, "redB": 5}
    with pytest.raises(KeyError, match="rB"):
        seen["rB"] = 1
    assert ids["rB"] == 3


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> tuple[Path, World]:
    return build_template(tmp_path_factory.mktemp("world"), migrated_template)


def _ids() -> list[str]:
    counts: dict[str, int] = {}
    out = []
    for c in CASES:
        counts[c.method] = counts.get(c.method, 0) + 1
        out.append(c.method + (f"[{c.note}]" if c.note else "") + (f"#{counts[c.method]}" if counts[c.method] > 1 else ""))
    return out


def _form_refusal(e: ValidationError, text: str) -> bool:
    """A form's refusal beside the field ("网格员只能登记本人负责网格的…", "只能从本人负责网格的居民中选择…")."""
    fields = getattr(e, "errors", None) or {e.field: e.message}
    return any(text in m for m in fields.values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=_ids())
def test_permission(case: PermCase, role: str, world_template: tuple[Path, World], tmp_path: Path) -> None:
    template, world = world_template
    path = tmp_path / "world.db"
    shutil.copy(template, path)
    db = open_database("sqlite:///" + str(path), lock=False)
    try:
        sv = Services(db.sessions, actors(db, world)[role])
        expected = case.expect[ROLES.index(role)]
        if expected == REFUSED:
            with pytest.raises((PermissionDenied, ValidationError)) as refused:
                case.call(sv, world)
            if not isinstance(refused.value, PermissionDenied):  # said beside the form's grid field
                assert _form_refusal(refused.value, case.refusal), f"{case.method} as {role}: {refused.value} is no refusal"
            return
        try:
            result = case.call(sv, world)
        except PermissionDenied as e:
            pytest.fail(f"{case.method} as {role}: refused ({e.message}) but the table says {expected}")
        except NotFound:
            raise
        except DomainError:  # a rule of the record's state (ValidationError, 请先签到 …)
            if not case.lenient:
                raise
            return
        assert expected in (ALLOWED, FILTERED)
        # whatever a grid worker gets back holds nothing of another grid (filtered or not)
        shown = repr(result)
        leaked = [s for s in hidden_secrets(role) if s in shown and not case.echoes_input]
        assert not leaked, f"{case.method} as {role} shows another grid's {leaked}"
        if case.check is not None:
            case.check(result, world, role)
    finally:
        db.close()
