"""What the IVR asks of the telephony side for what it decided: a prompt to play, digits to
collect, the line to drop or to pass on.

A command's id is fixed by the IVR event that caused it ("<call id>/<its sequence>"), so the
telephony side carries out a redelivered command once. Commands go out when the IVR decides,
never when it replays the log: a restarted IVR does not play a prompt twice.
"""

from __future__ import annotations

import math

from callcenter.v1.envelope_pb2 import Event
from callcenter.v1.telephony_pb2 import (
    CollectDigits,
    HangUpCall,
    PlayPrompt,
    TelephonyCommand,
    TransferToNumber,
)
from chassis.times import to_duration
from ivr.config import SERVICE_NAME
from ivr.domain import CallbackRequested, HungUp, NodeEntered, TransferredOut, WaitAnnounced
from ivr.domain import Event as DomainEvent
from ivr.flows import CollectDigitsNode, Flow, MenuNode, Node, OfferCallbackNode

WAIT_PROMPT = "ivr/wait-announcement"  # spoken with the variables position and wait_minutes


def command_for(event: DomainEvent, cause: Event, flow: Flow) -> TelephonyCommand | None:
    """The command for a decided event, if it needs one; `cause` is its first IVR event."""
    command = TelephonyCommand(
        command_id=f"{cause.aggregate_id}/{cause.sequence}",
        tenant_id=cause.tenant_id,
        call_id=cause.aggregate_id,
        issued_at=cause.occurred_at,
        issued_by=SERVICE_NAME,
    )
    match event:
        case NodeEntered(prompt=str(prompt), expects_input=True):
            command.collect_digits.CopyFrom(_collect(prompt, flow.nodes[event.node_id]))
        case NodeEntered(prompt=str(prompt)):
            command.play_prompt.CopyFrom(PlayPrompt(prompt=prompt))
        case WaitAnnounced():
            variables = wait_variables(event)
            command.play_prompt.CopyFrom(PlayPrompt(prompt=WAIT_PROMPT, variables=variables))
        case HungUp():
            command.hang_up.CopyFrom(HangUpCall(prompt=event.prompt or ""))
        case CallbackRequested():  # the caller has been heard: the platform calls back
            command.hang_up.CopyFrom(HangUpCall())
        case TransferredOut():
            command.transfer_to_number.CopyFrom(TransferToNumber(number=event.number))
        case _:
            return None
    return command


def wait_variables(event: WaitAnnounced) -> dict[str, str]:
    """What the announcement says: the place in line and the wait, if the node speaks them.
    A wait of 0 minutes reads "less than a minute"."""
    variables = {"queue": event.queue_id}
    if event.speak_position and event.position is not None:
        variables["position"] = str(event.position)
    if event.speak_wait:
        variables["wait_minutes"] = str(math.ceil(event.wait_seconds / 60))
    return variables


def _collect(prompt: str, node: Node) -> CollectDigits:
    match node:
        case CollectDigitsNode():
            return CollectDigits(
                prompt=prompt,
                min_digits=node.min_digits,
                max_digits=node.max_digits,
                terminator=node.terminator or "",
                timeout=to_duration(node.input_timeout_seconds),
            )
        case MenuNode() | OfferCallbackNode():  # one key answers
            timeout = to_duration(node.input_timeout_seconds)
            return CollectDigits(prompt=prompt, min_digits=1, max_digits=1, timeout=timeout)
    raise ValueError(f"node of type {node.type!r} collects no digits")
