"""The flow model: node types, defaults, conditions, and the version calls are pinned to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ivr.flows import (
    CollectDigitsNode,
    Condition,
    Flow,
    MenuNode,
    PlayNode,
    QueueStatus,
    parse_flow,
)
from ivr.flows.flow import NODE_TYPES


def test_the_sample_flow_uses_every_node_type(sample_flow: Flow) -> None:
    assert {node.type for node in sample_flow.nodes.values()} == NODE_TYPES
    assert (sample_flow.tenant_id, sample_flow.flow_id, sample_flow.entry) == (
        "acme",
        "acme-main",
        "welcome",
    )
    assert sample_flow.queues_consulted == {"support"}


def test_defaults(flow_of: Callable[..., Flow]) -> None:
    flow = flow_of(
        {
            "ask": {"type": "menu", "prompt": "p", "options": {"1": "q"}}
            | {"no_input": "q", "invalid": "q"},
            "q": {"type": "queue", "queue": "q"},
        }
    )
    menu = flow.nodes["ask"]
    assert isinstance(menu, MenuNode)
    assert (menu.seconds, menu.max_attempts, menu.input_timeout_seconds) == (3, 3, 5)
    assert flow.max_seconds_to_queue == 120


def test_keys_written_as_numbers_are_keys(flow_of: Callable[..., Flow]) -> None:
    menu = {"type": "menu", "prompt": "p", "options": {1: "q", 0: "q"}, "no_input": "q"}
    flow = flow_of({"ask": menu | {"invalid": "q"}, "q": {"type": "queue", "queue": "q"}})
    assert set(flow.nodes["ask"].targets()) == {"options.1", "options.0", "no_input", "invalid"}


def sample_document(**changes: Any) -> dict[str, Any]:
    welcome = {"type": "play", "prompt": "hello", "next": "q"}
    return {
        "flow_id": "f",
        "tenant_id": "t",
        "entry": "welcome",
        "nodes": {"welcome": welcome, "q": {"type": "queue", "queue": "sales"}},
    } | changes


def test_the_version_ignores_how_the_flow_is_written() -> None:
    plain = parse_flow(sample_document(), "a.yaml")
    reordered = {
        "nodes": {
            "q": {"queue": "sales", "type": "queue", "priority": 0},
            "welcome": {"next": "q", "seconds": 3, "prompt": "hello", "type": "play"},
        },
        "entry": "welcome",
        "tenant_id": "t",
        "flow_id": "f",
        "max_seconds_to_queue": 120,
    }
    assert parse_flow(reordered, "b.yaml").version == plain.version
    assert len(plain.version) == 12


def test_the_version_changes_with_the_meaning() -> None:
    plain = parse_flow(sample_document(), "a.yaml")
    louder = sample_document()
    louder["nodes"]["welcome"] = louder["nodes"]["welcome"] | {"prompt": "HELLO"}
    assert parse_flow(louder, "a.yaml").version != plain.version


def test_an_explicit_version_is_kept_in_front() -> None:
    labelled = parse_flow(sample_document(version="2026-spring"), "a.yaml")
    assert labelled.version.startswith("2026-spring+")
    assert labelled.ref == ("t", "f", labelled.version)
    assert labelled.version != parse_flow(sample_document(version="2026-summer"), "a.yaml").version


def status(wait: float = 30.0, agents: int = 1) -> Callable[[str], QueueStatus]:
    return lambda queue_id: QueueStatus(queue_id, wait, None, agents)


@pytest.mark.parametrize(
    ("when", "attributes", "expected"),
    [
        ({"attribute": "language", "equals": "fr"}, {"language": "fr"}, True),
        ({"attribute": "language", "equals": "fr"}, {"language": "en"}, False),
        ({"attribute": "language", "equals": "fr"}, {}, False),
        ({"attribute": "tier", "in": ["gold", "platinum"]}, {"tier": "gold"}, True),
        ({"attribute": "tier", "in": ["gold", "platinum"]}, {"tier": "silver"}, False),
        ({"attribute": "account", "present": True}, {"account": "1"}, True),
        ({"attribute": "account", "present": True}, {}, False),
        ({"attribute": "account", "present": False}, {}, True),
    ],
)
def test_attribute_conditions(
    when: dict[str, Any], attributes: dict[str, str], expected: bool
) -> None:
    assert Condition.model_validate(when).holds(attributes, status()) is expected


def test_queue_conditions() -> None:
    slow = Condition.model_validate({"queue": "support", "estimated_wait_over_seconds": 300})
    assert slow.holds({}, status(wait=301))
    assert not slow.holds({}, status(wait=300))
    empty = Condition.model_validate({"queue": "support", "agents_available_at_most": 0})
    assert empty.holds({}, status(agents=0))
    assert not empty.holds({}, status(agents=1))


@pytest.mark.parametrize(
    ("digits", "accepted"),
    [
        ("123456", True),
        ("1234567890", True),
        ("12345", False),
        ("12345678901", False),
        ("12a456", False),
        ("923456", False),
    ],
)
def test_collect_digits_accepts(digits: str, accepted: bool) -> None:
    collect = CollectDigitsNode.model_validate(
        {"type": "collect_digits", "prompt": "p", "attribute": "a", "next": "n", "failure": "f"}
        | {"min_digits": 6, "max_digits": 10, "pattern": "^[0-8][0-9]*$"}
    )
    assert collect.accepts(digits) is accepted


def test_nodes_are_frozen() -> None:
    play = PlayNode(type="play", prompt="p", next="n")
    with pytest.raises(ValueError, match="frozen"):
        play.next = "elsewhere"  # type: ignore[misc]
