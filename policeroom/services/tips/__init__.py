"""线索举报 (有奖举报): intake with a query code, a sealed tipster, verification on the loop, rewards."""
