"""mediation."""
