"""Agent presence and the agent desktop API."""
