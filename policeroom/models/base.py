"""Declarative base, naming conventions and shared column helpers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from policeroom.services.core import clock

# Stable constraint names keep Alembic batch migrations on SQLite and PostgreSQL identical.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every ORM class.

    Column ``info`` keys used across the app:
        label: the Chinese field name shown in forms and in the history (修改记录).
        audit: False to keep a column out of the history (derived or secret values).
    """

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    #: Chinese name of the record kind, shown in the history (e.g. "居民").
    __label__: str = ""

    def audit_title(self) -> str:
        """Short human description of the record for history lists."""
        return f"{self.__label__}#{getattr(self, 'id', '')}"


class Timestamps:
    """created_at / updated_at columns, kept out of the audit trail (the trail has its own time)."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=clock.now, server_default=func.current_timestamp(), info={"audit": False}
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime,
        default=clock.now,
        onupdate=clock.now,
        server_default=func.current_timestamp(),
        info={"audit": False},
    )
