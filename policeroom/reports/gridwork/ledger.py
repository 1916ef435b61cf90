"""网格事件台账 as xlsx, through the house writer (formulas neutralised; ID numbers and phones masked,
also inside the free texts — a description often carries a resident's phone)."""

from __future__ import annotations

from collections.abc import Sequence

from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx
from policeroom.services.core.exports import mask_text, masked_row_getter
from policeroom.services.gridwork.ledger import COLUMNS

TITLE = "网格事件台账"
_FREE_TEXT = {"描述", "处置情况", "反馈内容", "核查意见", "不立案理由", "地点"}


def events_xlsx(rows: Sequence[Sequence[object]], room_name: str, period: str) -> bytes:
    headers = [c.header for c in COLUMNS]
    shown = masked_row_getter(headers, False)
    free = [i for i, h in enumerate(headers) if h in _FREE_TEXT]

    def line(r: Sequence[object]) -> list[object]:
        values = list(shown(r))
        for i in free:
            if isinstance(values[i], str):
                values[i] = mask_text(values[i])
        return values

    return list_xlsx(f"{room_name}{TITLE}{period}", [XlsxColumn(c.header, c.width) for c in COLUMNS],
                     (line(r) for r in rows), sheet_title=TITLE)  # fmt: skip
