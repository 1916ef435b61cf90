"""Alembic migrations, run programmatically (no alembic.ini needed at run time).

``HEAD_REVISION`` lets start-up check the schema without importing Alembic; a test keeps it equal to
the head of ``versions/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD_REVISION = "0001"
MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(engine: Engine | None = None):  # -> alembic.config.Config
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def run_upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
