"""The leaks of issue 13 (permissions on reads), each with what it used to show: a grid worker of
grid B (``other``) against grid A's residents. The permission table (tests/test_permissions.py) has a
row for each; these check what the record holds afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import Resident, Risk
from policeroom.services.core.context import SYSTEM
from policeroom.services.core.imports import guess_mapping
from policeroom.services.mediation.types import DisputeInput, PartyInput
from policeroom.services.registry import Services
from tests.permission_world import A_ID, A_PHONE, B_ID, DAY, World, actors, build_template, open_world
from tests.services.people.permission_cases import xlsx
from tests.timing import DATA_DAY

pytestmark = pytest.mark.today(DATA_DAY)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> tuple[Path, World]:
    return build_template(tmp_path_factory.mktemp("world"), migrated_template)


@pytest.fixture
def as_role(template: tuple[Path, World], tmp_path: Path) -> Iterator:  # noqa: ANN201
    """``as_role("own")``: services signed in as that role, all on one copy of the world."""
    db, _ = open_world(*template, tmp_path, "officer")
    people = actors(db, template[1])
    yield lambda role: Services(db.sessions, people[role])
    db.close()


def test_an_import_commit_cannot_move_another_grids_resident(as_role, template) -> None:  # noqa: ANN001
    """Checked by the officer's desk (or altered): grid B's worker commits a row that moves grid A's
    resident into grid B and overwrites the phone. Refused as a whole; the resident is untouched."""
    w = template[1]
    other = as_role("other")
    ledger = Services(other.ctx.sessions, SYSTEM).resident_ledger
    spec, sheet = ledger.read(xlsx([["姓名", "身份证号", "联系电话", "网格"], ["严秀英", A_ID, "13700137000", "WG02"],
                                    ["窦志强", B_ID, "13900139009", "WG02"]]))
    report = ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert not report.bad  # the officer's check sees nothing wrong
    with pytest.raises(PermissionDenied, match="第 2 行"):
        other.resident_ledger.commit(report)
    with other.ctx.sessions() as s:
        r = s.get(Resident, w.rA)
        assert (r.grid_id, r.phone) == (w.gA, A_PHONE)
        assert s.get(Resident, w.rB).phone != "13900139009"  # all or nothing


def test_another_grids_resident_cannot_be_linked_then_read(as_role, template) -> None:  # noqa: ANN001
    w = template[1]
    other = as_role("other")
    with pytest.raises(ValidationError, match="本人负责网格"):
        other.disputes.create(DisputeInput(
            screened_on=DAY, dispute_type="邻里", risk=Risk.blue, summary="争吵", grid_id=w.gB,
            parties=[PartyInput(name="", resident_id=w.rA)],
        ), today=DAY)  # fmt: skip
    # typing the name and phone stays possible; nothing of the index's record is filled in
    entry = other.disputes.create(DisputeInput(
        screened_on=DAY, dispute_type="邻里", risk=Risk.blue, summary="争吵", grid_id=w.gB,
        parties=[PartyInput(name="严秀英", phone="13700137000")],
    ), today=DAY)  # fmt: skip
    shown = repr(other.disputes.get(entry))
    assert "严秀英" in shown and A_ID not in shown and A_PHONE not in shown


def test_a_link_the_officer_made_survives_an_edit_by_the_grid_worker(as_role, template) -> None:  # noqa: ANN001
    """The officer names grid B's resident in grid A's ledger entry; grid A's worker can still edit the
    entry (the link stays) without the resident's details being filled in."""
    w = template[1]
    officer, own = as_role("officer"), as_role("own")
    data = DisputeInput(screened_on=DAY, dispute_type="邻里", risk=Risk.blue, summary="争吵", grid_id=w.gA,
                        parties=[PartyInput(name="窦志强", resident_id=w.rB)])
    entry = officer.disputes.create(data, today=DAY)
    detail = own.disputes.get(entry)
    own.disputes.update(entry, DisputeInput(**{**vars(detail.data), "summary": "争吵，已调解"}), today=DAY)
    assert own.disputes.get(entry).data.summary == "争吵，已调解"
    assert [p.resident_id for p in own.disputes.get(entry).data.parties] == [w.rB]


def test_history_of_a_deleted_record_is_refused_to_grid_workers(as_role, template) -> None:  # noqa: ANN001
    w = template[1]
    officer, own = as_role("officer"), as_role("own")
    gone = officer.disputes.create(DisputeInput(
        screened_on=DAY, dispute_type="邻里", risk=Risk.blue, summary="录错了", grid_id=w.gA,
        parties=[PartyInput(name="严秀英")]), today=DAY)
    officer.disputes.delete(gone)
    assert officer.history("dispute_entry", gone)  # the officer reads what was deleted
    with pytest.raises(PermissionDenied):
        own.history("dispute_entry", gone)  # its grid cannot be told any more
