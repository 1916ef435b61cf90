"""Reading a patrol's checkpoints (检查点): which were missed, which were reached out of order, how complete.

Pure functions over plain data, so the rule is tested without a database. A point is *out of order*
when it cannot be part of the longest run of points reached in route order: with the route 1-2-3-4
walked 1-3-2-4, either 2 or 3 broke the order; the longest run keeps as many points in order as
possible (here 1-3-4, the first run found) and names the rest one by one (第2点 … 应在第3点之前).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class PointState:
    """One checkpoint of one patrol: its place in the route, its name, when it was reached (None: missed)."""

    seq: int
    name: str
    at: time | None
    problem: bool = False
    note: str = ""


@dataclass(frozen=True)
class CheckpointReading:
    """What a patrol's points say: missed points and out-of-order points, each named, and the completion."""

    total: int
    reached: int
    missed: tuple[str, ...]
    out_of_order: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def completion(self) -> float:
        """完成率: points reached ÷ points of the route (1.0 for a route without points)."""
        return self.reached / self.total if self.total else 1.0

    @property
    def completion_text(self) -> str:
        return f"{self.completion * 100:.0f}%"

    @property
    def summary(self) -> str:
        """``完成 75%（4点到3点）；漏巡：2. 菜市场；顺序不符：…`` as the lists show it."""
        parts = [f"完成 {self.completion_text}（{self.total}点到{self.reached}点）"]
        if self.missed:
            parts.append("漏巡：" + "、".join(self.missed))
        if self.out_of_order:
            parts.append("顺序不符：" + "；".join(self.out_of_order))
        return "；".join(parts)


def _label(p: PointState) -> str:
    return f"第{p.seq}点 {p.name}"


def _hm(t: time | None) -> str:
    return f"{t:%H:%M}" if t is not None else ""


def _longest_in_order(points: list[PointState]) -> set[int]:
    """Indexes (into ``points``, sorted by time) of a longest run whose route order only rises."""
    n = len(points)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if points[j].seq < points[i].seq and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return set()
    # the longest run; on a tie the one ending at the earliest route point
    end = max(range(n), key=lambda i: (best[i], -points[i].seq))
    keep = set()
    while end >= 0:
        keep.add(end)
        end = prev[end]
    return keep


def read_points(points: list[PointState]) -> CheckpointReading:
    """Missed, out-of-order and problem points of one patrol, named one by one in route order."""
    by_route = sorted(points, key=lambda p: p.seq)
    missed = tuple(_label(p) for p in by_route if p.at is None)
    reached = sorted((p for p in points if p.at is not None), key=lambda p: (p.at, p.seq))
    keep = _longest_in_order(reached)
    out = []
    for i, p in enumerate(reached):
        if i in keep:
            continue
        # name the point it should have followed (or preceded)
        after = [q for q in reached if q.seq < p.seq and q.at > p.at]  # type: ignore[operator]
        before = [q for q in reached if q.seq > p.seq and q.at < p.at]  # type: ignore[operator]
        if after:
            q = max(after, key=lambda q: q.seq)
            why = f"应在{_label(q)}（{_hm(q.at)}）之后"
        elif before:
            q = min(before, key=lambda q: q.seq)
            why = f"应在{_label(q)}（{_hm(q.at)}）之前"
        else:  # pragma: no cover - a point outside the longest run always has one of the two
            why = "顺序不符"
        out.append((p.seq, f"{_label(p)}（{_hm(p.at)}到达）{why}"))
    problems = tuple(
        f"{_label(p)}：{p.note}" if p.note else _label(p) for p in by_route if p.problem and p.at is not None
    )
    return CheckpointReading(
        total=len(points),
        reached=len(reached),
        missed=missed,
        out_of_order=tuple(text for _seq, text in sorted(out)),
        problems=problems,
    )
