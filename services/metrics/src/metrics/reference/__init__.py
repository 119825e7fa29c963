"""The metrics recomputed in one batch pass over an event log (`batch.Reference`), and
what feeds it and the stream alike in tests and benchmarks: event scripts, scenarios,
realistic random histories, and a replay of the stream engine."""
