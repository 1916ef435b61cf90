"""工作台 (dashboard): today at a glance: the team, requests to act on, 矛盾纠纷 due, who is on post, the week."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.core.dates import chinese_date
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.forms import tr

WEEKDAYS = "一二三四五六日"
#: change kinds (ChangeBus) after which the dashboard counts again
REFRESH_ON = (
    "grid_event",
    "inspection",
    "place",
    "resident",
    "grid",
    "team_member",
    "setting",
    "assistance_request",
    "dispute_entry",
    "mediation_case",
    "roster",
    "attendance",
    "emergency_unit",
    "post_checkin",
    "activity",
    "participation",
    "redemption",
    "household",
    "household_visit",
    "patrol_record",
    "prevention_talk",
    "work_log_entry",
)


def day_line(today: date) -> str:
    """“2026年11月22日 星期日 · 休息日” using the Chinese working calendar where it is known.

    For a year chinese-calendar does not know yet the line still says whether today is a working day, by
    weekends only, and says that the holidays of that year are not in the calendar.
    """
    from policeroom.services.core.workdays import year_known
    from policeroom.services.roster.calendar import HOLIDAY_NAMES, day_info
    from policeroom.services.roster.types import DayKind

    text = f"{chinese_date(today)} 星期{WEEKDAYS[today.weekday()]}"
    info = day_info(today)
    if not year_known(today.year):
        kind = "工作日" if info.kind is DayKind.workday else "休息日"
        return f"{text} · {kind}（{today.year}年节假日安排尚未收录，按周末计）"
    if info.kind is DayKind.holiday and info.name in HOLIDAY_NAMES.values():
        return f"{text} · {info.name}假期"
    if info.kind is not DayKind.workday:
        return f"{text} · 休息日"
    return f"{text} · {info.name or '工作日'}"  # 调休上班 on a working weekend


class StatCard(QPushButton):
    """A big number with a caption; clicking opens the list behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setMinimumSize(140, 80)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_value(self, value: int) -> None:
        self.setText(f"{value}\n{self.caption}")


class DashboardPage(QWidget):
    """What to look at first; each card opens its list."""

    open_people = Signal(str)  # "residents" / "team" / "grids"
    open_requests = Signal(str)  # "mine" / "due_today" / "overdue" / "visits_due"
    open_mediation = Signal(str)  # "visits_due" / "open" / "red"
    open_module = Signal(str)  # "roster" / "reports"
    open_gridwork = Signal(str)  # "events:open" / "events:overdue" / "places"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.day = QLabel()
        self.day.setStyleSheet("color: #616161; font-size: 14px;")
        self.cards = {
            "residents": StatCard(tr("登记居民（人）")),
            "grids": StatCard(tr("网格（个）")),
            "team": StatCard(tr("团队成员（人）")),
        }
        cards = QHBoxLayout()
        for key, card in self.cards.items():
            card.clicked.connect(lambda _c=False, k=key: self.open_people.emit(k))
            card.setStyleSheet("font-size: 16px;")
            cards.addWidget(card)
        cards.addStretch(1)
        from policeroom.ui.dashboard.panels import FirstSteps

        self.first_steps = FirstSteps()
        self.first_steps.open_people.connect(self.open_people)
        self.composition = QLabel()
        self.composition.setStyleSheet("font-size: 14px;")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(
            "background: #fff8e1; color: #6d4c00; border: 1px solid #ffca28; border-radius: 4px; padding: 8px;"
        )
        self.ok = QLabel(
            tr("团队配置符合“1名社区民警 + 2名社区工作人员 + N名网格员”模式，每个网格都有网格员负责。")
        )
        self.ok.setStyleSheet("color: #2e7d32;")
        upcoming = QFrame()
        upcoming.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(upcoming)
        grid.addWidget(QLabel(tr("<b>群众求助</b>")), 0, 0)
        self.request_cards = {
            "mine": StatCard(tr("派给我的待办")),
            "due_today": StatCard(tr("今日到期")),
            "overdue": StatCard(tr("已超期")),
            "visits_due": StatCard(tr("待回访")),
        }
        row = QHBoxLayout()
        for key, card in self.request_cards.items():
            card.clicked.connect(lambda _c=False, k=key: self.open_requests.emit(k))
            card.setStyleSheet("font-size: 16px;")
            row.addWidget(card)
        row.addStretch(1)
        grid.addLayout(row, 1, 0)
        from policeroom.ui.dashboard.panels import MediationPanel, WeekPanel
        from policeroom.ui.roster.board import OnPostBoard

        self.mediation = MediationPanel()
        self.mediation.open_mediation.connect(self.open_mediation)
        from policeroom.ui.gridwork.dashboard_panel import GridWorkPanel

        self.gridwork = GridWorkPanel(services)
        self.gridwork.open_gridwork.connect(self.open_gridwork)
        self.on_post = OnPostBoard(services)
        self.on_post.open_roster.connect(lambda: self.open_module.emit("roster"))
        from policeroom.ui.forces.onpost_panel import UnitsOnPostPanel

        self.units_on_post = UnitsOnPostPanel(services)  # beside 当前在岗: who of each emergency unit is on post
        self.units_on_post.open_forces.connect(lambda: self.open_module.emit("forces"))
        self.week = WeekPanel()
        self.week.open_reports.connect(lambda: self.open_module.emit("reports"))
        from policeroom.ui.activities.panel import ForcesPanel

        self.forces = ForcesPanel()
        self.forces.open_forces.connect(lambda: self.open_module.emit("forces"))
        from policeroom.ui.fieldwork.panels import DutiesPanel, VisitsDuePanel

        self.visits_due = VisitsDuePanel()
        self.visits_due.open_visits.connect(lambda k: self.open_gridwork.emit(f"visits:{k}"))
        self.duties = DutiesPanel()
        lower = QHBoxLayout()
        lower.addWidget(self.on_post, 1)
        lower.addWidget(self.units_on_post, 1)
        lower.addWidget(self.week, 2)

        inner = QWidget()  # scrolls, so the window can stay small on a 1366x768 screen
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.addWidget(self.title)
        lay.addWidget(self.day)
        lay.addSpacing(12)
        lay.addWidget(self.first_steps)
        lay.addLayout(cards)
        lay.addSpacing(8)
        lay.addWidget(self.composition)
        lay.addWidget(self.warnings)
        lay.addWidget(self.ok)
        lay.addSpacing(8)
        lay.addWidget(upcoming)
        lay.addWidget(self.mediation)
        lay.addWidget(self.gridwork)
        lay.addWidget(self.visits_due)
        lay.addWidget(self.duties)
        lay.addLayout(lower)
        lay.addWidget(self.forces)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._stale = False
        bus.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, kind: str, _ids: object) -> None:
        """Refresh now if showing; otherwise once, when next shown (every save notifies the bus, and
        the figures take tens of milliseconds: not worth paying while another page is open)."""
        if kind not in REFRESH_ON:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        s = self.services
        self.title.setText(s.settings.get().room_name or tr("社区警务室"))
        self.day.setText(day_line(clock.today()))
        comp = s.team.composition()
        residents, grids, team = s.residents.count(), len(s.grids.list()), sum(comp.counts.values())
        self.cards["residents"].set_value(residents)
        self.cards["grids"].set_value(grids)
        self.cards["team"].set_value(team)
        # a new room has the officer alone: the team is added once someone else is on it
        self.first_steps.set_done({"team": team > 1, "grids": grids > 0, "residents": residents > 0})
        if not s.actor.can(Perm.edit_team):  # the steps are the officer's and the desk's to take
            self.first_steps.hide()
        self.composition.setText(tr("团队：") + comp.summary)
        self.warnings.setText("\n".join("⚠ " + w for w in comp.warnings))
        self.warnings.setVisible(bool(comp.warnings))
        self.ok.setVisible(not comp.warnings)
        counts = s.requests.dashboard()
        for key, card in self.request_cards.items():
            card.set_value(getattr(counts, key))
        overdue = self.request_cards["overdue"]
        overdue.setStyleSheet("font-size: 16px; color: #c62828;" if counts.overdue else "font-size: 16px;")
        self.mediation.set_counts(s.cases.due())
        self.gridwork.refresh()
        self.on_post.set_board(s.duty.board())
        self.units_on_post.refresh()
        self.forces.set_glance(s.activities.glance())
        self._fieldwork()
        if s.actor.limited_to_grids:  # the week's figures cover the whole room
            self.week.hide()
        else:
            self.week.set_glance(s.summary.glance())

    def _fieldwork(self) -> None:
        """入户走访 due (the actor's grids; each worker's for the officer and staff) and the officer's duties."""
        s = self.services
        limited = s.actor.limited_to_grids
        mine = s.households.due_counts(worker_id=s.actor.member_id if limited else None)
        self.visits_due.set_counts(mine, None if limited else s.households.due_by_worker())
        lines = [] if limited else s.work_log.duties()
        self.duties.setVisible(bool(lines))
        if lines:
            self.duties.set_lines(lines)
