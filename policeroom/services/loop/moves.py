"""Moves (操作): from which statuses, to which, by whom; and the moves every kind gains.

A move names the statuses it may start from and the status it leads to (None: the status stays, as for
督办 or 挂账), the roles allowed to make it (None: anyone who may see the matter), and Chinese reasons
for refusals that deserve more than the general sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from policeroom.models import AccountRole

#: short role names for refusals (“只有社区民警可以督办。”)
ROLE_NAMES = {
    AccountRole.officer: "社区民警",
    AccountRole.staff: "社区工作人员",
    AccountRole.grid_worker: "网格员",
}


@dataclass(frozen=True)
class Move:
    """One move of a kind (派遣, 办结, 督办 ...)."""

    name: str
    label: str
    from_statuses: tuple[str, ...]
    to_status: str | None = None
    roles: frozenset[AccountRole] | None = None
    #: status -> why the move is not allowed from it (plain Chinese, shown to the person)
    refusals: Mapping[str, str] = field(default_factory=dict)
    #: a side move does not finish the step (督办, 延期, 挂账 ...); main moves may be refused while parked
    side: bool = False

    def who(self) -> str:
        roles = sorted(self.roles or (), key=lambda r: list(AccountRole).index(r))
        return "或".join(ROLE_NAMES[r] for r in roles)


OFFICER = frozenset({AccountRole.officer})
DESK = frozenset({AccountRole.officer, AccountRole.staff})

#: the moves every kind gains (the engine's own)
SUPERVISE = "supervise"
REPLY = "reply"
ASK_EXTENSION = "extend_ask"
APPROVE_EXTENSION = "extend_approve"
REFUSE_EXTENSION = "extend_refuse"
REWORK = "rework"
PARK = "park"
RESUME = "resume"

SHARED_LABELS = {
    SUPERVISE: "督办",
    REPLY: "回复督办",
    ASK_EXTENSION: "申请延期",
    APPROVE_EXTENSION: "批准延期",
    REFUSE_EXTENSION: "不批准延期",
    REWORK: "返工",
    PARK: "挂账",
    RESUME: "恢复",
}


def shared_moves(
    open_statuses: tuple[str, ...], closing_status: str | None, rework_to: str | None
) -> dict[str, Move]:
    """The engine's moves for a kind with these open statuses and this closing check."""
    moves = {
        SUPERVISE: Move(SUPERVISE, "督办", open_statuses, roles=OFFICER, side=True),
        REPLY: Move(REPLY, "回复督办", open_statuses, side=True),
        ASK_EXTENSION: Move(ASK_EXTENSION, "申请延期", open_statuses, side=True),
        APPROVE_EXTENSION: Move(APPROVE_EXTENSION, "批准延期", open_statuses, roles=OFFICER, side=True),
        REFUSE_EXTENSION: Move(REFUSE_EXTENSION, "不批准延期", open_statuses, roles=OFFICER, side=True),
        PARK: Move(PARK, "挂账", open_statuses, roles=DESK, side=True),
        RESUME: Move(RESUME, "恢复", open_statuses, roles=DESK, side=True),
    }
    if closing_status is not None and rework_to is not None:
        moves[REWORK] = Move(REWORK, "返工", (closing_status,), rework_to, roles=DESK)
    return moves
