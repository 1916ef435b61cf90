"""The query code (查询码): 16 random digits given once to the tipster; the database keeps a keyed hash.

The hash is HMAC-SHA256 with a random key kept in the settings table (``tips.code_key``), written without
its value in the history. With the key a code typed at the desk can be looked up; without the code
nobody (the officer included) can read it back from the database.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from policeroom.models import Setting
from policeroom.services.core import audit

KEY_SETTING = "tips.code_key"
CODE_DIGITS = 16


def new_code() -> str:
    """16 digits from the operating system's cryptographic generator (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def grouped(code: str) -> str:
    """``1234 5678 9012 3456``: four groups of four, as printed on the 受理回执."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def clean_code(text: str) -> str | None:
    """The 16 digits of what was typed (spaces and dashes ignored), or None when it is not a code."""
    digits = re.sub(r"[\s\-－—]", "", text or "")
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return digits if len(digits) == CODE_DIGITS and digits.isdigit() else None


def _key(s: Session, actor: object) -> bytes:
    value = s.scalar(select(Setting.value).where(Setting.key == KEY_SETTING))
    if value is None:
        value = secrets.token_hex(32)
        # A Core insert: the ORM hook would write the key's value into the history.
        s.execute(insert(Setting).values(key=KEY_SETTING, value=value))
        audit.record(s, actor, "setting", 0, "create", {KEY_SETTING: [None, "（随机生成，不显示）"]}, title="查询码密钥")
    return bytes.fromhex(value)


def code_hash(s: Session, actor: object, code: str) -> str:
    return hmac.new(_key(s, actor), code.encode("ascii"), hashlib.sha256).hexdigest()
