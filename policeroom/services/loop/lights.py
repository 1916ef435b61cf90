"""The lights (红黄绿灯): how much of the current step's limit is used up.

Green below 80 %, yellow from 80 % up to the due date itself, red once it is past; a parked (挂账)
matter's clock stands still and shows grey. The share is measured in the step's own kind of time, so a
working-hours limit does not turn yellow over a weekend.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from policeroom.services.loop.timing import TimeType, measure

#: the share of the limit at which a step turns yellow
YELLOW_AT = 0.8


class Light(str, enum.Enum):
    none = "none"  # finished, or a step without a limit
    green = "green"
    yellow = "yellow"
    red = "red"
    parked = "parked"


LIGHT_LABELS = {
    Light.none: "",
    Light.green: "正常",
    Light.yellow: "临期",
    Light.red: "超期",
    Light.parked: "挂账",
}


@dataclass(frozen=True)
class Window:
    """The current step's clock: it started at ``start`` and falls due at ``due`` (both after parking)."""

    step: str
    start: datetime
    due: datetime | None
    time_type: TimeType
    parked_at: datetime | None = None

    def light(self, now: datetime) -> Light:
        return light(self.start, self.due, now, self.time_type, parked=self.parked_at is not None)

    def share(self, now: datetime) -> float | None:
        """The used share of the limit (1.0 at the due date), or None without a limit."""
        if self.due is None:
            return None
        total = measure(self.start, self.due, self.time_type)
        when = self.parked_at or now
        if total <= 0:
            return 1.0 if when >= self.due else 0.0
        return measure(self.start, when, self.time_type) / total


def light(
    start: datetime, due: datetime | None, now: datetime, time_type: TimeType, *, parked: bool = False
) -> Light:
    """The light of a step that started at ``start`` and falls due at ``due``, seen at ``now``."""
    if parked:
        return Light.parked
    if due is None:
        return Light.none
    if now > due:
        return Light.red
    total = measure(start, due, time_type)
    if total <= 0:
        return Light.yellow
    used = measure(start, now, time_type)
    return Light.yellow if used >= YELLOW_AT * total - 1e-9 else Light.green
