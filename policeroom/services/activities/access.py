"""Who may do what with activities, hours, points, rewards and certificates (权限).

- grid workers register activities in their grids and record sign-up, sign-in and sign-out there;
- hours are confirmed by the activity's organiser or the officer, never by the volunteer (谁记录谁证明);
- approving redemptions, adjusting points, voiding a certificate and reversing confirmed hours are the officer's.
"""

from __future__ import annotations

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole, Activity
from policeroom.services.core.context import Actor


def is_officer(actor: Actor) -> bool:
    return actor.role is AccountRole.officer


def require_officer(actor: Actor, what: str) -> None:
    if not is_officer(actor):
        raise PermissionDenied(f"{what}须由社区民警办理。")


def require_desk(actor: Actor, what: str) -> None:
    """The officer and the staff at the desk (not grid workers)."""
    if actor.role is AccountRole.grid_worker:
        raise PermissionDenied(f"{what}由社区民警或工作人员办理。")


def may_see(actor: Actor, grid_id: int | None) -> bool:
    return not actor.limited_to_grids or grid_id in actor.grid_ids


def require_activity(actor: Actor, activity: Activity) -> None:
    """Registering, editing and recording sign-in/out: grid workers only in their own grids."""
    if actor.limited_to_grids and activity.grid_id not in actor.grid_ids:
        raise PermissionDenied("网格员只能登记和办理本人负责网格的活动。")


def may_confirm(actor: Actor, activity: Activity) -> bool:
    return is_officer(actor) or (actor.member_id is not None and actor.member_id == activity.organiser_id)


def require_confirm(actor: Actor, activity: Activity) -> None:
    if not may_confirm(actor, activity):
        raise PermissionDenied("服务时长只能由活动组织人或社区民警确认（谁记录谁证明）。")


def volunteer_scope(actor: Actor):  # noqa: ANN201 - a SELECT of ids, or None for everyone
    """The volunteers a grid worker may see: those of their grids (None: all, for the officer and staff)."""
    if not actor.limited_to_grids:
        return None
    from sqlalchemy import select

    from policeroom.models import Volunteer

    return select(Volunteer.id).where(Volunteer.grid_id.in_(actor.grid_ids or {-1}))


def require_volunteer(  # noqa: ANN001 - s: Session
    s, actor: Actor, volunteer_id: int, message: str = "网格员只能查看本人负责网格的志愿者。"
) -> None:
    """Grid workers read and write only the hours, points, sign-ups, vouchers and certificates of their
    grids' volunteers."""
    if actor.limited_to_grids:
        from policeroom.models import Volunteer

        v = s.get(Volunteer, volunteer_id)
        if v is not None and v.grid_id not in actor.grid_ids:
            raise PermissionDenied(message)
