"""Mediation deadlines on awkward days: a 30-day period ending in a holiday, 调休, a new year without
holiday data (services/mediation/rules.py over services/core/workdays.py)."""

from __future__ import annotations

from datetime import date

import pytest

from policeroom.services.mediation.rules import confirmation_last_day, visit_due


@pytest.mark.parametrize(
    "agreed, last",
    [
        (date(2026, 10, 1), date(2026, 11, 2)),  # 31 Oct is a Saturday → Monday 2 Nov
        (date(2026, 9, 7), date(2026, 10, 8)),  # 7 Oct is still 国庆节 → the first working day after it
        (date(2026, 9, 10), date(2026, 10, 10)),  # Saturday 10 Oct is a 调休 working day: it stands
        (date(2026, 1, 29), date(2026, 2, 28)),  # a 调休 Saturday after 春节 is a working day: it stands
        (date(2026, 1, 16), date(2026, 2, 24)),  # 15 Feb, in 春节 → the first working day after it
        (date(2026, 12, 2), date(2027, 1, 1)),  # no data for 2027: New Year's Day counts as a Friday
        (date(2026, 12, 3), date(2027, 1, 4)),  # Sat 2 Jan 2027 → Mon 4 Jan (weekends still rest)
    ],
)
def test_confirmation_last_day(agreed: date, last: date) -> None:
    assert confirmation_last_day(agreed) == last


def test_visit_due_over_spring_festival_and_new_year() -> None:
    assert visit_due(date(2026, 2, 12), None) == date(2026, 2, 24)  # Fri 13, Sat 14 (调休), then after 春节
    assert visit_due(date(2026, 12, 30), None) == date(2027, 1, 4)  # 31 Dec, 1 Jan (no data), 4 Jan
    assert visit_due(date(2026, 11, 1), date(2026, 12, 31)) == date(2027, 1, 5)  # 1 Jan (no data), 4, 5 Jan
