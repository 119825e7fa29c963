from callcenter.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgentLoggedIn(_message.Message):
    __slots__ = ("skills", "queue_ids")
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    QUEUE_IDS_FIELD_NUMBER: _ClassVar[int]
    skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.Skill]
    queue_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, skills: _Optional[_Iterable[_Union[_common_pb2.Skill, _Mapping]]] = ..., queue_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class AgentLoggedOut(_message.Message):
    __slots__ = ("reason_code", "forced")
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    FORCED_FIELD_NUMBER: _ClassVar[int]
    reason_code: str
    forced: bool
    def __init__(self, reason_code: _Optional[str] = ..., forced: _Optional[bool] = ...) -> None: ...

class AgentStateChanged(_message.Message):
    __slots__ = ("from_state", "to_state", "reason_code", "changed_by", "offer_id")
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    from_state: _common_pb2.AgentState
    to_state: _common_pb2.AgentState
    reason_code: str
    changed_by: str
    offer_id: str
    def __init__(self, from_state: _Optional[_Union[_common_pb2.AgentState, str]] = ..., to_state: _Optional[_Union[_common_pb2.AgentState, str]] = ..., reason_code: _Optional[str] = ..., changed_by: _Optional[str] = ..., offer_id: _Optional[str] = ...) -> None: ...

class AgentSkillsChanged(_message.Message):
    __slots__ = ("skills",)
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.Skill]
    def __init__(self, skills: _Optional[_Iterable[_Union[_common_pb2.Skill, _Mapping]]] = ...) -> None: ...
