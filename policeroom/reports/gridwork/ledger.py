"""网格事件台账 as xlsx, through the house writer (formulas neutralised, phones and IDs masked)."""

from __future__ import annotations

from collections.abc import Sequence

from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx
from policeroom.services.core.exports import masked_row_getter
from policeroom.services.gridwork.ledger import COLUMNS

TITLE = "网格事件台账"


def events_xlsx(rows: Sequence[Sequence[object]], room_name: str, period: str) -> bytes:
    headers = [c.header for c in COLUMNS]
    shown = masked_row_getter(headers, False)
    return list_xlsx(f"{room_name}{TITLE}{period}", [XlsxColumn(c.header, c.width) for c in COLUMNS],
                     (shown(r) for r in rows), sheet_title=TITLE)  # fmt: skip
