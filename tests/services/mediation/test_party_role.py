"""Issue 12, item 8: an invalid party role is a message on the form, not a ValueError."""

from __future__ import annotations

import pytest

from policeroom.errors import ValidationError
from policeroom.services.mediation.types import PartyInput
from policeroom.services.registry import Services
from tests.services.mediation.test_mediation import errors_of, ledger, new_case, room  # noqa: F401 - fixture


@pytest.mark.parametrize("make", [ledger, new_case])
def test_invalid_party_role_is_a_message(room: Services, make) -> None:  # noqa: ANN001, F811
    with pytest.raises(ValidationError) as e:
        make(room, parties=[PartyInput(name="张三", role="boss"), PartyInput(name="李四", role="respondent")])
    assert errors_of(e.value)["parties.0.role"] == "张三：请选择当事人身份"


def test_overlong_interviewee_is_refused_with_the_limit(room: Services) -> None:  # noqa: F811
    """A 2,100-character 被调查人 made the 调查记录 unprintable; now it is refused with the limit."""
    from datetime import datetime

    from policeroom.models import RecordKind
    from policeroom.services.mediation.types import RecordInput

    cid = new_case(room)
    with pytest.raises(ValidationError, match="被调查人不能超过100个字"):
        room.mediation.add_record(cid, RecordKind.investigation, RecordInput(
            at=datetime(2026, 11, 6, 10), interviewee="王" * 2100, investigator="王建军", content="证实漏水", recorder="刘芳",
        ))
