from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReportCallArrivedRequest(_message.Message):
    __slots__ = ("tenant_id", "caller_number", "dialed_number", "provider", "provider_call_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    CALLER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DIALED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    caller_number: str
    dialed_number: str
    provider: str
    provider_call_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., caller_number: _Optional[str] = ..., dialed_number: _Optional[str] = ..., provider: _Optional[str] = ..., provider_call_id: _Optional[str] = ...) -> None: ...

class ReportCallArrivedResponse(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class ProviderCallEvent(_message.Message):
    __slots__ = ("tenant_id", "provider", "provider_call_id", "provider_event_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    provider: str
    provider_call_id: str
    provider_event_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., provider: _Optional[str] = ..., provider_call_id: _Optional[str] = ..., provider_event_id: _Optional[str] = ...) -> None: ...

class ReportCallAnsweredRequest(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: ProviderCallEvent
    def __init__(self, event: _Optional[_Union[ProviderCallEvent, _Mapping]] = ...) -> None: ...

class ReportCallAnsweredResponse(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class ReportDigitsRequest(_message.Message):
    __slots__ = ("event", "digits")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    DIGITS_FIELD_NUMBER: _ClassVar[int]
    event: ProviderCallEvent
    digits: str
    def __init__(self, event: _Optional[_Union[ProviderCallEvent, _Mapping]] = ..., digits: _Optional[str] = ...) -> None: ...

class ReportDigitsResponse(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class ReportHangUpRequest(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: ProviderCallEvent
    def __init__(self, event: _Optional[_Union[ProviderCallEvent, _Mapping]] = ...) -> None: ...

class ReportHangUpResponse(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...
