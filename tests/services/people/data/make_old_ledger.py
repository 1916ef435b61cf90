"""Writes ``old_ledger.xls`` once (committed beside this script): a resident ledger as the old Excel
97-2003 format saves it, for tests/services/people/test_import_xls.py.

Run ``python tests/services/people/data/make_old_ledger.py`` (needs ``xlwt``, in the ``dev`` extra)
only to change the fixture; the tests read the committed file and do not need xlwt.

What the ledger holds, as ledgers from the field do: a merged title row, the 公民身份号码 and 联系方式
headers, ID numbers as text, a phone typed as a number (13800001111.0 inside the file), a birth date as
an Excel date, an address merged over two rows, a blank row and a 合计 row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

#: the ledger's rows after the headers (None: the cell is left empty; "MERGED": covered by the merge above)
ROWS = [
    ("1", "张三", "女", "11010519491231002X", date(1949, 12, 31), 13800001111, "安华里3号楼2单元101"),
    ("2", "李四", "男", "110105198001010016", date(1980, 1, 1), "139 0000 2222", "安华里5号楼"),
    ("3", "王五", "女", "110105199002030021", date(1990, 2, 3), None, "MERGED"),
    (None, None, None, None, None, None, None),
    ("合计", "3人", None, None, None, None, None),
]
HEADERS = ["序号", "姓名", "性别", "公民身份号码", "出生年月", "联系方式", "现住址"]


def main() -> Path:
    import xlwt  # only here: the tests import ROWS and HEADERS without xlwt installed

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("居民台账")
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write_merge(0, 0, 0, len(HEADERS) - 1, "安华里社区居民台账", bold)
    for c, h in enumerate(HEADERS):
        sheet.write(1, c, h, bold)
    for r, row in enumerate(ROWS, start=2):
        for c, value in enumerate(row):
            if value is None or value == "MERGED":
                continue
            if c == 6 and r == 3:  # 李四's address also covers 王五 (the row below)
                sheet.write_merge(r, r + 1, c, c, value)
            elif isinstance(value, date):
                sheet.write(r, c, value, dated)
            else:
                sheet.write(r, c, value)
    target = Path(__file__).with_name("old_ledger.xls")
    book.save(str(target))
    return target


if __name__ == "__main__":
    print(main())
