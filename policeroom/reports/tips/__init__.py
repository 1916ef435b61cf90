"""线索举报 papers: 受理回执, 移交函, 领奖回执, 逾期放弃通知, 奖励发放登记表, the Excel ledger."""
