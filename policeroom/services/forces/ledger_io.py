"""The volunteer ledger (志愿者台账) in and out of Excel: export rows, the import spec and its commit.

Import goes through the house engine (``services/core/imports.py``): read, guess the columns, check
every row (row, column, reason), preview, then ``commit`` the good rows in ONE transaction. The person
is found in the resident index by ID number (or by name and phone), and added there when new: one
person, one record. A person already registered as a volunteer is updated with the row's non-empty
values instead of doubled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AVAILABILITY, VOLUNTEER_ROLES, Grid, Resident, Volunteer, VolunteerTeam
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.imports import (
    ImportField,
    ImportReport,
    ImportSpec,
    Progress,
    RowError,
    Sheet,
    cell_text,
    check_rows,
    parse_date,
    parse_text,
    read_sheet,
)
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.text import same_name
from policeroom.services.core.validators import normalize_phone, parse_id_number
from policeroom.services.forces.types import VolunteerInput, VolunteerRow
from policeroom.services.forces.volunteers import VolunteerService

#: (header, width, value) of the exported list; the headers are what the import reads back
EXPORT_COLUMNS: tuple[tuple[str, float, Callable[[VolunteerRow], object]], ...] = (
    ("志愿者编号", 13, lambda r: r.number),
    ("姓名", 10, lambda r: r.name),
    ("性别", 6, lambda r: r.gender),
    ("年龄", 6, lambda r: r.age),
    ("身份证号", 21, lambda r: r.id_number),
    ("联系电话", 15, lambda r: r.phone),
    ("网格", 16, lambda r: r.grid),
    ("队伍", 24, lambda r: r.teams),
    ("角色", 20, lambda r: r.roles),
    ("义警", 6, lambda r: "是" if r.auxiliary else ""),
    ("所属联盟单位", 18, lambda r: r.partner_unit),
    ("加入日期", 12, lambda r: r.joined_on),
    ("状态", 8, lambda r: r.status.label),
    ("保险有效期至", 13, lambda r: r.insurance_until),
    ("确认时长（小时）", 12, lambda r: r.hours),
    ("积分余额", 10, lambda r: r.points),
    ("星级", 12, lambda r: r.star),
)

_SPLIT = str.maketrans({c: "、" for c in ",，;；/ 　|"})


def _choices(label: str, allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    def parse(value: Any) -> tuple[str, ...]:
        items = [t for t in cell_text(value).translate(_SPLIT).split("、") if t]
        bad = [t for t in items if t not in allowed]
        if bad:
            raise ValidationError("", f"{label}“{'、'.join(bad)}”不在列表中（可填：{'、'.join(allowed)}）")
        return tuple(items)

    return parse


def _parse_id(value: Any) -> str:
    if isinstance(value, float) and len(cell_text(value)) > 15:
        raise ValidationError("", "身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为“文本”后重新录入")
    return parse_id_number(cell_text(value)).number


def _parse_yes(value: Any) -> bool:
    t = cell_text(value)
    if t in ("是", "√", "✓", "Y", "y", "1", "义警"):
        return True
    if t in ("否", "", "N", "n", "0"):
        return False
    raise ValidationError("", f"“{t}”应为“是”或“否”")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    residents_added: int
    unchanged: int = 0


class VolunteerLedgerService:
    """Excel import and export rows for volunteers (uses the registry's rules)."""

    def __init__(self, ctx: ServiceContext, volunteers: VolunteerService) -> None:
        self.ctx = ctx
        self.volunteers = volunteers

    def export_rows(self, ids: list[int]) -> list[VolunteerRow]:
        """Rows for these ids with the identity number in full (masked again by the writer unless --full)."""
        rows = self.volunteers.rows(ids)
        with self.ctx.read() as s:
            numbers = dict(
                s.execute(
                    select(Volunteer.id, Resident.id_number)
                    .join(Resident, Volunteer.resident_id == Resident.id)
                    .where(Volunteer.id.in_(ids))
                ).all()
            )
        from dataclasses import replace

        return [replace(r, id_number=numbers.get(r.id) or "") for r in rows]

    # -- import ------------------------------------------------------------------------------
    def spec(self) -> ImportSpec:
        with self.ctx.read() as s:
            grids: dict[str, int] = {}
            for g in s.scalars(select(Grid).order_by(Grid.archived, Grid.code)):
                for k in (g.code, g.name, f"{g.code} {g.name}", f"{g.code}{g.name}"):
                    grids.setdefault(k.strip(), g.id)
            teams = {n: i for n, i in s.execute(select(VolunteerTeam.name, VolunteerTeam.id))}

        def parse_grid(value: Any) -> int:
            text = " ".join(cell_text(value).split())
            if text not in grids:
                raise ValidationError("", f"没有名为“{text}”的网格（可写网格编号或名称，如 WG01）")
            return grids[text]

        def parse_teams(value: Any) -> tuple[int, ...]:
            names = [t for t in cell_text(value).translate(_SPLIT).split("、") if t]
            missing = [n for n in names if n not in teams]
            if missing:
                raise ValidationError("", f"没有名为“{'、'.join(missing)}”的队伍，请先在“队伍与单位”中新建")
            return tuple(teams[n] for n in names)

        fields = (
            ImportField("name", "姓名", ("志愿者姓名", "名字"), parse_text(50, "姓名"), required=True),
            ImportField("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证", "证件号码"), _parse_id),
            ImportField("phone", "联系电话", ("手机", "手机号", "手机号码", "电话", "联系方式"),
                        lambda v: normalize_phone(cell_text(v))),
            ImportField("address", "住址", ("现住址", "地址", "居住地址", "家庭住址"), parse_text(200, "住址")),
            ImportField("grid", "网格", ("所在网格", "所属网格", "服务网格"), parse_grid),
            ImportField("teams", "队伍", ("所属队伍", "队伍名称", "志愿者队伍"), parse_teams),
            ImportField("roles", "角色", ("志愿者角色", "身份", "类别"), _choices("角色", VOLUNTEER_ROLES), required=True),
            ImportField("skills", "特长", ("专长", "技能"), parse_text(200, "特长")),
            ImportField("availability", "可服务时间", ("服务时间", "空闲时间"), _choices("可服务时间", AVAILABILITY)),
            ImportField("auxiliary", "义警", ("是否义警",), _parse_yes),
            ImportField("joined_on", "加入日期", ("注册日期", "登记日期", "入队日期", "加入时间"), parse_date, required=True),
            ImportField("insurance_policy", "保单号", ("意外险保单号", "保险单号"), parse_text(40, "保单号")),
            ImportField("insurer", "承保公司", ("保险公司",), parse_text(60, "承保公司")),
            ImportField("insurance_until", "保险有效期至", ("保险有效期", "保险到期日", "保险截止日期"), parse_date),
            ImportField("notes", "备注", ("说明",), parse_text(2000, "备注")),
        )  # fmt: skip
        return ImportSpec("志愿者", fields, check_row=self._check_row, key_field="id_number")

    def _check_row(self, v: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        problems: list[tuple[str, str]] = []
        today = clock.today()
        if v.get("joined_on") and v["joined_on"] > today:
            problems.append(("joined_on", "加入日期不能晚于今天"))
        if bool(v.get("insurance_policy")) != bool(v.get("insurance_until")):
            key = "insurance_until" if v.get("insurance_policy") else "insurance_policy"
            problems.append((key, "保单号和保险有效期应同时填写"))
        if not v.get("id_number") and not v.get("phone"):
            problems.append(("id_number", "请填写身份证号或联系电话（用来在居民信息中找到本人）"))
        actor = self.ctx.actor
        if actor.limited_to_grids and v.get("grid") not in actor.grid_ids:
            problems.append(("grid", "网格员只能导入本人负责网格的志愿者"))
        return v, problems

    def template(self) -> bytes:
        """The blank 导入模板: recognised headers, one example row, the rules in a second sheet."""
        from policeroom.reports.core.import_template import import_template

        example, rules = template_rows()
        return import_template(self.spec(), example, rules)

    def read(self, source: str | Path | bytes, progress: Progress | None = None) -> tuple[ImportSpec, Sheet]:
        spec = self.spec()
        return spec, read_sheet(source, spec, progress)

    def _person(self, s: Any, v: dict[str, Any]) -> Resident | None:
        if v.get("id_number"):
            return s.scalar(select(Resident).where(Resident.id_number == v["id_number"]))
        if v.get("phone"):
            for r in s.scalars(select(Resident).where(Resident.phone == v["phone"])):
                if same_name(r.name, v["name"]):
                    return r
        return None

    def check(
        self, spec: ImportSpec, sheet: Sheet, mapping: dict[str, int | None], progress: Progress | None = None
    ) -> ImportReport:
        """Every row checked; rows naming a registered volunteer are marked as updates. Writes nothing."""
        report = check_rows(spec, sheet, mapping, progress)
        header = sheet.headers[mapping["name"]] if mapping.get("name") is not None else "姓名"
        actor = self.ctx.actor
        with self.ctx.read() as s:
            for row in report.good:
                person = self._person(s, row.values)
                if person is None:
                    continue
                vol = s.scalar(select(Volunteer).where(Volunteer.resident_id == person.id))
                if not actor.sees_grid(person.grid_id) or (vol is not None and not actor.sees_grid(vol.grid_id)):
                    # before anything of that person is shown
                    row.errors.append(RowError(row.row, header, "该居民已登记在其他网格，网格员不能导入或修改"))
                    continue
                if not same_name(person.name, row.values["name"]):
                    row.errors.append(RowError(row.row, header, f"身份证号已登记为{person.name}，本行为{row.values['name']}"))
                    continue
                if vol is not None:
                    report.existing_rows.add(row.row)
                    report.changes[row.row] = [("志愿者", vol.number, "更新本行填写的项目")]
        return report

    def commit(self, report: ImportReport, progress: Progress | None = None) -> ImportResult:
        """Write every good row in ONE transaction (all or nothing)."""
        rows = [r for r in report.good if r.row not in report.excluded]
        created = updated = added = 0
        actor = self.ctx.actor
        with self.ctx.write() as s:
            for n, row in enumerate(rows, start=1):
                v = row.values
                person = self._person(s, v)
                vol = s.scalar(select(Volunteer).where(Volunteer.resident_id == person.id)) if person else None
                # The report may be old or made by someone else: grid and owner are checked again, row by row.
                if actor.limited_to_grids and not (
                    actor.sees_grid(v.get("grid") or (vol.grid_id if vol else person.grid_id if person else None))
                    and (person is None or actor.sees_grid(person.grid_id))
                    and (vol is None or actor.sees_grid(vol.grid_id))
                ):
                    raise PermissionDenied(
                        f"第 {row.row} 行：网格员只能导入和修改本人负责网格的志愿者，本次导入未写入任何内容。"
                    )
                if person is None:
                    person = Resident(name=v["name"], id_number=v.get("id_number") or None, phone=v.get("phone") or None,
                                      address=v.get("address") or "", grid_id=v.get("grid"), notes="", archived=False)
                    person.name_pinyin, person.name_initials = name_keys(person.name)
                    if v.get("id_number"):
                        info = parse_id_number(v["id_number"])
                        person.gender, person.birth_date = info.gender, info.birth_date
                    s.add(person)
                    s.flush()
                    added += 1
                if vol is None:
                    self.volunteers.create_within(s, _input(person.id, v))
                    created += 1
                else:
                    _update(s, vol, v)
                    updated += 1
                if progress is not None and n % 250 == 0:
                    progress(n, len(rows))
        return ImportResult(created, updated, added)


def _input(resident_id: int, v: dict[str, Any]) -> VolunteerInput:
    return VolunteerInput(
        resident_id=resident_id, joined_on=v.get("joined_on"), grid_id=v.get("grid"), roles=v.get("roles") or (),
        skills=v.get("skills") or "", availability=v.get("availability") or (), team_ids=v.get("teams") or (),
        insurance_policy=v.get("insurance_policy") or "", insurer=v.get("insurer") or "",
        insurance_until=v.get("insurance_until"), auxiliary=bool(v.get("auxiliary")), notes=v.get("notes") or "",
    )  # fmt: skip


def _update(s: Any, vol: Volunteer, v: dict[str, Any]) -> None:
    """The row's non-empty values on a registered volunteer (an import never blanks a field)."""
    from policeroom.services.forces.checks import ordered

    if v.get("roles"):
        vol.roles = ordered(tuple(v["roles"]), VOLUNTEER_ROLES)
    if v.get("availability"):
        vol.availability = ordered(tuple(v["availability"]), AVAILABILITY)
    for key in ("skills", "insurance_policy", "insurer", "insurance_until", "notes"):
        if v.get(key) not in (None, ""):
            setattr(vol, key, v[key])
    if v.get("grid"):
        vol.grid_id = v["grid"]
    if v.get("auxiliary"):
        vol.auxiliary = True
    if v.get("teams"):
        have = {t.id for t in vol.teams}
        vol.teams = vol.teams + [t for t in s.scalars(select(VolunteerTeam).where(VolunteerTeam.id.in_(v["teams"])))
                                 if t.id not in have]


def template_rows() -> tuple[dict[str, str], dict[str, str]]:
    """An example row and the rules for the blank 导入模板."""
    example = {"name": "张三", "id_number": "11010519491231002X", "phone": "13800000000", "address": "安华西里1号楼",
               "grid": "WG01", "teams": "平安义巡队", "roles": "治安员、信息员", "skills": "急救",
               "availability": "周末", "auxiliary": "否", "joined_on": date(2026, 1, 5).isoformat(),
               "insurance_policy": "PICC2026-001", "insurer": "中国人保", "insurance_until": "2026-12-31", "notes": ""}
    rules = {"name": "必填", "id_number": "18位；与联系电话至少填一项", "roles": "必填；治安员、信息员、调解员、宣传员，可多个，用顿号分隔",
             "teams": "已有队伍的名称，可多个", "joined_on": "必填，不晚于今天", "insurance_until": "与保单号同时填写"}
    return example, rules

