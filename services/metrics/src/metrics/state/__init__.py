"""The service's state: journaled tables, and their changelog (checkpoints, restore)."""
