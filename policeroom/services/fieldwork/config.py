"""Editable lists of field work (settings): household kinds with their visit rhythm, talk topics.

Stored as JSON in the shared ``setting`` table, so every desk sees the same lists and each change is
in the history (the audit hook records settings by key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from policeroom.models import Setting
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors

KINDS_KEY = "fieldwork.household_kinds"
TOPICS_KEY = "fieldwork.talk_topics"

ORDINARY = "普通"


@dataclass(frozen=True)
class HouseholdKind:
    """A kind of household (户类) and how often it is visited: every ``months`` months."""

    name: str
    months: int

    @property
    def rhythm(self) -> str:
        if self.months == 1:
            return "每月"
        if self.months == 12:
            return "每年"
        if 12 % self.months == 0:
            return f"每年{12 // self.months}次"
        return f"每{self.months}个月"


#: ordinary twice a year; 困难家庭、流动人员、空巢老人、社区矫正对象 monthly (domain.md); 出租屋 quarterly
DEFAULT_KINDS: tuple[HouseholdKind, ...] = (
    HouseholdKind(ORDINARY, 6),
    HouseholdKind("困难家庭", 1),
    HouseholdKind("流动人员", 1),
    HouseholdKind("空巢老人", 1),
    HouseholdKind("社区矫正对象", 1),
    HouseholdKind("出租屋", 3),
)
DEFAULT_TOPICS: tuple[str, ...] = ("反诈", "禁毒", "防盗", "消防", "交通安全", "防范非法集资", "未成年人保护")

NAME_LIMIT = 20
TOPIC_LIMIT = 30


def load_kinds(s: Session) -> list[HouseholdKind]:
    row = s.get(Setting, KINDS_KEY)
    if row is None or not row.value:
        return list(DEFAULT_KINDS)
    return [HouseholdKind(str(n), int(m)) for n, m in json.loads(row.value)]


def load_topics(s: Session) -> list[str]:
    row = s.get(Setting, TOPICS_KEY)
    if row is None or not row.value:
        return list(DEFAULT_TOPICS)
    return [str(t) for t in json.loads(row.value)]


def months_for(kinds: list[HouseholdKind], kind: str) -> int:
    """The visit rhythm of a kind; a kind no longer in the list is visited as an ordinary household."""
    for k in kinds:
        if k.name == kind:
            return k.months
    for k in kinds:
        if k.name == ORDINARY:
            return k.months
    return 6


def _store(s: Session, key: str, value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text


def clean_kinds(kinds: list[HouseholdKind]) -> list[HouseholdKind]:
    errors = FormErrors()
    out: list[HouseholdKind] = []
    seen: set[str] = set()
    for k in kinds:
        name = (k.name or "").strip()
        if not name:
            continue
        if len(name) > NAME_LIMIT:
            errors.add("kinds", f"户类“{name[:10]}…”不能超过{NAME_LIMIT}个字")
        elif name in seen:
            errors.add("kinds", f"户类“{name}”重复")
        elif not 1 <= int(k.months) <= 24:
            errors.add("kinds", f"“{name}”的走访周期应在1至24个月之间")
        seen.add(name)
        out.append(HouseholdKind(name, int(k.months)))
    if not out:
        errors.add("kinds", "至少保留一个户类")
    errors.raise_if_any()
    return out


def parse_kinds(text: str) -> list[HouseholdKind]:
    """``普通 6`` / ``困难家庭 1`` one a line (the months after the name; 空格、逗号或冒号隔开)."""
    import re

    errors = FormErrors()
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        m = re.fullmatch(r"(.+?)[\s,，:：]+(\d{1,2})\s*(?:个月|月)?", line)
        if m is None:
            errors.add("kinds", f"第{n}行“{line[:20]}”应写成 户类 月数，例如：困难家庭 1")
            continue
        out.append(HouseholdKind(m.group(1).strip(), int(m.group(2))))
    errors.raise_if_any()
    return out


def clean_topics(topics: list[str]) -> list[str]:
    errors = FormErrors()
    out: list[str] = []
    for t in topics:
        t = (t or "").strip()
        if not t or t in out:
            continue
        if len(t) > TOPIC_LIMIT:
            errors.add("topics", f"主题“{t[:10]}…”不能超过{TOPIC_LIMIT}个字")
        out.append(t)
    if not out:
        errors.add("topics", "至少保留一个宣传主题")
    errors.raise_if_any()
    return out


class FieldworkSettings:
    """Household kinds (with rhythm) and talk topics: everyone reads them; the officer edits them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def kinds(self) -> list[HouseholdKind]:
        with self.ctx.read() as s:
            return load_kinds(s)

    def topics(self) -> list[str]:
        with self.ctx.read() as s:
            return load_topics(s)

    def save_kinds(self, kinds: list[HouseholdKind]) -> list[HouseholdKind]:
        self.ctx.actor.require(Perm.edit_settings)
        clean = clean_kinds(kinds)
        with self.ctx.write() as s:
            _store(s, KINDS_KEY, [[k.name, k.months] for k in clean])
        return clean

    def save_topics(self, topics: list[str]) -> list[str]:
        self.ctx.actor.require(Perm.edit_settings)
        clean = clean_topics(topics)
        with self.ctx.write() as s:
            _store(s, TOPICS_KEY, clean)
        return clean
