import datetime

from callcenter.v1 import agent_desktop_pb2 as _agent_desktop_pb2
from callcenter.v1 import common_pb2 as _common_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListAgentsRequest(_message.Message):
    __slots__ = ("tenant_id", "queue_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    queue_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., queue_id: _Optional[str] = ...) -> None: ...

class ListAgentsResponse(_message.Message):
    __slots__ = ("agents",)
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    agents: _containers.RepeatedCompositeFieldContainer[AgentOverview]
    def __init__(self, agents: _Optional[_Iterable[_Union[AgentOverview, _Mapping]]] = ...) -> None: ...

class AgentOverview(_message.Message):
    __slots__ = ("status", "time_in_state")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_STATE_FIELD_NUMBER: _ClassVar[int]
    status: _agent_desktop_pb2.AgentStatus
    time_in_state: _duration_pb2.Duration
    def __init__(self, status: _Optional[_Union[_agent_desktop_pb2.AgentStatus, _Mapping]] = ..., time_in_state: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ForceAgentStateRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "state", "reason_code", "supervisor_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    state: _common_pb2.AgentState
    reason_code: str
    supervisor_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.AgentState, str]] = ..., reason_code: _Optional[str] = ..., supervisor_id: _Optional[str] = ...) -> None: ...

class ForceAgentStateResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: _agent_desktop_pb2.AgentStatus
    def __init__(self, status: _Optional[_Union[_agent_desktop_pb2.AgentStatus, _Mapping]] = ...) -> None: ...

class ForceLogOutRequest(_message.Message):
    __slots__ = ("tenant_id", "agent_id", "supervisor_id", "reason_code")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    agent_id: str
    supervisor_id: str
    reason_code: str
    def __init__(self, tenant_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., reason_code: _Optional[str] = ...) -> None: ...

class ForceLogOutResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: _agent_desktop_pb2.AgentStatus
    def __init__(self, status: _Optional[_Union[_agent_desktop_pb2.AgentStatus, _Mapping]] = ...) -> None: ...
