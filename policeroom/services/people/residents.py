"""The resident index (居民): one person per ID number, shared by every module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from policeroom.errors import DuplicateResident, NotFound, ValidationError
from policeroom.models import Grid, Resident
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.dates import age_on  # noqa: F401 - re-exported (resident ledger)
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.records import all_terms, contains, name_match, references_to
from policeroom.services.core.scope import resident_clause
from policeroom.services.core.text import name_problem, normalize_text
from policeroom.services.core.validators import ETHNICITIES, mask_id_number, normalize_phone, parse_id_number


@dataclass
class ResidentInput:
    """What the resident dialog sends (raw text where the person types it)."""

    name: str
    id_number: str = ""
    gender: str | None = None  # "male" / "female"; taken from a valid ID number
    birth_date: date | None = None  # taken from a valid ID number
    ethnicity: str | None = None
    phone: str = ""
    address: str = ""
    grid_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ResidentRecord:
    id: int
    name: str
    id_number: str
    gender: str | None
    birth_date: date | None
    ethnicity: str | None
    phone: str
    address: str
    grid_id: int | None
    notes: str
    archived: bool


@dataclass(frozen=True)
class ResidentRow:
    """One line of the resident list (ID number masked: the list is seen over shoulders)."""

    id: int
    name: str
    gender: str | None
    age: int | None
    ethnicity: str | None
    id_number_masked: str
    phone: str
    grid: str
    address: str
    archived: bool


SORT_KEYS = {
    "name": Resident.name_pinyin,
    "gender": Resident.gender,
    "age": Resident.birth_date,  # descending birth date = ascending age; the model flips it
    "ethnicity": Resident.ethnicity,
    "id_number": Resident.id_number,
    "phone": Resident.phone,
    "grid": Grid.code,
    "address": Resident.address,
}


def _term(t: str):  # noqa: ANN202 - SQL clause
    clauses = [name_match(Resident, t), contains(Resident.address, t), contains(Resident.notes, t)]
    upper = t.upper()
    if upper.rstrip("X").isdigit():
        clauses.append(contains(Resident.id_number, upper))
    digits = t.replace("-", "").replace(" ", "")
    if digits.isdigit():  # phones are stored 010-12345678: match with or without the dash
        clauses.append(contains(func.replace(Resident.phone, "-", ""), digits))
    return or_(*clauses)


def validate_resident(data: ResidentInput, today: date | None = None) -> tuple[ResidentInput, FormErrors]:
    """Clean a resident's fields; collect every problem instead of stopping at the first."""
    errors = FormErrors()
    today = today or clock.today()
    name = normalize_text(data.name)
    if not name:
        errors.add("name", "请填写姓名")
    elif len(name) > 50:
        errors.add("name", "姓名不能超过50个字")
    elif name_problem(name):
        errors.add("name", name_problem(name))
    id_number = ""
    gender, birth = data.gender, data.birth_date
    if data.id_number.strip():
        try:
            info = parse_id_number(data.id_number, today=today)
            id_number, gender, birth = info.number, info.gender, info.birth_date
            if data.gender and data.gender != info.gender:
                errors.add("gender", "性别与身份证号不符（按身份证号第17位）")
            if data.birth_date and data.birth_date != info.birth_date:
                errors.add("birth_date", "出生日期与身份证号不符")
        except ValidationError as e:
            errors.add("id_number", e.message)
    if gender not in (None, "male", "female"):
        errors.add("gender", "性别只能是男或女")
    if birth and birth > today:
        errors.add("birth_date", "出生日期不能晚于今天")
    ethnicity = data.ethnicity or None
    if ethnicity and ethnicity not in ETHNICITIES:
        errors.add("ethnicity", "请从列表中选择民族")
    phone = ""
    if data.phone.strip():
        try:
            phone = normalize_phone(data.phone)
        except ValidationError as e:
            errors.add("phone", e.message)
    if len(data.address.strip()) > 200:
        errors.add("address", "住址不能超过200个字")
    if len(data.notes) > 2000:
        errors.add("notes", "备注不能超过2000字")
    clean = ResidentInput(
        name=name, id_number=id_number, gender=gender, birth_date=birth, ethnicity=ethnicity,
        phone=phone, address=data.address.strip(), grid_id=data.grid_id, notes=data.notes.strip(),
    )
    return clean, errors


class ResidentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading ---------------------------------------------------------------------------
    def _filtered(self, query: str, grid_id: int | None, gender: str | None, include_archived: bool) -> Select:
        stmt = select(Resident.id).outerjoin(Grid, Resident.grid_id == Grid.id).where(all_terms(query, _term))
        if grid_id is not None:
            stmt = stmt.where(Resident.grid_id == grid_id)
        if gender:
            stmt = stmt.where(Resident.gender == gender)
        if not include_archived:
            stmt = stmt.where(Resident.archived.is_(False))
        if self.ctx.actor.limited_to_grids:
            stmt = stmt.where(Resident.grid_id.in_(self.ctx.actor.grid_ids))
        return stmt

    def search_ids(
        self,
        query: str = "",
        *,
        grid_id: int | None = None,
        gender: str | None = None,
        include_archived: bool = False,
        sort: str = "name",
        descending: bool = False,
    ) -> list[int]:
        """Ids of the matching residents in display order; rows are fetched per screenful."""
        key = SORT_KEYS.get(sort, Resident.name_pinyin)
        if sort == "age":
            descending = not descending
        order = key.desc() if descending else key.asc()
        stmt = self._filtered(query, grid_id, gender, include_archived).order_by(order, Resident.id)
        with self.ctx.read() as s:
            return list(s.scalars(stmt).all())

    def rows(self, ids: list[int], today: date | None = None) -> list[ResidentRow]:
        """Rows for the given ids, in the same order."""
        today = today or clock.today()
        with self.ctx.read() as s:
            found = {
                row[0].id: row
                for row in s.execute(
                    select(Resident, Grid.code, Grid.name).outerjoin(Grid)
                    .where(Resident.id.in_(ids), resident_clause(self.ctx.actor))
                ).all()
            }
        out = []
        for i in ids:
            hit = found.get(i)
            if hit is None:
                continue
            r, gcode, gname = hit
            out.append(
                ResidentRow(
                    id=r.id, name=r.name, gender=r.gender, age=age_on(r.birth_date, today), ethnicity=r.ethnicity,
                    id_number_masked=mask_id_number(r.id_number) if r.id_number else "", phone=r.phone or "",
                    grid=f"{gcode} {gname}" if gcode else "", address=r.address, archived=r.archived,
                )
            )
        return out

    def count(self) -> int:
        with self.ctx.read() as s:
            return s.scalar(select(func.count()).select_from(self._filtered("", None, None, False).subquery())) or 0

    def get(self, resident_id: int) -> ResidentRecord:
        with self.ctx.read() as s:
            r = s.get(Resident, resident_id)
            if r is None:
                raise NotFound("该居民不存在")
            if self.ctx.actor.limited_to_grids:
                self.ctx.actor.require_grid(r.grid_id)
            return _record(r)

    def find_by_id_number(self, raw: str) -> ResidentRecord | None:
        """The resident with this ID number, if the actor may see them (grid workers: own grids)."""
        try:
            number = parse_id_number(raw).number
        except ValidationError:
            return None
        with self.ctx.read() as s:
            r = s.scalar(select(Resident).where(Resident.id_number == number, resident_clause(self.ctx.actor)))
            return _record(r) if r is not None else None

    # -- writing ---------------------------------------------------------------------------
    def _check(self, s: Session, data: ResidentInput, resident_id: int | None) -> ResidentInput:
        clean, errors = validate_resident(data)
        if clean.grid_id is not None and s.get(Grid, clean.grid_id) is None:
            errors.add("grid_id", "所选网格不存在")
        if self.ctx.actor.limited_to_grids and clean.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的居民")
        errors.raise_if_any()
        if clean.id_number:
            other = s.scalar(
                select(Resident).where(Resident.id_number == clean.id_number, Resident.id != (resident_id or 0))
            )
            if other is not None and not self.ctx.actor.sees_grid(other.grid_id):
                # nothing of a resident outside the actor's grids is shown (name, address)
                raise ValidationError(
                    "id_number", "该身份证号已登记在其他网格的居民名下，一个身份证号只对应一人；请联系社区民警或工作人员核实"
                )
            if other is not None:
                raise DuplicateResident(
                    f"身份证号 {mask_id_number(clean.id_number)} 已登记为{other.name}"
                    f"（{other.address or '未填住址'}），一个身份证号只对应一人。是否打开已有记录？",
                    other.id,
                )
        return clean

    def create(self, data: ResidentInput) -> int:
        """Add a resident. Raises DuplicateResident (with the existing id) when the ID number is known."""
        with self.ctx.write() as s:
            clean = self._check(s, data, None)
            r = Resident(name=clean.name)
            _apply(r, clean)
            s.add(r)
            s.flush()
            return r.id

    def add_within(self, s: Session, data: ResidentInput) -> int:
        """Add a resident inside another service's transaction (a requester added on the spot).

        A resident with the same name and phone is reused rather than doubled.
        """
        clean = self._check(s, data, None)
        if clean.phone:
            same = s.scalar(select(Resident.id).where(
                Resident.name == clean.name, Resident.phone == clean.phone, resident_clause(self.ctx.actor)
            ))
            if same is not None:
                return same
        r = Resident(name=clean.name)
        _apply(r, clean)
        s.add(r)
        s.flush()
        return r.id

    def update(self, resident_id: int, data: ResidentInput) -> None:
        with self.ctx.write() as s:
            r = s.get(Resident, resident_id)
            if r is None:
                raise NotFound("该居民不存在")
            if self.ctx.actor.limited_to_grids:
                self.ctx.actor.require_grid(r.grid_id)
            clean = self._check(s, data, resident_id)
            _apply(r, clean)

    def delete(self, resident_id: int) -> str:
        """Delete a resident nobody refers to; archive one that other records name."""
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            r = s.get(Resident, resident_id)
            if r is None:
                raise NotFound("该居民不存在")
            if references_to(s, r):
                r.archived = True
                return "archived"
            s.delete(r)
            return "deleted"

    def restore(self, resident_id: int) -> None:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            r = s.get(Resident, resident_id)
            if r is None:
                raise NotFound("该居民不存在")
            r.archived = False


def _apply(r: Resident, clean: ResidentInput) -> None:
    r.name = clean.name
    r.name_pinyin, r.name_initials = name_keys(clean.name)
    r.id_number = clean.id_number or None
    r.gender = clean.gender
    r.birth_date = clean.birth_date
    r.ethnicity = clean.ethnicity
    r.phone = clean.phone or None
    r.address = clean.address
    r.grid_id = clean.grid_id
    r.notes = clean.notes


def _record(r: Resident) -> ResidentRecord:
    return ResidentRecord(
        id=r.id, name=r.name, id_number=r.id_number or "", gender=r.gender, birth_date=r.birth_date,
        ethnicity=r.ethnicity, phone=r.phone or "", address=r.address, grid_id=r.grid_id, notes=r.notes,
        archived=r.archived,
    )
