"""Issue 12, item 9: random input into create services and the importer: only the project's own
errors (DomainError), and nothing half-written. The examples run are counted in ``EXAMPLES``."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from policeroom.errors import DomainError
from policeroom.models import MemberRole
from policeroom.services.core.imports import guess_mapping
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.types import RequestFilter
from tests.services.requests.test_requests import register, room  # noqa: F401 - fixture
from tests.timing import DATA_DAY

EXAMPLES: dict[str, int] = {}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
nasty_text = st.one_of(
    st.text(max_size=60),  # any code point, lone surrogates and NUL included
    st.sampled_from(["a\x00b", "\ud800", "张\n三", "=1+1", "·•・‧･", " ", "漏" * 1_000_000, "\u200b"]),
)
any_day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def _count(name: str) -> None:
    EXAMPLES[name] = EXAMPLES.get(name, 0) + 1


@SETTINGS
@given(name=nasty_text, notes=nasty_text, address=nasty_text, phone=nasty_text, birth=any_day)
def test_resident_create_only_domain_errors(officer: Services, name, notes, address, phone, birth) -> None:  # noqa: ANN001
    _count("resident")
    before = officer.residents.count()
    try:
        officer.residents.create(ResidentInput(name=name, notes=notes, address=address, phone=phone, birth_date=birth))
    except DomainError:
        assert officer.residents.count() == before  # nothing half-written


@SETTINGS
@given(name=nasty_text, phone=nasty_text, notes=nasty_text)
def test_team_create_only_domain_errors(officer: Services, name, phone, notes) -> None:  # noqa: ANN001
    _count("team")
    before = len(officer.team.list(include_left=True))
    try:
        officer.team.create(MemberInput(name=name, role=MemberRole.staff, phone=phone, notes=notes))
    except DomainError:
        assert len(officer.team.list(include_left=True)) == before


cell = st.one_of(st.none(), nasty_text, st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
                 any_day, st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))


@SETTINGS
@given(rows=st.lists(st.lists(cell, min_size=4, max_size=4), min_size=1, max_size=6))
def test_resident_import_only_domain_errors(officer: Services, rows) -> None:  # noqa: ANN001
    _count("import")
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "联系电话", "出生日期"])
    for r in rows:
        try:
            ws.append(r)
        except Exception:  # noqa: BLE001 - openpyxl refuses some values itself; not our reader's input
            return
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception:  # noqa: BLE001 - same
        return
    before = officer.residents.count()
    try:
        spec, sheet = officer.resident_ledger.read(buf.getvalue())
        report = officer.resident_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
        officer.resident_ledger.grid_choice.mode = "none"
        result = officer.resident_ledger.commit(report)
        assert officer.residents.count() == before + result.created
    except DomainError:
        assert officer.residents.count() == before


@pytest.mark.today(DATA_DAY)
@SETTINGS
@given(description=nasty_text, name=nasty_text, phone=nasty_text, location=nasty_text,
       when=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
def test_request_create_only_domain_errors(room: Services, description, name, phone, location, when) -> None:  # noqa: ANN001, F811
    _count("request")
    before = len(room.requests.ids())
    try:
        register(room, description=description, resident_id=None, requester_name=name, requester_phone=phone,
                 location=location, received_at=when)
    except DomainError:
        assert len(room.requests.ids()) == before


@pytest.mark.today(DATA_DAY)
@SETTINGS
@given(query=nasty_text)
def test_request_search_only_domain_errors(room: Services, query) -> None:  # noqa: ANN001, F811
    _count("search")
    room.requests.ids(RequestFilter(query=query))
    room.residents.search_ids(query)


def test_zz_examples_were_run() -> None:
    """Printed with -s; the figure quoted in the issue's reply."""
    print("hypothesis examples:", EXAMPLES)
