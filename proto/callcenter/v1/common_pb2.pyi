from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class CallStage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_STAGE_UNSPECIFIED: _ClassVar[CallStage]
    CALL_STAGE_IVR: _ClassVar[CallStage]
    CALL_STAGE_QUEUE: _ClassVar[CallStage]
    CALL_STAGE_OFFER: _ClassVar[CallStage]
    CALL_STAGE_CONVERSATION: _ClassVar[CallStage]

class Party(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARTY_UNSPECIFIED: _ClassVar[Party]
    PARTY_CALLER: _ClassVar[Party]
    PARTY_AGENT: _ClassVar[Party]
    PARTY_SYSTEM: _ClassVar[Party]

class AgentState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_STATE_UNSPECIFIED: _ClassVar[AgentState]
    AGENT_STATE_LOGGED_OUT: _ClassVar[AgentState]
    AGENT_STATE_AVAILABLE: _ClassVar[AgentState]
    AGENT_STATE_NOT_READY: _ClassVar[AgentState]
    AGENT_STATE_BREAK: _ClassVar[AgentState]
    AGENT_STATE_RESERVED: _ClassVar[AgentState]
    AGENT_STATE_ON_CALL: _ClassVar[AgentState]
    AGENT_STATE_ON_HOLD: _ClassVar[AgentState]
    AGENT_STATE_WRAP_UP: _ClassVar[AgentState]
CALL_STAGE_UNSPECIFIED: CallStage
CALL_STAGE_IVR: CallStage
CALL_STAGE_QUEUE: CallStage
CALL_STAGE_OFFER: CallStage
CALL_STAGE_CONVERSATION: CallStage
PARTY_UNSPECIFIED: Party
PARTY_CALLER: Party
PARTY_AGENT: Party
PARTY_SYSTEM: Party
AGENT_STATE_UNSPECIFIED: AgentState
AGENT_STATE_LOGGED_OUT: AgentState
AGENT_STATE_AVAILABLE: AgentState
AGENT_STATE_NOT_READY: AgentState
AGENT_STATE_BREAK: AgentState
AGENT_STATE_RESERVED: AgentState
AGENT_STATE_ON_CALL: AgentState
AGENT_STATE_ON_HOLD: AgentState
AGENT_STATE_WRAP_UP: AgentState

class Skill(_message.Message):
    __slots__ = ("name", "level")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    name: str
    level: int
    def __init__(self, name: _Optional[str] = ..., level: _Optional[int] = ...) -> None: ...

class SkillRequirement(_message.Message):
    __slots__ = ("name", "min_level")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_LEVEL_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_level: int
    def __init__(self, name: _Optional[str] = ..., min_level: _Optional[int] = ...) -> None: ...
