"""群防群治: volunteers, their teams, partner units, emergency units and drills (services, no Qt)."""
