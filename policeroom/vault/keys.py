"""The key file beside the database (``policeroom.db.keys``): key slots and what sign-in shows first.

The database key is 32 random bytes. Each slot holds it wrapped by a key derived from one secret (an
account's password, or the recovery key): scrypt with a fresh random salt per slot, at the cost of the
password hashes (services/people/passwords.py), gives 64 bytes; the first 32 are a one-time pad XORed
with the database key, the last 32 key an HMAC-SHA256 over the result. A salt is never reused (every
rewrap draws a new one), so the pad is used once, and the HMAC tells a wrong password from a right one
without a decryption oracle. Only the standard library is needed (no AES package to ship).

The file is JSON, written whole through a temporary name and readable by its owner only. It names the
user names that have a slot (sign-in must find the slot before the database opens) but holds nothing
else personal: no names, no phones, no password hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from policeroom.errors import DomainError
from policeroom.services.core.files import atomic_write

FORMAT = 1
KEY_BYTES = 32
RECOVERY = "recovery"
ACCOUNT = "account"
_MAX_N = 2**20  # a slot asking for more is refused (no memory exhaustion from an edited file)
_R, _P = 8, 1


class KeyFileInvalid(DomainError):
    """The key file is missing, damaged or does not belong to this database."""


def keys_path(db_path: Path) -> Path:
    return Path(f"{db_path}.keys")


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _derive(secret: str, salt: bytes, n: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=_R, p=_P, dklen=64,
                          maxmem=2 * 128 * _R * n + 2**20)


def _cost() -> int:
    from policeroom.services.people import passwords

    return passwords.COST_N  # the same cost as the password hashes (tests lower both at once)


def key_check(key: bytes) -> str:
    """A short fingerprint of the database key (tells which database a key file belongs to)."""
    return hmac.new(key, b"policeroom database key", hashlib.sha256).hexdigest()[:16]


@dataclass
class Slot:
    kind: str  # ACCOUNT or RECOVERY
    account_id: int | None
    username: str
    n: int
    salt: bytes
    wrapped: bytes
    tag: bytes
    sid: str = field(default_factory=lambda: secrets.token_hex(4))  # tells the slots of one account apart
    failed: int = 0  # wrong passwords in a row while the database was closed (sign-in lock-out)
    locked_until: str = ""  # ISO time, the clock's

    @classmethod
    def wrap(cls, key: bytes, secret: str, *, kind: str = ACCOUNT, account_id: int | None = None,
             username: str = "") -> Slot:
        n = _cost()
        salt = secrets.token_bytes(16)
        kek = _derive(secret, salt, n)
        wrapped = bytes(a ^ b for a, b in zip(key, kek[:KEY_BYTES], strict=True))
        tag = hmac.new(kek[KEY_BYTES:], b"policeroom slot 1" + wrapped, hashlib.sha256).digest()
        return cls(kind, account_id, username, n, salt, wrapped, tag)

    def unwrap(self, secret: str) -> bytes | None:
        """The database key, or None for a wrong secret."""
        if self.n > _MAX_N or len(self.wrapped) != KEY_BYTES:
            return None
        try:
            kek = _derive(secret, self.salt, self.n)
        except (ValueError, UnicodeEncodeError):
            return None
        tag = hmac.new(kek[KEY_BYTES:], b"policeroom slot 1" + self.wrapped, hashlib.sha256).digest()
        if not hmac.compare_digest(tag, self.tag):
            return None
        return bytes(a ^ b for a, b in zip(self.wrapped, kek[:KEY_BYTES], strict=True))

    def to_json(self) -> dict[str, Any]:
        return {"sid": self.sid, "kind": self.kind, "account_id": self.account_id, "username": self.username,
                "failed": self.failed, "locked_until": self.locked_until,
                "kdf": {"name": "scrypt", "n": self.n, "r": _R, "p": _P, "salt": _b64(self.salt)},
                "wrapped": _b64(self.wrapped), "tag": _b64(self.tag)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Slot:
        kdf = d["kdf"]
        if kdf.get("name") != "scrypt" or kdf.get("r") != _R or kdf.get("p") != _P:
            raise ValueError("unknown key derivation")
        return cls(str(d["kind"]), d.get("account_id"), str(d.get("username", "")), int(kdf["n"]),
                   base64.b64decode(kdf["salt"]), base64.b64decode(d["wrapped"]), base64.b64decode(d["tag"]),
                   str(d.get("sid", "")), int(d.get("failed", 0)), str(d.get("locked_until", "")))


@dataclass
class KeyFile:
    """The contents of ``<db>.keys``."""

    room_name: str = ""
    set_up: bool = False
    check: str = ""
    slots: list[Slot] = field(default_factory=list)

    # -- reading and writing -------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Raises KeyFileInvalid (missing, damaged or of a newer program)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise KeyFileInvalid(f"密钥文件 {path.name} 由较新版本的程序写入，请先升级程序。")
            return cls(str(data.get("room_name", "")), bool(data.get("set_up")), str(data.get("check", "")),
                       [Slot.from_json(s) for s in data.get("slots", [])])
        except FileNotFoundError:
            raise KeyFileInvalid(f"找不到数据库的密钥文件 {path.name}（应在数据库文件旁边），无法打开加密的数据库。"
                                 "请从备份中把它复制回来。") from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise KeyFileInvalid(f"密钥文件 {path.name} 已损坏（{type(e).__name__}），请从备份中恢复它。") from None

    def save(self, path: Path) -> None:
        data = {"format": FORMAT, "room_name": self.room_name, "set_up": self.set_up, "check": self.check,
                "slots": [s.to_json() for s in self.slots]}
        atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    # -- slots ---------------------------------------------------------------------------------
    def account_slots(self, username: str) -> list[Slot]:
        name = username.strip().lower()
        return [s for s in self.slots if s.kind == ACCOUNT and s.username.lower() == name]

    def unlock(self, username: str, password: str) -> bytes | None:
        """The database key from the account's slot, or None (unknown name or wrong password: the
        same time is spent, one key derivation, so the answer does not tell which)."""
        for slot in self.account_slots(username) or [_dummy_slot(_cost())]:
            key = slot.unwrap(password)
            if key is not None and self._matches(key):
                return key
        return None

    def unlock_recovery(self, recovery_key: str) -> bytes | None:
        from policeroom.vault.recovery import normalise

        typed = normalise(recovery_key)
        for slot in [s for s in self.slots if s.kind == RECOVERY] if typed else []:
            key = slot.unwrap(typed)
            if key is not None and self._matches(key):
                return key
        return None

    def _matches(self, key: bytes) -> bool:
        return not self.check or hmac.compare_digest(self.check, key_check(key))

    def put_account(self, key: bytes, account_id: int, username: str, password: str) -> None:
        """Replace the account's slot(s) by one for ``password``."""
        self.drop_account(account_id)
        self.slots.append(Slot.wrap(key, password, account_id=account_id, username=username))

    def add_account(self, key: bytes, account_id: int, username: str, password: str) -> str:
        """Add a slot for ``password`` beside the account's others (dropped by :meth:`keep_only` once
        the password is saved in the database: a failed save leaves the old password working)."""
        slot = Slot.wrap(key, password, account_id=account_id, username=username)
        self.slots.append(slot)
        return slot.sid

    def keep_only(self, account_id: int, sid: str) -> None:
        self.slots = [s for s in self.slots
                      if not (s.kind == ACCOUNT and s.account_id == account_id and s.sid != sid)]

    def drop_account(self, account_id: int) -> None:
        self.slots = [s for s in self.slots if not (s.kind == ACCOUNT and s.account_id == account_id)]

    def rename_account(self, account_id: int, username: str) -> None:
        for s in self.slots:
            if s.kind == ACCOUNT and s.account_id == account_id:
                s.username = username

    def put_recovery(self, key: bytes, recovery_key: str) -> None:
        self.slots = [s for s in self.slots if s.kind != RECOVERY]
        self.slots.append(Slot.wrap(key, recovery_key, kind=RECOVERY))

    @property
    def has_recovery(self) -> bool:
        return any(s.kind == RECOVERY for s in self.slots)


@cache
def _dummy_slot(n: int) -> Slot:
    """A slot nobody can open, to spend a real derivation's time on an unknown user name."""
    return Slot.wrap(b"\0" * KEY_BYTES, secrets.token_hex(8))
