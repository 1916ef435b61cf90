"""Personal data in exported lists (导出与个人信息): masking by default, the officer's full export, the log.

Any list with people (居民, 团队成员, 群众求助 …) masks identity numbers and phones when exported, as
the screen does. The officer alone may ask for one export in full (导出完整身份证号和电话). Every
export is written to the history: who exported which list, with which filter, how many rows, masked
or full; the command line writes as 命令行.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole, AuditEntry
from policeroom.services.core import audit
from policeroom.services.core.context import Actor, Perm, ServiceContext
from policeroom.services.core.text import search_text
from policeroom.services.core.validators import mask_id_number, mask_phone

#: the history's entity for exports (one trail with the prints, entity id 0)
EXPORT_ENTITY = audit.OUTPUT_TABLE
FULL_CHOICE = "导出完整身份证号和电话"
#: the actor the command line writes as until it has a sign-in
CLI_ACTOR = Actor(account_id=None, name="命令行", role=AccountRole.officer)

_ID_IN_TEXT = re.compile(r"(?<![0-9])([1-9][0-9]{5})([0-9]{8})([0-9]{3}[0-9Xx])(?![0-9])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")
_LANDLINE_IN_TEXT = re.compile(r"(?<![0-9])(0[0-9]{2,3}-)([0-9]{4})([0-9]{3,4})(?![0-9])")
_ID_HEADERS = ("身份证", "证件号")
_PHONE_HEADERS = ("电话", "手机", "联系方式")


def mask_text(text: str) -> str:
    """Identity numbers and phones inside free text (``张三 13800001111``) masked."""
    text = _ID_IN_TEXT.sub(lambda m: m.group(1) + "********" + m.group(3)[-4:], text)
    text = _MOBILE_IN_TEXT.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    return _LANDLINE_IN_TEXT.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def _mask_id(value: Any) -> Any:
    return mask_id_number(value) if isinstance(value, str) and value else value


def _mask_phone(value: Any) -> Any:
    if not isinstance(value, str) or not value:
        return value
    masked = mask_text(value)
    return masked if masked != value else mask_phone(value)


def column_mask(header: str) -> Callable[[Any], Any] | None:
    """How a column with this header is masked, or None (not personal)."""
    if any(h in header for h in _ID_HEADERS):
        return _mask_id
    if any(h in header for h in _PHONE_HEADERS):
        return _mask_phone
    return None


def has_personal_columns(headers: Sequence[str]) -> bool:
    return any(column_mask(h) is not None for h in headers)


def masked_row_getter(headers: Sequence[str], full: bool) -> Callable[[Sequence[Any]], list[Any]]:
    """Turn a row of values (in header order) into the exported row: masked unless ``full``."""
    masks = [None if full else column_mask(h) for h in headers]

    def row(values: Sequence[Any]) -> list[Any]:
        return [m(v) if m is not None else v for m, v in zip(masks, values, strict=False)]

    return row


def may_export_full(actor: Actor) -> bool:
    """Only the officer may export identity numbers and phones in full."""
    return actor.role == AccountRole.officer


class ExportLog:
    """Records each export in the history and checks who may export in full."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def check_full(self, full: bool) -> None:
        if full and not may_export_full(self.ctx.actor):
            raise PermissionDenied(f"只有社区民警可以{FULL_CHOICE}。")

    def record(self, what: str, filters: str, rows: int, full: bool, personal: bool = True) -> None:
        """One history entry: who exported which list, with which filter, how many rows, masked or full."""
        self.check_full(full)
        actor = self.ctx.actor
        changes = {
            "列表": [None, what], "筛选": [None, filters or "（无）"], "行数": [None, rows],
            "身份证号和电话": [None, ("完整" if full else "已隐藏") if personal else "（不含）"],
        }
        with self.ctx.write() as s:  # through the chained history, like every other entry
            audit.record(s, actor, EXPORT_ENTITY, 0, "export", changes, title=f"导出{what}"[:200])

    def entries(self) -> list[audit.HistoryItem]:
        """Every export, newest first (the officer's: who exported what is not for everyone)."""
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.read() as s:
            return audit.history(s, EXPORT_ENTITY, 0)

    def list(
        self, query: str = "", *, kind: str | None = None, sort: str = "at", descending: bool = True
    ) -> list[ExportRecord]:
        """导出记录 (officer only): every export and print of personal data, searchable and sortable.

        Args:
            query: words found in who, which list, the filter or 完整/已隐藏 (all must match).
            kind: ``export`` or ``print`` (None: both).
            sort: one of ``EXPORT_SORTS``.
        """
        if not may_export_full(self.ctx.actor):
            raise PermissionDenied("只有社区民警可以查看导出记录。")
        actions = (kind,) if kind else tuple(OUTPUT_ACTIONS)
        with self.ctx.read() as s:
            entries = s.execute(
                select(AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.title,
                       AuditEntry.changes)
                .where(AuditEntry.entity == EXPORT_ENTITY, AuditEntry.entity_id == 0,
                       AuditEntry.action.in_(actions))
            ).all()  # fmt: skip
        rows = [_export_record(e) for e in entries]
        words = search_text(query).casefold().split()
        if words:
            rows = [r for r in rows if all(w in r.search_text for w in words)]
        key = EXPORT_SORTS.get(sort, EXPORT_SORTS["at"])
        return sorted(rows, key=lambda r: (key(r), r.id), reverse=descending)


#: the history's actions shown in 导出记录, with their labels
OUTPUT_ACTIONS = {"export": "导出", "print": "打印"}


@dataclass(frozen=True)
class ExportRecord:
    """One line of 导出记录: who exported or printed which list, when, with which filter, rows, masking."""

    id: int
    at: datetime
    actor: str
    kind: str  # 导出 / 打印
    what: str
    filters: str
    rows: int | None
    personal: str  # 完整 / 已隐藏 / （不含） / — (a print)

    @property
    def search_text(self) -> str:
        return " ".join((self.actor, self.kind, self.what, self.filters, self.personal)).casefold()


EXPORT_SORTS: dict[str, Callable[[ExportRecord], Any]] = {
    "at": lambda r: r.at,
    "actor": lambda r: r.actor,
    "kind": lambda r: r.kind,
    "what": lambda r: r.what,
    "filters": lambda r: r.filters,
    "rows": lambda r: -1 if r.rows is None else r.rows,
    "personal": lambda r: r.personal,
}


def _after(changes: dict[str, Any], key: str) -> Any:
    value = changes.get(key)
    return value[1] if isinstance(value, list) and len(value) == 2 else None


def _export_record(e: Any) -> ExportRecord:
    try:
        changes = json.loads(e.changes or "{}")
    except ValueError:  # a damaged entry still shows (the chain check reports the damage)
        changes = {}
    rows = _after(changes, "行数")
    return ExportRecord(
        id=e.id, at=e.at, actor=e.actor, kind=OUTPUT_ACTIONS.get(e.action, e.action),
        what=str(_after(changes, "列表") or e.title or ""), filters=str(_after(changes, "筛选") or ""),
        rows=rows if isinstance(rows, int) else None, personal=str(_after(changes, "身份证号和电话") or "—"),
    )  # fmt: skip


__all__ = [
    "EXPORT_SORTS", "OUTPUT_ACTIONS", "ExportRecord",
    "CLI_ACTOR", "EXPORT_ENTITY", "FULL_CHOICE", "ExportLog", "column_mask", "has_personal_columns", "mask_text",
    "masked_row_getter", "may_export_full",
]
