from callcenter.v1 import call_events_pb2 as _call_events_pb2
from callcenter.v1 import customer_pb2 as _customer_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LookUpByPhoneRequest(_message.Message):
    __slots__ = ("tenant_id", "phone_number")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    phone_number: str
    def __init__(self, tenant_id: _Optional[str] = ..., phone_number: _Optional[str] = ...) -> None: ...

class LookUpByPhoneResponse(_message.Message):
    __slots__ = ("identification",)
    IDENTIFICATION_FIELD_NUMBER: _ClassVar[int]
    identification: _call_events_pb2.CustomerIdentified
    def __init__(self, identification: _Optional[_Union[_call_events_pb2.CustomerIdentified, _Mapping]] = ...) -> None: ...

class LookUpByAccountRequest(_message.Message):
    __slots__ = ("tenant_id", "account_number")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    account_number: str
    def __init__(self, tenant_id: _Optional[str] = ..., account_number: _Optional[str] = ...) -> None: ...

class LookUpByAccountResponse(_message.Message):
    __slots__ = ("identification",)
    IDENTIFICATION_FIELD_NUMBER: _ClassVar[int]
    identification: _call_events_pb2.CustomerIdentified
    def __init__(self, identification: _Optional[_Union[_call_events_pb2.CustomerIdentified, _Mapping]] = ...) -> None: ...

class GetCustomerRequest(_message.Message):
    __slots__ = ("tenant_id", "customer_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    customer_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., customer_id: _Optional[str] = ...) -> None: ...

class GetCustomerResponse(_message.Message):
    __slots__ = ("customer", "recent_interactions")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    RECENT_INTERACTIONS_FIELD_NUMBER: _ClassVar[int]
    customer: _customer_pb2.CustomerSummary
    recent_interactions: _containers.RepeatedCompositeFieldContainer[_customer_pb2.InteractionSummary]
    def __init__(self, customer: _Optional[_Union[_customer_pb2.CustomerSummary, _Mapping]] = ..., recent_interactions: _Optional[_Iterable[_Union[_customer_pb2.InteractionSummary, _Mapping]]] = ...) -> None: ...
