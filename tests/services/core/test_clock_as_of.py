"""``clock.as_of``: "now" is the given time inside the block, for this thread only, and back after it."""

from __future__ import annotations

import threading
from datetime import datetime

from policeroom.services.core import clock


def test_as_of_moves_now_and_today_inside_the_block_only() -> None:
    at = datetime(2025, 3, 1, 9, 30)
    before = clock.now()
    with clock.as_of(at):
        assert clock.now() == at and clock.today() == at.date() and clock.now_minute() == at
        seen: list[datetime] = []
        other = threading.Thread(target=lambda: seen.append(clock.now()))
        other.start()
        other.join()
        assert seen[0] != at  # another thread keeps the real time
        with clock.as_of(datetime(2024, 1, 1)):
            assert clock.today().year == 2024
        assert clock.now() == at
    assert clock.now() >= before
    assert clock.now() != at
