"""All services of one signed-in session, built once and passed to the windows (explicit wiring)."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from policeroom.services.activities.attendance import ParticipationService
from policeroom.services.activities.certificates import CertificateService
from policeroom.services.activities.planning import ActivityService
from policeroom.services.activities.points import PointsService, hours_in_year, standing_of
from policeroom.services.activities.rewards import RewardService
from policeroom.services.core import audit
from policeroom.services.core.audit import HistoryItem
from policeroom.services.core.auditchain import ChainReport
from policeroom.services.core.context import SYSTEM, Actor, ServiceContext
from policeroom.services.core.exports import ExportLog
from policeroom.services.core.settings import SettingsService
from policeroom.services.fieldwork.config import FieldworkSettings
from policeroom.services.fieldwork.households import HouseholdService
from policeroom.services.fieldwork.patrols import PatrolService
from policeroom.services.fieldwork.talks import TalkService
from policeroom.services.fieldwork.worklog import WorkLogService
from policeroom.services.forces.career import CareerService
from policeroom.services.forces.emergency import EmergencyService
from policeroom.services.forces.groups import GroupService
from policeroom.services.forces.kinds import KindLists
from policeroom.services.forces.ledger_io import VolunteerLedgerService
from policeroom.services.forces.volunteers import VolunteerService
from policeroom.services.gridwork.assessment import AssessmentService
from policeroom.services.gridwork.categories import CategoryService
from policeroom.services.gridwork.events import GridEventService
from policeroom.services.gridwork.places import PlaceService
from policeroom.services.mediation.cases import MediationService
from policeroom.services.mediation.disputes import DisputeService
from policeroom.services.mediation.ledger_io import DisputeLedgerService
from policeroom.services.mediation.reader import MediationReader
from policeroom.services.people.accounts import AccountService
from policeroom.services.people.grids import GridService
from policeroom.services.people.ledger_io import ResidentLedgerService
from policeroom.services.people.residents import ResidentService
from policeroom.services.people.team import TeamService
from policeroom.services.requests.service import RequestService
from policeroom.services.roster.duty import DutyService
from policeroom.services.roster.service import RosterService
from policeroom.services.summary.service import SummaryService
from policeroom.services.tips.service import TipService


class Services:
    """The services sharing one context; ``sign_in`` changes the actor for all of them."""

    def __init__(self, sessions: sessionmaker[Session], actor: Actor = SYSTEM) -> None:
        self.ctx = ServiceContext(sessions, actor)
        self.accounts = AccountService(self.ctx)
        self.settings = SettingsService(self.ctx)
        self.team = TeamService(self.ctx)
        self.grids = GridService(self.ctx)
        self.residents = ResidentService(self.ctx)
        self.resident_ledger = ResidentLedgerService(self.ctx)
        self.requests = RequestService(self.ctx)
        self.disputes = DisputeService(self.ctx)
        self.mediation = MediationService(self.ctx, self.disputes)
        self.dispute_ledger = DisputeLedgerService(self.ctx, self.disputes)
        self.cases = MediationReader(self.ctx)
        self.roster = RosterService(self.ctx)
        self.duty = DutyService(self.ctx)
        self.summary = SummaryService(self.ctx)
        self.tips = TipService(self.ctx)
        self.exports = ExportLog(self.ctx)
        # 群防群治: the hours ledger gives the year-end list its hours
        self.volunteers = VolunteerService(self.ctx, confirmed_hours=hours_in_year(self.ctx),
                                           standing=standing_of(self.ctx))
        self.volunteer_career = CareerService(self.ctx)
        self.volunteer_ledger = VolunteerLedgerService(self.ctx, self.volunteers)
        self.force_groups = GroupService(self.ctx)
        self.force_kinds = KindLists(self.ctx)
        self.emergency = EmergencyService(self.ctx)
        self.activities = ActivityService(self.ctx)
        self.participation = ParticipationService(self.ctx)
        self.points = PointsService(self.ctx)
        self.rewards = RewardService(self.ctx)
        self.certificates = CertificateService(self.ctx)
        self.grid_events = GridEventService(self.ctx)
        self.places = PlaceService(self.ctx)
        self.event_categories = CategoryService(self.ctx)
        self.assessment = AssessmentService(self.ctx)
        self.patrols = PatrolService(self.ctx)
        self.households = HouseholdService(self.ctx)
        self.talks = TalkService(self.ctx)
        self.work_log = WorkLogService(self.ctx)
        self.fieldwork_settings = FieldworkSettings(self.ctx)

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    def sign_in(self, actor: Actor) -> None:
        self.ctx.actor = actor

    def check_history(self) -> str | None:
        """Start-up check of the history's chain from the last verified entry: None, or the break in Chinese."""
        while True:
            step = self.check_history_step()
            if step.broken is not None or step.complete:
                return None if step.broken is None else step.broken.message

    def check_history_step(self, limit: int = 5000) -> ChainReport:
        """One chunk of the start-up check (at most ``limit`` entries, one short transaction).

        Call again until the report is ``complete``; its ``last_id`` and ``head_id`` say how far it got.
        """
        from policeroom.services.core.auditchain import verify_since_last

        with self.ctx.write() as s:
            return verify_since_last(s.connection(), limit)

    def record_output(self, action: str, what: str, filters: str = "", rows: int | None = None) -> None:
        """Record in the history who exported (``export``) or printed (``print``) which list or document.

        Args:
            what: the list or document (its title, or the form and number).
            filters: the search and filters the list was made with, as shown to the person.
            rows: how many rows went out (None for a single document).
        """
        changes = {"列表": [None, what], "筛选": [None, filters or "（无）"], "行数": [None, rows]}  # as ExportLog writes
        with self.ctx.write() as s:
            audit.record(s, self.actor, audit.OUTPUT_TABLE, 0, action, changes, title=what)

    def history(self, table: str, entity_id: int) -> list[HistoryItem]:
        """The history (修改记录) of a record the actor may read, by table name and id.

        Grid workers: records of their grids only; accounts, settings and exports: the officer only.
        """
        from policeroom.services.core.scope import require_history

        with self.ctx.read() as s:
            require_history(s, self.actor, table, entity_id)
            return audit.history(s, table, entity_id)
