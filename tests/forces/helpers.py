"""Small builders for the forces tests: grids, residents, volunteers on a real migrated database."""

from __future__ import annotations

from datetime import date

from policeroom.services.forces.types import VolunteerInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput


def grid(services, code: str = "WG01", name: str = "一网格") -> int:  # noqa: ANN001
    return services.grids.create(GridInput(code=code, name=name))


def resident(services, name: str, grid_id: int | None = None, phone: str = "", id_number: str = "") -> int:  # noqa: ANN001
    return services.residents.create(ResidentInput(name=name, grid_id=grid_id, phone=phone, id_number=id_number))


def volunteer(services, name: str, grid_id: int | None = None, joined: date = date(2025, 3, 1), **kw) -> int:  # noqa: ANN001, ANN003
    rid = resident(services, name, grid_id)
    kw.setdefault("roles", ("治安员",))
    return services.volunteers.create(VolunteerInput(resident_id=rid, joined_on=joined, grid_id=grid_id, **kw))
