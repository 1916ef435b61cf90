"""Alembic environment: uses the engine handed over in config.attributes (our pragmas applied)."""

from __future__ import annotations

from alembic import context

from policeroom.migrations import include_name
from policeroom.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from policeroom.db import make_engine, resolve_url

        engine = make_engine(config.get_main_option("sqlalchemy.url") or resolve_url())
    with engine.connect() as connection:
        # SQLite cannot ALTER most things; batch mode rebuilds tables portably.
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
