"""Work summaries (工作小结): the texts the officer writes for a week, a month or a date range.

The figures are never stored: they are counted from the records each time (so a late correction shows up).
What is stored is what a person wrote: 二、重点工作及典型事例, 三、辖区形势, 四、存在问题, 五、下周工作安排,
and who signed it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from policeroom.models.base import Base, Timestamps


class WeeklySummary(Timestamps, Base):
    """The written part of one period's summary (周工作小结; also 月度小结 and a chosen date range)."""

    __tablename__ = "weekly_summary"
    __label__ = "工作小结"
    __table_args__ = (UniqueConstraint("kind", "start", "end", name="uq_weekly_summary_kind_start_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), info={"label": "类别"})  # week / month / range
    start: Mapped[date] = mapped_column(Date, info={"label": "起始日期"})
    end: Mapped[date] = mapped_column(Date, info={"label": "结束日期"})
    key_work: Mapped[str] = mapped_column(Text, default="", info={"label": "重点工作及典型事例"})
    situation: Mapped[str] = mapped_column(Text, default="", info={"label": "辖区形势及纠纷特点"})
    problems: Mapped[str] = mapped_column(Text, default="", info={"label": "存在问题"})
    next_plan: Mapped[str] = mapped_column(Text, default="", info={"label": "下周工作安排"})
    signed_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "民警签名"})
    signed_on: Mapped[date | None] = mapped_column(Date, info={"label": "签名日期"})
    saved_by: Mapped[str] = mapped_column(String(50), default="", info={"label": "保存人"})

    def audit_title(self) -> str:
        return f"{self.start:%Y-%m-%d}至{self.end:%Y-%m-%d}"
