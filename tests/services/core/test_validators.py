"""Tests of identity-number and phone validation, masking and the demo-data generator."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policeroom.errors import ValidationError
from policeroom.services.core.validators import (
    ETHNICITIES,
    id_check_char,
    mask_id_number,
    mask_name,
    mask_phone,
    normalize_phone,
    parse_id_number,
)
from policeroom.services.demo import data as demo_data

TODAY = date(2026, 11, 25)  # the clock is pinned to it for every test here
pytestmark = pytest.mark.today(TODAY)
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
PROVINCES += [50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]


def error_of(func, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return info.value


@st.composite
def id_numbers(draw: st.DrawFn) -> tuple[str, date, str]:
    """A valid 18-character number with the birth date and gender it encodes."""
    province = draw(st.sampled_from(PROVINCES))
    rest_of_area = draw(st.integers(0, 9999))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.integers(0, 999))
    first17 = f"{province}{rest_of_area:04d}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17), birth, "male" if seq % 2 else "female"


# --- identity numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "birth", "gender"),
    [("11010519491231002X", date(1949, 12, 31), "female"), ("440524188001010014", date(1880, 1, 1), "male")],
)
def test_examples_from_the_standard(number: str, birth: date, gender: str) -> None:
    info = parse_id_number(number)
    assert (info.number, info.birth_date, info.gender) == (number, birth, gender)
    assert info.area_code == number[:6]


@given(id_numbers())
def test_valid_numbers_parse(case: tuple[str, date, str]) -> None:
    number, birth, gender = case
    info = parse_id_number(number)
    assert info.number == number
    assert info.birth_date == birth
    assert info.gender == gender


@given(id_numbers(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_changed_character_fails(case: tuple[str, date, str], pos: int, new: str) -> None:
    number = case[0]
    if number[pos] == new:
        new = "X" if new != "X" else "0"
    changed = number[:pos] + new + number[pos + 1 :]
    with pytest.raises(ValidationError):
        parse_id_number(changed)


@given(id_numbers())
def test_lower_case_and_full_width_are_normalised(case: tuple[str, date, str]) -> None:
    number = case[0]
    assert parse_id_number(f"  {number.lower()}\u3000").number == number
    full_width = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    assert parse_id_number(full_width).number == number


def test_lower_case_x_example() -> None:
    assert parse_id_number("11010519491231002x").number == "11010519491231002X"


def _with_check(first17: str) -> str:
    return first17 + id_check_char(first17)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "请填写"),
        ("110105491231002", "15位旧号码已停用，请填写18位号码"),
        ("11010519491231002", "应为18位，现在是17位"),
        ("1101051949123100211", "应为18位，现在是19位"),
        ("1101051949123100A2", "只能由数字组成"),
        ("11010519491231X02X", "只有最后一位可以是 X"),
        (_with_check("99010519491231002"), "地区码"),
        (_with_check("10010519491231002"), "地区码"),
        (_with_check("11010519490230002"), "1949-02-30 不是有效日期"),
        (_with_check("11010519491331002"), "不是有效日期"),
        (_with_check("11010518791231002"), "早于1880年"),
        ("110105194912310021", "校验位不正确，请逐位核对号码"),
    ],
)
def test_bad_numbers_say_why(raw: str, fragment: str) -> None:
    err = error_of(parse_id_number, raw, field="holder_id")
    assert fragment in err.message
    assert err.field == "holder_id"


def test_future_birth_date_is_rejected() -> None:
    today = date(2024, 5, 1)
    tomorrow = _with_check(f"110105{today + timedelta(days=1):%Y%m%d}002")
    assert "晚于今天" in error_of(parse_id_number, tomorrow, today=today).message
    assert parse_id_number(_with_check(f"110105{today:%Y%m%d}002"), today=today).birth_date == today


def test_check_char_message_does_not_reveal_the_right_character() -> None:
    message = error_of(parse_id_number, "110105194912310020").message
    assert "X" not in message


def test_id_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        id_check_char("1234")


# --- phones ---------------------------------------------------------------------------------

mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


@given(mobiles, st.sampled_from(["plain", "spaces", "dashes", "+86", "+86 ", "0086", "86", "(+86)", "fw"]))
def test_mobiles_in_any_spelling(mobile: str, spelling: str) -> None:
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    raw = {
        "plain": mobile,
        "spaces": f" {a} {b} {c} ",
        "dashes": f"{a}-{b}-{c}",
        "+86": f"+86{mobile}",
        "+86 ": f"+86 {a} {b} {c}",
        "0086": f"0086-{mobile}",
        "86": f"86{mobile}",
        "(+86)": f"(+86){a}.{b}.{c}",
        "fw": mobile.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    }[spelling]
    assert normalize_phone(raw) == mobile


@st.composite
def landlines(draw: st.DrawFn) -> tuple[str, str, str]:
    """(area code, local number, extension or "")."""
    if draw(st.booleans()):
        area = draw(st.sampled_from(["010", *(f"02{d}" for d in range(10))]))
        local_len = 8
    else:
        area = "0" + draw(st.from_regex(r"\A[3-9][0-9]{2}\Z"))
        local_len = draw(st.sampled_from([7, 8]))
    local = draw(st.from_regex(rf"\A[1-9][0-9]{{{local_len - 1}}}\Z"))
    ext = draw(st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,6}\Z")))
    return area, local, ext


@given(
    landlines(),
    st.sampled_from(["dash", "paren", "space", "compact", "fw"]),
    st.sampled_from(["转", "ext", "x", "#", "-"]),
)
def test_landlines_in_several_spellings(case: tuple[str, str, str], spelling: str, ext_mark: str) -> None:
    area, local, ext = case
    raw = {
        "dash": f"{area}-{local}",
        "paren": f"({area}){local}",
        "space": f"{area} {local}",
        "compact": f"{area}{local}",
        "fw": f"（{area}）－{local}",
    }[spelling]
    if ext:
        if ext_mark == "-" and spelling != "compact":
            raw += f"-{ext}"
        else:
            raw += (" " if ext_mark != "-" else "") + (ext_mark if ext_mark != "-" else "转") + ext
    expected = f"{area}-{local}" + (f"转{ext}" if ext else "")
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(0755)1234567", "0755-1234567"),
        ("0755 1234567", "0755-1234567"),
        ("01012345678", "010-12345678"),
        ("010-1234 5678", "010-12345678"),
        ("010-12345678-123", "010-12345678转123"),
        ("010-12345678 EXT.88", "010-12345678转88"),
        ("+86 10 12345678", "010-12345678"),
        ("110", "110"),
        ("12345", "12345"),
        ("12315", "12315"),
        ("12348", "12348"),
        ("4001234567", "400-123-4567"),
        ("800-123-4567", "800-123-4567"),
        ("400 123 4567转2", "400-123-4567转2"),
    ],
)
def test_phone_examples(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@given(
    st.one_of(
        mobiles.map(lambda m: f"+86 {m}"),
        landlines().map(lambda c: f"{c[0]} {c[1]}-{c[2]}" if c[2] else f"{c[0]}{c[1]}"),
    )
)
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize_phone(raw)
    assert normalize_phone(once) == once


@given(st.text(max_size=30))
@example("转")
@example("+")
@example("0086")
@example("٣٣٣")
def test_random_text_raises_only_validation_errors(raw: str) -> None:
    try:
        once = normalize_phone(raw)
    except ValidationError as err:
        assert err.field == "phone" and err.message
    else:
        assert normalize_phone(once) == once


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "请填写"),
        ("138001380001", "手机号码应为11位，现在是12位"),
        ("1380013800", "手机号码应为11位，现在是10位"),
        ("12800138000", "第二位应为3-9"),
        ("1234567", "座机号码请加区号，如 010-12345678"),
        ("62345678", "座机号码请加区号"),
        ("0101234567", "区号 010 后面的号码应为8位，现在是7位"),
        ("0755123456", "区号 0755 后面的号码应为7或8位"),
        ("010-02345678", "不能以0开头"),
        ("0755-07551234", "不能以0开头"),
        ("0012345678", "区号"),
        ("13800138000转12", "手机号码不能带分机号"),
        ("010-12345678转1234567", "分机号应为1-6位数字"),
        ("+1 2025550123", "中国大陆"),
        ("电话", "只能包含数字"),
    ],
)
def test_bad_phones_say_why(raw: str, fragment: str) -> None:
    err = error_of(normalize_phone, raw, field="contact_phone")
    assert fragment in err.message
    assert err.field == "contact_phone"


# --- masking and reference data -------------------------------------------------------------


def test_masking() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_phone("13800000000") == "138****0000"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("0755-1234567") == "0755-****567"
    assert mask_phone("010-12345678转123") == "010-****5678转123"
    assert mask_phone("110") == "110"
    assert mask_phone("400-123-4567") == "400-123-4567"
    assert mask_name("张三") == "张某"
    assert mask_name("张三丰") == "张某某"
    assert mask_name("欧阳娜娜") == "欧阳某某"
    assert mask_name("诸葛亮") == "诸葛某"
    assert mask_name("买买提·艾力") == "买某某·某某"


def test_ethnicities() -> None:
    assert len(ETHNICITIES) == 56 == len(set(ETHNICITIES))
    assert ETHNICITIES[0] == "汉族" and ETHNICITIES[-1] == "基诺族"
    assert all(e.endswith("族") for e in ETHNICITIES)


# --- demo data ------------------------------------------------------------------------------


def test_demo_people_have_valid_unique_ids() -> None:
    today = date(2024, 6, 1)
    persons = demo_data.people(random.Random(20240601), 300, today=today)
    assert len({p.id_number for p in persons}) == 300
    for p in persons:
        info = parse_id_number(p.id_number, today=today)
        assert info.gender == p.gender
        assert info.birth_date == p.birth_date
        assert p.ethnicity in ETHNICITIES
        assert 2 <= len(p.name) <= 4
        if p.phone is not None:
            assert normalize_phone(p.phone) == p.phone
    assert sum(p.ethnicity == "汉族" for p in persons) > 250
    assert {p.gender for p in persons} == {"male", "female"}


def test_demo_data_is_deterministic() -> None:
    today = date(2024, 6, 1)
    first = demo_data.people(random.Random(7), 20, today=today)
    assert first == demo_data.people(random.Random(7), 20, today=today)


def test_demo_grids_and_team() -> None:
    assert [g.code for g in demo_data.DEMO_GRIDS] == [f"WG0{i}" for i in range(1, 9)]
    assert all(300 <= g.households <= 600 for g in demo_data.DEMO_GRIDS)
    roles = [m.role for m in demo_data.DEMO_TEAM]
    assert roles.count("officer") == 1 and roles.count("staff") == 2 and roles.count("grid_worker") == 8
    assert {m.grid_code for m in demo_data.DEMO_TEAM if m.role == "grid_worker"} == {
        g.code for g in demo_data.DEMO_GRIDS
    }
    assert all(normalize_phone(m.phone) == m.phone for m in demo_data.DEMO_TEAM)
    rng = random.Random(1)
    grid = demo_data.DEMO_GRIDS[0]
    address = demo_data.household_address(rng, grid.compound, grid.buildings[2])
    assert address.startswith("朝阳区安华里小区3号楼") and address.endswith("室")
