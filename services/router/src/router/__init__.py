"""Skills-based router (ACD)."""
