import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EstimateWaitRequest(_message.Message):
    __slots__ = ("tenant_id", "queue_id", "position")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    queue_id: str
    position: int
    def __init__(self, tenant_id: _Optional[str] = ..., queue_id: _Optional[str] = ..., position: _Optional[int] = ...) -> None: ...

class EstimateWaitResponse(_message.Message):
    __slots__ = ("estimated_wait", "position", "agents_serving")
    ESTIMATED_WAIT_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    AGENTS_SERVING_FIELD_NUMBER: _ClassVar[int]
    estimated_wait: _duration_pb2.Duration
    position: int
    agents_serving: int
    def __init__(self, estimated_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., position: _Optional[int] = ..., agents_serving: _Optional[int] = ...) -> None: ...

class GetQueueStatusRequest(_message.Message):
    __slots__ = ("tenant_id", "queue_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    queue_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., queue_id: _Optional[str] = ...) -> None: ...

class GetQueueStatusResponse(_message.Message):
    __slots__ = ("calls_waiting", "calls_offered", "agents_available", "agents_serving", "oldest_wait", "estimated_wait")
    CALLS_WAITING_FIELD_NUMBER: _ClassVar[int]
    CALLS_OFFERED_FIELD_NUMBER: _ClassVar[int]
    AGENTS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    AGENTS_SERVING_FIELD_NUMBER: _ClassVar[int]
    OLDEST_WAIT_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_WAIT_FIELD_NUMBER: _ClassVar[int]
    calls_waiting: int
    calls_offered: int
    agents_available: int
    agents_serving: int
    oldest_wait: _duration_pb2.Duration
    estimated_wait: _duration_pb2.Duration
    def __init__(self, calls_waiting: _Optional[int] = ..., calls_offered: _Optional[int] = ..., agents_available: _Optional[int] = ..., agents_serving: _Optional[int] = ..., oldest_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., estimated_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
