"""The recovery key (恢复密钥): 24 characters in six groups of four, shown and printed once at set-up.

Its alphabet has no 0/O or 1/I/L, so it can be typed back from paper; 24 symbols of 32 give 120 bits.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # 31 symbols: no 0 O 1 I L
LENGTH = 24
GROUP = 4


def new_recovery_key() -> str:
    return format_key("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_key(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise(typed: str) -> str | None:
    """The key as stored (grouped, upper case) from what someone typed (spaces, dashes and lower case
    forgiven), or None when it cannot be a recovery key."""
    raw = "".join(ch for ch in typed.upper() if ch not in " -_\t\n")
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return format_key(raw)
