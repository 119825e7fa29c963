import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CustomerSummary(_message.Message):
    __slots__ = ("customer_id", "name", "language", "segment", "vip_tier", "notes", "phone_numbers", "account_numbers")
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    VIP_TIER_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    customer_id: str
    name: str
    language: str
    segment: str
    vip_tier: str
    notes: str
    phone_numbers: _containers.RepeatedScalarFieldContainer[str]
    account_numbers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, customer_id: _Optional[str] = ..., name: _Optional[str] = ..., language: _Optional[str] = ..., segment: _Optional[str] = ..., vip_tier: _Optional[str] = ..., notes: _Optional[str] = ..., phone_numbers: _Optional[_Iterable[str]] = ..., account_numbers: _Optional[_Iterable[str]] = ...) -> None: ...

class InteractionSummary(_message.Message):
    __slots__ = ("call_id", "started_at", "queue_id", "agent_id", "outcome", "disposition", "wait", "talk", "hold", "wrap_up")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DISPOSITION_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    TALK_FIELD_NUMBER: _ClassVar[int]
    HOLD_FIELD_NUMBER: _ClassVar[int]
    WRAP_UP_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    started_at: _timestamp_pb2.Timestamp
    queue_id: str
    agent_id: str
    outcome: str
    disposition: str
    wait: _duration_pb2.Duration
    talk: _duration_pb2.Duration
    hold: _duration_pb2.Duration
    wrap_up: _duration_pb2.Duration
    def __init__(self, call_id: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., queue_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., outcome: _Optional[str] = ..., disposition: _Optional[str] = ..., wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., talk: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., hold: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., wrap_up: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
