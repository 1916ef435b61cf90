"""Whole-number settings (锁屏 minutes, backups kept): checked with the range in the message, in the history."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.services.core.forms import errors_of
from policeroom.services.core.settings import (
    IDLE_LOCK_KEY,
    KEEP_DAILY_KEY,
    KEEP_MONTHLY_KEY,
    NUMBER_SETTINGS,
    parse_whole,
)
from policeroom.services.registry import Services
from tests.conftest import actor

SPEC = NUMBER_SETTINGS[IDLE_LOCK_KEY]


def test_defaults(officer: Services) -> None:
    assert officer.settings.idle_lock_minutes() == 10
    assert officer.settings.number(KEEP_DAILY_KEY) == 30
    assert officer.settings.number(KEEP_MONTHLY_KEY) == 12


@pytest.mark.parametrize("raw", ["0", "241", "-1", "1.5", "十", "abc", "", "  ", "1e3", "٣"])
def test_refused_with_range(raw: str) -> None:
    problem = parse_whole(raw, SPEC)
    assert isinstance(problem, str) and "1" in problem and "240" in problem


@pytest.mark.parametrize(("raw", "value"), [("1", 1), (" 15 ", 15), ("２０", 20), ("240", 240), (5, 5)])
def test_accepted(raw: str, value: int) -> None:
    assert parse_whole(raw, SPEC) == value


@given(st.text(max_size=12))
def test_any_text_is_a_number_in_range_or_a_message(raw: str) -> None:
    result = parse_whole(raw, SPEC)
    assert (isinstance(result, int) and 1 <= result <= 240) or (isinstance(result, str) and result)


def test_saved_and_in_history(officer: Services) -> None:
    officer.settings.save_numbers({IDLE_LOCK_KEY: "5", KEEP_DAILY_KEY: "60"})
    assert officer.settings.idle_lock_minutes() == 5
    assert officer.settings.number(KEEP_DAILY_KEY) == 60
    entries = officer.history("setting", 0)
    mine = [h for h in entries if IDLE_LOCK_KEY in str(h.changes)]
    assert len(mine) == 1 and "5" in str(mine[0].changes) and mine[0].actor == "王建军"


def test_one_bad_value_saves_nothing(officer: Services) -> None:
    with pytest.raises(ValidationError) as e:
        officer.settings.save_numbers({IDLE_LOCK_KEY: "5", KEEP_MONTHLY_KEY: "0"})
    assert set(errors_of(e.value)) == {KEEP_MONTHLY_KEY}
    assert officer.settings.idle_lock_minutes() == 10


def test_only_the_officer_saves(officer: Services) -> None:
    officer.sign_in(actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        officer.settings.save_numbers({IDLE_LOCK_KEY: "5"})


def test_tampered_value_reads_as_default(officer: Services, db) -> None:  # noqa: ANN001
    import sqlite3

    con = sqlite3.connect(db.path)
    con.execute("INSERT INTO setting (key, value) VALUES (?, '99999')", (IDLE_LOCK_KEY,))
    con.commit()
    con.close()
    assert officer.settings.idle_lock_minutes() == 10
