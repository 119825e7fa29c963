import datetime

from callcenter.v1 import call_events_pb2 as _call_events_pb2
from callcenter.v1 import common_pb2 as _common_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgentStatus(_message.Message):
    __slots__ = ("agent_id", "state", "reason_code", "since", "call_id", "queue_id", "skills", "queue_ids")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    QUEUE_IDS_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    state: _common_pb2.AgentState
    reason_code: str
    since: _timestamp_pb2.Timestamp
    call_id: str
    queue_id: str
    skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.Skill]
    queue_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, agent_id: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.AgentState, str]] = ..., reason_code: _Optional[str] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., call_id: _Optional[str] = ..., queue_id: _Optional[str] = ..., skills: _Optional[_Iterable[_Union[_common_pb2.Skill, _Mapping]]] = ..., queue_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class LogInRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "skills", "queue_ids", "ready")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    QUEUE_IDS_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.Skill]
    queue_ids: _containers.RepeatedScalarFieldContainer[str]
    ready: bool
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., skills: _Optional[_Iterable[_Union[_common_pb2.Skill, _Mapping]]] = ..., queue_ids: _Optional[_Iterable[str]] = ..., ready: _Optional[bool] = ...) -> None: ...

class LogInResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class SetStateRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "state", "reason_code")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    state: _common_pb2.AgentState
    reason_code: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.AgentState, str]] = ..., reason_code: _Optional[str] = ...) -> None: ...

class SetStateResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class LogOutRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "reason_code")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    reason_code: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., reason_code: _Optional[str] = ...) -> None: ...

class LogOutResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class SubscribeOffersRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class SubscribeOffersResponse(_message.Message):
    __slots__ = ("offer_id", "call_id", "queue_id", "caller_number", "waited", "ivr_data", "expires_at", "priority", "transferred_by", "screen_pop", "updates_offer")
    class IvrDataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    CALLER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WAITED_FIELD_NUMBER: _ClassVar[int]
    IVR_DATA_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    TRANSFERRED_BY_FIELD_NUMBER: _ClassVar[int]
    SCREEN_POP_FIELD_NUMBER: _ClassVar[int]
    UPDATES_OFFER_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    call_id: str
    queue_id: str
    caller_number: str
    waited: _duration_pb2.Duration
    ivr_data: _containers.ScalarMap[str, str]
    expires_at: _timestamp_pb2.Timestamp
    priority: int
    transferred_by: str
    screen_pop: _call_events_pb2.CustomerIdentified
    updates_offer: bool
    def __init__(self, offer_id: _Optional[str] = ..., call_id: _Optional[str] = ..., queue_id: _Optional[str] = ..., caller_number: _Optional[str] = ..., waited: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., ivr_data: _Optional[_Mapping[str, str]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., priority: _Optional[int] = ..., transferred_by: _Optional[str] = ..., screen_pop: _Optional[_Union[_call_events_pb2.CustomerIdentified, _Mapping]] = ..., updates_offer: _Optional[bool] = ...) -> None: ...

class AcceptOfferRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "offer_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    offer_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., offer_id: _Optional[str] = ...) -> None: ...

class AcceptOfferResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class RejectOfferRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "offer_id", "reason_code")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    offer_id: str
    reason_code: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., offer_id: _Optional[str] = ..., reason_code: _Optional[str] = ...) -> None: ...

class RejectOfferResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class HoldCallRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class HoldCallResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class ResumeCallRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class ResumeCallResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class HangUpRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class HangUpResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class TransferCallRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "queue_id", "target_agent_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    queue_id: str
    target_agent_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue_id: _Optional[str] = ..., target_agent_id: _Optional[str] = ...) -> None: ...

class TransferCallResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...

class CompleteWrapUpRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "disposition_code")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    DISPOSITION_CODE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    disposition_code: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., disposition_code: _Optional[str] = ...) -> None: ...

class CompleteWrapUpResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: AgentStatus
    def __init__(self, status: _Optional[_Union[AgentStatus, _Mapping]] = ...) -> None: ...
