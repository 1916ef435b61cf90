"""Work summaries (周工作小结, 月度小结) and the monthly 矛盾纠纷排查调处情况统计表.

Figures are counted from the records every time (definitions in :mod:`policeroom.services.summary.figures`);
only the written sections and the sign-off are stored, per period, in ``weekly_summary``. A summary
covers the whole room, so grid workers (who see only their own grids) cannot open or write one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from policeroom.errors import PermissionDenied
from policeroom.models import DisputeEntry, MediationCase, Risk, Setting, WeeklySummary
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.settings import load_room_settings
from policeroom.services.mediation.disputes import load_dispute_types
from policeroom.services.requests.shapes import _rules
from policeroom.services.summary.figures import (
    by_category,
    by_dispute_type,
    count_figures,
    has_roster,
    trend,
)
from policeroom.services.summary.texts import notable, numbered, problems, situation, upcoming
from policeroom.services.summary.types import (
    DisputeTable,
    DisputeTypeRow,
    Period,
    SummaryData,
    SummaryTexts,
    WeekGlance,
    week_period,
)
from policeroom.services.tips.figures import tips_by_category

MASK_NAMES_KEY = "summary.mask_names"
#: 重大纠纷: a red-risk dispute, or one involving this many people or more (群体性纠纷).
MAJOR_PEOPLE = 5
TEXT_LIMIT = 5000
TEXT_LABELS = {
    "key_work": "重点工作及典型事例",
    "situation": "辖区形势及纠纷特点",
    "problems": "存在问题",
    "next_plan": "下周工作安排",
}


class SummaryService:
    """Figures, pre-filled texts and saved texts of a period; the dispute statistics table."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _require(self) -> None:
        if self.ctx.actor.limited_to_grids:
            raise PermissionDenied("工作小结涵盖整个警务室，网格员不能查看或编写，请联系社区民警。")

    # -- settings ---------------------------------------------------------------------------
    def mask_names(self) -> bool:
        """Whether names print as 张某某 (setting ``summary.mask_names``, on unless switched off)."""
        with self.ctx.read() as s:
            return _mask_names(s)

    def set_mask_names(self, on: bool) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            row = s.get(Setting, MASK_NAMES_KEY)
            if row is None:
                s.add(Setting(key=MASK_NAMES_KEY, value="1" if on else "0"))
            else:
                row.value = "1" if on else "0"

    # -- summaries --------------------------------------------------------------------------
    def summary(self, period: Period, now: datetime | None = None) -> SummaryData:
        """The period's figures against the previous period (环比) and a year before (同比), charts'
        data, and the written sections: as saved, or pre-filled from the records when never saved."""
        self._require()
        now = now or clock.now()
        with self.ctx.read() as s:
            rules = _rules(s)
            room = load_room_settings(s)
            figures = count_figures(s, period, rules, now)
            cats = by_category(s, period)
            types = by_dispute_type(s, period)
            names: set[str] = set()
            prefill_notable = notable(s, period, rules, min(period.end_at, now), names)
            prefill_next = upcoming(s, period, names)
            row = _saved(s, period)
            if row is not None:
                texts = SummaryTexts(
                    row.key_work, row.situation, row.problems, row.next_plan, row.signed_by, row.signed_on,
                    saved=True, saved_by=row.saved_by, saved_at=row.updated_at,
                )  # fmt: skip
            else:
                texts = SummaryTexts(
                    key_work=numbered(prefill_notable),
                    situation=situation(period, figures, cats, types),
                    problems=numbered(problems(s, period, figures)),
                    next_plan=numbered(prefill_next),
                    signed_by=room.officer_in_charge,
                    signed_on=now.date(),
                )
            return SummaryData(
                period=period, room_name=room.room_name, station=room.station, figures=figures,
                previous=count_figures(s, period.previous(), rules, now),
                year_ago=count_figures(s, period.year_ago(), rules, now),
                by_category=cats, by_type=types, trend=trend(s, period), texts=texts,
                mask_names=_mask_names(s), has_roster=has_roster(s), made_at=now, names=frozenset(names),
                tips_by_category=tips_by_category(s, period.start_at, period.end_at),
            )  # fmt: skip

    def save_texts(self, period: Period, texts: SummaryTexts) -> None:
        """Store the written sections and the sign-off with the period (one row per period)."""
        self._require()
        errors = FormErrors()
        for key, label in TEXT_LABELS.items():
            if len(getattr(texts, key)) > TEXT_LIMIT:
                errors.add(key, f"“{label}”不能超过{TEXT_LIMIT}个字")
        if len(texts.signed_by.strip()) > 50:
            errors.add("signed_by", "签名不能超过50个字")
        errors.raise_if_any()
        with self.ctx.write() as s:
            row = _saved(s, period)
            if row is None:
                row = WeeklySummary(kind=period.kind, start=period.start, end=period.end)
                s.add(row)
            for key in TEXT_LABELS:
                setattr(row, key, getattr(texts, key).strip())
            row.signed_by = texts.signed_by.strip()
            row.signed_on = texts.signed_on
            row.saved_by = self.ctx.actor.name

    def discard_texts(self, period: Period) -> bool:
        """Forget the saved texts, so the next opening pre-fills them again; False if none were saved."""
        self._require()
        with self.ctx.write() as s:
            row = _saved(s, period)
            if row is None:
                return False
            s.delete(row)
            return True

    def glance(self, today: date | None = None, now: datetime | None = None) -> WeekGlance:
        """工作台: this week's figures so far against last week's, and eight weeks for sparklines."""
        now = now or clock.now()
        week = week_period(today or now.date())
        with self.ctx.read() as s:
            rules = _rules(s)
            points = trend(s, week)
            return WeekGlance(
                count_figures(s, week, rules, now), count_figures(s, week.previous(), rules, now),
                [p.requests for p in points], [p.disputes for p in points],
            )  # fmt: skip

    # -- 矛盾纠纷排查调处情况统计表 --------------------------------------------------------------
    def dispute_table(self, period: Period, now: datetime | None = None) -> DisputeTable:
        """Per dispute type, as the justice bureaus count them.

        排查数: ledger entries screened in the period; 调处数: cases accepted in the period; 调解成功数:
        cases whose agreement was reached in the period; 调解不成: cases that failed in the period;
        成功率 = 成功数 ÷ (成功数 + 调解不成); 涉及人数: the sum over the entries screened; 重大纠纷: entries
        screened that are red-risk or involve ``MAJOR_PEOPLE`` people or more. Types come in the order of
        the room's type list; a type found in the records but no longer in the list is added at the end.
        """
        self._require()
        now = now or clock.now()
        with self.ctx.read() as s:
            room = load_room_settings(s)
            E, C = DisputeEntry, MediationCase  # noqa: N806
            in_p = E.screened_on.between(period.start, period.end)
            major = (E.risk == Risk.red) | (E.people_count >= MAJOR_PEOPLE)
            entries = {
                t: (n, people or 0, big or 0)
                for t, n, people, big in s.execute(
                    select(E.dispute_type, func.count(), func.sum(E.people_count),
                           func.sum(case((major, 1), else_=0)))
                    .where(in_p).group_by(E.dispute_type)
                ).all()
            }  # fmt: skip
            accepted = _by_type(s, C.accepted_on, period)
            agreed = _by_type(s, C.agreed_on, period)
            failed = _by_type(s, C.failed_on, period)
            types = load_dispute_types(s)
        for t in sorted(set(entries) | set(accepted) | set(agreed) | set(failed)):
            if t not in types:
                types.append(t)
        rows = [
            DisputeTypeRow(t, entries.get(t, (0, 0, 0))[0], accepted.get(t, 0), agreed.get(t, 0),
                           failed.get(t, 0), entries.get(t, (0, 0, 0))[1], entries.get(t, (0, 0, 0))[2])
            for t in types
        ]  # fmt: skip
        total = DisputeTypeRow(
            "合计", *(sum(getattr(r, k) for r in rows) for k in
                    ("screened", "mediated", "succeeded", "failed", "people", "major")),
        )  # fmt: skip
        return DisputeTable(period, room.room_name, rows, total, now)


def _by_type(s: Session, col, period: Period) -> dict[str, int]:  # noqa: ANN001 - a column
    C = MediationCase  # noqa: N806
    return dict(
        s.execute(select(C.dispute_type, func.count()).where(col.between(period.start, period.end))
                  .group_by(C.dispute_type)).all()
    )  # fmt: skip


def _saved(s: Session, p: Period) -> WeeklySummary | None:
    return s.scalar(
        select(WeeklySummary).where(WeeklySummary.kind == p.kind, WeeklySummary.start == p.start,
                                    WeeklySummary.end == p.end)
    )  # fmt: skip


def _mask_names(s: Session) -> bool:
    row = s.get(Setting, MASK_NAMES_KEY)
    return row is None or row.value != "0"
