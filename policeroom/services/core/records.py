"""Small pieces every record service uses: LIKE escaping, name search, delete-or-archive."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_, select, update
from sqlalchemy.orm import Session

from policeroom.models import Base, Counter
from policeroom.services.core.pinyin import looks_like_pinyin_query


def next_value(session: Session, key: str) -> int:
    """Take the next running number for ``key`` inside the caller's transaction.

    One atomic upsert (``INSERT … ON CONFLICT DO UPDATE … RETURNING``): the row is locked until the
    saving transaction ends, so a failed save rolls the number back (no gaps) and concurrent saves
    queue (no duplicates) — also for the year's first number, which a read-then-insert would race on
    (measured on PostgreSQL: three of four desks failed with a duplicate key).
    """
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        stmt = insert(Counter).values(key=key, value=1)
        stmt = stmt.on_conflict_do_update(index_elements=[Counter.key], set_={"value": Counter.value + 1})
        return int(session.execute(stmt.returning(Counter.value)).scalar_one())
    value = session.execute(
        update(Counter).where(Counter.key == key).values(value=Counter.value + 1).returning(Counter.value)
    ).scalar()
    if value is None:
        session.add(Counter(key=key, value=1))
        session.flush()
        value = 1
    return int(value)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column, text: str) -> ColumnElement[bool]:  # noqa: ANN001 - any column
    return column.like(f"%{like_escape(text)}%", escape="\\")


def name_match(model: type[Base], term: str) -> ColumnElement[bool]:
    """Match a name by Chinese substring (1+ characters) or by pinyin (``zs`` or ``zhangs`` finds 张三)."""
    clauses = [contains(model.name, term)]
    if looks_like_pinyin_query(term):
        t = like_escape(term.lower())
        spelled = func.replace(model.name_pinyin, " ", "")  # stored "zhang san" for dictionary order
        clauses.append(model.name_initials.like(f"%{t}%", escape="\\"))
        clauses.append(spelled.like(f"{t}%", escape="\\"))
        if len(t) >= 4:
            clauses.append(spelled.like(f"%{t}%", escape="\\"))
    return or_(*clauses)


#: a search term is at most this long (a pasted megabyte made SQLite refuse the pattern)
MAX_TERM = 100


def search_terms(query: str) -> list[str]:
    """Split a search box's text on spaces (half- or full-width); every term must match.

    The text is normalised as stored text is (``services.core.text``): full-width letters, middle-dot
    variants; NUL, control characters and broken surrogates are dropped (they crashed FTS5).
    """
    from policeroom.services.core.text import search_text

    return [t[:MAX_TERM] for t in search_text(query[: MAX_TERM * 20]).split() if t][:6]


def all_terms(query: str, match) -> ColumnElement[bool]:  # noqa: ANN001 - term -> clause
    terms = search_terms(query)
    if not terms:
        return ~false()
    return and_(*(match(t) for t in terms))


@dataclass(frozen=True)
class Reference:
    label: str
    count: int


def references_to(session: Session, obj: Base) -> list[Reference]:
    """Which other records point at ``obj`` (found from the foreign keys, so new modules count too)."""
    table = obj.__table__
    obj_id = obj.id
    found: list[Reference] = []
    for mapper in Base.registry.mappers:
        other = mapper.local_table
        for fk in other.foreign_keys:
            if fk.column.table is table and fk.parent.table is other:
                n = session.scalar(select(func.count()).select_from(other).where(fk.parent == obj_id))
                if n:
                    found.append(Reference(getattr(mapper.class_, "__label__", other.name) or other.name, n))
    return found
