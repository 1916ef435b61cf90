"""Shared settings of the police room (警务室名称, 派出所, 社区, 调解委员会 ...), stored in the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from policeroom.errors import ValidationError
from policeroom.models import Setting
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors


@dataclass
class RoomSettings:
    """The room's identity, printed on every document header."""

    room_name: str = ""  # 警务室名称
    station: str = ""  # 所属派出所
    community: str = ""  # 社区
    committee_name: str = ""  # 人民调解委员会名称
    committee_short: str = ""  # 简称，用于案号 （2026）××人调字第N号
    officer_in_charge: str = ""  # 责任民警


SETTING_LABELS = {
    "room_name": "警务室名称",
    "station": "所属派出所",
    "community": "社区",
    "committee_name": "人民调解委员会名称",
    "committee_short": "调解委员会简称",
    "officer_in_charge": "责任民警",
}
#: the longest each setting may be (the forms' setMaxLength reads these too)
SETTING_LIMITS = {key: 6 if key == "committee_short" else 60 for key in SETTING_LABELS}

_PREFIX = "room."


def validate_room_settings(s: RoomSettings) -> RoomSettings:
    """Trim and check; raise FormErrors naming each bad field."""
    clean = RoomSettings(**{k: (v or "").strip() for k, v in asdict(s).items()})
    errors = FormErrors()
    for key in ("room_name", "station", "community", "committee_name", "committee_short"):
        if not getattr(clean, key):
            errors.add(key, f"请填写{SETTING_LABELS[key]}")
    if clean.room_name and not clean.room_name.endswith(("警务室", "警务站", "警务工作室")):
        errors.add("room_name", "名称应以“警务室”结尾，例如：安华里社区警务室")
    if clean.committee_short and not (1 <= len(clean.committee_short) <= 6):
        errors.add("committee_short", "简称用于案号，1至6个字，例如：安华")
    for key, limit in SETTING_LIMITS.items():
        if len(getattr(clean, key)) > limit and key != "committee_short":  # its own message above
            errors.add(key, f"不能超过{limit}个字")
    errors.raise_if_any()
    return clean


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> RoomSettings:
        with self.ctx.read() as s:
            return load_room_settings(s)

    def is_configured(self) -> bool:
        return bool(self.get().room_name)

    def save(self, settings: RoomSettings) -> RoomSettings:
        self.ctx.actor.require(Perm.edit_settings)
        clean = validate_room_settings(settings)
        with self.ctx.write() as s:
            write_room_settings(s, clean)
        return clean

    def get_value(self, key: str, default: str = "") -> str:
        with self.ctx.read() as s:
            v = s.get(Setting, key)
            return v.value if v is not None else default


def load_room_settings(session) -> RoomSettings:  # noqa: ANN001 - Session
    """The room's settings, read inside the caller's transaction."""
    rows = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.like(_PREFIX + "%"))).all())
    return RoomSettings(**{f.name: rows.get(_PREFIX + f.name, "") for f in fields(RoomSettings)})


def write_room_settings(session, clean: RoomSettings) -> None:  # noqa: ANN001 - Session
    for key, value in asdict(clean).items():
        row = session.get(Setting, _PREFIX + key)
        if row is None:
            session.add(Setting(key=_PREFIX + key, value=value))
        else:
            row.value = value
    vault = session.info.get("vault")  # an encrypted file: the sign-in window reads the name from its key file
    if vault is not None:
        vault.set_room(clean.room_name)


__all__ = ["RoomSettings", "SettingsService", "SETTING_LABELS", "SETTING_LIMITS", "ValidationError", "validate_room_settings"]
