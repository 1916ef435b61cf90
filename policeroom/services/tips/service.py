"""线索举报 service: intake (number, query code, sealed tipster), attachments, 查看举报人, settings.

The loop's moves are in :mod:`.moves`, reading in :mod:`.reader`, keeping and forgetting in :mod:`.keeping`.
One transaction per call; every call checks the actor.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound, ValidationError
from policeroom.models import Grid, Resident, Setting, TeamMember, Tip, TipAttachment, TipIdentity
from policeroom.services.core import audit, clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import next_value
from policeroom.services.core.text import check_name, check_text
from policeroom.services.core.validators import normalize_phone, parse_id_number
from policeroom.services.loop.engine import Loop
from policeroom.services.tips.codes import code_hash, new_code
from policeroom.services.tips.keeping import TipKeeping
from policeroom.services.tips.kind import TIP_KIND
from policeroom.services.tips.links import TipLinks
from policeroom.services.tips.moves import TipMoves, matter
from policeroom.services.tips.reader import TipReader
from policeroom.services.tips.rules import (
    CHANNELS,
    MAX_CATEGORIES,
    MAX_RULES,
    TipSettings,
    load_settings,
    require_desk,
    require_officer,
    settings_json,
)
from policeroom.services.tips.types import Intake, TipInput, Tipster

CONTENT_LIMIT = 4000
CLOCK_SKEW = timedelta(minutes=5)
#: attachments: at most this many per tip, this big each, this much in all
MAX_FILES = 10
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TIP_BYTES = 20 * 1024 * 1024
THUMB_SIZE = (160, 160)


def tip_number(year: int, seq: int) -> str:
    return f"JB{year}-{seq:06d}"


class TipService(TipMoves, TipReader, TipKeeping, TipLinks):
    """Tips: intake here; the loop in TipMoves; lists, details and follow-up in TipReader."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- settings ---------------------------------------------------------------------------
    def settings(self) -> TipSettings:
        with self.ctx.read() as s:
            return load_settings(s)

    def save_settings(self, t: TipSettings) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        cats = [c.strip() for c in t.categories if c.strip()]
        if not cats:
            errors.add("categories", "至少保留一个类别")
        elif len(set(cats)) != len(cats):
            errors.add("categories", "类别不能重复")
        elif any(len(c) > 40 for c in cats):
            errors.add("categories", "类别名称不能超过40个字")
        elif len(cats) > MAX_CATEGORIES:
            errors.add("categories", f"类别不能超过{MAX_CATEGORIES}个（现在{len(cats)}个）")
        for key, label, hi in (("notify_working_days", "通知时限", 60), ("claim_months", "领取期限", 24),
                               ("verify_working_days", "核查时限", 60), ("accept_working_days", "受理时限", 10),
                               ("default_retention_years", "保存期限", 30)):  # fmt: skip
            if not 1 <= int(getattr(t, key)) <= hi:
                errors.add(key, f"{label}应在1到{hi}之间")
        if not t.rules:
            errors.add("rules", "至少保留一条奖励规则")
        elif len(t.rules) > MAX_RULES:
            errors.add("rules", f"奖励规则不能超过{MAX_RULES}条（现在{len(t.rules)}条）")
        for r in t.rules:
            if not r.name.strip() or not r.tiers:
                errors.add("rules", "每条奖励规则须有名称和至少一个档次")
            for tier in r.tiers:
                if tier.amount is None and tier.rate is None:
                    errors.add("rules", f"“{r.name}”的档次“{tier.label}”须有金额或比例")
        errors.raise_if_any()
        t.categories = cats
        with self.ctx.write() as s:
            for key, value in settings_json(t).items():
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=value))
                elif row.value != value:
                    row.value = value

    # -- intake -----------------------------------------------------------------------------
    def _clean(self, s: Session, data: TipInput, settings: TipSettings, now: datetime) -> tuple[TipInput, Tip | None]:
        errors = FormErrors()
        if data.received_at > now + CLOCK_SKEW:
            errors.add("received_at", "受理时间不能晚于现在")
        if data.occurred_at and data.occurred_at > data.received_at + CLOCK_SKEW:
            errors.add("occurred_at", "发生时间不能晚于受理时间")
        if data.channel not in CHANNELS:
            errors.add("channel", "请选择来源渠道")
        if data.category not in settings.categories:
            errors.add("category", "请从列表中选择线索类别（类别可在设置中修改）")
        for key, label, limit, multi in (("content", "线索内容", CONTENT_LIMIT, True), ("subject", "被举报对象", 100, False),
                                         ("place", "地点", 200, False), ("contact", "联系方式", 200, False)):  # fmt: skip
            try:
                setattr(data, key, check_text(getattr(data, key), label, limit, field=key, multiline=multi))
            except ValidationError as e:
                errors.add(key, e.message)
        if not data.content and "content" not in errors.errors:
            errors.add("content", "请填写线索内容")
        if data.amount is not None and not 0 <= data.amount <= 10**10:
            errors.add("amount", "涉及金额应在0到100亿元之间")
        if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
            errors.add("grid_id", "所选网格不存在")
        if self.ctx.actor.limited_to_grids and data.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的线索")
        if data.receiver_id is not None and s.get(TeamMember, data.receiver_id) is None:
            errors.add("receiver_id", "所选受理人不存在")
        earlier = None
        if data.duplicate_of.strip():
            earlier = s.scalar(select(Tip).where(Tip.number == data.duplicate_of.strip().upper()))
            if earlier is None:
                errors.add("duplicate_of", f"没有编号为“{data.duplicate_of.strip()}”的线索")
        self._clean_tipster(s, data, errors)
        errors.raise_if_any()
        return data, earlier

    def _clean_tipster(self, s: Session, data: TipInput, errors: FormErrors) -> None:
        if data.anonymous:
            data.resident_id, data.tipster_name, data.tipster_id_number = None, "", ""
        else:
            if data.resident_id is not None:
                r = s.get(Resident, data.resident_id)
                if r is None:
                    errors.add("resident_id", "所选居民不存在")
                else:
                    data.tipster_name = data.tipster_name or r.name
                    data.tipster_id_number = data.tipster_id_number or (r.id_number or "")
                    data.tipster_phone = data.tipster_phone or (r.phone or "")
            try:
                data.tipster_name = check_name(data.tipster_name, "举报人姓名", 50, field="tipster_name")
            except ValidationError as e:
                errors.add("tipster_name", e.message)
            if not data.tipster_name and "tipster_name" not in errors.errors:
                errors.add("tipster_name", "实名举报请填写举报人姓名，或选择“匿名”")
            if data.tipster_id_number.strip():
                try:
                    info = parse_id_number(data.tipster_id_number, field="tipster_id_number")
                    data.tipster_id_number = info.number
                except ValidationError as e:
                    errors.add("tipster_id_number", e.message)
            if data.resident_id is None and data.tipster_id_number and "tipster_id_number" not in errors.errors:
                data.resident_id = s.scalar(select(Resident.id).where(Resident.id_number == data.tipster_id_number))
        if data.tipster_phone.strip():
            try:
                data.tipster_phone = normalize_phone(data.tipster_phone, field="tipster_phone")
            except ValidationError as e:
                errors.add("tipster_phone", e.message)
        else:
            data.tipster_phone = ""

    def register(self, data: TipInput, now: datetime | None = None) -> Intake:
        """登记: a number of the year, a fresh query code (returned once), the tipster sealed."""
        now = now or clock.now()
        with self.ctx.write() as s:
            settings = load_settings(s)
            data, earlier = self._clean(s, data, settings, now)
            year = data.received_at.year
            seq = next_value(s, f"JB{year}")
            code = new_code()
            digest = code_hash(s, self.ctx.actor, code)
            while s.scalar(select(Tip.id).where(Tip.code_hash == digest)) is not None:  # 1 in 10^16; still
                code = new_code()
                digest = code_hash(s, self.ctx.actor, code)
            t = Tip(
                number=tip_number(year, seq), year=year, seq=seq, code_hash=digest, received_at=data.received_at,
                channel=data.channel, category=data.category, anonymous=data.anonymous, subject=data.subject,
                place=data.place, grid_id=data.grid_id, occurred_at=data.occurred_at, amount=data.amount,
                content=data.content, duplicate_of_id=earlier.id if earlier else None,
                receiver_id=data.receiver_id or self.ctx.actor.member_id, status="registered",
            )  # fmt: skip
            s.add(t)
            s.flush()
            if data.tipster_name or data.tipster_phone or data.contact or data.tipster_id_number:
                s.add(TipIdentity(
                    tip_id=t.id, resident_id=data.resident_id, name=data.tipster_name,
                    id_number=data.tipster_id_number, phone=data.tipster_phone, contact=data.contact,
                ))  # fmt: skip
            note = f"{t.channel}，{t.category}" + (f"，与{earlier.number}为同一事项" if earlier else "")
            loop = Loop(TIP_KIND, self.ctx.actor)
            event = loop.record(s, matter(t), "register", t.received_at, note)
            event.from_status = None
            return Intake(t.id, t.number, code)

    def update(self, tip_id: int, data: TipInput, now: datetime | None = None) -> None:
        """修改登记 (desk): correct what was reported while the tip is not yet verified. The tipster and the
        query code stay as registered; the year (of the number) cannot change."""
        now = now or clock.now()
        require_desk(self.ctx.actor, "修改线索登记")
        with self.ctx.write() as s:
            t = self._get(s, tip_id)
            if t.status not in ("registered", "accepted", "checking"):
                raise ValidationError("status", "线索核查后登记内容不能再修改。")
            data.anonymous, data.resident_id = True, None  # the sealed record is not touched here
            data.tipster_name = data.tipster_id_number = data.tipster_phone = data.contact = ""
            data, earlier = self._clean(s, data, load_settings(s), now)
            if data.received_at.year != t.year:
                raise ValidationError("received_at", "受理时间不能改到另一年（编号按年编排）")
            if earlier is not None and earlier.id == t.id:
                raise ValidationError("duplicate_of", "不能与本线索自己为同一事项")
            for key in ("received_at", "channel", "category", "subject", "place", "grid_id", "occurred_at", "amount",
                        "content"):  # fmt: skip
                setattr(t, key, getattr(data, key))
            t.duplicate_of_id = earlier.id if earlier else None
            if data.receiver_id:
                t.receiver_id = data.receiver_id
            Loop(TIP_KIND, self.ctx.actor).record(s, matter(t), "update", now, "修改登记")

    # -- attachments ------------------------------------------------------------------------
    def add_attachment(self, tip_id: int, file_name: str, data: bytes) -> int:
        """A photo or file kept inside the database; photos get a thumbnail."""
        name = (file_name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200]
        if not name:
            raise ValidationError("attachment", "请选择文件")
        if not data:
            raise ValidationError("attachment", f"“{name}”是空文件")
        if len(data) > MAX_FILE_BYTES:
            raise ValidationError("attachment", f"“{name}”超过{MAX_FILE_BYTES // 1024 // 1024}MB，请压缩后再添加")
        with self.ctx.write() as s:
            t = self._get(s, tip_id)
            if t.erased_at is not None:
                raise ValidationError("attachment", "该线索的附件已按保存期限清除，不能再添加。")
            count, total = s.execute(
                select(func.count(), func.coalesce(func.sum(TipAttachment.size), 0)).where(TipAttachment.tip_id == t.id)
            ).one()
            if count >= MAX_FILES:
                raise ValidationError("attachment", f"每条线索最多{MAX_FILES}个附件")
            if total + len(data) > MAX_TIP_BYTES:
                raise ValidationError("attachment", f"每条线索的附件合计不能超过{MAX_TIP_BYTES // 1024 // 1024}MB")
            a = TipAttachment(tip_id=t.id, file_name=name, size=len(data), data=data, thumbnail=thumbnail(data),
                              added_at=clock.now())  # fmt: skip
            s.add(a)
            s.flush()
            return a.id

    def attachment(self, attachment_id: int) -> tuple[str, bytes]:
        with self.ctx.read() as s:
            a = s.get(TipAttachment, attachment_id)
            if a is None:
                raise NotFound("附件不存在或已清除。")
            self._get(s, a.tip_id)
            return a.file_name, a.data

    # -- the sealed tipster -----------------------------------------------------------------
    def reveal(self, tip_id: int, reason: str) -> Tipster | None:
        """查看举报人: the officer only, with a reason written into the history (None: no one recorded)."""
        require_officer(self.ctx.actor, "查看举报人")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("reveal_reason", "请填写查看举报人的理由（将记入修改记录）")
        if len(reason) > 200:
            raise ValidationError("reveal_reason", "理由不能超过200个字")
        with self.ctx.write() as s:
            t = self._get(s, tip_id)
            ident = s.scalar(select(TipIdentity).where(TipIdentity.tip_id == t.id))
            audit.record(s, self.ctx.actor, "tip", t.id, "reveal", {"查看举报人理由": [None, reason]}, title=t.audit_title())
            Loop(TIP_KIND, self.ctx.actor).record(s, matter(t), "reveal", clock.now(), reason)
            if ident is None:
                return None
            return Tipster(ident.name, ident.id_number, ident.phone, ident.contact, ident.resident_id,
                           ident.claim_receiver, ident.claim_detail)  # fmt: skip


def thumbnail(data: bytes) -> bytes | None:
    """A JPEG of at most 160×160 for a photo; None for other files (or a photo Pillow cannot read)."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            im.thumbnail(THUMB_SIZE)
            out = io.BytesIO()
            im.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except Exception:  # noqa: BLE001 - not a picture: no thumbnail
        return None
