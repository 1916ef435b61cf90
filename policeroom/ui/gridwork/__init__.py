"""The 网格工作 module's screens: grid events, places and inspections, 考核 (and patrols, visits …)."""
