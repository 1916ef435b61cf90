"""PDFs of the community's forces (群防群治): the drill record (拉动测试记录)."""
