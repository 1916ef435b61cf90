"""The editable lists of the forces (队伍类别、联盟类别、场所类别), kept as settings like the dispute types."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import Setting
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.forces.types import (
    DEFAULT_PARTNER_KINDS,
    DEFAULT_TEAM_KINDS,
    DEFAULT_UNIT_KINDS,
    PARTNER_KINDS_KEY,
    TEAM_KINDS_KEY,
    UNIT_KINDS_KEY,
)

#: list name -> (settings key, defaults, label, longest item)
LISTS = {
    "team": (TEAM_KINDS_KEY, DEFAULT_TEAM_KINDS, "队伍类别", 30),
    "partner": (PARTNER_KINDS_KEY, DEFAULT_PARTNER_KINDS, "联盟类别", 20),
    "unit": (UNIT_KINDS_KEY, DEFAULT_UNIT_KINDS, "场所类别", 20),
}


def load_kinds(s: Session, which: str) -> list[str]:
    key, defaults, _label, _n = LISTS[which]
    row = s.get(Setting, key)
    if row is None:
        return list(defaults)
    try:
        value = json.loads(row.value)
    except ValueError:
        return list(defaults)
    return [str(v) for v in value] if isinstance(value, list) and value else list(defaults)


class KindLists:
    """Read and (officer) edit the three lists."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self, which: str) -> list[str]:
        with self.ctx.read() as s:
            return load_kinds(s, which)

    def save(self, which: str, items: list[str]) -> list[str]:
        self.ctx.actor.require(Perm.edit_settings)
        key, _defaults, label, longest = LISTS[which]
        clean = [t.strip() for t in items if t.strip()]
        if not clean:
            raise ValidationError(which, f"至少保留一个{label}")
        if len(set(clean)) != len(clean):
            raise ValidationError(which, f"{label}不能重复")
        if any(len(t) > longest for t in clean):
            raise ValidationError(which, f"{label}名称不能超过{longest}个字")
        with self.ctx.write() as s:
            value = json.dumps(clean, ensure_ascii=False)
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        return clean
