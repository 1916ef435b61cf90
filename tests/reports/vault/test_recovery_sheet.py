"""The recovery key sheet: the key, the room, the file and what the key is for, in the PDF's text."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader

from policeroom.reports.vault.recovery import recovery_key_pdf
from policeroom.vault.recovery import new_recovery_key


def test_the_sheet_carries_the_key_and_what_it_is_for() -> None:
    key = new_recovery_key()
    pdf = recovery_key_pdf(key, room_name="安华里社区警务室", database="D:/警务室/policeroom.db",
                           created_at=datetime(2026, 12, 5, 9, 30))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace(" ", "")
    assert key in text
    for words in ("数据库恢复密钥", "安华里社区警务室", "D:/警务室/policeroom.db", "2026年12月5日09:30", "保险柜",
                  "--recovery-key"):
        assert words in text, words
