"""Excel import of a resident ledger (居民台账): 10,000 rows, read + check, then commit.

Generates an xlsx ledger as officers keep it (title row, their own header names, text ID numbers,
dates as Excel dates, some bad rows), imports it into a fresh migrated database through the real
service API signed in as the officer, and prints:

- time to read the file (openpyxl read-only) and to check every row (nothing written);
- time to commit all good rows in one transaction (with the audit history of each new resident);
- a second import of the same file (every row now updates a registered person);
- time to export the list back to xlsx.

Usage::

    python benchmarks/import_residents.py                  # 10,000 rows
    python benchmarks/import_residents.py --rows 50000 --bad 500

Target (issue 6): 10,000 rows within 30 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # noqa: E402

from policeroom.db import open_database  # noqa: E402
from policeroom.models import GENDER_LABELS  # noqa: E402
from policeroom.services.core.imports import guess_mapping  # noqa: E402
from policeroom.services.core.settings import RoomSettings  # noqa: E402
from policeroom.services.demo.data import DEMO_GRIDS, household_address, people  # noqa: E402
from policeroom.services.people.grids import GridInput  # noqa: E402
from policeroom.services.registry import Services  # noqa: E402

HEADERS = ["序号", "姓名", "性别", "出生日期", "民族", "公民身份号码", "手机", "现住址", "所属网格", "备注"]


def make_ledger(path: Path, rows: int, bad: int, seed: int = 7) -> None:
    """A realistic ledger with ``bad`` broken rows spread through it."""
    rng = random.Random(seed)
    persons = people(rng, rows, today=date.today())
    bad_rows = set(rng.sample(range(rows), bad))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民台账")
    ws.append(["安华里社区居民信息台账"])
    ws.append(HEADERS)
    for i, p in enumerate(persons):
        grid = rng.choice(DEMO_GRIDS)
        row = [
            i + 1, p.name, GENDER_LABELS[p.gender], p.birth_date, p.ethnicity, p.id_number, p.phone or "",
            household_address(rng, grid.compound, rng.choice(grid.buildings)), grid.code,
            "独居老人" if rng.random() < 0.03 else "",
        ]
        if i in bad_rows:
            kind = rng.randrange(4)
            if kind == 0:
                row[5] = p.id_number[:-1] + ("0" if p.id_number[-1] != "0" else "1")  # check digit
            elif kind == 1:
                row[6] = "1380000"  # too short
            elif kind == 2:
                row[8] = "WG99"  # no such grid
            else:
                row[2] = "女" if p.gender == "male" else "男"  # against the ID number
        ws.append(row)
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--bad", type=int, default=120)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "ledger.xlsx"
        t = time.perf_counter()
        make_ledger(xlsx, args.rows, args.bad)
        print(f"generated {args.rows} rows ({args.bad} bad): {xlsx.stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - t:.1f} s")

        db = open_database("sqlite:///" + str(Path(tmp) / "bench.db"))
        services = Services(db.sessions)
        actor = services.accounts.first_run(
            RoomSettings(room_name="安华里社区警务室", station="和平里派出所", community="安华里社区",
                         committee_name="安华里社区人民调解委员会", committee_short="安华", officer_in_charge="王建军"),
            officer_name="王建军", officer_phone="13901051234", username="wangjj",
            password="jingwu2026", confirm="jingwu2026",
        )
        services.sign_in(actor)
        for g in DEMO_GRIDS:
            services.grids.create(GridInput(code=g.code, name=g.name))
        ledger = services.resident_ledger

        def run(label: str) -> float:
            t0 = time.perf_counter()
            spec, sheet = ledger.read(xlsx)
            t1 = time.perf_counter()
            report = ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
            t2 = time.perf_counter()
            result = ledger.commit(report)
            t3 = time.perf_counter()
            print(f"{label}: read {t1 - t0:.2f} s, check {t2 - t1:.2f} s (read+check {t2 - t0:.2f} s), "
                  f"commit {t3 - t2:.2f} s, total {t3 - t0:.2f} s")
            print(f"  rows {len(sheet.rows)}, good {len(report.good)}, bad {len(report.bad)} "
                  f"({len(report.errors)} problems), created {result.created}, updated {result.updated}")
            return t3 - t0

        total = run("first import (new residents)")
        run("second import (all registered: merged)")
        print(f"residents in the database: {services.residents.count()}")

        from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx
        from policeroom.services.people.ledger_io import EXPORT_COLUMNS

        t = time.perf_counter()
        ids = services.residents.search_ids("")
        rows = (r for start in range(0, len(ids), 500) for r in ledger.export_rows(ids[start : start + 500]))
        data = list_xlsx("居民名单", [XlsxColumn(h, w) for h, w, _ in EXPORT_COLUMNS],
                         ([get(r) for _h, _w, get in EXPORT_COLUMNS] for r in rows))
        print(f"export {len(ids)} residents to xlsx: {time.perf_counter() - t:.2f} s, {len(data) / 1e6:.1f} MB")
        db.close()
        verdict = "OK" if total <= 30 else "TOO SLOW"
        print(f"target: {args.rows} rows within 30 s -> {total:.1f} s {verdict}")


if __name__ == "__main__":
    main()
