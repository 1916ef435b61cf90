"""The history (修改记录): one SQLAlchemy hook records every write made through a session.

The hook runs after each flush, while attribute history still holds the old values, and writes one
``audit_entry`` row per created, changed or deleted object, in the same transaction as the change:
if the change rolls back, so does its history. The actor comes from ``session.info["actor"]``.
Bulk ``update()`` / ``delete()`` statements never reach the flush: a ``do_orm_execute`` hook records
each row they touch. Writes no hook can see (sign-in, passwords, exports) call ``record()``.
Every entry is appended to the hash chain (``auditchain``), so an edit in the file shows.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.attributes import NO_VALUE

from policeroom.models import AuditEntry, Base, Setting
from policeroom.services.core import auditchain, clock

ACTION_LABELS = {
    "create": "新建", "update": "修改", "delete": "删除", "sign_in": "登录", "sign_in_failed": "登录失败",
    "lock": "锁定", "unlock": "解锁", "password": "改密码", "reset_password": "重置密码", "export": "导出",
    "print": "打印", "screen_lock": "锁屏", "screen_unlock": "解除锁屏", "reveal": "查看举报人",
}  # fmt: skip


#: the history's "table" for exports and prints of documents with personal data (导出、打印)
OUTPUT_TABLE = "output"


def _plain(value: Any) -> Any:
    """A JSON-friendly, human-readable form of a column value."""
    if value is NO_VALUE:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, time):  # shift times (班次)
        return value.strftime("%H:%M")
    if isinstance(value, Base):
        return value.audit_title()
    return value


def _audited_columns(obj: Base) -> list[str]:
    mapper = inspect(obj).mapper
    return [
        attr.key
        for attr in mapper.column_attrs
        if attr.columns[0].info.get("audit", True) and not attr.columns[0].primary_key
    ]


def _fk_titles(session: Session, obj: Base) -> dict[str, type[Base]]:
    """Columns that point at another record, with the class to name it by."""
    mapper = inspect(obj).mapper
    out: dict[str, type[Base]] = {}
    for attr in mapper.column_attrs:
        for fk in attr.columns[0].foreign_keys:
            for m in Base.registry.mappers:
                if m.local_table is fk.column.table:
                    out[attr.key] = m.class_
    return out


def _changes(session: Session, obj: Base, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    fks = _fk_titles(session, obj)
    for key in _audited_columns(obj):
        hist = state.attrs[key].history
        if action == "create":
            value = getattr(obj, key)
            if value not in (None, "", False):
                out[key] = [None, _plain(value)]
        elif action == "delete":
            value = hist.unchanged[0] if hist.unchanged else (hist.deleted[0] if hist.deleted else None)
            out[key] = [_plain(value), None]
        elif hist.has_changes():
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if _plain(before) != _plain(after):
                out[key] = [_plain(before), _plain(after)]
    for key, target in fks.items():  # "网格 1 -> 2" reads better as "WG01 一网格 -> WG02 二网格"
        if key in out:
            with session.no_autoflush:
                out[key] = [_title(session, target, v) for v in out[key]]
    for rel in getattr(obj, "__audit_relationships__", ()):
        hist = state.attrs[rel].history
        if not hist.has_changes() and action == "update":
            continue
        before = sorted(_plain(o) for o in (*hist.unchanged, *hist.deleted))
        after = sorted(_plain(o) for o in (*hist.unchanged, *hist.added))
        if action == "create":
            before = []
        if before != after:
            out[rel] = [before, after]
    return out


def _title(session: Session, target: type[Base], value: Any) -> Any:
    if value is None:
        return None
    cache = session.info.setdefault("_audit_titles", {})
    key = (target, value)
    if key not in cache:
        other = session.get(target, value)
        cache[key] = other.audit_title() if other is not None else value
    return cache[key]


def _after_flush(session: Session, _ctx: Any) -> None:
    actor = session.info.get("actor")
    rows: list[dict[str, Any]] = []
    now = clock.now()
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            if not isinstance(obj, Base) or isinstance(obj, AuditEntry) or not obj.__label__:
                continue
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            changes = _changes(session, obj, action)
            entity_id = inspect(obj).mapper.primary_key_from_instance(obj)[0]
            if isinstance(obj, Setting):  # keyed by text: the key names the field, the id is 0
                changes, entity_id = ({obj.key: changes["value"]} if "value" in changes else {}), 0
            if action == "update" and not changes:
                continue
            rows.append(
                {
                    "at": now,
                    "account_id": getattr(actor, "account_id", None),
                    "actor": getattr(actor, "name", "系统"),
                    "action": action,
                    "entity": obj.__tablename__,
                    "entity_id": entity_id,
                    "title": obj.audit_title()[:200],
                    "changes": json.dumps(changes, ensure_ascii=False),
                }
            )
    session.info.pop("_audit_titles", None)  # titles may change with the next flush
    if rows:
        # Core insert: adding ORM objects inside a flush is not allowed.
        auditchain.append(session.connection(), rows)


def record(
    session: Session,
    actor: Any,
    table: str,
    entity_id: int | None,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    title: str = "",
) -> None:
    """Record a write the hook cannot see (bulk SQL, settings, sign-in, exports) in the history.

    Runs inside the caller's transaction, so the entry commits or rolls back with the change.
    ``changes`` is ``{field: [before, after]}``; ``actor`` an ``Actor`` (or None for 系统).
    """
    plain = {k: [_plain(v[0]), _plain(v[1])] for k, v in (changes or {}).items()}
    auditchain.append(
        session.connection(),
        [
            {
                "at": clock.now(),
                "account_id": getattr(actor, "account_id", None),
                "actor": getattr(actor, "name", None) or "系统",
                "action": action,
                "entity": table,
                "entity_id": entity_id or 0,
                "title": title[:200],
                "changes": json.dumps(plain, ensure_ascii=False, default=str),
            }
        ],
    )


def _snapshot(obj: Base, columns: list[str]) -> dict[str, Any]:
    return {key: _plain(getattr(obj, key)) for key in columns}


def _bulk_write(state: ORMExecuteState) -> Any:
    """Bulk ``update()`` / ``delete()`` statements bypass the flush: record each row they touch."""
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return None
    cls = state.bind_mapper.class_
    if not getattr(cls, "__label__", "") or cls is AuditEntry:
        return None
    session = state.session
    mapper = state.bind_mapper
    columns = [a.key for a in mapper.column_attrs if a.columns[0].info.get("audit", True) and not a.columns[0].primary_key]
    with session.no_autoflush:
        where = state.statement.whereclause
        objs = session.scalars(select(cls) if where is None else select(cls).where(where)).all()
    before = {mapper.primary_key_from_instance(o)[0]: (o.audit_title()[:200], _snapshot(o, columns)) for o in objs}
    result = state.invoke_statement()
    after: dict[Any, dict[str, Any]] = {}
    if state.is_update and before:
        table = mapper.local_table
        pk = mapper.primary_key[0]
        rows = session.connection().execute(select(table).where(pk.in_(list(before)))).mappings()
        after = {row[pk.key]: {k: _plain(row[mapper.get_property(k).columns[0].key]) for k in columns} for row in rows}
    actor = session.info.get("actor")
    now = clock.now()
    entries = []
    for entity_id, (title, old) in before.items():
        if state.is_delete:
            changes = {k: [v, None] for k, v in old.items()}
        else:
            new = after.get(entity_id, {})
            changes = {k: [v, new.get(k)] for k, v in old.items() if new.get(k) != v}
            if not changes:
                continue
        entries.append({
            "at": now, "account_id": getattr(actor, "account_id", None), "actor": getattr(actor, "name", "系统"),
            "action": "delete" if state.is_delete else "update", "entity": mapper.local_table.name,
            "entity_id": entity_id, "title": title, "changes": json.dumps(changes, ensure_ascii=False, default=str),
        })  # fmt: skip
    auditchain.append(session.connection(), entries)
    return result


def install_audit(sessions: sessionmaker[Session]) -> None:
    """Attach the audit hooks to a session factory (done once by db.open_database)."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _bulk_write)


@dataclass(frozen=True)
class FieldChange:
    field: str  # Chinese label
    before: str
    after: str


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    actor: str
    action: str  # Chinese: 新建 / 修改 / 删除
    title: str
    changes: tuple[FieldChange, ...]


def _labels_for(table: str) -> dict[str, str]:
    for mapper in Base.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            labels = {a.key: a.columns[0].info.get("label", a.key) for a in mapper.column_attrs}
            cls = mapper.class_
            for rel in getattr(cls, "__audit_relationships__", ()):
                target = mapper.relationships[rel].mapper.class_
                labels[rel] = getattr(target, "__label__", rel)
            return labels
    return {}


def _display(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（无）"
    from policeroom.services.core.labels import value_label

    return value_label(value)


def history(session: Session, table: str, entity_id: int) -> list[HistoryItem]:
    """The record's history, newest first, with Chinese field names."""
    labels = _labels_for(table)
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == table, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    ).all()
    items = []
    for e in entries:
        raw = json.loads(e.changes or "{}")
        changes = tuple(
            FieldChange(labels.get(k, k), _display(v[0]), _display(v[1])) for k, v in raw.items()
        )
        items.append(HistoryItem(e.at, e.actor, ACTION_LABELS.get(e.action, e.action), e.title, changes))
    return items
