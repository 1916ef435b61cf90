"""线索举报: statuses, channels, the default categories and the settings (奖励规则, 时限, 保存期限).

The settings live in the shared settings table under ``tips.*`` as JSON; :class:`TipSettings` reads
them with their defaults.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole, Setting
from policeroom.services.core.context import Actor

CHANNELS = ("来访", "电话", "信件", "随手拍", "网格员转来", "上级转来")

#: the editable default (forms.md); Longhua's own list of twelve is not public
DEFAULT_CATEGORIES = (
    "涉黑涉恶", "涉黄", "涉赌", "涉毒", "涉枪涉爆", "电信网络诈骗", "盗抢骗等侵财", "在逃及可疑人员",
    "消防安全隐患", "安全生产隐患", "出租屋及“三小”场所隐患", "其他",
)  # fmt: skip
CATEGORY_NOTE = "默认12类参照常见的有奖举报类别；龙华“平安龙华你我守护”的正式分类未公开，可在设置中修改。"

#: competent bodies a tip may be handed to (移交); free text is allowed too
TRANSFER_BODIES = ("12345政务服务便民热线", "12339国家安全机关", "禁毒部门", "消防救援机构", "市场监管部门",
                   "应急管理部门", "刑侦部门", "街道办事处")  # fmt: skip

VERDICTS = ("属实", "部分属实", "不属实", "无法核实")
TRUE_VERDICTS = ("属实", "部分属实")
NOTIFY_METHODS = ("电话通知", "当面通知", "短信通知", "信件通知")
CLAIM_METHODS = {
    "self_code": "本人凭查询码领取",
    "self_id": "本人凭身份证领取",
    "proxy": "代领（书面委托）",
    "bank": "银行转账",
}

#: the exclusion checklist of 奖励评定: key -> question
EXCLUSIONS = {
    "duty": "举报人是团队成员或负有报告职责的人员",
    "suspect": "举报人是违法犯罪嫌疑人或被羁押人员",
    "known": "线索在举报前已经掌握",
    "later": "同一事项已有在先的有效举报人（只奖励第一位）",
}

STATUS_LABELS = {
    "registered": "待受理",
    "accepted": "待分派核查",
    "declined": "不予受理",
    "transferred": "已移交",
    "checking": "核查中",
    "verified": "待查处结果",
    "unfounded": "核查不实",
    "handled": "待奖励评定",
    "no_reward": "不予奖励",
    "assessed": "奖励待审批",
    "approved": "待通知领奖",
    "notified": "奖励待领取",
    "claimed": "奖励已领取",
    "lapsed": "逾期视为放弃",
    "archived": "已归档",
}
#: statuses that wait only for 归档
ARCHIVABLE = ("declined", "transferred", "unfounded", "no_reward", "claimed", "lapsed")


def require_officer(actor: Actor, what: str) -> None:
    """Only the community officer may ``what`` (查看举报人, 审批奖励, 归档, 清除身份信息)."""
    if actor.role is not AccountRole.officer:
        raise PermissionDenied(f"只有社区民警可以{what}。")


def require_desk(actor: Actor, what: str) -> None:
    """The officer and the staff verify and handle tips; grid workers only register and read."""
    if actor.role not in (AccountRole.officer, AccountRole.staff):
        raise PermissionDenied(f"只有社区民警或工作人员可以{what}。")


@dataclass
class RewardTier:
    """One tier: a fixed amount, or a formula (rate of the amount involved, with a floor and a cap)."""

    label: str
    amount: int | None = None
    rate: float | None = None
    floor: int = 0
    cap: int | None = None

    def propose(self, involved: int | None) -> int | None:
        if self.amount is not None:
            return self.amount
        if self.rate is None or involved is None:
            return None
        value = max(self.floor, round(involved * self.rate))
        return min(value, self.cap) if self.cap is not None else value

    def text(self) -> str:
        if self.amount is not None:
            return f"{self.label}：{self.amount}元"
        cap = f"，最高{self.cap}元" if self.cap is not None else ""
        floor = f"，最低{self.floor}元" if self.floor else ""
        return f"{self.label}：涉及金额×{(self.rate or 0) * 100:g}%{floor}{cap}"


@dataclass
class RewardRule:
    """A reward rule (奖励规则): its name, the article it cites, its tiers."""

    name: str
    article: str
    tiers: list[RewardTier] = field(default_factory=list)

    def tier(self, label: str) -> RewardTier | None:
        return next((t for t in self.tiers if t.label == label), None)


DEFAULT_RULES = [
    RewardRule("禁毒举报奖励", "《禁毒举报奖励办法》（按查获毒品数量分档，最低300元）", [
        RewardTier("一般线索", 300), RewardTier("较重要线索", 1000), RewardTier("重要线索", 3000),
        RewardTier("重大线索", 10000),
    ]),
    RewardRule("涉黑涉恶线索举报奖励", "本地扫黑除恶举报奖励办法（按线索价值分档）", [
        RewardTier("一般线索", 500), RewardTier("重要线索", 2000), RewardTier("重大线索", 10000),
    ]),
    RewardRule("治安线索举报奖励", "本地群防群治有奖举报办法（侵财类按涉案金额比例）", [
        RewardTier("隐患类线索", 200), RewardTier("违法类线索", 500),
        RewardTier("侵财类线索", rate=0.01, floor=200, cap=5000),
    ]),
]  # fmt: skip


@dataclass
class TipSettings:
    """The settings of the tips module (defaults from the 禁毒 rule: 15 working days, 2 months)."""

    categories: list[str] = field(default_factory=lambda: list(DEFAULT_CATEGORIES))
    rules: list[RewardRule] = field(default_factory=lambda: [RewardRule(r.name, r.article, list(r.tiers)) for r in DEFAULT_RULES])
    accept_working_days: int = 1
    verify_working_days: int = 10
    notify_working_days: int = 15
    claim_months: int = 2
    retention_years: dict[str, int] = field(default_factory=dict)
    default_retention_years: int = 2

    def rule(self, name: str) -> RewardRule | None:
        return next((r for r in self.rules if r.name == name), None)

    def retention(self, category: str) -> int:
        return int(self.retention_years.get(category, self.default_retention_years))


KEYS = ("tips.categories", "tips.rules", "tips.limits", "tips.retention")


def load_settings(s: Session) -> TipSettings:
    values = dict(s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(KEYS))).all())
    out = TipSettings()
    if values.get("tips.categories"):
        out.categories = list(json.loads(values["tips.categories"]))
    if values.get("tips.rules"):
        out.rules = [
            RewardRule(r["name"], r.get("article", ""), [RewardTier(**t) for t in r.get("tiers", [])])
            for r in json.loads(values["tips.rules"])
        ]
    if values.get("tips.limits"):
        limits = json.loads(values["tips.limits"])
        for key in ("accept_working_days", "verify_working_days", "notify_working_days", "claim_months"):
            if key in limits:
                setattr(out, key, int(limits[key]))
    if values.get("tips.retention"):
        kept = json.loads(values["tips.retention"])
        out.default_retention_years = int(kept.get("default", 2))
        out.retention_years = {k: int(v) for k, v in kept.get("by_category", {}).items()}
    return out


def settings_json(t: TipSettings) -> dict[str, str]:
    limits = {k: getattr(t, k) for k in ("accept_working_days", "verify_working_days", "notify_working_days", "claim_months")}
    rules = [
        {"name": r.name, "article": r.article, "tiers": [t.__dict__ for t in r.tiers]} for r in t.rules
    ]
    return {
        "tips.categories": json.dumps(t.categories, ensure_ascii=False),
        "tips.rules": json.dumps(rules, ensure_ascii=False),
        "tips.limits": json.dumps(limits),
        "tips.retention": json.dumps(
            {"default": t.default_retention_years, "by_category": t.retention_years}, ensure_ascii=False
        ),
    }


# -- the reward rules as text (the settings dialog edits them so) --------------------------------
def rules_text(rules: list[RewardRule]) -> str:
    """``名称｜依据`` on one line, then one ``- 档次：金额`` line per tier (``1%，最低200，最高5000`` for a formula)."""
    lines = []
    for r in rules:
        lines.append(f"{r.name}｜{r.article}")
        for t in r.tiers:
            if t.amount is not None:
                value = str(t.amount)
            else:
                value = f"{(t.rate or 0) * 100:g}%" + (f"，最低{t.floor}" if t.floor else "") + (
                    f"，最高{t.cap}" if t.cap is not None else "")
            lines.append(f"- {t.label}：{value}")
    return "\n".join(lines)


def parse_rules_text(text: str) -> list[RewardRule]:
    """The rules from :func:`rules_text`'s format; ValidationError("rules", 第n行 …) for a line it cannot read."""
    import re

    from policeroom.errors import ValidationError

    rules: list[RewardRule] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line[0] in "-－—":
            if not rules:
                raise ValidationError("rules", f"第{n}行：档次前须先写规则名称（名称｜依据）")
            label, sep, value = line[1:].strip().replace(":", "：").partition("：")
            label, value = label.strip(), value.strip().replace(",", "，").replace("元", "")
            if not sep or not label or not value:
                raise ValidationError("rules", f"第{n}行：档次应写成“- 档次：金额”，例如“- 一般线索：300”")
            parts = [p.strip() for p in value.split("，") if p.strip()]
            if parts[0].isdigit() and len(parts) == 1:
                tier = RewardTier(label[:30], int(parts[0]))
            else:
                m = re.fullmatch(r"(\d+(?:\.\d+)?)%", parts[0])
                if m is None:
                    raise ValidationError("rules", f"第{n}行：金额应为整数（元）或比例（如 1%，最低200，最高5000）")
                tier = RewardTier(label[:30], None, float(m.group(1)) / 100)
                for p in parts[1:]:
                    m2 = re.fullmatch(r"(最低|最高)(\d+)", p)
                    if m2 is None:
                        raise ValidationError("rules", f"第{n}行：“{p}”无法识别，可写“最低200”“最高5000”")
                    if m2.group(1) == "最低":
                        tier.floor = int(m2.group(2))
                    else:
                        tier.cap = int(m2.group(2))
            if any(t.label == tier.label for t in rules[-1].tiers):
                raise ValidationError("rules", f"第{n}行：档次“{tier.label}”重复")
            rules[-1].tiers.append(tier)
        else:
            name, _sep, article = line.replace("|", "｜").partition("｜")
            if not name.strip() or len(name.strip()) > 60:
                raise ValidationError("rules", f"第{n}行：规则名称应为1到60个字")
            if any(r.name == name.strip() for r in rules):
                raise ValidationError("rules", f"第{n}行：规则“{name.strip()}”重复")
            rules.append(RewardRule(name.strip(), article.strip()[:200]))
    return rules


#: the officer's 举报设置 typed as text (one line each): how long each box may be, beside the field
CATEGORIES_TEXT_LIMIT = 2000  # at most MAX_CATEGORIES lines of 40 characters
RULES_TEXT_LIMIT = 5000
RETENTION_TEXT_LIMIT = 2000
MAX_CATEGORIES = 40
MAX_RULES = 20
