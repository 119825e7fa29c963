"""Call-center simulator: callers and operators played against the real services."""
