"""One normalisation for every typed or imported text (文本规范化); no Qt.

Names and free text come from keyboards, pasted web pages and Excel files: full-width letters,
zero-width spaces, five different middle dots (欧阳·娜娜, 阿依古丽•买买提 …), a NUL or a lone
surrogate from a broken paste. ``normalize_text`` gives the one stored form; ``check_text`` and
``check_name`` refuse what cannot be stored with a Chinese message. ``install_text_guard`` puts the
refusal in front of every write, so no service can store a lone surrogate or a control character.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from policeroom.errors import ValidationError

#: the middle dot of minority and foreign names, as stored; its look-alikes are the same character
MIDDLE_DOT = "·"
_DOTS = str.maketrans({c: MIDDLE_DOT for c in "•・‧･∙⋅●﹒"})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: control characters, apart from tab and line breaks in multi-line text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Word's manual line break (vertical tab) and page break, pasted: line breaks
_SOFT_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_LINE_BREAK = re.compile("[\t\r\n\u2028\u2029\x85]")


#: the longest free text (a Text column people type into): every printed form lays it out in time
TEXT_LIMIT = 5000

#: dates the records may hold (a 9999-12-31 typed by mistake overflowed deadline arithmetic)
DATE_MIN = date(1880, 1, 1)  # the earliest birth an ID number may carry
DATE_MAX = date(2099, 12, 31)
DATE_RANGE_TEXT = "日期应在1880年1月1日至2099年12月31日之间"


def column_limit(column: Any) -> int:
    """The longest text a typed column accepts: its ``String(n)`` length, or ``TEXT_LIMIT`` for Text.

    ``column`` is a ``Column`` or a mapped attribute (``Resident.address``). The save guard below and
    the forms' ``setMaxLength`` both read it: one source for the limit people see and the one enforced.
    """
    if not hasattr(column, "type"):
        column = column.property.columns[0]
    return getattr(column.type, "length", None) or TEXT_LIMIT


def clamp_date(value: date) -> date:
    """A filter's date kept inside the range the records may hold (no overflow at 9999-12-31)."""
    return min(max(value, DATE_MIN), DATE_MAX)


#: NFKC everywhere except Chinese punctuation (，：（）… stay full-width, as written)
_NFKC_RUNS = re.compile("[^\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff64\u3000-\u303f]+")


def normalize_text(raw: str) -> str:
    """NFKC (full-width letters and digits, compatibility ideographs), zero-width characters removed,
    middle-dot variants unified, trimmed; Chinese full-width punctuation is kept as written."""
    if _SURROGATE.search(raw):  # NFKC keeps them; nothing else should run on broken text
        return _ZERO_WIDTH.sub("", raw).strip()
    text = _ZERO_WIDTH.sub("", raw).translate(_SOFT_BREAKS)
    if not text.isascii():
        text = _NFKC_RUNS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text.translate(_DOTS).strip()


def text_problem(text: str, *, multiline: bool = True) -> str | None:
    """Why this text cannot be stored, or None."""
    if _SURROGATE.search(text):
        return "含有无法保存的字符（可能是复制时损坏的文字），请删除后重新输入"
    if _CONTROL.search(text):
        return "含有不可见的控制字符，请删除后重新输入"
    if not multiline and _LINE_BREAK.search(text):
        return "不能包含换行"
    return None


def check_text(raw: str | None, label: str, max_len: int, *, field: str = "", multiline: bool = True) -> str:
    """The normalised text, or ValidationError: control characters, broken characters, too long."""
    text = normalize_text(raw or "")
    problem = text_problem(text, multiline=multiline)
    if problem:
        raise ValidationError(field, f"{label}{problem}")
    if len(text) > max_len:
        raise ValidationError(field, f"{label}不能超过{max_len}个字（现有{len(text)}个）")
    return text


def check_name(raw: str | None, label: str = "姓名", max_len: int = 50, *, field: str = "name") -> str:
    """A person's name: one line, normalised, and at least one letter (汉字 or Latin)."""
    text = check_text(raw, label, max_len, field=field, multiline=False)
    if text and not any(unicodedata.category(c).startswith("L") for c in text):
        raise ValidationError(field, f"{label}应包含文字（汉字或字母）")
    return text


def name_problem(name: str) -> str | None:
    """Why a normalised, non-empty name cannot be stored (after ``normalize_text``), or None."""
    problem = text_problem(name, multiline=False)
    if problem:
        return "姓名" + problem
    if not any(unicodedata.category(c).startswith("L") for c in name):
        return "姓名应包含文字（汉字或字母）"
    return None


def name_key(name: str | None) -> str:
    """The form two names are compared in: normalised, without spaces, case folded."""
    return "".join(normalize_text(name or "").split()).casefold()


def same_name(a: str | None, b: str | None) -> bool:
    return name_key(a) == name_key(b)


def search_text(raw: str) -> str:
    """A search query made safe: normalised, control and broken characters dropped."""
    text = _CONTROL.sub(" ", _SURROGATE.sub("", raw or ""))
    return " ".join(normalize_text(text).split())


def _guard(session: Session, _ctx: Any, _instances: Any) -> None:
    """Refuse broken text in any string column before it reaches the database (one rule for all)."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj, raiseerr=False)
        if state is None or state.mapper is None:
            continue
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)
            if isinstance(value, date):
                if not DATE_MIN <= (value.date() if isinstance(value, datetime) else value) <= DATE_MAX:
                    label = attr.columns[0].info.get("label", "日期")
                    raise ValidationError(attr.key, f"{label}超出范围：{DATE_RANGE_TEXT}")
                continue
            if not isinstance(value, str) or not value:
                continue
            cleaned = _ZERO_WIDTH.sub("", value).translate(_SOFT_BREAKS)
            column = attr.columns[0]
            label = column.info.get("label")
            problem = text_problem(cleaned)
            if problem:
                raise ValidationError(attr.key, (label or "输入") + problem)
            limit = column_limit(column)
            if label and len(cleaned) > limit:  # labelled: a field people type (JSON and settings are not)
                raise ValidationError(attr.key, f"{label}不能超过{limit}个字（现有{len(cleaned)}个）")
            if cleaned != value:
                setattr(obj, attr.key, cleaned)


def install_text_guard(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "before_flush", _guard)


__all__ = [
    "DATE_MAX", "DATE_MIN", "DATE_RANGE_TEXT", "TEXT_LIMIT", "MIDDLE_DOT", "clamp_date", "column_limit", "check_name", "check_text", "install_text_guard", "name_key", "name_problem", "normalize_text", "same_name",
    "search_text", "text_problem",
]
