"""Parties (当事人) of disputes and mediation cases: picked from the resident index or typed in."""

from __future__ import annotations

from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import GENDER_LABELS, PartyRole, Resident
from policeroom.services.core.context import Actor
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.scope import LINK_REFUSED
from policeroom.services.core.text import name_problem, normalize_text
from policeroom.services.core.validators import ETHNICITIES, normalize_phone, parse_id_number
from policeroom.services.mediation.types import PartyInput

GENDERS = ("男", "女")


def party_from_resident(r: Resident, role: PartyRole = PartyRole.applicant) -> PartyInput:
    """A party filled in from the resident index (the form can still change every field)."""
    return PartyInput(
        name=r.name,
        resident_id=r.id,
        role=role,
        gender=GENDER_LABELS.get(r.gender, r.gender or "") if r.gender else "",
        ethnicity=r.ethnicity or "",
        id_number=r.id_number or "",
        birth_date=r.birth_date,
        phone=r.phone or "",
        address=r.address,
    )


def clean_parties(
    s: Session, parties: list[PartyInput], errors: FormErrors, *, minimum: int, full: bool, actor: Actor,
    kept: frozenset[int] = frozenset(),
) -> list[PartyInput]:
    """Validate parties in place; errors go to ``parties.N.field`` (N from 0) or to ``parties``.

    Args:
        minimum: how many parties there must be at least (a case needs two).
        full: a case party (every field of the documents) rather than a ledger party (name, phone).
        actor: who saves; a resident outside their grids cannot be linked (nothing of that record
            is filled in or shown), though the name and phone can still be typed.
        kept: residents already linked on the record being edited (by someone who could): the link
            stays, but nothing more of them is filled in.
    """
    clean: list[PartyInput] = []
    for i, p in enumerate(parties):
        key = f"parties.{i}"
        p.name = normalize_text(p.name)
        if p.resident_id is not None:
            r = s.get(Resident, p.resident_id)
            if r is None:
                errors.add(f"{key}.name", "所选居民不存在")
                continue
            if not actor.sees_grid(r.grid_id):
                if r.id not in kept:
                    errors.add(f"{key}.name", f"第{i + 1}位当事人：{LINK_REFUSED}")
                    continue
            else:
                p.name = p.name or r.name
                _fill_blanks(p, party_from_resident(r), full)
        if not p.name:
            errors.add(f"{key}.name", f"第{i + 1}位当事人：请填写姓名")
            continue
        if len(p.name) > 50:
            errors.add(f"{key}.name", f"第{i + 1}位当事人：姓名不能超过50个字")
        elif name_problem(p.name):
            errors.add(f"{key}.name", f"第{i + 1}位当事人：{name_problem(p.name)}")
        if p.phone.strip():
            try:
                p.phone = normalize_phone(p.phone)
            except ValidationError as e:
                errors.add(f"{key}.phone", f"{p.name}：{e.message}")
        else:
            p.phone = ""
        try:
            p.role = PartyRole(p.role)
        except ValueError:  # an unknown role is a message on the form, not a crash
            errors.add(f"{key}.role", f"{p.name}：请选择当事人身份")
        if full:
            _clean_full(p, key, errors)
        clean.append(p)
    if len(clean) < minimum and not any(k.startswith("parties") for k in errors.errors):
        errors.add("parties", f"至少需要{minimum}位当事人" if minimum > 1 else "请至少填写一位当事人")
    if full and clean:
        roles = {p.role for p in clean}
        if any(not isinstance(r, PartyRole) for r in roles):
            pass  # each party with an unknown role is already reported
        elif PartyRole.applicant not in roles:
            errors.add("parties", "至少需要一位申请人")
        elif len(clean) >= 2 and roles == {PartyRole.applicant} and minimum > 1:
            errors.add("parties", "至少需要一位被申请人")
        numbers = [p.id_number for p in clean if p.id_number]
        if len(numbers) != len(set(numbers)):
            errors.add("parties", "同一身份证号的当事人填写了两次")
    return clean


def _fill_blanks(p: PartyInput, known: PartyInput, full: bool) -> None:
    """Fields left empty take the resident index's values (the form shows them; an edit wins)."""
    for attr in (
        ("gender", "ethnicity", "id_number", "birth_date", "phone", "address") if full else ("phone",)
    ):
        if not getattr(p, attr):
            setattr(p, attr, getattr(known, attr))


def _clean_full(p: PartyInput, key: str, errors: FormErrors) -> None:
    p.id_number = p.id_number.strip()
    if p.id_number:
        try:
            info = parse_id_number(p.id_number, field=f"{key}.id_number")
        except ValidationError as e:
            errors.add(f"{key}.id_number", f"{p.name}：{e.message}")
        else:
            p.id_number = info.number
            p.birth_date = info.birth_date
            p.gender = "男" if info.gender == "male" else "女"
    p.gender = p.gender.strip()
    if p.gender and p.gender not in GENDERS:
        errors.add(f"{key}.gender", f"{p.name}：性别应为“男”或“女”")
    p.ethnicity = p.ethnicity.strip()
    if p.ethnicity and p.ethnicity not in ETHNICITIES:
        errors.add(f"{key}.ethnicity", f"{p.name}：请从列表中选择民族（如“汉族”）")
    if p.age is not None and not 0 <= p.age <= 130:
        errors.add(f"{key}.age", f"{p.name}：年龄应在0到130岁之间")
    for attr, label, limit in (("occupation", "职业或职务", 60), ("address", "单位或住址", 200)):
        setattr(p, attr, getattr(p, attr).strip())
        if len(getattr(p, attr)) > limit:
            errors.add(f"{key}.{attr}", f"{p.name}：{label}不能超过{limit}个字")
