"""线索举报 as a kind on the loop engine: 受理 → 分派核查 → 核查结论 → 查处结果 → 奖励评定 → 审批 → 通知 →
领取 | 逾期视为放弃 → 归档. Statuses, steps, moves, who may make them, and the limits, declared once."""

from __future__ import annotations

from policeroom.services.loop.kinds import Kind, Limits
from policeroom.services.loop.moves import DESK, OFFICER, Move
from policeroom.services.loop.timing import TimeType
from policeroom.services.tips.rules import ARCHIVABLE, STATUS_LABELS, TipSettings

GRADE = "normal"

#: open status -> the step it waits for
STEPS = {
    "registered": "accept",
    "accepted": "assign",
    "checking": "verify",
    "verified": "outcome",
    "handled": "assess",
    "assessed": "approve",
    "approved": "notify",
    "notified": "claim",
    **{s: "archive" for s in ARCHIVABLE},
}
STEP_LABELS = {
    "accept": "受理", "assign": "分派核查", "verify": "核查", "outcome": "查处结果", "assess": "奖励评定",
    "approve": "审批", "notify": "通知", "claim": "领取", "archive": "归档",
}  # fmt: skip

MOVE_LABELS = {
    "register": "登记",
    "update": "修改登记",
    "accept": "受理",
    "decline": "不予受理",
    "assign": "分派核查",
    "verify": "核查结论",
    "outcome": "查处结果",
    "assess": "奖励评定",
    "approve": "审批奖励",
    "notify": "通知领奖",
    "claim": "领取奖励",
    "lapse": "逾期视为放弃",
    "archive": "归档",
    "reveal": "查看举报人",
    "attach": "添加附件",
    "erase": "清除身份信息",
}

_MOVES = {
    "accept": Move("accept", "受理", ("registered",), "accepted", roles=DESK),
    "decline": Move("decline", "不予受理", ("registered",), None, roles=DESK),
    "assign": Move("assign", "分派核查", ("accepted", "checking"), "checking", roles=DESK),
    "verify": Move("verify", "录入核查结论", ("checking",), None, roles=DESK),
    "outcome": Move("outcome", "录入查处结果", ("verified",), "handled", roles=DESK),
    "assess": Move("assess", "奖励评定", ("handled",), None, roles=DESK,
                   refusals={"verified": "请先录入查处结果，再评定奖励。",
                             "unfounded": "核查结论为不属实或无法核实，不评定奖励，请归档。"}),
    "approve": Move("approve", "审批奖励", ("assessed",), "approved", roles=OFFICER),
    "notify": Move("notify", "通知领奖", ("approved",), "notified", roles=DESK,
                   refusals={"assessed": "奖励尚未审批，不能通知领取。"}),
    "claim": Move("claim", "领取奖励", ("notified",), "claimed", roles=DESK,
                  refusals={"lapsed": "已超过领取期限，奖励视为放弃，不能再领取。"}),
    "archive": Move("archive", "归档", ARCHIVABLE, "archived", roles=OFFICER),
}  # fmt: skip

TIME_TYPES = {step: TimeType.working_days for step in STEP_LABELS}


def limits_of(settings: TipSettings, verify_days: int | None = None) -> Limits:
    """Working days per step: 受理 and 分派 as set, 核查 as chosen at 分派, 通知 N days from 查处."""
    return {
        "accept": {GRADE: settings.accept_working_days},
        "assign": {GRADE: settings.accept_working_days},
        "verify": {GRADE: verify_days or settings.verify_working_days},
        "outcome": {GRADE: 20},
        "assess": {GRADE: 5},
        "approve": {GRADE: 5},
        "notify": {GRADE: settings.notify_working_days},
    }


TIP_KIND = Kind(
    name="tip",
    label="线索",
    statuses=STATUS_LABELS,
    steps=STEPS,
    step_labels=STEP_LABELS,
    moves=_MOVES,
    limits=limits_of(TipSettings()),
    time_types=TIME_TYPES,
)
