"""Date fields take today from the one clock, not from Qt's own reading of the system clock."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.today(date(2028, 2, 29))
def test_date_fields_take_today_from_the_clock(qapp) -> None:  # noqa: ANN001
    from policeroom.ui.widgets.dates import pydate, qdate, today_qdate

    assert pydate(today_qdate()) == date(2028, 2, 29)
    assert pydate(qdate(date(2026, 12, 31))) == date(2026, 12, 31)
