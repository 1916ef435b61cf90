"""考核's formula: the rates, their weights (settings, the officer's), the score and the grade A-E.

The figure providers (:mod:`.figures`, and later patrols and visits) say which counted facts and rates
exist; this module only knows how to turn rates and weights into a score, so a new provider's rate is
scored the same way once its weight is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: grade boundaries (score ≥ bound), from forms.md: A ≥ 90, B 75-90, C 60-75, D 40-60, E < 40
GRADES = (("A", 90.0), ("B", 75.0), ("C", 60.0), ("D", 40.0), ("E", float("-inf")))
WEIGHTS_KEY = "gridwork.assessment_weights"


@dataclass(frozen=True)
class RateSpec:
    """A rate of the 考核: numerator ÷ denominator (two counted facts), optionally scored as 1 - rate.

    Attributes:
        empty: the value scored when the denominator is 0 (nothing to judge), printed beside it.
        default_weight: its weight unless the officer changed it (0: shown, not scored).
    """

    key: str
    label: str
    numerator: str
    denominator: str
    default_weight: float = 0.0
    invert: bool = False
    empty: float = 1.0
    order: int = 100

    @property
    def term(self) -> str:
        """How the rate enters the formula: ``有效上报率`` or ``(1-漏报率)``."""
        return f"(1-{self.label})" if self.invert else self.label


@dataclass(frozen=True)
class Rate:
    """One worker's rate: the spec, its two numbers, and what was scored."""

    spec: RateSpec
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def scored(self) -> float:
        """The value the formula uses (1 - rate when inverted; ``empty`` when there is nothing to judge)."""
        if self.value is None:
            return self.spec.empty
        v = min(max(self.value, 0.0), 1.0)
        return 1.0 - v if self.spec.invert else v


def score(rates: Mapping[str, Rate], weights: Mapping[str, float]) -> float:
    """Σ weight × scored value, scaled to 100 when the weights do not add up to 100."""
    total = sum(w for k, w in weights.items() if k in rates and w > 0)
    if total <= 0:
        return 0.0
    raw = sum(w * rates[k].scored for k, w in weights.items() if k in rates and w > 0)
    return round(raw * 100.0 / total, 1)


def grade(value: float) -> str:
    for letter, bound in GRADES:
        if value >= bound - 1e-9:
            return letter
    return "E"


def formula_text(specs: list[RateSpec], weights: Mapping[str, float]) -> str:
    """The formula as printed: ``综合得分 = 有效上报率×40 + (1-漏报率)×20 + …``."""
    used = [s for s in specs if weights.get(s.key, 0) > 0]
    if not used:
        return "综合得分 = 0（未设置权重）"
    body = " + ".join(f"{s.term}×{_num(weights[s.key])}" for s in used)
    total = sum(weights[s.key] for s in used)
    if abs(total - 100) > 1e-9:
        return f"综合得分 = ({body}) ÷ {_num(total)} × 100"
    return f"综合得分 = {body}"


def grade_text() -> str:
    return "等级：A 90分及以上，B 75分至90分，C 60分至75分，D 40分至60分，E 40分以下"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
