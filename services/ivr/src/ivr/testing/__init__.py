"""Test support: the IVR with its ports in memory (memory), and a phone line to the IVR running
as a process on a real broker (line)."""
