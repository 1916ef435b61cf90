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
from policeroom.services.context import Actor
from policeroom.services.registry import Services

_TEMPLATE: dict[str, Path] = {}


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
