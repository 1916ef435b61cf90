"""Issue 12, items 6-7: one normalisation for typed and imported text; broken text refused, not crashing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from policeroom.errors import ValidationError
from policeroom.services.core.text import name_key, normalize_text, same_name, search_text
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.services.requests.types import RequestFilter
from tests.services.requests.test_requests import register, room  # noqa: F401 - fixture
from tests.timing import DATA_DAY

pytestmark = pytest.mark.today(DATA_DAY)


def test_normalize_text() -> None:
    assert normalize_text("  ＡＢＣ\u200b１２３\ufeff ") == "ABC123"
    for dot in "·•・‧･":
        assert normalize_text(f"阿依古丽{dot}买买提") == "阿依古丽·买买提"
    assert same_name("张 三", "张三") and name_key("Ｌｉ Ｍｉｎｇ") == "liming"
    assert search_text("a\x00b\ud800") == "a b"


@pytest.mark.parametrize(
    ("name", "message"),
    [("张\x00三", "控制字符"), ("张\n三", "换行"), ("12345", "文字"), ("张\ud800三", "无法保存")],
)
def test_bad_names_are_refused_with_a_message(officer: Services, name: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        officer.residents.create(ResidentInput(name=name))
    assert officer.residents.count() == 0


def test_lone_surrogate_or_nul_in_free_text_is_refused_not_a_crash(officer: Services) -> None:
    for notes in ("漏水\ud83d", "a\x00b"):
        with pytest.raises(ValidationError):
            officer.residents.create(ResidentInput(name="张三", notes=notes))
    assert officer.residents.count() == 0


def test_middle_dot_variants_are_one_character_for_storage_and_search(officer: Services) -> None:
    rid = officer.residents.create(ResidentInput(name="阿依古丽•买买提"))
    assert officer.residents.get(rid).name == "阿依古丽·买买提"
    assert officer.residents.search_ids("阿依古丽・买买提") == [rid]


def test_request_search_with_nul_or_surrogate_does_not_crash(room: Services) -> None:  # noqa: F811
    rid = register(room)
    assert room.requests.ids(RequestFilter(query="a\x00b")) == []
    assert room.requests.ids(RequestFilter(query="漏水\ud800")) == [rid]
    assert room.requests.ids(RequestFilter(query="张 三")) == [rid]


def test_id_numbers_in_groups_and_86_prefixed_landlines_are_accepted() -> None:
    from policeroom.services.core.validators import normalize_phone, parse_id_number

    for typed in ("110105 19491231 002X", "110105-19491231-002x", "１１０１０５ １９４９１２３１ ００２Ｘ"):
        assert parse_id_number(typed).number == "11010519491231002X"
    with pytest.raises(ValidationError):
        parse_id_number("110105 19491231 0021")  # the digits must still make a valid number
    assert normalize_phone("86-755-23456789") == normalize_phone("+86 755 23456789") == "0755-23456789"


def test_extension_b_names_get_pinyin_keys() -> None:
    from policeroom.services.core.pinyin import name_keys

    assert name_keys("王𠮷") == ("wang ji", "wj")
    assert name_keys("𠮷田春") == ("ji tian chun", "jtc")


def test_request_search_finds_given_name_pinyin_and_middle_initials(room: Services) -> None:  # noqa: F811
    rid = register(room, resident_id=None, requester_name="欧阳娜娜", requester_phone="13800001111")
    for query in ("oynn", "ouyangnana", "nana", "ynn"):
        assert room.requests.ids(RequestFilter(query=query)) == [rid], query


@pytest.mark.parametrize("when", [datetime(1, 1, 1, 8, 0), datetime(1879, 12, 31, 8, 0)])
def test_dates_out_of_range_are_refused_with_the_range(room: Services, when: datetime) -> None:  # noqa: F811
    with pytest.raises(ValidationError, match="1880年1月1日至2099年12月31日"):
        register(room, received_at=when)


def test_filters_up_to_9999_do_not_overflow(room: Services) -> None:  # noqa: F811
    rid = register(room)
    assert room.requests.ids(RequestFilter(date_from=date(1, 1, 1), date_to=date(9999, 12, 31))) == [rid]
