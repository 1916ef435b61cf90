"""Encrypted databases for the tests: the migrated template exported under a fresh key (fast)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policeroom.db import Database, open_database
from policeroom.services.core.settings import RoomSettings
from policeroom.services.registry import Services
from policeroom.vault.convert import export_encrypted
from policeroom.vault.unlocked import Vault
from tests.conftest import OFFICER_PASSWORD, ROOM


def leaks(paths: list[Path], needles: list[str]) -> list[str]:
    """What a ``strings``-like scan finds: each needle in UTF-8, UTF-16 LE and BE, in every file given."""
    found = []
    for path in paths:
        if not path.exists():
            continue
        data = path.read_bytes()
        for needle in needles:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if needle.encode(encoding) in data:
                    found.append(f"{needle} ({encoding}) in {path.name}")
    return found


@pytest.fixture
def vault_db(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    path = tmp_path / "policeroom.db"
    vault = Vault.create(path)
    export_encrypted(migrated_template, path, vault.key)
    database = open_database("sqlite:///" + str(path), vault=vault)
    yield database
    database.close()


@pytest.fixture
def encrypted_officer(vault_db: Database) -> Services:
    services = Services(vault_db.sessions)
    services.sign_in(services.accounts.first_run(
        RoomSettings(**ROOM), officer_name="王建军", officer_phone="13901051234", username="wangjj",
        password=OFFICER_PASSWORD, confirm=OFFICER_PASSWORD,
    ))
    return services
