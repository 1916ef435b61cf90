"""All services of one signed-in session, built once and passed to the windows (explicit wiring)."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from policeroom.services import audit
from policeroom.services.accounts import AccountService
from policeroom.services.audit import HistoryItem
from policeroom.services.context import SYSTEM, Actor, ServiceContext
from policeroom.services.dispute_ledger import DisputeLedgerService
from policeroom.services.disputes import DisputeService
from policeroom.services.grids import GridService
from policeroom.services.mediation import MediationService
from policeroom.services.mediation_read import MediationReader
from policeroom.services.requests import RequestService
from policeroom.services.resident_ledger import ResidentLedgerService
from policeroom.services.residents import ResidentService
from policeroom.services.roster import RosterService
from policeroom.services.roster_duty import DutyService
from policeroom.services.settings import SettingsService
from policeroom.services.summary import SummaryService
from policeroom.services.team import TeamService


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

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    def sign_in(self, actor: Actor) -> None:
        self.ctx.actor = actor

    def history(self, table: str, entity_id: int) -> list[HistoryItem]:
        """The history (修改记录) of any record, by table name and id."""
        with self.ctx.read() as s:
            return audit.history(s, table, entity_id)
