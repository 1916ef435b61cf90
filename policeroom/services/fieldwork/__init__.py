"""Field work of the grid (巡防、入户走访、防范宣传、警务工作日志)."""
