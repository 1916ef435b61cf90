"""The dispute screening ledger (矛盾纠纷排查台账) from Excel: the import spec and its commit; no Qt.

Each row is checked with the ledger's own rules (``DisputeService.check``) and every problem is
reported by row and column. Entries get new numbers (JF年份-序号) in order of screening date when
committed, all in one transaction. A row with the same screening date and summary as an entry
already in the ledger is not added again (re-importing a file does not double it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from policeroom.errors import ValidationError
from policeroom.models import (
    DISPUTE_STATUS_LABELS,
    RISK_LABELS,
    DisputeEntry,
    DisputeStatus,
    Grid,
    Risk,
    TeamMember,
)
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.forms import FormErrors
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
from policeroom.services.mediation.disputes import DisputeService
from policeroom.services.mediation.types import DisputeInput, PartyInput

_RISKS = {label: risk for risk, label in RISK_LABELS.items()}
_RISKS.update({label + "色": risk for risk, label in RISK_LABELS.items()})
_RISKS.update({"高": Risk.red, "较高": Risk.orange, "中": Risk.yellow, "低": Risk.blue})
_STATUSES = {label: status for status, label in DISPUTE_STATUS_LABELS.items()}
_STATUSES.update({"已调处": DisputeStatus.resolved, "调处中": DisputeStatus.in_progress, "未调处": DisputeStatus.unresolved})
_PARTY_SPLIT = re.compile(r"[、，,;；/\n]+")
_PARTY = re.compile(r"^(?P<name>[^\d（(]+?)\s*[（(]?\s*(?P<phone>[\d\- ]{7,})?\s*[）)]?$")
#: the service's error keys -> the import field whose column shows them
_FIELDS = {"grid_id": "grid", "screener_id": "screener", "owner_id": "owner"}


@dataclass(frozen=True)
class DisputeImportResult:
    created: int
    updated: int = 0  # entries are never updated by an import; rows already in the ledger are skipped


def _parse_risk(value: Any) -> Risk:
    text = cell_text(value).replace("风险", "").replace("预警", "").strip()
    if text not in _RISKS:
        raise ValidationError("", f"风险等级“{cell_text(value)}”应为红、橙、黄、蓝之一")
    return _RISKS[text]


def _parse_status(value: Any) -> DisputeStatus:
    text = re.sub(r"[（(].*[）)]", "", cell_text(value)).strip()  # "未化解（超期）" as the ledger export writes it
    if text not in _STATUSES:
        raise ValidationError("", f"化解状态“{cell_text(value)}”应为未化解、化解中、已化解或已移交")
    return _STATUSES[text]


def _parse_count(value: Any) -> int:
    text = cell_text(value).rstrip("人")
    if not text.isdigit():
        raise ValidationError("", f"涉及人数“{cell_text(value)}”应为整数")
    return int(text)


def _parse_parties(value: Any) -> list[PartyInput]:
    """``张三、李四`` or ``张三（13800000000），李四``: names, each with an optional phone."""
    parties = []
    for part in _PARTY_SPLIT.split(cell_text(value)):
        part = part.strip()
        if not part:
            continue
        m = _PARTY.match(part)
        if m is None:
            raise ValidationError("", f"无法识别当事人“{part}”：请写姓名，电话可写在括号中")
        parties.append(PartyInput(name=m.group("name").strip(), phone=(m.group("phone") or "").strip()))
    return parties


class DisputeLedgerService:
    """Excel import of the screening ledger, through the ledger's own rules (``DisputeService``)."""

    def __init__(self, ctx: ServiceContext, disputes: DisputeService) -> None:
        self.ctx = ctx
        self.disputes = disputes

    def spec(self) -> ImportSpec:
        with self.ctx.read() as s:
            grids: dict[str, int] = {}
            for g in s.scalars(select(Grid).order_by(Grid.archived, Grid.code)):
                for k in (g.code, g.name, f"{g.code} {g.name}", f"{g.code}{g.name}"):
                    grids.setdefault(k, g.id)
            members: dict[str, int] = {}
            for m in s.scalars(select(TeamMember).order_by(TeamMember.active.desc(), TeamMember.id)):
                members.setdefault(m.name, m.id)

        def lookup(table: dict[str, int], what: str) -> Any:
            def parse(value: Any) -> int:
                text = " ".join(cell_text(value).split())
                if text not in table:
                    raise ValidationError("", f"没有名为“{text}”的{what}")
                return table[text]

            return parse

        fields = (
            ImportField("screened_on", "排查日期", ("排查时间", "登记日期", "日期"), parse_date, required=True),
            ImportField("grid", "网格", ("所属网格", "网格名称", "网格编号"), lookup(grids, "网格")),
            ImportField("dispute_type", "纠纷类型", ("类型", "纠纷类别", "矛盾类型"), parse_text(30, "纠纷类型"),
                        required=True),
            ImportField("parties", "当事人", ("当事人姓名", "涉及当事人", "双方当事人"), _parse_parties),
            ImportField("people_count", "涉及人数", ("人数",), _parse_count),
            ImportField("summary", "简要情况", ("纠纷简要情况", "矛盾纠纷简要情况", "基本情况", "纠纷情况", "主要内容"),
                        parse_text(4000, "简要情况"), required=True),
            ImportField("occurred_at_day", "发生日期", ("发生时间",), parse_date),
            ImportField("location", "发生地点", ("地点",), parse_text(200, "发生地点")),
            ImportField("demands", "当事人诉求", ("诉求", "主要诉求"), parse_text(2000, "诉求")),
            ImportField("risk", "风险等级", ("风险", "预警等级", "风险预警等级"), _parse_risk, required=True),
            ImportField("screener", "排查人", ("排查人员", "登记人"), lookup(members, "团队成员")),
            ImportField("owner", "化解责任人", ("责任人", "包案人", "化解人"), lookup(members, "团队成员")),
            ImportField("measures", "化解措施", ("稳控措施", "措施", "化解情况"), parse_text(4000, "化解措施")),
            ImportField("deadline", "化解时限", ("时限", "化解期限"), parse_date),
            ImportField("status", "化解状态", ("状态", "办理状态", "是否化解"), _parse_status),
            ImportField("resolved_on", "化解日期", ("化解时间", "办结日期", "化解完成日期"), parse_date),
            ImportField("transferred_to", "移交单位", ("移交部门",), parse_text(60, "移交单位")),
            ImportField("notes", "备注", ("说明",), parse_text(2000, "备注")),
        )
        return ImportSpec("矛盾纠纷排查", fields, check_row=self._check_row, key_field="key")

    def _input(self, v: dict[str, Any]) -> DisputeInput:
        parties = [PartyInput(name=p.name, phone=p.phone) for p in (v.get("parties") or [])]
        count = v.get("people_count") or max(len(parties), 1)
        day = v.get("occurred_at_day")
        return DisputeInput(
            screened_on=v["screened_on"], dispute_type=v["dispute_type"] or "", risk=v["risk"],
            summary=v["summary"] or "", grid_id=v.get("grid"), screener_id=v.get("screener"),
            occurred_at=datetime.combine(day, time()) if day else None, location=v.get("location") or "",
            people_count=count, demands=v.get("demands") or "", owner_id=v.get("owner"),
            measures=v.get("measures") or "", deadline=v.get("deadline"),
            status=v.get("status") or DisputeStatus.unresolved, transferred_to=v.get("transferred_to") or "",
            resolved_on=v.get("resolved_on"),
            notes=v.get("notes") or "", parties=parties,
        )  # fmt: skip

    def _check_row(self, v: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        # A required cell that was empty or unreadable is already reported; a stand-in lets the
        # ledger's rules check the rest of the row (their message about that cell is dropped).
        stand_in = dict(v, screened_on=v.get("screened_on") or clock.today(), risk=v.get("risk") or Risk.blue)
        problems: list[tuple[str, str]] = []
        with self.ctx.read() as s:
            try:
                self.disputes.check(s, self._input(stand_in), clock.today())
            except FormErrors as e:
                for key, message in e.errors.items():
                    field = "parties" if key.startswith("parties") else _FIELDS.get(key, key)
                    if key == "occurred_at":
                        field = "occurred_at_day"
                    problems.append((field, message))
            except ValidationError as e:
                problems.append((_FIELDS.get(e.field, e.field), e.message))
        return dict(v, key=(v.get("screened_on"), " ".join((v.get("summary") or "").split()))), problems

    def read(self, source: str | Path | bytes, progress: Progress | None = None) -> tuple[ImportSpec, Sheet]:
        spec = self.spec()
        return spec, read_sheet(source, spec, progress)

    def check(
        self, spec: ImportSpec, sheet: Sheet, mapping: dict[str, int | None], progress: Progress | None = None
    ) -> ImportReport:
        """Every row checked; rows already in the ledger (same date and summary) marked. Writes nothing."""
        report = check_rows(spec, sheet, mapping, progress)
        days = {r.values["screened_on"] for r in report.good}
        if days:
            stmt = select(DisputeEntry.screened_on, DisputeEntry.summary).where(DisputeEntry.screened_on.in_(days))
            if self.ctx.actor.limited_to_grids:  # another grid's ledger is not looked into
                stmt = stmt.where(DisputeEntry.grid_id.in_(self.ctx.actor.grid_ids))
            with self.ctx.read() as s:
                known = {(day, " ".join(summary.split())) for day, summary in s.execute(stmt)}
            report.existing_rows = {r.row for r in report.good if r.values["key"] in known}
        return report

    def commit(self, report: ImportReport, progress: Progress | None = None) -> DisputeImportResult:
        """Add every good row not yet in the ledger, in ONE transaction, numbered by screening date."""
        rows = sorted((r for r in report.good if r.row not in report.existing_rows),
                      key=lambda r: (r.values["screened_on"], r.row))
        today = clock.today()
        with self.ctx.write() as s:
            for n, row in enumerate(rows, start=1):
                try:
                    self.disputes.create_in(s, self._input(row.values), today)
                except ValidationError as e:  # changed since the check (a grid archived …): nothing is kept
                    raise ValidationError("import", f"第 {row.row} 行：{e.message}") from e
                if progress is not None and n % 200 == 0:
                    progress(n, len(rows))
        if progress is not None:
            progress(len(rows), len(rows))
        return DisputeImportResult(created=len(rows))


__all__ = ["DisputeImportResult", "DisputeLedgerService", "RowError"]
