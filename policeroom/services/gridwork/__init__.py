"""Grid work (网格工作): grid events through the loop, places and inspections, the monthly 考核."""
