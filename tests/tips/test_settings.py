"""The tips settings: reward rules as text (round trip, refusals), saving by the officer only, the dialog."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.services.tips.rules import DEFAULT_RULES, RewardRule, RewardTier, parse_rules_text, rules_text
from tests.tips.conftest import Room

_word = st.text(alphabet="禁毒举报奖励线索一般重要治安档次甲乙丙", min_size=1, max_size=8)
_tier = st.one_of(
    st.builds(lambda label, amount: RewardTier(label, amount), _word, st.integers(1, 10**6)),
    st.builds(lambda label, pct, floor, cap: RewardTier(label, None, pct / 100, floor, cap),
              _word, st.integers(1, 50), st.integers(0, 500), st.one_of(st.none(), st.integers(1000, 10**5))),
)  # fmt: skip


@given(st.lists(st.tuples(_word, _word, st.lists(_tier, min_size=1, max_size=4, unique_by=lambda t: t.label)),
                min_size=1, max_size=4, unique_by=lambda r: r[0]))  # fmt: skip
def test_rules_text_round_trip(raw) -> None:  # noqa: ANN001
    rules = [RewardRule(name, article, tiers) for name, article, tiers in raw]
    assert parse_rules_text(rules_text(rules)) == rules


def test_the_default_rules_read_back_and_a_formula_proposes() -> None:
    assert parse_rules_text(rules_text(DEFAULT_RULES)) == DEFAULT_RULES
    tier = parse_rules_text("治安｜办法\n- 侵财类：1%，最低200，最高5000")[0].tiers[0]
    assert (tier.propose(6000), tier.propose(100_000), tier.propose(2_000_000)) == (200, 1000, 5000)


@pytest.mark.parametrize("text, line", [("- 一般：300", 1), ("甲｜乙\n- 一般 300", 2), ("甲｜乙\n- 一般：三百", 2),
                                         ("甲｜乙\n- 一般：1%，最多9", 2), ("甲｜乙\n- 一般：3\n- 一般：4", 3)])  # fmt: skip
def test_unreadable_lines_are_named(text: str, line: int) -> None:
    with pytest.raises(ValidationError, match=f"第{line}行"):
        parse_rules_text(text)


def test_only_the_officer_saves_and_the_dialog_saves(room: Room, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.tips.settings import TipSettingsDialog

    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    with pytest.raises(PermissionDenied):
        staff.tips.save_settings(staff.tips.settings())
    dlg = TipSettingsDialog(room.services)
    qtbot.addWidget(dlg)
    dlg.categories.setPlainText("涉毒\n涉赌\n其他")
    dlg.rules.setPlainText("本所奖励｜本所办法第3条\n- 一般：200\n- 侵财：2%，最高3000")
    dlg.keep_by.setPlainText("涉毒=5")
    dlg.claim_months.setValue(3)
    dlg.save()
    t = room.services.tips.settings()
    assert t.categories == ["涉毒", "涉赌", "其他"] and t.claim_months == 3 and t.retention("涉毒") == 5
    assert t.rules[0].tier("侵财").rate == 0.02 and t.retention("涉赌") == 2
    dlg2 = TipSettingsDialog(room.services)
    qtbot.addWidget(dlg2)
    dlg2.keep_by.setPlainText("不存在=3")
    dlg2.save()
    assert "第1行" in dlg2.errors.text("retention")
