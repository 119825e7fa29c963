"""Prometheus instruments of crm-lookup. Labels are bounded: how a lookup was made, its result,
and the tenant for calls (tenants come from the number plan); never a number or a customer."""

from prometheus_client import Counter, Gauge, Histogram

LOOKUP_SECONDS = Histogram(
    "crm_lookup_seconds",
    "Time to look a caller up in the store (gRPC and screen pops alike)",
    ["looked_up_by"],
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
)
POPS = Counter(
    "crm_screen_pops_total",
    "CustomerIdentified published on calls, by result (identified, ambiguous, unknown)",
    ["tenant", "looked_up_by", "result"],
)
POP_FAILURES = Counter(
    "crm_screen_pop_failures_total",
    "Lookups for calls that failed or timed out; each is retried while the call lasts",
    ["tenant", "looked_up_by"],
)
POPS_OWED = Gauge("crm_screen_pops_owed", "Lookups calls are owed and not yet published")
IMPORTED_ROWS = Counter(
    "crm_imported_rows_total", "Rows of CSV imports, by outcome (imported, rejected)", ["outcome"]
)
