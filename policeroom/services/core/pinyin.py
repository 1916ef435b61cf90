"""Pinyin search keys for people's names (姓名拼音检索).

Staff find residents by typing ``zs`` or ``zhangsan`` for 张三. pypinyin reads most characters
well, but several surnames have a special reading that its dictionary gives only in context
(单 shan, not dan; 曾 zeng, not ceng ...), so the surname is romanised from an override table and
only the given name is left to pypinyin.

pypinyin loads large dictionaries when first imported, so it is imported inside the function: the
cost is paid when a name is first indexed or searched, not at application start-up.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["COMPOUND_SURNAME_READINGS", "SURNAME_READINGS", "looks_like_pinyin_query", "name_keys"]

#: Single-character surnames whose surname reading differs from pypinyin's default reading.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "缪": "miao",
    "翟": "zhai",
    "覃": "qin",
    "乐": "yue",
    "种": "chong",
    "秘": "bi",
    "召": "shao",
    "冼": "xian",
    "繁": "po",
    "薄": "bo",
    "员": "yun",
    "隗": "wei",
    "黑": "he",
    "折": "she",
    "都": "du",
    "句": "gou",
    "粘": "nian",
}

#: Two-character surnames (复姓), matched before single ones; readings given syllable by syllable.
COMPOUND_SURNAME_READINGS: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"),
    "公孙": ("gong", "sun"),
    "慕容": ("mu", "rong"),
    "长孙": ("zhang", "sun"),
    "令狐": ("ling", "hu"),
    "司徒": ("si", "tu"),
    "夏侯": ("xia", "hou"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "宇文": ("yu", "wen"),
    "端木": ("duan", "mu"),
    "呼延": ("hu", "yan"),
    "轩辕": ("xuan", "yuan"),
    "南宫": ("nan", "gong"),
    "西门": ("xi", "men"),
    "独孤": ("du", "gu"),
    "拓跋": ("tuo", "ba"),
    "淳于": ("chun", "yu"),
    "濮阳": ("pu", "yang"),
    "申屠": ("shen", "tu"),
    "钟离": ("zhong", "li"),
    "闻人": ("wen", "ren"),
    "赫连": ("he", "lian"),
    "公羊": ("gong", "yang"),
}

_LATIN_RUN = re.compile(r"[a-z]+")
_PINYIN_QUERY = re.compile(r"[A-Za-z]{1,20}")


#: name characters outside the Basic block that pypinyin does not know (CJK Extension B …)
EXTENSION_READINGS = {"𠮷": "ji", "𡈼": "ting", "𠙶": "nai", "𣲗": "dang", "𨚕": "mang"}


def _syllables(text: str) -> list[str]:
    """Romanise ``text`` with pypinyin; Latin runs are kept, digits and punctuation dropped."""
    if not text:
        return []
    from pypinyin import Style, lazy_pinyin  # deferred: see the module docstring

    text = "".join(f" {EXTENSION_READINGS[c]} " if c in EXTENSION_READINGS else c for c in text)
    out: list[str] = []
    # errors="default" hands non-Chinese stretches back unchanged ("Amy", "3", "·").
    for chunk in lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=False):
        out.extend(_LATIN_RUN.findall(chunk.lower()))
    return out


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, str]:
    """Return the pinyin keys of a name: full spelling (syllables separated by spaces, which also
    makes it the dictionary sort key: 陈 chen before 程 cheng) and initials, both lower-case.

    Search compares the full spelling with the spaces removed. Examples (spaces omitted below):
    张三 → ``("zhang san", "zs")``, 单田芳 → ``("shantianfang", "stf")``,
    尉迟恭 → ``("yuchigong", "ycg")``, 李Amy → ``("liamy", "la")``. ü is written ``v`` (吕 → lv).
    A Latin word counts as one syllable for the initials.

    Args:
        name: A person's name as stored.

    Returns:
        ``(full, initials)``; both empty when the name has nothing to romanise.
    """
    # NFKC folds full-width Latin letters (Ａｍｙ) and compatibility ideographs to the usual forms.
    s = unicodedata.normalize("NFKC", name).strip()
    head: list[str]
    if len(s) > 2 and s[:2] in COMPOUND_SURNAME_READINGS:
        head, rest = list(COMPOUND_SURNAME_READINGS[s[:2]]), s[2:]
    elif s[:1] in EXTENSION_READINGS:
        head, rest = [EXTENSION_READINGS[s[0]]], s[1:]
    elif s[:1] in SURNAME_READINGS:
        head, rest = [SURNAME_READINGS[s[0]]], s[1:]
    elif s and not s[0].isascii():
        # Romanise the surname on its own so that pypinyin's phrase matching cannot read it
        # together with the first character of the given name.
        head, rest = _syllables(s[0]), s[1:]
    else:
        head, rest = [], s
    syllables = head + _syllables(rest)
    return " ".join(syllables), "".join(syl[0] for syl in syllables)


def looks_like_pinyin_query(q: str) -> bool:
    """Whether a search text should be matched against pinyin keys: 1-20 ASCII letters only."""
    return _PINYIN_QUERY.fullmatch(q) is not None
