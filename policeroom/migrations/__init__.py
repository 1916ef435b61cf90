"""Alembic migrations, run programmatically (no alembic.ini needed at run time).

``HEAD_REVISION`` lets start-up check the schema without importing Alembic; a test keeps it equal to
the head of ``versions/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD_REVISION = "0006"
MIGRATIONS_DIR = Path(__file__).resolve().parent


#: Tables Alembic must not compare with the models: SQLite full-text indexes and their shadow tables.
SEARCH_TABLE_PREFIXES = ("request_search",)


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Alembic filter: leave the full-text search tables out of autogenerate comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIXES))


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
