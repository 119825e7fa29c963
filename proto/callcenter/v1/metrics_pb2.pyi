import datetime

from callcenter.v1 import common_pb2 as _common_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AlertKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_KIND_UNSPECIFIED: _ClassVar[AlertKind]
    ALERT_KIND_SERVICE_LEVEL_BELOW_TARGET: _ClassVar[AlertKind]
    ALERT_KIND_ABANDON_RATE_ABOVE_TARGET: _ClassVar[AlertKind]
    ALERT_KIND_LONGEST_WAIT_ABOVE_LIMIT: _ClassVar[AlertKind]
ALERT_KIND_UNSPECIFIED: AlertKind
ALERT_KIND_SERVICE_LEVEL_BELOW_TARGET: AlertKind
ALERT_KIND_ABANDON_RATE_ABOVE_TARGET: AlertKind
ALERT_KIND_LONGEST_WAIT_ABOVE_LIMIT: AlertKind

class IntervalMetrics(_message.Message):
    __slots__ = ("interval_id", "tenant_id", "scope", "start", "end", "final", "counts", "service_level", "measures", "agent_time", "abandons", "abandons_unlisted")
    class AgentTimeEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _duration_pb2.Duration
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
    INTERVAL_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    AGENT_TIME_FIELD_NUMBER: _ClassVar[int]
    ABANDONS_FIELD_NUMBER: _ClassVar[int]
    ABANDONS_UNLISTED_FIELD_NUMBER: _ClassVar[int]
    interval_id: str
    tenant_id: str
    scope: str
    start: _timestamp_pb2.Timestamp
    end: _timestamp_pb2.Timestamp
    final: bool
    counts: IntervalCounts
    service_level: ServiceLevels
    measures: IntervalMeasures
    agent_time: _containers.MessageMap[str, _duration_pb2.Duration]
    abandons: _containers.RepeatedCompositeFieldContainer[AbandonedCall]
    abandons_unlisted: int
    def __init__(self, interval_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., scope: _Optional[str] = ..., start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., final: _Optional[bool] = ..., counts: _Optional[_Union[IntervalCounts, _Mapping]] = ..., service_level: _Optional[_Union[ServiceLevels, _Mapping]] = ..., measures: _Optional[_Union[IntervalMeasures, _Mapping]] = ..., agent_time: _Optional[_Mapping[str, _duration_pb2.Duration]] = ..., abandons: _Optional[_Iterable[_Union[AbandonedCall, _Mapping]]] = ..., abandons_unlisted: _Optional[int] = ...) -> None: ...

class IntervalCounts(_message.Message):
    __slots__ = ("offered", "answered", "answered_within_t", "abandoned", "abandoned_within_t", "short_abandoned", "overflowed", "callbacks", "wait_ms", "answer_wait_ms", "abandon_wait_ms", "handled", "talk_ms", "hold_ms", "wrap_up_ms", "transfers", "offers_rejected", "offers_timed_out", "offers_not_answered", "ivr_calls", "ivr_abandoned", "ivr_short_abandoned", "ivr_time_ms", "ivr_over_guideline")
    OFFERED_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_WITHIN_T_FIELD_NUMBER: _ClassVar[int]
    ABANDONED_FIELD_NUMBER: _ClassVar[int]
    ABANDONED_WITHIN_T_FIELD_NUMBER: _ClassVar[int]
    SHORT_ABANDONED_FIELD_NUMBER: _ClassVar[int]
    OVERFLOWED_FIELD_NUMBER: _ClassVar[int]
    CALLBACKS_FIELD_NUMBER: _ClassVar[int]
    WAIT_MS_FIELD_NUMBER: _ClassVar[int]
    ANSWER_WAIT_MS_FIELD_NUMBER: _ClassVar[int]
    ABANDON_WAIT_MS_FIELD_NUMBER: _ClassVar[int]
    HANDLED_FIELD_NUMBER: _ClassVar[int]
    TALK_MS_FIELD_NUMBER: _ClassVar[int]
    HOLD_MS_FIELD_NUMBER: _ClassVar[int]
    WRAP_UP_MS_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    OFFERS_REJECTED_FIELD_NUMBER: _ClassVar[int]
    OFFERS_TIMED_OUT_FIELD_NUMBER: _ClassVar[int]
    OFFERS_NOT_ANSWERED_FIELD_NUMBER: _ClassVar[int]
    IVR_CALLS_FIELD_NUMBER: _ClassVar[int]
    IVR_ABANDONED_FIELD_NUMBER: _ClassVar[int]
    IVR_SHORT_ABANDONED_FIELD_NUMBER: _ClassVar[int]
    IVR_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    IVR_OVER_GUIDELINE_FIELD_NUMBER: _ClassVar[int]
    offered: int
    answered: int
    answered_within_t: int
    abandoned: int
    abandoned_within_t: int
    short_abandoned: int
    overflowed: int
    callbacks: int
    wait_ms: int
    answer_wait_ms: int
    abandon_wait_ms: int
    handled: int
    talk_ms: int
    hold_ms: int
    wrap_up_ms: int
    transfers: int
    offers_rejected: int
    offers_timed_out: int
    offers_not_answered: int
    ivr_calls: int
    ivr_abandoned: int
    ivr_short_abandoned: int
    ivr_time_ms: int
    ivr_over_guideline: int
    def __init__(self, offered: _Optional[int] = ..., answered: _Optional[int] = ..., answered_within_t: _Optional[int] = ..., abandoned: _Optional[int] = ..., abandoned_within_t: _Optional[int] = ..., short_abandoned: _Optional[int] = ..., overflowed: _Optional[int] = ..., callbacks: _Optional[int] = ..., wait_ms: _Optional[int] = ..., answer_wait_ms: _Optional[int] = ..., abandon_wait_ms: _Optional[int] = ..., handled: _Optional[int] = ..., talk_ms: _Optional[int] = ..., hold_ms: _Optional[int] = ..., wrap_up_ms: _Optional[int] = ..., transfers: _Optional[int] = ..., offers_rejected: _Optional[int] = ..., offers_timed_out: _Optional[int] = ..., offers_not_answered: _Optional[int] = ..., ivr_calls: _Optional[int] = ..., ivr_abandoned: _Optional[int] = ..., ivr_short_abandoned: _Optional[int] = ..., ivr_time_ms: _Optional[int] = ..., ivr_over_guideline: _Optional[int] = ...) -> None: ...

class ServiceLevels(_message.Message):
    __slots__ = ("standard", "of_answered", "abandons_within_t_met")
    STANDARD_FIELD_NUMBER: _ClassVar[int]
    OF_ANSWERED_FIELD_NUMBER: _ClassVar[int]
    ABANDONS_WITHIN_T_MET_FIELD_NUMBER: _ClassVar[int]
    standard: float
    of_answered: float
    abandons_within_t_met: float
    def __init__(self, standard: _Optional[float] = ..., of_answered: _Optional[float] = ..., abandons_within_t_met: _Optional[float] = ...) -> None: ...

class IntervalMeasures(_message.Message):
    __slots__ = ("abandon_rate", "asa_s", "avg_wait_s", "longest_wait_s", "avg_abandon_wait_s", "aht_s", "avg_talk_s", "avg_hold_s", "avg_wrap_up_s", "occupancy", "avg_ivr_time_s", "ivr_over_guideline_rate")
    ABANDON_RATE_FIELD_NUMBER: _ClassVar[int]
    ASA_S_FIELD_NUMBER: _ClassVar[int]
    AVG_WAIT_S_FIELD_NUMBER: _ClassVar[int]
    LONGEST_WAIT_S_FIELD_NUMBER: _ClassVar[int]
    AVG_ABANDON_WAIT_S_FIELD_NUMBER: _ClassVar[int]
    AHT_S_FIELD_NUMBER: _ClassVar[int]
    AVG_TALK_S_FIELD_NUMBER: _ClassVar[int]
    AVG_HOLD_S_FIELD_NUMBER: _ClassVar[int]
    AVG_WRAP_UP_S_FIELD_NUMBER: _ClassVar[int]
    OCCUPANCY_FIELD_NUMBER: _ClassVar[int]
    AVG_IVR_TIME_S_FIELD_NUMBER: _ClassVar[int]
    IVR_OVER_GUIDELINE_RATE_FIELD_NUMBER: _ClassVar[int]
    abandon_rate: float
    asa_s: float
    avg_wait_s: float
    longest_wait_s: float
    avg_abandon_wait_s: float
    aht_s: float
    avg_talk_s: float
    avg_hold_s: float
    avg_wrap_up_s: float
    occupancy: float
    avg_ivr_time_s: float
    ivr_over_guideline_rate: float
    def __init__(self, abandon_rate: _Optional[float] = ..., asa_s: _Optional[float] = ..., avg_wait_s: _Optional[float] = ..., longest_wait_s: _Optional[float] = ..., avg_abandon_wait_s: _Optional[float] = ..., aht_s: _Optional[float] = ..., avg_talk_s: _Optional[float] = ..., avg_hold_s: _Optional[float] = ..., avg_wrap_up_s: _Optional[float] = ..., occupancy: _Optional[float] = ..., avg_ivr_time_s: _Optional[float] = ..., ivr_over_guideline_rate: _Optional[float] = ...) -> None: ...

class AbandonedCall(_message.Message):
    __slots__ = ("call_id", "caller_number", "queue_id", "stage", "waited", "at")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    CALLER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    WAITED_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    caller_number: str
    queue_id: str
    stage: _common_pb2.CallStage
    waited: _duration_pb2.Duration
    at: _timestamp_pb2.Timestamp
    def __init__(self, call_id: _Optional[str] = ..., caller_number: _Optional[str] = ..., queue_id: _Optional[str] = ..., stage: _Optional[_Union[_common_pb2.CallStage, str]] = ..., waited: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueueAlertRaised(_message.Message):
    __slots__ = ("queue_id", "kind", "value", "threshold", "window")
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    queue_id: str
    kind: AlertKind
    value: float
    threshold: float
    window: _duration_pb2.Duration
    def __init__(self, queue_id: _Optional[str] = ..., kind: _Optional[_Union[AlertKind, str]] = ..., value: _Optional[float] = ..., threshold: _Optional[float] = ..., window: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class QueueAlertCleared(_message.Message):
    __slots__ = ("queue_id", "kind", "value", "threshold", "window", "raised_at")
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    RAISED_AT_FIELD_NUMBER: _ClassVar[int]
    queue_id: str
    kind: AlertKind
    value: float
    threshold: float
    window: _duration_pb2.Duration
    raised_at: _timestamp_pb2.Timestamp
    def __init__(self, queue_id: _Optional[str] = ..., kind: _Optional[_Union[AlertKind, str]] = ..., value: _Optional[float] = ..., threshold: _Optional[float] = ..., window: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., raised_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
