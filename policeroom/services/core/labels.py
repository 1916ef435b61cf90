"""Chinese display names for stored codes (roles, genders), shared by history, lists and prints."""

from __future__ import annotations

from typing import Any

from policeroom.models import ACCOUNT_ROLE_LABELS, GENDER_LABELS, MEMBER_ROLE_LABELS

_CODES: dict[str, str] = {
    **{k.value: v for k, v in MEMBER_ROLE_LABELS.items()},
    **GENDER_LABELS,
}


def value_label(value: Any) -> str:
    """The label of a stored code, or the value itself as text."""
    if isinstance(value, str):
        return _CODES.get(value, value)
    return str(value)


def account_role_label(code: str) -> str:
    return {k.value: v for k, v in ACCOUNT_ROLE_LABELS.items()}.get(code, code)
