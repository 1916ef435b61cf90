"""Shared settings of the police room (警务室名称, 派出所, 社区, 调解委员会 ...), stored in the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from policeroom.errors import ValidationError
from policeroom.models import Setting
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.text import normalize_text


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

    # -- whole-number settings: the idle lock and the backups kept -----------------------------
    def number(self, key: str) -> int:
        """A whole-number setting (one of NUMBER_SETTINGS); its default when unset or unreadable."""
        spec = NUMBER_SETTINGS[key]
        try:
            value = int(self.get_value(key, str(spec.default)))
        except ValueError:
            return spec.default
        return value if spec.low <= value <= spec.high else spec.default

    def idle_lock_minutes(self) -> int:
        """Minutes without keyboard or mouse input before the window locks (锁屏)."""
        return self.number(IDLE_LOCK_KEY)

    def save_numbers(self, values: dict[str, str | int]) -> dict[str, int]:
        """Check and save whole-number settings (officer); FormErrors keyed by setting, nothing saved then."""
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        clean: dict[str, int] = {}
        for key, raw in values.items():
            spec = NUMBER_SETTINGS.get(key)
            if spec is None:
                raise KeyError(key)
            number = parse_whole(raw, spec)
            if isinstance(number, str):
                errors.add(key, number)
            else:
                clean[key] = number
        errors.raise_if_any()
        with self.ctx.write() as s:  # Setting rows are in the history (the flush hook)
            for key, value in clean.items():
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=str(value)))
                elif row.value != str(value):
                    row.value = str(value)
        return clean


@dataclass(frozen=True)
class NumberSetting:
    """A whole-number setting: its label (for messages), unit, default and allowed range."""

    label: str
    unit: str
    default: int
    low: int
    high: int


IDLE_LOCK_KEY = "security.idle_lock_minutes"
KEEP_DAILY_KEY = "backup.keep_daily"
KEEP_MONTHLY_KEY = "backup.keep_monthly"
NUMBER_SETTINGS: dict[str, NumberSetting] = {
    IDLE_LOCK_KEY: NumberSetting("无操作自动锁屏", "分钟", 10, 1, 240),
    KEEP_DAILY_KEY: NumberSetting("保留每日备份", "份", 30, 1, 365),
    KEEP_MONTHLY_KEY: NumberSetting("保留每月备份", "份", 12, 1, 120),
}


def parse_whole(raw: str | int, spec: NumberSetting) -> int | str:
    """The number typed, or the Chinese reason it is refused (with the allowed range)."""
    text = normalize_text(str(raw)) if not isinstance(raw, int) else str(raw)
    allowed = f"{spec.label}应为{spec.low}至{spec.high}之间的整数（{spec.unit}）"
    if not text:
        return f"请填写{spec.label}（{spec.low}至{spec.high}{spec.unit}）"
    if not text.isascii() or not text.isdigit():
        return allowed
    value = int(text)
    return value if spec.low <= value <= spec.high else allowed


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


__all__ = ["IDLE_LOCK_KEY", "KEEP_DAILY_KEY", "KEEP_MONTHLY_KEY", "NUMBER_SETTINGS", "NumberSetting", "parse_whole",
           "RoomSettings", "SettingsService", "SETTING_LABELS", "SETTING_LIMITS", "ValidationError", "validate_room_settings"]
