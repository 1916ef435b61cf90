"""Alembic migrations, run programmatically (no alembic.ini needed at run time).

``HEAD_REVISION`` lets start-up check the schema without importing Alembic; a test keeps it equal to
the head of ``versions/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

HEAD_REVISION = "0012"
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


def known_revisions() -> frozenset[str]:
    """The revision ids this program has scripts for, from the file names (no Alembic import)."""
    return frozenset(p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))


def is_newer_than_program(revision: str) -> bool:
    """A revision stamped by a newer program: beyond our head, or one we have no script for."""
    if revision.isdigit() and HEAD_REVISION.isdigit():
        return int(revision) > int(HEAD_REVISION)
    return revision not in known_revisions()


def version_label(revision: str) -> str:
    """``0005`` -> ``5``: the number people read; other ids as they are."""
    return str(int(revision)) if revision.isdigit() else revision
