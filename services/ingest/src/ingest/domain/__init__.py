"""What ingest knows: validated provider reports, the number plan, the calls in progress
and the answers already given. No I/O and no clock here."""

from ingest.domain.directory import CallDirectory, KnownCall, ProviderKey
from ingest.domain.number_plan import NumberPlan
from ingest.domain.recent import ARRIVAL, RecentReports, ReportKey
from ingest.domain.reports import (
    CallArrival,
    Invalid,
    NotFound,
    PressedDigits,
    ProviderEvent,
    ReportRefused,
    TenantMismatch,
    UnknownCall,
    UnknownNumber,
    call_id_for,
    to_e164,
)

__all__ = [
    "ARRIVAL",
    "CallArrival",
    "CallDirectory",
    "Invalid",
    "KnownCall",
    "NotFound",
    "NumberPlan",
    "PressedDigits",
    "ProviderEvent",
    "ProviderKey",
    "RecentReports",
    "ReportKey",
    "ReportRefused",
    "TenantMismatch",
    "UnknownCall",
    "UnknownNumber",
    "call_id_for",
    "to_e164",
]
