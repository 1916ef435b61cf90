"""Validation of the forces' forms: every field checked, each problem in Chinese beside its field."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import (
    AVAILABILITY,
    VOLUNTEER_ROLES,
    Drill,
    EmergencyMember,
    EmergencyUnit,
    Grid,
    PartnerUnit,
    Resident,
    Volunteer,
    VolunteerTeam,
)
from policeroom.services.core import clock
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.text import DATE_MAX, DATE_MIN, check_name, check_text, column_limit
from policeroom.services.core.validators import normalize_phone
from policeroom.services.forces.types import (
    PARTNER_BRINGS,
    DrillInput,
    PartnerInput,
    TeamInput,
    UnitInput,
    VolunteerInput,
)

#: longest drill arrival time accepted (an hour: anything longer is a typing slip)
MAX_ARRIVAL_SECONDS = 3600


def text(errors: FormErrors, field: str, raw: str | None, label: str, column, *, multiline: bool = False) -> str:  # noqa: ANN001
    """Check one text field against its column's limit; the problem goes to ``errors``."""
    try:
        return check_text(raw, label, column_limit(column), field=field, multiline=multiline)
    except ValidationError as e:
        errors.add(field, e.message)
        return ""


def in_range(errors: FormErrors, field: str, value: date | None, label: str) -> None:
    if value is not None and not (DATE_MIN <= value <= DATE_MAX):
        errors.add(field, f"{label}应在1880年至2099年之间")


def ordered(values: tuple[str, ...], allowed: tuple[str, ...]) -> str:
    """Several choices stored in the list's own order, joined by 、."""
    return "、".join(v for v in allowed if v in values)


def validate_volunteer(s: Session, data: VolunteerInput, volunteer_id: int | None) -> FormErrors:
    errors = FormErrors()
    today = clock.today()
    if data.resident_id is None or s.get(Resident, data.resident_id) is None:
        errors.add("resident_id", "请选择居民（志愿者须先登记为居民）")
    if data.joined_on is None:
        errors.add("joined_on", "请填写加入日期")
    elif data.joined_on > today:
        errors.add("joined_on", "加入日期不能晚于今天")
    in_range(errors, "joined_on", data.joined_on, "加入日期")
    unknown = [r for r in data.roles if r not in VOLUNTEER_ROLES]
    if unknown:
        errors.add("roles", "角色只能是：" + "、".join(VOLUNTEER_ROLES))
    elif not data.roles:
        errors.add("roles", "请至少选择一个角色")
    if any(a not in AVAILABILITY for a in data.availability):
        errors.add("availability", "可服务时间只能是：" + "、".join(AVAILABILITY))
    data.skills = text(errors, "skills", data.skills, "特长", Volunteer.skills)
    data.insurance_policy = text(errors, "insurance_policy", data.insurance_policy, "保单号", Volunteer.insurance_policy)
    data.insurer = text(errors, "insurer", data.insurer, "承保公司", Volunteer.insurer)
    data.notes = text(errors, "notes", data.notes, "备注", Volunteer.notes, multiline=True)
    in_range(errors, "insurance_until", data.insurance_until, "保险有效期")
    if data.insurance_policy and data.insurance_until is None:
        errors.add("insurance_until", "填写了保单号，请同时填写保险有效期")
    if data.insurance_until is not None and not data.insurance_policy:
        errors.add("insurance_policy", "填写了保险有效期，请同时填写保单号")
    if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
        errors.add("grid_id", "所选网格不存在")
    if data.partner_unit_id is not None and s.get(PartnerUnit, data.partner_unit_id) is None:
        errors.add("partner_unit_id", "所选联盟单位不存在")
    for tid in data.team_ids:
        if s.get(VolunteerTeam, tid) is None:
            errors.add("team_ids", "所选队伍不存在")
    return errors


def validate_team(s: Session, data: TeamInput, kinds: list[str], team_id: int | None) -> FormErrors:
    errors = FormErrors()
    try:
        data.name = check_name(data.name, "队伍名称", column_limit(VolunteerTeam.name))
    except ValidationError as e:
        errors.add("name", e.message)
    if not data.name and "name" not in errors.errors:
        errors.add("name", "请填写队伍名称")
    if data.kind not in kinds:
        errors.add("kind", "请从列表中选择队伍类别")
    data.site = text(errors, "site", data.site, "驻点", VolunteerTeam.site)
    data.notes = text(errors, "notes", data.notes, "备注", VolunteerTeam.notes, multiline=True)
    if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
        errors.add("grid_id", "所选网格不存在")
    if data.founded_on is not None and data.founded_on > clock.today():
        errors.add("founded_on", "成立日期不能晚于今天")
    in_range(errors, "founded_on", data.founded_on, "成立日期")
    if data.leader_id is not None and data.leader_id not in data.member_ids:
        errors.add("leader_id", "队长应是本队成员")
    return errors


def validate_partner(data: PartnerInput, kinds: list[str]) -> FormErrors:
    errors = FormErrors()
    data.name = text(errors, "name", data.name, "单位名称", PartnerUnit.name)
    if not data.name and "name" not in errors.errors:
        errors.add("name", "请填写单位名称")
    if data.kind not in kinds:
        errors.add("kind", "请从列表中选择联盟类别")
    data.address = text(errors, "address", data.address, "地址", PartnerUnit.address)
    data.contact = text(errors, "contact", data.contact, "联系人", PartnerUnit.contact)
    data.notes = text(errors, "notes", data.notes, "备注", PartnerUnit.notes, multiline=True)
    if data.phone.strip():
        try:
            data.phone = normalize_phone(data.phone)
        except ValidationError as e:
            errors.add("phone", e.message)
    else:
        data.phone = ""
    if not 0 <= data.guards <= 100000:
        errors.add("guards", "保安人数应在0至100000之间")
    if data.agreement_on is not None and data.agreement_on > clock.today():
        errors.add("agreement_on", "签约日期不能晚于今天")
    in_range(errors, "agreement_on", data.agreement_on, "签约日期")
    if any(b not in PARTNER_BRINGS for b in data.brings):
        errors.add("brings", "提供资源只能是：" + "、".join(PARTNER_BRINGS))
    return errors


def validate_unit(s: Session, data: UnitInput, kinds: list[str]) -> FormErrors:
    errors = FormErrors()
    data.name = text(errors, "name", data.name, "单元名称", EmergencyUnit.name)
    if not data.name and "name" not in errors.errors:
        errors.add("name", "请填写单元名称")
    if data.kind not in kinds:
        errors.add("kind", "请从列表中选择场所类别")
    data.site = text(errors, "site", data.site, "场所地址", EmergencyUnit.site)
    data.notes = text(errors, "notes", data.notes, "备注", EmergencyUnit.notes, multiline=True)
    if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
        errors.add("grid_id", "所选网格不存在")
    seen: set[int] = set()
    for i, m in enumerate(data.members, start=1):
        if s.get(Resident, m.resident_id) is None:
            errors.add("members", f"第{i}名成员不在居民信息中")
        elif m.resident_id in seen:
            errors.add("members", f"第{i}名成员重复")
        seen.add(m.resident_id)
        m.post = text(errors, "members", m.post, f"第{i}名成员的岗位", EmergencyMember.post)
        if not m.post and "members" not in errors.errors:
            errors.add("members", f"请填写第{i}名成员的岗位")
    return errors


def validate_drill(data: DrillInput, now: datetime) -> FormErrors:
    errors = FormErrors()
    if data.held_at is None:
        errors.add("held_at", "请填写测试时间")
    elif data.held_at > now:
        errors.add("held_at", "测试时间不能晚于现在")
    data.scenario = text(errors, "scenario", data.scenario, "情景", Drill.scenario)
    if not data.scenario and "scenario" not in errors.errors:
        errors.add("scenario", "请填写测试情景，例如：市场内商铺起火")
    data.organiser = text(errors, "organiser", data.organiser, "组织人", Drill.organiser)
    data.problems = text(errors, "problems", data.problems, "存在问题", Drill.problems, multiline=True)
    if not data.arrivals:
        errors.add("arrivals", "请至少登记一名成员的到达情况")
    for a in data.arrivals:
        if a.seconds is not None and not 0 <= a.seconds <= MAX_ARRIVAL_SECONDS:
            errors.add("arrivals", f"{a.name}的到达用时应在0至60分钟之间")
    for key, label in (("reinforcement_seconds", "镇街力量到达用时"), ("professional_seconds", "专业救援到达用时")):
        v = getattr(data, key)
        if v is not None and not 0 <= v <= 3 * MAX_ARRIVAL_SECONDS:
            errors.add(key, f"{label}应在0至180分钟之间")
    return errors
