"""The Faust worker around the core: batched delivery, restore, checkpoints, ticks."""
