from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

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
