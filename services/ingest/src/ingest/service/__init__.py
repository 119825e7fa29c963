"""The use cases: recording provider reports as call events, following the calls topic."""
