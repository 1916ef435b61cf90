"""PDFs and spreadsheets of field work (警务工作日志, 入户走访记录台账)."""
