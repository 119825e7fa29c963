import datetime

from callcenter.v1 import agent_events_pb2 as _agent_events_pb2
from callcenter.v1 import call_events_pb2 as _call_events_pb2
from callcenter.v1 import metrics_pb2 as _metrics_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AggregateType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGGREGATE_TYPE_UNSPECIFIED: _ClassVar[AggregateType]
    AGGREGATE_TYPE_CALL: _ClassVar[AggregateType]
    AGGREGATE_TYPE_AGENT: _ClassVar[AggregateType]
    AGGREGATE_TYPE_QUEUE: _ClassVar[AggregateType]
AGGREGATE_TYPE_UNSPECIFIED: AggregateType
AGGREGATE_TYPE_CALL: AggregateType
AGGREGATE_TYPE_AGENT: AggregateType
AGGREGATE_TYPE_QUEUE: AggregateType

class Event(_message.Message):
    __slots__ = ("event_id", "event_type", "schema_version", "tenant_id", "aggregate_type", "aggregate_id", "sequence", "occurred_at", "recorded_at", "causation_id", "correlation_id", "producer", "routing_domain", "call_received", "ivr_started", "ivr_input_received", "ivr_completed", "customer_identified", "call_queued", "call_offered", "offer_accepted", "offer_rejected", "offer_timed_out", "call_connected", "call_held", "call_resumed", "call_transferred", "call_abandoned", "call_ended", "wrap_up_completed", "call_priority_changed", "call_overflowed", "callback_scheduled", "call_answered", "digits_pressed", "caller_hung_up", "ivr_node_entered", "ivr_branch_taken", "ivr_attributes_set", "ivr_wait_announced", "callback_requested", "ivr_session_closed", "agent_logged_in", "agent_logged_out", "agent_state_changed", "agent_skills_changed", "queue_alert_raised", "queue_alert_cleared")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    AGGREGATE_TYPE_FIELD_NUMBER: _ClassVar[int]
    AGGREGATE_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    CAUSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_FIELD_NUMBER: _ClassVar[int]
    ROUTING_DOMAIN_FIELD_NUMBER: _ClassVar[int]
    CALL_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    IVR_STARTED_FIELD_NUMBER: _ClassVar[int]
    IVR_INPUT_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    IVR_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_IDENTIFIED_FIELD_NUMBER: _ClassVar[int]
    CALL_QUEUED_FIELD_NUMBER: _ClassVar[int]
    CALL_OFFERED_FIELD_NUMBER: _ClassVar[int]
    OFFER_ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    OFFER_REJECTED_FIELD_NUMBER: _ClassVar[int]
    OFFER_TIMED_OUT_FIELD_NUMBER: _ClassVar[int]
    CALL_CONNECTED_FIELD_NUMBER: _ClassVar[int]
    CALL_HELD_FIELD_NUMBER: _ClassVar[int]
    CALL_RESUMED_FIELD_NUMBER: _ClassVar[int]
    CALL_TRANSFERRED_FIELD_NUMBER: _ClassVar[int]
    CALL_ABANDONED_FIELD_NUMBER: _ClassVar[int]
    CALL_ENDED_FIELD_NUMBER: _ClassVar[int]
    WRAP_UP_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    CALL_PRIORITY_CHANGED_FIELD_NUMBER: _ClassVar[int]
    CALL_OVERFLOWED_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_SCHEDULED_FIELD_NUMBER: _ClassVar[int]
    CALL_ANSWERED_FIELD_NUMBER: _ClassVar[int]
    DIGITS_PRESSED_FIELD_NUMBER: _ClassVar[int]
    CALLER_HUNG_UP_FIELD_NUMBER: _ClassVar[int]
    IVR_NODE_ENTERED_FIELD_NUMBER: _ClassVar[int]
    IVR_BRANCH_TAKEN_FIELD_NUMBER: _ClassVar[int]
    IVR_ATTRIBUTES_SET_FIELD_NUMBER: _ClassVar[int]
    IVR_WAIT_ANNOUNCED_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    IVR_SESSION_CLOSED_FIELD_NUMBER: _ClassVar[int]
    AGENT_LOGGED_IN_FIELD_NUMBER: _ClassVar[int]
    AGENT_LOGGED_OUT_FIELD_NUMBER: _ClassVar[int]
    AGENT_STATE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    AGENT_SKILLS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ALERT_RAISED_FIELD_NUMBER: _ClassVar[int]
    QUEUE_ALERT_CLEARED_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    event_type: str
    schema_version: int
    tenant_id: str
    aggregate_type: AggregateType
    aggregate_id: str
    sequence: int
    occurred_at: _timestamp_pb2.Timestamp
    recorded_at: _timestamp_pb2.Timestamp
    causation_id: str
    correlation_id: str
    producer: str
    routing_domain: str
    call_received: _call_events_pb2.CallReceived
    ivr_started: _call_events_pb2.IvrStarted
    ivr_input_received: _call_events_pb2.IvrInputReceived
    ivr_completed: _call_events_pb2.IvrCompleted
    customer_identified: _call_events_pb2.CustomerIdentified
    call_queued: _call_events_pb2.CallQueued
    call_offered: _call_events_pb2.CallOffered
    offer_accepted: _call_events_pb2.OfferAccepted
    offer_rejected: _call_events_pb2.OfferRejected
    offer_timed_out: _call_events_pb2.OfferTimedOut
    call_connected: _call_events_pb2.CallConnected
    call_held: _call_events_pb2.CallHeld
    call_resumed: _call_events_pb2.CallResumed
    call_transferred: _call_events_pb2.CallTransferred
    call_abandoned: _call_events_pb2.CallAbandoned
    call_ended: _call_events_pb2.CallEnded
    wrap_up_completed: _call_events_pb2.WrapUpCompleted
    call_priority_changed: _call_events_pb2.CallPriorityChanged
    call_overflowed: _call_events_pb2.CallOverflowed
    callback_scheduled: _call_events_pb2.CallbackScheduled
    call_answered: _call_events_pb2.CallAnswered
    digits_pressed: _call_events_pb2.DigitsPressed
    caller_hung_up: _call_events_pb2.CallerHungUp
    ivr_node_entered: _call_events_pb2.IvrNodeEntered
    ivr_branch_taken: _call_events_pb2.IvrBranchTaken
    ivr_attributes_set: _call_events_pb2.IvrAttributesSet
    ivr_wait_announced: _call_events_pb2.IvrWaitAnnounced
    callback_requested: _call_events_pb2.CallbackRequested
    ivr_session_closed: _call_events_pb2.IvrSessionClosed
    agent_logged_in: _agent_events_pb2.AgentLoggedIn
    agent_logged_out: _agent_events_pb2.AgentLoggedOut
    agent_state_changed: _agent_events_pb2.AgentStateChanged
    agent_skills_changed: _agent_events_pb2.AgentSkillsChanged
    queue_alert_raised: _metrics_pb2.QueueAlertRaised
    queue_alert_cleared: _metrics_pb2.QueueAlertCleared
    def __init__(self, event_id: _Optional[str] = ..., event_type: _Optional[str] = ..., schema_version: _Optional[int] = ..., tenant_id: _Optional[str] = ..., aggregate_type: _Optional[_Union[AggregateType, str]] = ..., aggregate_id: _Optional[str] = ..., sequence: _Optional[int] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recorded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., causation_id: _Optional[str] = ..., correlation_id: _Optional[str] = ..., producer: _Optional[str] = ..., routing_domain: _Optional[str] = ..., call_received: _Optional[_Union[_call_events_pb2.CallReceived, _Mapping]] = ..., ivr_started: _Optional[_Union[_call_events_pb2.IvrStarted, _Mapping]] = ..., ivr_input_received: _Optional[_Union[_call_events_pb2.IvrInputReceived, _Mapping]] = ..., ivr_completed: _Optional[_Union[_call_events_pb2.IvrCompleted, _Mapping]] = ..., customer_identified: _Optional[_Union[_call_events_pb2.CustomerIdentified, _Mapping]] = ..., call_queued: _Optional[_Union[_call_events_pb2.CallQueued, _Mapping]] = ..., call_offered: _Optional[_Union[_call_events_pb2.CallOffered, _Mapping]] = ..., offer_accepted: _Optional[_Union[_call_events_pb2.OfferAccepted, _Mapping]] = ..., offer_rejected: _Optional[_Union[_call_events_pb2.OfferRejected, _Mapping]] = ..., offer_timed_out: _Optional[_Union[_call_events_pb2.OfferTimedOut, _Mapping]] = ..., call_connected: _Optional[_Union[_call_events_pb2.CallConnected, _Mapping]] = ..., call_held: _Optional[_Union[_call_events_pb2.CallHeld, _Mapping]] = ..., call_resumed: _Optional[_Union[_call_events_pb2.CallResumed, _Mapping]] = ..., call_transferred: _Optional[_Union[_call_events_pb2.CallTransferred, _Mapping]] = ..., call_abandoned: _Optional[_Union[_call_events_pb2.CallAbandoned, _Mapping]] = ..., call_ended: _Optional[_Union[_call_events_pb2.CallEnded, _Mapping]] = ..., wrap_up_completed: _Optional[_Union[_call_events_pb2.WrapUpCompleted, _Mapping]] = ..., call_priority_changed: _Optional[_Union[_call_events_pb2.CallPriorityChanged, _Mapping]] = ..., call_overflowed: _Optional[_Union[_call_events_pb2.CallOverflowed, _Mapping]] = ..., callback_scheduled: _Optional[_Union[_call_events_pb2.CallbackScheduled, _Mapping]] = ..., call_answered: _Optional[_Union[_call_events_pb2.CallAnswered, _Mapping]] = ..., digits_pressed: _Optional[_Union[_call_events_pb2.DigitsPressed, _Mapping]] = ..., caller_hung_up: _Optional[_Union[_call_events_pb2.CallerHungUp, _Mapping]] = ..., ivr_node_entered: _Optional[_Union[_call_events_pb2.IvrNodeEntered, _Mapping]] = ..., ivr_branch_taken: _Optional[_Union[_call_events_pb2.IvrBranchTaken, _Mapping]] = ..., ivr_attributes_set: _Optional[_Union[_call_events_pb2.IvrAttributesSet, _Mapping]] = ..., ivr_wait_announced: _Optional[_Union[_call_events_pb2.IvrWaitAnnounced, _Mapping]] = ..., callback_requested: _Optional[_Union[_call_events_pb2.CallbackRequested, _Mapping]] = ..., ivr_session_closed: _Optional[_Union[_call_events_pb2.IvrSessionClosed, _Mapping]] = ..., agent_logged_in: _Optional[_Union[_agent_events_pb2.AgentLoggedIn, _Mapping]] = ..., agent_logged_out: _Optional[_Union[_agent_events_pb2.AgentLoggedOut, _Mapping]] = ..., agent_state_changed: _Optional[_Union[_agent_events_pb2.AgentStateChanged, _Mapping]] = ..., agent_skills_changed: _Optional[_Union[_agent_events_pb2.AgentSkillsChanged, _Mapping]] = ..., queue_alert_raised: _Optional[_Union[_metrics_pb2.QueueAlertRaised, _Mapping]] = ..., queue_alert_cleared: _Optional[_Union[_metrics_pb2.QueueAlertCleared, _Mapping]] = ...) -> None: ...
