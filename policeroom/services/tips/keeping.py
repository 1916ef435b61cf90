"""Keeping and forgetting (保存与清除): after archiving, a tip's tipster, contact and attachments are kept
for the category's years (setting, default 2), then erased with SQLite's secure_delete; the tip itself
(number, category, dates, outcome) stays, so the counts and the summaries do not change."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from policeroom.models import Tip, TipAttachment, TipIdentity
from policeroom.services.core import audit, clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.loop.engine import Loop
from policeroom.services.tips.kind import TIP_KIND
from policeroom.services.tips.rules import load_settings, require_desk, require_officer
from policeroom.services.tips.shapes import add_months, matter, visible
from policeroom.services.tips.types import KeepingRow

#: the list shows tips whose keeping time ends within this many days (and those already past)
NEARING_DAYS = 60


class TipKeeping:
    ctx: ServiceContext

    def keeping(self, today: date | None = None, within_days: int = NEARING_DAYS) -> list[KeepingRow]:
        """Archived tips whose keeping time ends within ``within_days`` (or has ended), soonest first."""
        require_desk(self.ctx.actor, "查看保存期限")
        today = today or clock.today()
        with self.ctx.read() as s:
            settings = load_settings(s)
            tips = s.scalars(visible(select(Tip), self.ctx.actor).where(
                Tip.status == "archived", Tip.erased_at.is_(None), Tip.archived_at.is_not(None))).all()  # fmt: skip
            ids = [t.id for t in tips]
            with_identity = set(s.scalars(select(TipIdentity.tip_id).where(TipIdentity.tip_id.in_(ids))))
            files = dict(s.execute(select(TipAttachment.tip_id, func.count()).where(TipAttachment.tip_id.in_(ids))
                                   .group_by(TipAttachment.tip_id)).all())  # fmt: skip
            out = []
            for t in tips:
                erase_on = add_months(t.archived_at.date(), 12 * settings.retention(t.category))
                if erase_on <= today + timedelta(days=within_days):
                    out.append(KeepingRow(t.id, t.number, t.category, t.archived_at, erase_on, t.id in with_identity,
                                          files.get(t.id, 0)))  # fmt: skip
            return sorted(out, key=lambda r: (r.erase_on, r.number))

    def erase_expired(self, today: date | None = None) -> list[str]:
        """清除: erase identity, contact and attachments of every tip past its keeping time (officer)."""
        require_officer(self.ctx.actor, "清除举报人信息")
        today = today or clock.today()
        due = [r for r in self.keeping(today, within_days=0) if r.erase_on <= today]
        if not due:
            return []
        with self.ctx.write() as s:
            _secure_delete(s)
            for r in due:
                t = s.get(Tip, r.id)
                n_files = s.scalar(select(func.count()).select_from(TipAttachment).where(TipAttachment.tip_id == t.id))
                s.execute(delete(TipIdentity).where(TipIdentity.tip_id == t.id))
                s.execute(delete(TipAttachment).where(TipAttachment.tip_id == t.id))
                t.erased_at = clock.now()
                note = f"保存期限届满（{r.erase_on:%Y-%m-%d}），清除举报人身份、联系方式和{n_files}个附件"
                audit.record(s, self.ctx.actor, "tip", t.id, "update", {"身份信息清除": [None, note]}, title=t.audit_title())
                Loop(TIP_KIND, self.ctx.actor).record(s, matter(t), "erase", clock.now(), note)
        return [r.number for r in due]


def _secure_delete(s: Session) -> None:
    """SQLite overwrites deleted content with zeros (secure_delete), for this connection."""
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text("PRAGMA secure_delete = ON"))
