"""The 群防群治 module: volunteers, teams and partner units, emergency units, activities and points."""
