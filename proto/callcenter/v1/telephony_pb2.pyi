import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TelephonyCommand(_message.Message):
    __slots__ = ("command_id", "tenant_id", "call_id", "issued_at", "issued_by", "play_prompt", "collect_digits", "connect_to_agent", "hang_up", "start_recording", "stop_recording", "transfer_to_number")
    COMMAND_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUED_AT_FIELD_NUMBER: _ClassVar[int]
    ISSUED_BY_FIELD_NUMBER: _ClassVar[int]
    PLAY_PROMPT_FIELD_NUMBER: _ClassVar[int]
    COLLECT_DIGITS_FIELD_NUMBER: _ClassVar[int]
    CONNECT_TO_AGENT_FIELD_NUMBER: _ClassVar[int]
    HANG_UP_FIELD_NUMBER: _ClassVar[int]
    START_RECORDING_FIELD_NUMBER: _ClassVar[int]
    STOP_RECORDING_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_TO_NUMBER_FIELD_NUMBER: _ClassVar[int]
    command_id: str
    tenant_id: str
    call_id: str
    issued_at: _timestamp_pb2.Timestamp
    issued_by: str
    play_prompt: PlayPrompt
    collect_digits: CollectDigits
    connect_to_agent: ConnectToAgent
    hang_up: HangUpCall
    start_recording: StartRecording
    stop_recording: StopRecording
    transfer_to_number: TransferToNumber
    def __init__(self, command_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., call_id: _Optional[str] = ..., issued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., issued_by: _Optional[str] = ..., play_prompt: _Optional[_Union[PlayPrompt, _Mapping]] = ..., collect_digits: _Optional[_Union[CollectDigits, _Mapping]] = ..., connect_to_agent: _Optional[_Union[ConnectToAgent, _Mapping]] = ..., hang_up: _Optional[_Union[HangUpCall, _Mapping]] = ..., start_recording: _Optional[_Union[StartRecording, _Mapping]] = ..., stop_recording: _Optional[_Union[StopRecording, _Mapping]] = ..., transfer_to_number: _Optional[_Union[TransferToNumber, _Mapping]] = ...) -> None: ...

class PlayPrompt(_message.Message):
    __slots__ = ("prompt", "variables")
    class VariablesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    prompt: str
    variables: _containers.ScalarMap[str, str]
    def __init__(self, prompt: _Optional[str] = ..., variables: _Optional[_Mapping[str, str]] = ...) -> None: ...

class CollectDigits(_message.Message):
    __slots__ = ("prompt", "min_digits", "max_digits", "terminator", "timeout")
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    MIN_DIGITS_FIELD_NUMBER: _ClassVar[int]
    MAX_DIGITS_FIELD_NUMBER: _ClassVar[int]
    TERMINATOR_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    prompt: str
    min_digits: int
    max_digits: int
    terminator: str
    timeout: _duration_pb2.Duration
    def __init__(self, prompt: _Optional[str] = ..., min_digits: _Optional[int] = ..., max_digits: _Optional[int] = ..., terminator: _Optional[str] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ConnectToAgent(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class HangUpCall(_message.Message):
    __slots__ = ("prompt",)
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    prompt: str
    def __init__(self, prompt: _Optional[str] = ...) -> None: ...

class StartRecording(_message.Message):
    __slots__ = ("recording_id",)
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    def __init__(self, recording_id: _Optional[str] = ...) -> None: ...

class StopRecording(_message.Message):
    __slots__ = ("recording_id",)
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    def __init__(self, recording_id: _Optional[str] = ...) -> None: ...

class TransferToNumber(_message.Message):
    __slots__ = ("number",)
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    number: str
    def __init__(self, number: _Optional[str] = ...) -> None: ...
