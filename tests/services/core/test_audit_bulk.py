"""The roster's bulk operations (bulk SQL that the flush hook never sees) leave history entries too."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from policeroom.models import AuditEntry
from policeroom.services.core import auditchain
from policeroom.services.registry import Services
from tests.ui.roster.test_roster_ui import _team

MON = date(2026, 11, 23)
pytestmark = pytest.mark.today(datetime(2026, 11, 20, 9, 0))


def _entries(db, entity: str, action: str) -> list[AuditEntry]:  # noqa: ANN001
    with db.sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.action == action)))


def _people(officer: Services) -> tuple[int, int, int]:
    _team(officer)
    view = officer.roster.view(MON, MON)
    a, b = view.problem.members[3], view.problem.members[4]
    return a.id, b.id, view.problem.shifts[0].id


def test_clear_set_cell_and_swaps_recorded(officer: Services, db) -> None:  # noqa: ANN001
    a, b, day_shift = _people(officer)
    night = officer.roster.view(MON, MON).problem.shifts[1].id
    officer.roster.set_cell(a, MON, [(day_shift, None)])
    officer.roster.set_cell(b, MON, [(night, None)])
    officer.roster.set_cell(a, MON, [(night, None)])  # replaces: the old cell goes by bulk delete
    deleted = _entries(db, "roster_assignment", "delete")
    assert len(deleted) == 1 and deleted[0].actor == "王建军"
    assert json.loads(deleted[0].changes)["member_id"][0] == a
    officer.roster.swap(a, MON, b, MON + timedelta(days=1))
    assert len(_entries(db, "roster_assignment", "delete")) >= 2
    sid = officer.roster.request_swap(a, MON + timedelta(days=1), b, MON, "家中有事")
    before = len(_entries(db, "roster_assignment", "delete"))
    officer.roster.decide_swap(sid, True, "同意")
    assert len(_entries(db, "roster_assignment", "delete")) > before
    cleared = officer.roster.clear(MON, MON + timedelta(days=6))
    assert cleared > 0
    assert len(_entries(db, "roster_assignment", "delete")) >= before + cleared
    with db.engine.connect() as conn:
        assert auditchain.verify_full(conn).ok


def test_config_deletes_and_template_recorded(officer: Services, db) -> None:  # noqa: ANN001
    a, _b, day_shift = _people(officer)
    config = officer.roster.config
    absence = config.add_absence(a, "leave", MON, MON + timedelta(days=1))
    config.delete_absence(absence)
    entry = _entries(db, "roster_absence", "delete")
    assert len(entry) == 1 and entry[0].entity_id == absence and entry[0].actor == "王建军"
    pref = config.add_preference(a, False, day_shift, 0)
    config.delete_preference(pref)
    assert [e.entity_id for e in _entries(db, "roster_preference", "delete")] == [pref]
    config.set_manual_day(date(2027, 1, 1), True, "元旦")
    config.delete_manual_day(date(2027, 1, 1))
    assert len(_entries(db, "roster_holiday", "delete")) == 1
    officer.roster.setup.apply_template("three")
    archived = [e for e in _entries(db, "roster_shift_type", "update") if "archived" in json.loads(e.changes)]
    assert len(archived) == 4 and all(json.loads(e.changes)["archived"] == [False, True] for e in archived)
    deactivated = [e for e in _entries(db, "roster_requirement", "update") if "active" in json.loads(e.changes)]
    assert len(deactivated) == 5
    with db.engine.connect() as conn:
        assert auditchain.verify_full(conn).ok
