import datetime

from callcenter.v1 import common_pb2 as _common_pb2
from callcenter.v1 import customer_pb2 as _customer_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IvrInputKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IVR_INPUT_KIND_UNSPECIFIED: _ClassVar[IvrInputKind]
    IVR_INPUT_KIND_DIGITS: _ClassVar[IvrInputKind]
    IVR_INPUT_KIND_NO_INPUT: _ClassVar[IvrInputKind]
    IVR_INPUT_KIND_INVALID: _ClassVar[IvrInputKind]

class IvrOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IVR_OUTCOME_UNSPECIFIED: _ClassVar[IvrOutcome]
    IVR_OUTCOME_QUEUED: _ClassVar[IvrOutcome]
    IVR_OUTCOME_CALLBACK: _ClassVar[IvrOutcome]
    IVR_OUTCOME_TRANSFERRED: _ClassVar[IvrOutcome]
    IVR_OUTCOME_HUNG_UP: _ClassVar[IvrOutcome]

class IdentificationResult(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IDENTIFICATION_RESULT_UNSPECIFIED: _ClassVar[IdentificationResult]
    IDENTIFICATION_RESULT_IDENTIFIED: _ClassVar[IdentificationResult]
    IDENTIFICATION_RESULT_AMBIGUOUS: _ClassVar[IdentificationResult]
    IDENTIFICATION_RESULT_UNKNOWN: _ClassVar[IdentificationResult]

class OverflowReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OVERFLOW_REASON_UNSPECIFIED: _ClassVar[OverflowReason]
    OVERFLOW_REASON_QUEUE_FULL: _ClassVar[OverflowReason]
    OVERFLOW_REASON_MAX_WAIT: _ClassVar[OverflowReason]
    OVERFLOW_REASON_CALLER_REQUESTED: _ClassVar[OverflowReason]
IVR_INPUT_KIND_UNSPECIFIED: IvrInputKind
IVR_INPUT_KIND_DIGITS: IvrInputKind
IVR_INPUT_KIND_NO_INPUT: IvrInputKind
IVR_INPUT_KIND_INVALID: IvrInputKind
IVR_OUTCOME_UNSPECIFIED: IvrOutcome
IVR_OUTCOME_QUEUED: IvrOutcome
IVR_OUTCOME_CALLBACK: IvrOutcome
IVR_OUTCOME_TRANSFERRED: IvrOutcome
IVR_OUTCOME_HUNG_UP: IvrOutcome
IDENTIFICATION_RESULT_UNSPECIFIED: IdentificationResult
IDENTIFICATION_RESULT_IDENTIFIED: IdentificationResult
IDENTIFICATION_RESULT_AMBIGUOUS: IdentificationResult
IDENTIFICATION_RESULT_UNKNOWN: IdentificationResult
OVERFLOW_REASON_UNSPECIFIED: OverflowReason
OVERFLOW_REASON_QUEUE_FULL: OverflowReason
OVERFLOW_REASON_MAX_WAIT: OverflowReason
OVERFLOW_REASON_CALLER_REQUESTED: OverflowReason

class CallReceived(_message.Message):
    __slots__ = ("caller_number", "dialed_number", "provider", "provider_call_id")
    CALLER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DIALED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    caller_number: str
    dialed_number: str
    provider: str
    provider_call_id: str
    def __init__(self, caller_number: _Optional[str] = ..., dialed_number: _Optional[str] = ..., provider: _Optional[str] = ..., provider_call_id: _Optional[str] = ...) -> None: ...

class IvrStarted(_message.Message):
    __slots__ = ("flow_id", "flow_version")
    FLOW_ID_FIELD_NUMBER: _ClassVar[int]
    FLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    flow_id: str
    flow_version: str
    def __init__(self, flow_id: _Optional[str] = ..., flow_version: _Optional[str] = ...) -> None: ...

class IvrInputReceived(_message.Message):
    __slots__ = ("node_id", "kind", "digits", "attempt", "attribute")
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DIGITS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTE_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    kind: IvrInputKind
    digits: str
    attempt: int
    attribute: str
    def __init__(self, node_id: _Optional[str] = ..., kind: _Optional[_Union[IvrInputKind, str]] = ..., digits: _Optional[str] = ..., attempt: _Optional[int] = ..., attribute: _Optional[str] = ...) -> None: ...

class IvrCompleted(_message.Message):
    __slots__ = ("flow_id", "last_node_id", "collected", "time_in_ivr", "outcome", "queue_id", "priority", "skills", "transfer_number", "prompt", "next_announcement_at")
    class CollectedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    FLOW_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_NODE_ID_FIELD_NUMBER: _ClassVar[int]
    COLLECTED_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_IVR_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    NEXT_ANNOUNCEMENT_AT_FIELD_NUMBER: _ClassVar[int]
    flow_id: str
    last_node_id: str
    collected: _containers.ScalarMap[str, str]
    time_in_ivr: _duration_pb2.Duration
    outcome: IvrOutcome
    queue_id: str
    priority: int
    skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.SkillRequirement]
    transfer_number: str
    prompt: str
    next_announcement_at: _timestamp_pb2.Timestamp
    def __init__(self, flow_id: _Optional[str] = ..., last_node_id: _Optional[str] = ..., collected: _Optional[_Mapping[str, str]] = ..., time_in_ivr: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., outcome: _Optional[_Union[IvrOutcome, str]] = ..., queue_id: _Optional[str] = ..., priority: _Optional[int] = ..., skills: _Optional[_Iterable[_Union[_common_pb2.SkillRequirement, _Mapping]]] = ..., transfer_number: _Optional[str] = ..., prompt: _Optional[str] = ..., next_announcement_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CustomerIdentified(_message.Message):
    __slots__ = ("result", "customer_id", "candidate_customer_ids", "looked_up_by", "attributes", "customer", "candidates", "recent_interactions", "looked_up_value")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    RESULT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_CUSTOMER_IDS_FIELD_NUMBER: _ClassVar[int]
    LOOKED_UP_BY_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    RECENT_INTERACTIONS_FIELD_NUMBER: _ClassVar[int]
    LOOKED_UP_VALUE_FIELD_NUMBER: _ClassVar[int]
    result: IdentificationResult
    customer_id: str
    candidate_customer_ids: _containers.RepeatedScalarFieldContainer[str]
    looked_up_by: str
    attributes: _containers.ScalarMap[str, str]
    customer: _customer_pb2.CustomerSummary
    candidates: _containers.RepeatedCompositeFieldContainer[_customer_pb2.CustomerSummary]
    recent_interactions: _containers.RepeatedCompositeFieldContainer[_customer_pb2.InteractionSummary]
    looked_up_value: str
    def __init__(self, result: _Optional[_Union[IdentificationResult, str]] = ..., customer_id: _Optional[str] = ..., candidate_customer_ids: _Optional[_Iterable[str]] = ..., looked_up_by: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., customer: _Optional[_Union[_customer_pb2.CustomerSummary, _Mapping]] = ..., candidates: _Optional[_Iterable[_Union[_customer_pb2.CustomerSummary, _Mapping]]] = ..., recent_interactions: _Optional[_Iterable[_Union[_customer_pb2.InteractionSummary, _Mapping]]] = ..., looked_up_value: _Optional[str] = ...) -> None: ...

class CallQueued(_message.Message):
    __slots__ = ("queue_id", "priority", "required_skills", "first_queued_at", "target_agent_id")
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_SKILLS_FIELD_NUMBER: _ClassVar[int]
    FIRST_QUEUED_AT_FIELD_NUMBER: _ClassVar[int]
    TARGET_AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    queue_id: str
    priority: int
    required_skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.SkillRequirement]
    first_queued_at: _timestamp_pb2.Timestamp
    target_agent_id: str
    def __init__(self, queue_id: _Optional[str] = ..., priority: _Optional[int] = ..., required_skills: _Optional[_Iterable[_Union[_common_pb2.SkillRequirement, _Mapping]]] = ..., first_queued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., target_agent_id: _Optional[str] = ...) -> None: ...

class CallOffered(_message.Message):
    __slots__ = ("offer_id", "agent_id", "queue_id", "expires_at")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    agent_id: str
    queue_id: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, offer_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue_id: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OfferAccepted(_message.Message):
    __slots__ = ("offer_id", "agent_id")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    agent_id: str
    def __init__(self, offer_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class OfferRejected(_message.Message):
    __slots__ = ("offer_id", "agent_id", "reason", "agent_was_unavailable")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    AGENT_WAS_UNAVAILABLE_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    agent_id: str
    reason: str
    agent_was_unavailable: bool
    def __init__(self, offer_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., reason: _Optional[str] = ..., agent_was_unavailable: _Optional[bool] = ...) -> None: ...

class OfferTimedOut(_message.Message):
    __slots__ = ("offer_id", "agent_id")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: str
    agent_id: str
    def __init__(self, offer_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class CallConnected(_message.Message):
    __slots__ = ("agent_id", "queue_id")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    queue_id: str
    def __init__(self, agent_id: _Optional[str] = ..., queue_id: _Optional[str] = ...) -> None: ...

class CallHeld(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class CallResumed(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class CallTransferred(_message.Message):
    __slots__ = ("from_agent_id", "queue_id", "agent_id", "external_number")
    FROM_AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_NUMBER_FIELD_NUMBER: _ClassVar[int]
    from_agent_id: str
    queue_id: str
    agent_id: str
    external_number: str
    def __init__(self, from_agent_id: _Optional[str] = ..., queue_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., external_number: _Optional[str] = ...) -> None: ...

class CallAbandoned(_message.Message):
    __slots__ = ("stage", "queue_id", "waited", "ivr_node_id")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    WAITED_FIELD_NUMBER: _ClassVar[int]
    IVR_NODE_ID_FIELD_NUMBER: _ClassVar[int]
    stage: _common_pb2.CallStage
    queue_id: str
    waited: _duration_pb2.Duration
    ivr_node_id: str
    def __init__(self, stage: _Optional[_Union[_common_pb2.CallStage, str]] = ..., queue_id: _Optional[str] = ..., waited: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., ivr_node_id: _Optional[str] = ...) -> None: ...

class CallEnded(_message.Message):
    __slots__ = ("ended_by", "agent_id")
    ENDED_BY_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    ended_by: _common_pb2.Party
    agent_id: str
    def __init__(self, ended_by: _Optional[_Union[_common_pb2.Party, str]] = ..., agent_id: _Optional[str] = ...) -> None: ...

class WrapUpCompleted(_message.Message):
    __slots__ = ("agent_id", "disposition_code", "wrap_up")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    DISPOSITION_CODE_FIELD_NUMBER: _ClassVar[int]
    WRAP_UP_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    disposition_code: str
    wrap_up: _duration_pb2.Duration
    def __init__(self, agent_id: _Optional[str] = ..., disposition_code: _Optional[str] = ..., wrap_up: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class CallPriorityChanged(_message.Message):
    __slots__ = ("priority", "reason", "changed_by")
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    priority: int
    reason: str
    changed_by: str
    def __init__(self, priority: _Optional[int] = ..., reason: _Optional[str] = ..., changed_by: _Optional[str] = ...) -> None: ...

class CallOverflowed(_message.Message):
    __slots__ = ("from_queue_id", "to_queue_id", "reason")
    FROM_QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    TO_QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    from_queue_id: str
    to_queue_id: str
    reason: OverflowReason
    def __init__(self, from_queue_id: _Optional[str] = ..., to_queue_id: _Optional[str] = ..., reason: _Optional[_Union[OverflowReason, str]] = ...) -> None: ...

class CallbackScheduled(_message.Message):
    __slots__ = ("queue_id", "callback_number", "first_queued_at", "priority", "reason")
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_NUMBER_FIELD_NUMBER: _ClassVar[int]
    FIRST_QUEUED_AT_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    queue_id: str
    callback_number: str
    first_queued_at: _timestamp_pb2.Timestamp
    priority: int
    reason: OverflowReason
    def __init__(self, queue_id: _Optional[str] = ..., callback_number: _Optional[str] = ..., first_queued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., priority: _Optional[int] = ..., reason: _Optional[_Union[OverflowReason, str]] = ...) -> None: ...

class CallAnswered(_message.Message):
    __slots__ = ("provider_event_id",)
    PROVIDER_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    provider_event_id: str
    def __init__(self, provider_event_id: _Optional[str] = ...) -> None: ...

class DigitsPressed(_message.Message):
    __slots__ = ("digits", "provider_event_id")
    DIGITS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    digits: str
    provider_event_id: str
    def __init__(self, digits: _Optional[str] = ..., provider_event_id: _Optional[str] = ...) -> None: ...

class CallerHungUp(_message.Message):
    __slots__ = ("provider_event_id",)
    PROVIDER_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    provider_event_id: str
    def __init__(self, provider_event_id: _Optional[str] = ...) -> None: ...

class IvrQueueSnapshot(_message.Message):
    __slots__ = ("queue_id", "estimated_wait", "position", "agents_available")
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_WAIT_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    AGENTS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    queue_id: str
    estimated_wait: _duration_pb2.Duration
    position: int
    agents_available: int
    def __init__(self, queue_id: _Optional[str] = ..., estimated_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., position: _Optional[int] = ..., agents_available: _Optional[int] = ...) -> None: ...

class IvrNodeEntered(_message.Message):
    __slots__ = ("node_id", "attempt", "prompt", "expects_input", "timer_deadline")
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    EXPECTS_INPUT_FIELD_NUMBER: _ClassVar[int]
    TIMER_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    attempt: int
    prompt: str
    expects_input: bool
    timer_deadline: _timestamp_pb2.Timestamp
    def __init__(self, node_id: _Optional[str] = ..., attempt: _Optional[int] = ..., prompt: _Optional[str] = ..., expects_input: _Optional[bool] = ..., timer_deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IvrBranchTaken(_message.Message):
    __slots__ = ("node_id", "branch", "next_node_id", "queue_statuses")
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_FIELD_NUMBER: _ClassVar[int]
    NEXT_NODE_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_STATUSES_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    branch: str
    next_node_id: str
    queue_statuses: _containers.RepeatedCompositeFieldContainer[IvrQueueSnapshot]
    def __init__(self, node_id: _Optional[str] = ..., branch: _Optional[str] = ..., next_node_id: _Optional[str] = ..., queue_statuses: _Optional[_Iterable[_Union[IvrQueueSnapshot, _Mapping]]] = ...) -> None: ...

class IvrAttributesSet(_message.Message):
    __slots__ = ("node_id", "attributes", "priority", "skills")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    attributes: _containers.ScalarMap[str, str]
    priority: int
    skills: _containers.RepeatedCompositeFieldContainer[_common_pb2.SkillRequirement]
    def __init__(self, node_id: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., priority: _Optional[int] = ..., skills: _Optional[_Iterable[_Union[_common_pb2.SkillRequirement, _Mapping]]] = ...) -> None: ...

class IvrWaitAnnounced(_message.Message):
    __slots__ = ("status", "announced_wait", "speak_position", "speak_wait", "next_announcement_at")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ANNOUNCED_WAIT_FIELD_NUMBER: _ClassVar[int]
    SPEAK_POSITION_FIELD_NUMBER: _ClassVar[int]
    SPEAK_WAIT_FIELD_NUMBER: _ClassVar[int]
    NEXT_ANNOUNCEMENT_AT_FIELD_NUMBER: _ClassVar[int]
    status: IvrQueueSnapshot
    announced_wait: _duration_pb2.Duration
    speak_position: bool
    speak_wait: bool
    next_announcement_at: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[_Union[IvrQueueSnapshot, _Mapping]] = ..., announced_wait: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., speak_position: _Optional[bool] = ..., speak_wait: _Optional[bool] = ..., next_announcement_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CallbackRequested(_message.Message):
    __slots__ = ("queue_id", "callback_number", "while_queued")
    QUEUE_ID_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WHILE_QUEUED_FIELD_NUMBER: _ClassVar[int]
    queue_id: str
    callback_number: str
    while_queued: bool
    def __init__(self, queue_id: _Optional[str] = ..., callback_number: _Optional[str] = ..., while_queued: _Optional[bool] = ...) -> None: ...

class IvrSessionClosed(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...
