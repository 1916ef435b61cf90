"""Issue 13: one program per database file however it is reached; sign-in waits for another writer."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from policeroom.db import Database, open_database
from policeroom.errors import AuthError, DatabaseInUse
from policeroom.services.registry import Services
from tests.conftest import OFFICER_PASSWORD


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_second_name_of_the_same_file_is_refused(db: Database, tmp_path: Path, link: str) -> None:
    other = tmp_path / "other-name.db"
    try:
        (os.link if link == "hard" else os.symlink)(db.path, other)
    except (OSError, NotImplementedError) as e:  # e.g. Windows without the symlink privilege
        pytest.skip(f"cannot make a {link} link here: {e}")
    with pytest.raises(DatabaseInUse) as err:
        open_database("sqlite:///" + str(other))
    assert "进程号" in err.value.message  # the holder is named, whichever name it used
    db.close()
    second = open_database("sqlite:///" + str(other))  # free once the first program lets go
    second.close()


def _hold_write_lock(path: Path, release: threading.Event, started: threading.Event) -> None:
    con = sqlite3.connect(str(path), isolation_level=None, timeout=10)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE account SET last_login_at = last_login_at")
        started.set()
        release.wait(10)  # until the sign-in has met the lock (set by a timer in the test)
        con.execute("COMMIT")
    finally:
        con.close()


@pytest.mark.parametrize("password", [OFFICER_PASSWORD, "wrong-pass1"])
def test_sign_in_waits_for_another_writer(officer: Services, db: Database, password: str) -> None:
    started, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=_hold_write_lock, args=(db.path, release, started))
    writer.start()
    # the writer lets go half a second after sign-in has begun: sign-in must wait for it, not fail at once
    letting_go = threading.Timer(0.5, release.set)
    try:
        started.wait(5)
        letting_go.start()
        if password == OFFICER_PASSWORD:
            assert officer.accounts.authenticate("wangjj", password).name == "王建军"
        else:
            with pytest.raises(AuthError, match="用户名或密码不正确"):
                officer.accounts.authenticate("wangjj", password)
    finally:
        release.set()
        letting_go.cancel()
        writer.join()
