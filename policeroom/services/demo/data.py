"""Deterministic, realistic demo data: residents, grids and the police-room team.

Everything is generated from a caller-supplied :class:`random.Random`, so a fixed seed always gives
the same community. Nothing here touches the database; the seeding service (``cli seed-demo``)
turns these plain objects into rows. All identity numbers are valid (check character and gender
digit consistent); names, numbers and addresses are invented.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from policeroom.services.core.validators import ETHNICITIES, id_check_char

__all__ = [
    "DEMO_GRIDS",
    "DEMO_TEAM",
    "DemoGrid",
    "DemoPerson",
    "DemoTeamMember",
    "household_address",
    "people",
    "person",
    "person_name",
]

# Real county-level codes of Beijing: 朝阳 110105, 海淀 110108, 东城 110101, 西城 110102, 丰台 110106.
BEIJING_AREA_CODES: tuple[str, ...] = ("110105", "110108", "110101", "110102", "110106")

_EARLIEST_BIRTH = date(1935, 1, 1)
_LATEST_BIRTH = date(2018, 12, 31)


@dataclass
class DemoPerson:
    """An invented resident. ``address`` is left empty for the caller to fill in."""

    name: str
    gender: str  # "male" / "female"
    ethnicity: str
    id_number: str
    birth_date: date
    phone: str | None
    address: str = ""


@dataclass(frozen=True)
class DemoGrid:
    """A community grid (网格) with the compound and buildings it covers."""

    code: str
    name: str
    description: str
    households: int
    compound: str
    buildings: tuple[int, ...]


@dataclass(frozen=True)
class DemoTeamMember:
    """A member of the police-room team; ``role`` is "officer", "staff" or "grid_worker"."""

    name: str
    role: str
    title: str
    phone: str
    grid_code: str | None = None


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

# Roughly by frequency (2020 census order); weights fall off with rank.
_COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_TOP_WEIGHTS = (7.1, 7.0, 6.3, 5.3, 4.5, 3.1, 2.2, 2.0, 1.8, 1.7)
_RARE_SURNAMES = ("单", "解", "仇", "朴", "欧阳", "司马", "诸葛")
_SURNAMES: tuple[str, ...] = tuple(_COMMON_SURNAMES) + _RARE_SURNAMES
_SURNAME_WEIGHTS: tuple[float, ...] = (
    _TOP_WEIGHTS
    + tuple(1.6 * 0.975**i for i in range(len(_COMMON_SURNAMES) - len(_TOP_WEIGHTS)))
    + (0.05,) * len(_RARE_SURNAMES)
)

# Given names follow fashions; pools by birth era (before 1965, 1965-1989, 1990 on).
_GIVEN: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "male": (
        (
            "建国", "建华", "国华", "国强", "志强", "德明", "振华", "卫国", "卫东", "福生", "长林",
            "玉林", "金生", "永祥", "保国", "军", "刚", "明", "强", "平", "忠", "林", "华",
        ),
        (
            "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "辉", "鹏", "斌", "波", "峰",
            "亮", "海涛", "志刚", "建军", "晓东", "永刚", "俊杰", "文斌", "海波", "立新", "宏伟",
        ),
        (
            "洋", "宇", "浩", "凯", "帆", "旭", "晨", "博", "鑫", "子轩", "浩然", "宇轩", "明轩",
            "一鸣", "思远", "博文", "天佑", "家豪", "俊熙", "梓睿", "浩宇", "子豪", "睿",
        ),
    ),
    "female": (
        (
            "秀英", "秀兰", "桂英", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "淑珍", "玉梅", "素芬",
            "淑兰", "桂芳", "凤兰", "红", "英", "兰", "珍", "芳", "霞", "梅",
        ),
        (
            "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "丽华", "海燕", "晓燕",
            "丽娟", "春梅", "红梅", "晓丽", "雪梅", "彩霞", "小红", "慧", "萍", "颖",
        ),
        (
            "婷", "雪", "琳", "倩", "欣", "悦", "怡", "雨涵", "欣怡", "梓萱", "诗涵", "思雨",
            "子涵", "佳怡", "可馨", "雅婷", "婉婷", "梦瑶", "语桐", "一诺", "梓涵", "佳琪",
        ),
    ),
}  # fmt: skip
# Characters outside GB2312 that real names use; a test of fonts and search, now and then.
_RARE_GIVEN = {"male": ("喆", "堃", "昇", "赟", "文喆", "俊堃"), "female": ("喆", "赟", "玥", "婧祎")}


def person_name(rng: random.Random, gender: str, birth_year: int) -> str:
    """Draw a realistic Chinese name for a person of ``gender`` born in ``birth_year``."""
    surname = rng.choices(_SURNAMES, weights=_SURNAME_WEIGHTS)[0]
    if rng.random() < 0.02:
        return surname + rng.choice(_RARE_GIVEN[gender])
    era = 0 if birth_year < 1965 else 1 if birth_year < 1990 else 2
    return surname + rng.choice(_GIVEN[gender][era])


# --------------------------------------------------------------------------------------------
# Identity numbers and phones
# --------------------------------------------------------------------------------------------


def _id_number(rng: random.Random, area_code: str, birth: date, gender: str) -> str:
    """A valid 18-character number; the sequence's last digit is odd for men, even for women."""
    parity_digit = rng.choice("13579" if gender == "male" else "02468")
    first17 = f"{area_code}{birth:%Y%m%d}{rng.randrange(100):02d}{parity_digit}"
    return first17 + id_check_char(first17)


# Real mobile prefixes (China Mobile, Unicom, Telecom, MVNO-free ranges).
_MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
).split()


def _mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _beijing_landline(rng: random.Random) -> str:
    # Beijing local numbers start with 5, 6 or 8.
    return f"010-{rng.choice('568')}{rng.randrange(10**7):07d}"


def _phone(rng: random.Random, age: int) -> str | None:
    """Mostly mobiles; older people more often give a landline; young children none."""
    if age < 12:
        return None
    roll = rng.random()
    landline_share = 0.25 if age >= 65 else 0.05
    if roll < 0.08:
        return None
    if roll < 0.08 + landline_share:
        return _beijing_landline(rng)
    return _mobile(rng)


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def person(rng: random.Random, *, today: date, area_codes: Sequence[str] = BEIJING_AREA_CODES) -> DemoPerson:
    """Generate one invented resident.

    Args:
        rng: Source of randomness; a seeded instance gives repeatable output.
        today: Reference date; nobody is born after it.
        area_codes: 6-digit area codes to draw the identity number's region from.

    Returns:
        A :class:`DemoPerson` with an empty ``address``.
    """
    latest = min(_LATEST_BIRTH, today)
    birth = _EARLIEST_BIRTH + timedelta(days=rng.randrange((latest - _EARLIEST_BIRTH).days + 1))
    gender = rng.choice(("male", "female"))
    ethnicity = ETHNICITIES[0] if rng.random() >= 0.05 else rng.choice(ETHNICITIES[1:])
    return DemoPerson(
        name=person_name(rng, gender, birth.year),
        gender=gender,
        ethnicity=ethnicity,
        id_number=_id_number(rng, rng.choice(area_codes), birth, gender),
        birth_date=birth,
        phone=_phone(rng, _age(birth, today)),
    )


def people(
    rng: random.Random, count: int, *, today: date, area_codes: Sequence[str] = BEIJING_AREA_CODES
) -> list[DemoPerson]:
    """Generate ``count`` residents whose identity numbers are all different."""
    seen: set[str] = set()
    result: list[DemoPerson] = []
    while len(result) < count:
        p = person(rng, today=today, area_codes=area_codes)
        if p.id_number not in seen:
            seen.add(p.id_number)
            result.append(p)
    return result


# --------------------------------------------------------------------------------------------
# Addresses, grids and the team
# --------------------------------------------------------------------------------------------


def household_address(
    rng: random.Random,
    compound: str,
    building: int,
    *,
    district: str = "朝阳区",
    units: int = 4,
    floors: int = 6,
    flats_per_floor: int = 2,
) -> str:
    """An address in a residential compound, e.g. ``朝阳区安华里小区3号楼2单元501室``."""
    unit = rng.randint(1, units)
    flat = rng.randint(1, floors) * 100 + rng.randint(1, flats_per_floor)
    return f"{district}{compound}{building}号楼{unit}单元{flat}室"


DEMO_GRIDS: tuple[DemoGrid, ...] = (
    DemoGrid("WG01", "安华里一网格", "安华里小区1-5号楼，安华路北侧", 420, "安华里小区", (1, 2, 3, 4, 5)),
    DemoGrid("WG02", "安华里二网格", "安华里小区6-10号楼，安华里菜市场", 385, "安华里小区", (6, 7, 8, 9, 10)),
    DemoGrid("WG03", "安华里三网格", "安华西里小区1-4号楼，安华西里一区商铺", 512, "安华西里小区", (1, 2, 3, 4)),
    DemoGrid("WG04", "安华里四网格", "安华西里小区5-9号楼，安华桥东南角底商", 468, "安华西里小区", (5, 6, 7, 8, 9)),
    DemoGrid("WG05", "安华里五网格", "安贞里小区1-6号楼，安贞路沿街门店", 590, "安贞里小区", (1, 2, 3, 4, 5, 6)),
    DemoGrid("WG06", "安华里六网格", "安贞里小区7-10号楼，社区卫生服务站", 336, "安贞里小区", (7, 8, 9, 10)),
    DemoGrid("WG07", "安华里七网格", "华严北里小区1-5号楼，华严北里幼儿园", 447, "华严北里小区", (1, 2, 3, 4, 5)),
    DemoGrid("WG08", "安华里八网格", "华严北里小区6-8号楼，北土城东路南侧", 302, "华严北里小区", (6, 7, 8)),
)  # fmt: skip

DEMO_TEAM: tuple[DemoTeamMember, ...] = (
    DemoTeamMember("王建军", "officer", "社区民警", "13901051234"),
    DemoTeamMember("刘晓燕", "staff", "警务辅助人员", "13601057788"),
    DemoTeamMember("陈磊", "staff", "警务辅助人员", "18601052266"),
    DemoTeamMember("张秀兰", "grid_worker", "网格员", "13811050101", "WG01"),
    DemoTeamMember("李海涛", "grid_worker", "网格员", "13811050202", "WG02"),
    DemoTeamMember("赵丽娟", "grid_worker", "网格员", "15810050303", "WG03"),
    DemoTeamMember("孙志刚", "grid_worker", "网格员", "15810050404", "WG04"),
    DemoTeamMember("周春梅", "grid_worker", "网格员", "18910050505", "WG05"),
    DemoTeamMember("吴俊杰", "grid_worker", "网格员", "18910050606", "WG06"),
    DemoTeamMember("郑婷", "grid_worker", "网格员", "17710050707", "WG07"),
    DemoTeamMember("马宏伟", "grid_worker", "网格员", "13520050808", "WG08"),
)
