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
