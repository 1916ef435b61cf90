"""ORM classes. Import from here so every mapper is configured before use."""

from __future__ import annotations

from policeroom.models.accounts import (
    ACCOUNT_ROLE_LABELS,
    Account,
    AccountRole,
    AuditEntry,
    Setting,
)
from policeroom.models.base import Base
from policeroom.models.people import (
    GENDER_LABELS,
    MEMBER_ROLE_LABELS,
    Grid,
    MemberRole,
    Resident,
    TeamMember,
    grid_assignment,
)
from policeroom.models.requests import (
    CHANNEL_LABELS,
    SATISFACTION_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    AssistanceRequest,
    Channel,
    Counter,
    RequestAction,
    RequestEvent,
    Satisfaction,
    Status,
    Urgency,
)

__all__ = [
    "CHANNEL_LABELS",
    "SATISFACTION_LABELS",
    "STATUS_LABELS",
    "URGENCY_LABELS",
    "AssistanceRequest",
    "Channel",
    "Counter",
    "RequestAction",
    "RequestEvent",
    "Satisfaction",
    "Status",
    "Urgency",
    "ACCOUNT_ROLE_LABELS",
    "GENDER_LABELS",
    "MEMBER_ROLE_LABELS",
    "Account",
    "AccountRole",
    "AuditEntry",
    "Base",
    "Grid",
    "MemberRole",
    "Resident",
    "Setting",
    "TeamMember",
    "grid_assignment",
]
