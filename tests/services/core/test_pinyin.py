"""Tests of the pinyin search keys of names."""

from __future__ import annotations

import random
from datetime import date

import pytest

from policeroom.services.core.pinyin import (
    COMPOUND_SURNAME_READINGS,
    SURNAME_READINGS,
    looks_like_pinyin_query,
    name_keys,
)
from policeroom.services.demo import data as demo_data


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhangsan", "zs"),
        ("单田芳", "shantianfang", "stf"),
        ("曾志伟", "zengzhiwei", "zzw"),
        ("解缙", "xiejin", "xj"),
        ("仇英", "qiuying", "qy"),
        ("朴树", "piaoshu", "ps"),
        ("区志强", "ouzhiqiang", "ozq"),
        ("查良镛", "zhaliangyong", "zly"),
        ("翟天临", "zhaitianlin", "ztl"),
        ("覃海", "qinhai", "qh"),
        ("冼星海", "xianxinghai", "xxh"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("万俟卨", "moqixie", "mqx"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("澹台灭明", "tantaimieming", "ttmm"),
        ("令狐冲", "linghuchong", "lhc"),
        ("欧阳娜娜", "ouyangnana", "oynn"),
        ("吕布", "lvbu", "lb"),
        ("李Amy", "liamy", "la"),
        ("Amy 李", "amyli", "al"),
        ("张3丰", "zhangfeng", "zf"),
        ("买买提·艾力", "maimaitiaili", "mmtal"),
        ("  王芳 ", "wangfang", "wf"),
        ("", "", ""),
    ],
)
def test_name_keys(name: str, full: str, initials: str) -> None:
    assert (name_keys(name)[0].replace(" ", ""), name_keys(name)[1]) == (full, initials)


@pytest.mark.parametrize(("surname", "reading"), sorted(SURNAME_READINGS.items()))
def test_every_surname_override(surname: str, reading: str) -> None:
    full, initials = name_keys(surname + "明")
    assert full == reading + " ming"
    assert initials == reading[0] + "m"


@pytest.mark.parametrize(("surname", "reading"), sorted(COMPOUND_SURNAME_READINGS.items()))
def test_every_compound_surname(surname: str, reading: tuple[str, str]) -> None:
    full, initials = name_keys(surname + "明")
    assert full == " ".join(reading) + " ming"
    assert initials == reading[0][0] + reading[1][0] + "m"


def test_override_applies_to_the_surname_only() -> None:
    # 单 in a given name keeps its ordinary reading; 乐 as a surname is yue, in 欢乐 le.
    assert name_keys("王单")[0] == "wang dan"
    assert name_keys("乐欢")[0] == "yue huan"
    assert name_keys("张欢乐")[0] == "zhang huan le"
    assert name_keys("陈桂芳")[0] < name_keys("程海燕")[0]  # dictionary order: chen before cheng


def test_keys_are_lower_case_ascii_and_initials_match() -> None:
    names = [p.name for p in demo_data.people(random.Random(3), 300, today=date(2024, 6, 1))]
    for name in names:
        full, initials = name_keys(name)
        assert full and full.isascii() and full.replace(" ", "").isalpha() and full == full.lower()
        assert len(initials) == len(name), name
        assert full.startswith(initials[0])


@pytest.mark.parametrize(
    ("query", "expected"),
    [("zs", True), ("ZhangSan", True), ("a" * 20, True), ("a" * 21, False), ("", False), ("张三", False),
     ("zs1", False), ("zhang san", False), ("lü", False)],
)  # fmt: skip
def test_looks_like_pinyin_query(query: str, expected: bool) -> None:
    assert looks_like_pinyin_query(query) is expected
