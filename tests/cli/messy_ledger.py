"""A messy resident ledger for the import command: blank rows, totals, merged cells, conflicts, unknown grids."""

import sys

from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.append(["安华里社区居民台账（2026年）"])
ws.append([])
ws.append(["序号", "姓名", "公民身份号码", "性别", "出生年月", "联系方式", "家庭住址", "所在网格", "登记日期"])
ws.append([1, "张三", "110105194912310011", "男", "1949.12", "１３８００００１１１１", "安华西里1号楼", "第1网格", "2026-01-02"])
ws.append([2, "李四", "110105198001010016", "", "", "86-755-23456789", "安华西里2号楼", None, ""])   # grid merged from above
ws.append([3, "王五", "１１０１０５１９９００２０３００２１", "", "", "", "安华西里3号楼", "第2网格", ""])  # full-width ID
ws.append([])
ws.append([4, "赵六", "110105 19491231 002X", "", "", "010-12345678", "", "第2网格", ""])  # ID in groups, registered as 钱七
ws.append([5, "李四四", "110105198001010016", "", "", "", "", "第1网格", ""])  # same ID as row 5, other name
ws.append([6, "孙七", "110105198001010013", "", "", "1380000", "", "第3网格", ""])  # bad check digit, bad phone
ws.append([7, "周八", "", "", "", "", "安华西里9号楼", "", ""])
ws.append([8, "周八", "", "", "", "", "", "", ""])
ws.append([])
ws.append(["小计", "8人", "", "", "", "", "", "", ""])
ws.append([9, "吴九", "440524188001010014", "男", "", "13900001111", "安华西里5号楼", "WG01", ""])
ws.append(["合 计", "9人", "", "", "", "", "", "", ""])
ws.merge_cells("H4:H5")
wb.save(sys.argv[1])
