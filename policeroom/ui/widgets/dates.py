"""Python dates to and from Qt's, and today's date for date fields, from the one clock (时钟).

Screens never ask Qt for the date (``QDate.currentDate()``): Qt reads the system clock itself, past the
clock that tests pin and a future "as of" mode would move.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from policeroom.services.core import clock


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def today_qdate() -> QDate:
    """Today as a QDate, for a date field's default."""
    return qdate(clock.today())
