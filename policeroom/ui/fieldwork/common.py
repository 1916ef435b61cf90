"""Pieces the field-work screens share: grid and member choices, time fields, names typed as a list."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QTimeEdit, QWidget

from policeroom.models import MemberRole
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import fit_combo, tr

SEPARATORS = "、，,;；/ "


def grid_combo(services: Services, *, all_label: str | None = None, none_label: str | None = None) -> QComboBox:
    """A combo of the actor's grids; ``all_label`` first (a filter), or ``none_label`` (no grid) first."""
    combo = QComboBox()
    if all_label is not None:
        combo.addItem(tr(all_label), None)
    if none_label is not None:
        combo.addItem(tr(none_label), None)
    for gid, label in services.grids.choices():
        combo.addItem(label, gid)
    fit_combo(combo)
    return combo


def member_choices(services: Services) -> list[tuple[int, str]]:
    """Active team members (not volunteers), "姓名（角色）"."""
    return [
        (m.id, f"{m.name}（{m.role.label}）")
        for m in services.team.list(sort="name")
        if m.active and m.role != MemberRole.volunteer
    ]


def time_edit(value: time | None = None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def py_time(edit: QTimeEdit) -> time:
    t = edit.time()
    return time(t.hour(), t.minute())


def split_names(text: str) -> list[str]:
    """``王大妈、李叔`` → ["王大妈", "李叔"] (顿号, commas, semicolons or spaces; 全角括号 kept whole)."""
    out, cur, depth = [], "", 0
    for ch in text:
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(0, depth - 1)
        if ch in SEPARATORS and depth == 0:
            if cur.strip():
                out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def combo_data(combo: QComboBox) -> object:
    return combo.currentData()


def hint(widget: QWidget, text: str) -> QWidget:
    widget.setToolTip(tr(text))
    return widget
