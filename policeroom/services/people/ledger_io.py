"""The resident ledger (居民台账) in and out of Excel: export columns, the import spec and its commit.

Import: ``read`` the file, ``check`` it (nothing written; every bad row reported), then ``commit``
the good rows in one transaction. A row whose ID number is already registered updates that
resident with the row's non-empty values instead of adding a second person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import GENDER_LABELS, Grid, Resident
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
from policeroom.services.core.scope import resident_clause
from policeroom.services.core.text import same_name
from policeroom.services.core.validators import ETHNICITIES, mask_phone, normalize_phone, parse_id_number
from policeroom.services.people.residents import ResidentInput, age_on, validate_resident

_GENDERS = {"男": "male", "男性": "male", "male": "male", "女": "female", "女性": "female", "female": "female"}
#: the resident form's field -> the import field whose column shows the error
_FORM_FIELDS = {"grid_id": "grid"}


@dataclass(frozen=True)
class ResidentExportRow:
    """A resident as a line of the exported ledger (full ID number: the file is the room's own)."""

    id: int
    name: str
    gender: str
    birth_date: date | None
    age: int | None
    ethnicity: str
    id_number: str
    phone: str
    grid: str
    address: str
    notes: str


#: (header, width in Excel characters, value) of the exported ledger; headers are what the import guesses
EXPORT_COLUMNS: tuple[tuple[str, float, Callable[[ResidentExportRow], object]], ...] = (
    ("姓名", 10, lambda r: r.name),
    ("性别", 6, lambda r: r.gender),
    ("出生日期", 12, lambda r: r.birth_date),
    ("年龄", 6, lambda r: r.age),
    ("民族", 8, lambda r: r.ethnicity),
    ("身份证号", 21, lambda r: r.id_number),
    ("联系电话", 15, lambda r: r.phone),
    ("网格", 18, lambda r: r.grid),
    ("住址", 36, lambda r: r.address),
    ("备注", 24, lambda r: r.notes),
)


@dataclass
class GridChoice:
    """What to do with grid names the system does not know (网格在系统中不存在).

    ``ask`` (the default): the rows wait, the preview says which grids are missing and offers the
    three other choices; ``create`` them; ``map`` each name to an existing grid; ``none``: import
    those rows without a grid. After a choice, a value that matches no grid is a bad row.
    """

    mode: str = "ask"
    mapping: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class NewGrid:
    """A grid named in the file that does not exist yet."""

    name: str


def unknown_grids_text(report: ImportReport) -> str:
    """``8个网格在系统中不存在：第1网格、第2网格…`` or empty."""
    names = report.unknown.get("grid", [])
    return f"{len(names)}个网格在系统中不存在：" + "、".join(names) if names else ""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int = 0
    #: update rows the user unticked in the preview
    excluded: int = 0


#: (import key, resident attribute, label) of the fields an import may change
_UPDATABLE = (
    ("name", "name", "姓名"), ("gender", "gender", "性别"), ("birth_date", "birth_date", "出生日期"),
    ("ethnicity", "ethnicity", "民族"), ("phone", "phone", "联系电话"), ("address", "address", "住址"),
    ("grid", "grid_id", "网格"), ("notes", "notes", "备注"),
)


TEMPLATE_EXAMPLE = {
    "name": "张三", "id_number": "11010519491231002X", "gender": "女", "birth_date": "1949-12-31", "ethnicity": "汉族",
    "phone": "13800000000", "address": "安华西里1号楼1单元101", "grid": "WG01", "notes": "独居老人",
}
TEMPLATE_RULES = {
    "name": "必填，最多50字，须含汉字或字母", "id_number": "18位，末位可为X；请把该列设为“文本”，以免 Excel 丢失后几位",
    "gender": "男或女；有身份证号时可不填", "birth_date": "2026-01-05 或 2026年1月5日；有身份证号时可不填",
    "ethnicity": "如 汉族、回族", "phone": "手机11位，座机加区号，如 010-12345678",
    "address": "最多200字", "grid": "网格编号或名称；系统中没有的网格，导入时可新建、对应到已有网格或不填",
    "notes": "最多2000字",
}


def _who(name: str, gender: str | None) -> str:
    label = GENDER_LABELS.get(gender or "", "")
    return f"{name}（{label}）" if label else name


def person_conflict(name: str, gender: str | None, row: dict[str, Any], where: str = "") -> str | None:
    """Why a row with this ID number is not the person registered under it (other name or gender)."""
    new_name, new_gender = row.get("name") or "", row.get("gender")
    if same_name(name, new_name) and (not gender or not new_gender or gender == new_gender):
        return None
    shown = new_name if not same_name(name, new_name) else _who(new_name, new_gender)
    return f"身份证号已{where}登记为{_who(name, gender)}，本行为{shown}"


def _file_conflict(first: Any, later: dict[str, Any]) -> tuple[str, str] | None:
    v = first.values
    message = person_conflict(v.get("name") or "", v.get("gender"), later, where=f"在第{first.row}行")
    return ("name", message) if message else None


def _parse_id(value: Any) -> str:
    if isinstance(value, float) and len(cell_text(value)) > 15:
        raise ValidationError("", "身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为“文本”后重新录入")
    return parse_id_number(cell_text(value)).number


def _parse_gender(value: Any) -> str:
    code = _GENDERS.get(cell_text(value).lower())
    if code is None:
        raise ValidationError("", f"性别“{cell_text(value)}”应为“男”或“女”")
    return code


def _parse_ethnicity(value: Any) -> str:
    text = cell_text(value)
    for candidate in (text, text + "族"):
        if candidate in ETHNICITIES:
            return candidate
    raise ValidationError("", f"“{text}”不是民族名称（例如“汉族”“回族”）")


def _parse_birth(value: Any) -> date | None:
    """A birth date; a year and month alone (出生年月 1949.12) is checked against the ID number only."""
    import re

    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", cell_text(value))
    if m and 1 <= int(m.group(2)) <= 12:
        return None  # the ID number carries the full date; a month alone is not stored
    return parse_date(value)


def _parse_phone(value: Any) -> str:
    return normalize_phone(cell_text(value))


class ResidentLedgerService:
    """Export rows and Excel import for residents (uses the resident rules of ``residents.py``)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        #: set before ``check`` and ``commit`` (the preview's or the command line's choice)
        self.grid_choice = GridChoice()

    # -- export --------------------------------------------------------------------------
    def export_rows(self, ids: list[int], today: date | None = None) -> list[ResidentExportRow]:
        """Rows for these ids in the same order (fetch in pages of a few hundred ids)."""
        today = today or clock.today()
        with self.ctx.read() as s:
            found = {
                r.id: (r, code, name)
                for r, code, name in s.execute(
                    select(Resident, Grid.code, Grid.name).outerjoin(Grid)
                    .where(Resident.id.in_(ids), resident_clause(self.ctx.actor))
                ).all()
            }
        out = []
        for i in ids:
            if i not in found:
                continue
            r, code, name = found[i]
            out.append(ResidentExportRow(
                id=r.id, name=r.name, gender=GENDER_LABELS.get(r.gender or "", ""), birth_date=r.birth_date,
                age=age_on(r.birth_date, today), ethnicity=r.ethnicity or "", id_number=r.id_number or "",
                phone=r.phone or "", grid=f"{code} {name}" if code else "", address=r.address, notes=r.notes,
            ))
        return out

    # -- import --------------------------------------------------------------------------
    def spec(self) -> ImportSpec:
        """The resident ledger's fields, with grids looked up by code, name or ``code name``."""
        with self.ctx.read() as s:
            grids: dict[str, int] = {}
            for g in s.scalars(select(Grid).order_by(Grid.archived, Grid.code)):
                for k in (g.code, g.name, f"{g.code} {g.name}", f"{g.code}{g.name}"):
                    grids.setdefault(k.replace("\u3000", " ").strip(), g.id)

        def parse_grid(value: Any) -> int | NewGrid | None:
            text = " ".join(cell_text(value).split())
            if text in grids:
                return grids[text]
            choice = self.grid_choice
            if choice.mode == "map" and text in choice.mapping:
                return choice.mapping[text]
            if choice.mode == "none":
                return None
            if choice.mode in ("ask", "create"):
                return NewGrid(text)
            raise ValidationError("", f"没有名为“{text}”的网格（可写网格编号或名称，如 WG01）")

        fields = (
            ImportField("name", "姓名", ("名字", "居民姓名", "人员姓名"), parse_text(50, "姓名"), required=True),
            ImportField("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码"), _parse_id),
            ImportField("gender", "性别", (), _parse_gender),
            ImportField("birth_date", "出生日期", ("出生年月日", "出生年月", "生日", "出生时间"), _parse_birth),
            ImportField("ethnicity", "民族", (), _parse_ethnicity),
            ImportField("phone", "联系电话", ("手机", "手机号", "手机号码", "电话", "电话号码", "联系方式"), _parse_phone),
            ImportField("address", "住址", ("现住址", "地址", "居住地址", "家庭住址", "现居住地址", "户籍地址"),
                        parse_text(200, "住址")),
            ImportField("grid", "网格", ("所在网格", "所属网格", "网格名称", "网格编号"), parse_grid),
            ImportField("notes", "备注", ("说明",), parse_text(2000, "备注")),
        )
        return ImportSpec("居民", fields, check_row=self._check_row, key_field="id_number", conflict=_file_conflict)

    def _check_row(self, v: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The resident form's own rules (ID number against gender and birth date …)."""
        new_grid = isinstance(v["grid"], NewGrid)
        clean, errors = validate_resident(ResidentInput(
            name=v["name"] or "", id_number=v["id_number"] or "", gender=v["gender"], birth_date=v["birth_date"],
            ethnicity=v["ethnicity"], phone=v["phone"] or "", address=v["address"] or "",
            grid_id=None if new_grid else v["grid"], notes=v["notes"] or "",
        ))
        problems = [(_FORM_FIELDS.get(k, k), m) for k, m in errors.errors.items()]
        actor = self.ctx.actor
        if actor.limited_to_grids and (new_grid or clean.grid_id not in actor.grid_ids):
            problems.append(("grid", "网格员只能导入本人负责网格的居民"))
        values = dict(v, name=clean.name, gender=clean.gender, birth_date=clean.birth_date,
                      id_number=clean.id_number or None)
        return values, problems

    def template(self) -> bytes:
        """The blank 导入模板: recognised headers, one example row, the rules in a second sheet."""
        from policeroom.reports.core.import_template import import_template

        return import_template(self.spec(), TEMPLATE_EXAMPLE, TEMPLATE_RULES)

    def read(self, source: str | Path | bytes, progress: Progress | None = None) -> tuple[ImportSpec, Sheet]:
        spec = self.spec()
        return spec, read_sheet(source, spec, progress)

    def check(
        self, spec: ImportSpec, sheet: Sheet, mapping: dict[str, int | None], progress: Progress | None = None
    ) -> ImportReport:
        """Every row checked; rows whose ID number is registered are marked as updates. Writes nothing."""
        report = check_rows(spec, sheet, mapping, progress)
        missing = [r.values["grid"].name for r in report.good if isinstance(r.values.get("grid"), NewGrid)]
        if missing:
            report.unknown["grid"] = list(dict.fromkeys(missing))
        numbers = {r.values["id_number"]: r for r in report.good if r.values.get("id_number")}
        keys = list(numbers)
        actor = self.ctx.actor
        column = mapping.get("id_number")
        id_header = sheet.headers[column] if column is not None and sheet.headers[column] else "身份证号"
        grid_names: dict[int, str] = {}
        name_header = sheet.headers[mapping["name"]] if mapping.get("name") is not None else "姓名"
        with self.ctx.read() as s:
            for g in s.scalars(select(Grid)):
                grid_names[g.id] = f"{g.code} {g.name}"
            for start in range(0, len(keys), 500):
                for resident in s.scalars(select(Resident).where(Resident.id_number.in_(keys[start : start + 500]))):
                    row = numbers[resident.id_number]
                    if not actor.sees_grid(resident.grid_id):  # before anything of that person is shown
                        report.existing_rows.add(row.row)
                        row.errors.append(RowError(row.row, id_header, "该居民已登记在其他网格，网格员不能修改"))
                        continue
                    clash = person_conflict(resident.name, resident.gender, row.values)
                    if clash:
                        row.errors.append(RowError(row.row, name_header, clash))
                        continue
                    report.existing_rows.add(row.row)
                    changes = _changes(resident, row.values, grid_names)
                    if changes:
                        report.changes[row.row] = changes
                    else:
                        report.unchanged_rows.add(row.row)
        return report

    def commit(self, report: ImportReport, progress: Progress | None = None) -> ImportResult:
        """Write every good row in ONE transaction (all or nothing); merge by ID number."""
        rows = [r for r in report.good if r.row not in report.excluded and r.row not in report.unchanged_rows]
        unchanged = sum(1 for r in report.good if r.row in report.unchanged_rows)
        excluded = sum(1 for r in report.good if r.row in report.excluded)
        created = updated = 0
        if report.unknown.get("grid") and self.grid_choice.mode == "ask":
            raise ValidationError(
                "grid", unknown_grids_text(report) + "。请选择：新建这些网格、对应到已有网格，或不填网格导入"
            )
        actor = self.ctx.actor
        with self.ctx.write() as s:
            if actor.limited_to_grids and report.unknown.get("grid"):
                raise PermissionDenied("网格员不能在导入时新建网格，请联系社区民警或工作人员。")
            created_grids = _create_grids(s, report.unknown.get("grid", []))
            keys = [r.values["id_number"] for r in rows if r.values.get("id_number")]
            existing: dict[str, Resident] = {}
            for start in range(0, len(keys), 500):
                existing.update(
                    (r.id_number, r)
                    for r in s.scalars(select(Resident).where(Resident.id_number.in_(keys[start : start + 500])))
                )
            for n, row in enumerate(rows, start=1):
                v = row.values
                if isinstance(v.get("grid"), NewGrid):
                    v = dict(v, grid=created_grids[v["grid"].name])
                target = existing.get(v["id_number"]) if v.get("id_number") else None
                # The report may be old or altered: grid and ownership are checked again, row by row.
                grid_after = v.get("grid") if v.get("grid") is not None else (target.grid_id if target else None)
                if not actor.sees_grid(grid_after) or (target is not None and not actor.sees_grid(target.grid_id)):
                    raise PermissionDenied(
                        f"第 {row.row} 行：网格员只能导入和修改本人负责网格的居民，本次导入未写入任何内容。"
                    )
                if target is None:
                    target = Resident(name=v["name"], address="", notes="", archived=False)
                    s.add(target)
                    created += 1
                elif not _changes(target, v, {}):
                    unchanged += 1  # changed since the preview by someone else: nothing to do
                    continue
                else:
                    updated += 1
                _merge(target, v)
                if n % 1000 == 0:
                    s.flush()
                    if progress is not None:
                        progress(n, len(rows))
        if progress is not None:
            progress(len(rows), len(rows))
        return ImportResult(created, updated, unchanged, excluded)


def _create_grids(s: Any, names: list[str]) -> dict[str, int]:
    """Create the grids the file names (choice 新建), inside the import's transaction; name -> id."""
    if not names:
        return {}
    codes = set(s.scalars(select(Grid.code)))
    out: dict[str, int] = {}
    n = 0
    for name in names:
        n += 1
        while f"WG{n:02d}" in codes:
            n += 1
        grid = Grid(code=f"WG{n:02d}", name=name[:60], description="Excel导入时新建", households=0, archived=False)
        s.add(grid)
        s.flush()
        out[name] = grid.id
    return out


def _shown(key: str, value: Any, grid_names: dict[int, str]) -> str:
    if value in (None, ""):
        return "（空）"
    if key == "gender":
        return GENDER_LABELS.get(value, value)
    if key == "grid":
        if isinstance(value, NewGrid):
            return f"{value.name}（系统中没有）"
        return grid_names.get(value, str(value))
    if key == "phone":
        return mask_phone(value)
    return str(value)


def _changes(r: Resident, v: dict[str, Any], grid_names: dict[int, str]) -> list[tuple[str, str, str]]:
    """(label, before, after) of each field the row would change (empty cells never blank a field)."""
    out = []
    for key, attr, label in _UPDATABLE:
        value, before = v.get(key), getattr(r, attr)
        if value in (None, "") or value == before or (key == "name" and same_name(before, value)):
            continue
        out.append((label, _shown(key, before, grid_names), _shown(key, value, grid_names)))
    return out


def _merge(r: Resident, v: dict[str, Any]) -> None:
    """Set the row's non-empty values on the resident (an import never blanks a known field)."""
    if v.get("name") and not same_name(v["name"], r.name):
        r.name = v["name"]
        r.name_pinyin, r.name_initials = name_keys(r.name)
    elif not r.name_pinyin:
        r.name_pinyin, r.name_initials = name_keys(r.name)
    for key, attr in (("id_number", "id_number"), ("gender", "gender"), ("birth_date", "birth_date"),
                      ("ethnicity", "ethnicity"), ("phone", "phone"), ("address", "address"),
                      ("grid", "grid_id"), ("notes", "notes")):
        value = v.get(key)
        if value not in (None, "") and getattr(r, attr) != value:
            setattr(r, attr, value)


__all__ = ["EXPORT_COLUMNS", "GridChoice", "ImportResult", "NewGrid", "unknown_grids_text", "ResidentExportRow", "ResidentLedgerService"]
