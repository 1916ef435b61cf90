"""Password hashing with scrypt (memory-hard, in the standard library) and the password rules."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache
from importlib import resources

# n=2**17, r=8 uses 128 MiB and ~0.3 s per hash: slow for a guesser, still instant enough for a person.
# Tests lower COST_N (monkeypatch) to stay fast; hashes of a lower cost are upgraded at the next sign-in.
COST_N = 2**17
_R, _P = 8, 1
_DKLEN = 32
_MAX_N = 2**20  # a stored hash asking for more is refused (no memory exhaustion from a tampered row)


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _maxmem(n: int, r: int) -> int:
    # scrypt needs 128*r*n bytes (plus a little): OpenSSL's default limit (32 MiB) is below 2**17.
    return 2 * 128 * r * n + 2**20


def hash_password(password: str) -> str:
    n = COST_N
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=_R, p=_P, dklen=_DKLEN, maxmem=_maxmem(n, _R))
    return f"scrypt${n}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or int(n) > _MAX_N:
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=_maxmem(int(n), int(r)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was hashed at a lower cost than today's (upgrade it at the next sign-in)."""
    try:
        scheme, n, r, *_ = stored.split("$")
        return scheme != "scrypt" or int(n) < COST_N or int(r) < _R
    except ValueError:
        return True


@cache
def _dummy_hash(n: int) -> str:
    return hash_password("not a password of anyone")


def verify_nobody(password: str) -> bool:
    """Spend the time of a real check for an unknown or disabled user (no timing tells who exists)."""
    verify_password(password, _dummy_hash(COST_N))
    return False


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (lower case)."""
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def password_problem(password: str) -> str | None:
    """A Chinese reason the password is too weak, or None."""
    if len(password) < 8:
        return "密码至少8位"
    if password.isdigit() or password.isalpha():
        return "密码须同时包含字母和数字"
    if password.strip().lower() in common_passwords():
        return "这是一个常见密码，很容易被猜到，请换一个"
    if len(set(password)) < 4:
        return "密码过于简单"
    return None
