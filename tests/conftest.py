"""Test fixtures: headless Qt, and a fresh database migrated with Alembic exactly as users get it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from policeroom.db import Database, open_database
from policeroom.models import AccountRole
from policeroom.services.core.context import Actor
from policeroom.services.registry import Services

_TEMPLATE: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def _pinned_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """``@pytest.mark.today(date(2026, 11, 25))`` (or a datetime) pins the clock for the whole test.

    Autouse, so the clock stops before the database and the signed-in officer are set up: every
    timestamp of the test, fixtures included, is on the pinned day. Tests without the mark must pass
    on any date.
    """
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    from tests.timing import frozen

    with frozen(marker.args[0]):
        yield


@pytest.fixture(autouse=True)
def _quick_password_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at the shipped cost (2**17, 128 MiB) takes ~0.3 s per hash; tests that create accounts
    use 2**14 unless marked ``real_password_cost``."""
    if request.node.get_closest_marker("real_password_cost") is None:
        from policeroom.services.people import passwords

        monkeypatch.setattr(passwords, "COST_N", 2**14)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated through Alembic; each test gets a copy (migrating per test is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database("sqlite:///" + str(path), lock=False)
    db.close()
    return path


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    path = tmp_path / "policeroom.db"
    shutil.copy(migrated_template, path)
    database = open_database("sqlite:///" + str(path))
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db.sessions)


def actor(role: AccountRole, grid_ids: tuple[int, ...] = (), name: str = "测试") -> Actor:
    return Actor(account_id=None, name=name, role=role, grid_ids=frozenset(grid_ids))


ROOM = dict(
    room_name="安华里社区警务室",
    station="和平里派出所",
    community="安华里社区",
    committee_name="安华里社区人民调解委员会",
    committee_short="安华",
    officer_in_charge="王建军",
)
OFFICER_PASSWORD = "jingwu2026"


@pytest.fixture
def officer(services: Services) -> Services:
    """Services after first run, signed in as the officer (username ``wangjj``)."""
    from policeroom.services.core.settings import RoomSettings

    actor_ = services.accounts.first_run(
        RoomSettings(**ROOM),
        officer_name="王建军",
        officer_phone="13901051234",
        username="wangjj",
        password=OFFICER_PASSWORD,
        confirm=OFFICER_PASSWORD,
    )
    services.sign_in(actor_)
    return services


@pytest.fixture
def bus(qapp):  # noqa: ANN001, ANN201
    from policeroom.ui.bus import ChangeBus

    return ChangeBus()


def run_desks(url: str, actor_: Actor, ids: dict, work, desks: int = 4) -> list[BaseException]:  # noqa: ANN001
    """Several desks (threads, each with its own connection) call ``work(services)`` at the same moment.

    Returns the errors they met (an empty list when every save went through).
    """
    import threading

    errors: list[BaseException] = []
    start = threading.Barrier(desks)

    def desk() -> None:
        db = open_database(url, lock=False) if url.startswith("sqlite") else open_database(url)
        try:
            sv = Services(db.sessions, actor_)
            sv.ids = ids
            start.wait()
            work(sv)
        except BaseException as e:  # noqa: BLE001 - reported to the test
            errors.append(e)
        finally:
            db.close()

    threads = [threading.Thread(target=desk) for _ in range(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def cli_as_officer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run in the test sign in as the ``officer`` fixture's account (POLICEROOM_USER/PASSWORD)."""
    monkeypatch.setenv("POLICEROOM_USER", "wangjj")
    monkeypatch.setenv("POLICEROOM_PASSWORD", OFFICER_PASSWORD)


@pytest.fixture
def cli_as_demo_officer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run in the test sign in as the demo's officer (seed-demo's wangjianjun / demo1234)."""
    monkeypatch.setenv("POLICEROOM_USER", "wangjianjun")
    monkeypatch.setenv("POLICEROOM_PASSWORD", "demo1234")


def signed_in_args(db: Database, args):  # noqa: ANN001, ANN201 - argparse.Namespace
    """``args`` of a command called directly (``_COMMANDS[...]``) as ``policeroom --user …`` runs it: as the
    database's officer, or as 命令行 on a database without accounts (as ``run`` does)."""
    from sqlalchemy import select

    from policeroom.models import Account
    from policeroom.services.core.exports import CLI_ACTOR
    from policeroom.services.people.accounts import actor_for

    with db.sessions() as s:
        officer = s.scalar(select(Account).where(Account.role == AccountRole.officer).order_by(Account.id))
        args.actor = actor_for(s, officer) if officer is not None else CLI_ACTOR
    return args
