"""Validation names the file, the node and the field of every problem, all at once."""

from __future__ import annotations

from typing import Any

import pytest

from ivr.flows import FlowError, parse_flow

SOURCE = "acme-main.yaml"


def document(**nodes: dict[str, Any]) -> dict[str, Any]:
    """A valid flow (menu -> sales queue), with nodes added or replaced."""
    menu = {"type": "menu", "prompt": "p", "options": {"1": "sales"}}
    base_nodes = {
        "menu": {**menu, "no_input": "sales", "invalid": "sales"},
        "sales": {"type": "queue", "queue": "sales"},
    }
    return {
        "flow_id": "acme-main",
        "tenant_id": "acme",
        "entry": "menu",
        "nodes": base_nodes | nodes,
    }


def problems(flow_document: object) -> list[str]:
    with pytest.raises(FlowError) as caught:
        parse_flow(flow_document, SOURCE)
    assert str(caught.value) == "\n".join(str(problem) for problem in caught.value.problems)
    return [str(problem) for problem in caught.value.problems]


def menu_to(**fields: Any) -> dict[str, Any]:
    menu = {"type": "menu", "prompt": "p", "options": {"1": "sales"}}
    return {**menu, "no_input": "sales", "invalid": "sales", **fields}


def test_a_valid_flow_passes() -> None:
    assert parse_flow(document(), SOURCE).entry == "menu"


def test_an_unknown_target_names_node_and_field() -> None:
    flow = document(menu=menu_to(options={"1": "sales", "2": "acount"}))
    assert problems(flow) == [f"{SOURCE}: node menu, field options.2: unknown target 'acount'"]


@pytest.mark.parametrize(
    ("node", "field"),
    [
        ({"type": "play", "prompt": "p", "next": "nowhere"}, "next"),
        ({"type": "announce_wait", "queue": "q", "next": "nowhere"}, "next"),
        ({"type": "set_attributes", "attributes": {"a": "b"}, "next": "nowhere"}, "next"),
        (
            {"type": "business_hours", "timezone": "UTC", "open": "sales", "closed": "nowhere"},
            "closed",
        ),
        (
            {"type": "collect_digits", "prompt": "p", "attribute": "a", "next": "sales"}
            | {"failure": "nowhere"},
            "failure",
        ),
        (
            {"type": "condition", "otherwise": "sales"}
            | {"branches": [{"when": {"attribute": "a", "present": True}, "next": "nowhere"}]},
            "branches.0.next",
        ),
        ({"type": "condition", "otherwise": "nowhere", "branches": []}, None),
        (
            {"type": "offer_callback", "prompt": "p", "queue": "q", "declined": "nowhere"},
            "declined",
        ),
        (menu_to(no_input="nowhere"), "no_input"),
        (menu_to(invalid="nowhere"), "invalid"),
    ],
)
def test_every_target_field_is_checked(node: dict[str, Any], field: str | None) -> None:
    flow = document(menu=menu_to(options={"1": "sales", "2": "step"}), step=node)
    found = problems(flow)
    if field is None:  # a condition needs a branch: a schema error, before any target check
        assert found == [f"{SOURCE}: node step, field branches: give at least one branch"]
    else:
        assert found == [f"{SOURCE}: node step, field {field}: unknown target 'nowhere'"]


def test_an_unknown_entry() -> None:
    assert problems(document() | {"entry": "start"}) == [
        f"{SOURCE}: field entry: unknown node 'start'"
    ]


def test_an_unreachable_node() -> None:
    flow = document(orphan={"type": "hangup"})
    assert problems(flow) == [f"{SOURCE}: node orphan: unreachable from entry 'menu'"]


def test_a_menu_whose_every_branch_comes_back_loops_with_no_exit() -> None:
    welcome = {"type": "play", "prompt": "p", "next": "menu"}
    menu = menu_to(options={"1": "menu", "2": "welcome"}, no_input="menu", invalid="welcome")
    flow = document(welcome=welcome, menu=menu) | {"entry": "welcome"}
    assert problems(flow) == [
        f"{SOURCE}: node sales: unreachable from entry 'welcome'",
        f"{SOURCE}: node welcome: loops with no exit: no path from welcome, menu reaches a "
        "queue, transfer or hangup",
    ]


def test_a_loop_with_an_exit_is_fine() -> None:
    flow = document(menu=menu_to(options={"1": "sales", "9": "menu"}, no_input="menu"))
    assert parse_flow(flow, SOURCE).nodes["menu"].targets()["options.9"] == "menu"


def test_a_loop_of_instant_nodes_would_spin_forever() -> None:
    check = {
        "type": "condition",
        "branches": [{"when": {"attribute": "language", "equals": "fr"}, "next": "tag"}],
        "otherwise": "sales",
    }
    tag = {"type": "set_attributes", "attributes": {"language": "fr"}, "next": "check"}
    flow = document(menu=menu_to(options={"1": "check"}), check=check, tag=tag)
    assert problems(flow) == [
        f"{SOURCE}: node check: loops through check -> tag -> check without ever waiting"
    ]


@pytest.mark.parametrize(
    ("name", "node", "field"),
    [
        (
            "menu",
            {"type": "menu", "prompt": "p", "options": {"1": "sales"}, "invalid": "sales"},
            "no_input",
        ),
        (
            "menu",
            {"type": "menu", "prompt": "p", "options": {"1": "sales"}, "no_input": "sales"},
            "invalid",
        ),
        (
            "step",
            {"type": "collect_digits", "prompt": "p", "attribute": "a", "next": "sales"},
            "failure",
        ),
        ("step", {"type": "offer_callback", "prompt": "p", "queue": "sales"}, "declined"),
    ],
)
def test_input_nodes_need_their_failure_branches(
    name: str, node: dict[str, Any], field: str
) -> None:
    flow = document(**{name: node})
    if name == "step":
        flow = document(menu=menu_to(options={"1": "step"}), step=node)
    assert problems(flow) == [f"{SOURCE}: node {name}, field {field}: Field required"]


def test_an_invalid_regular_expression() -> None:
    collect = {"type": "collect_digits", "prompt": "p", "attribute": "a", "pattern": "^[0-9"}
    flow = document(menu=menu_to(options={"1": "account"}), account=collect)
    flow["nodes"]["account"] |= {"next": "sales", "failure": "sales"}
    [problem] = problems(flow)
    assert problem.startswith(f"{SOURCE}: node account, field pattern: invalid regular expression")


def test_collect_digits_lengths_must_make_sense() -> None:
    collect = {"type": "collect_digits", "prompt": "p", "attribute": "a", "next": "sales"}
    bad = collect | {"failure": "sales", "min_digits": 6, "max_digits": 4}
    flow = document(menu=menu_to(options={"1": "account"}), account=bad)
    assert problems(flow) == [
        f"{SOURCE}: node account, field max_digits: must be at least min_digits"
    ]


def hours(**fields: Any) -> dict[str, Any]:
    return {"type": "business_hours", "timezone": "Europe/Paris", "open": "menu"} | {
        "closed": "sales",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"timezone": "Europe/Pariss"}, "field timezone: unknown time zone 'Europe/Pariss'"),
        ({"weekly": {"mon": ["8-18"]}}, "field weekly.mon.0: '8-18' is not HH:MM-HH:MM"),
        (
            {"weekly": {"tue": ["08:00-12:00", "13:00-12:30"]}},
            "field weekly.tue.1: '13:00-12:30': the end must come after the start",
        ),
        (
            {"weekly": {"mon": ["08:00-25:00"]}},
            "field weekly.mon.0: '08:00-25:00' is not a time of day",
        ),
        ({"weekly": {"monday": ["08:00-18:00"]}}, "field weekly.monday: Input should be 'mon', "),
        ({"holidays": ["2026-02-30"]}, "field holidays.0: Input should be a valid date"),
        ({"holiday_country": "XX"}, "field holiday_country: unknown country 'XX'"),
        (
            {"holiday_country": "FR", "holiday_subdivision": "99"},
            "field holiday_subdivision: unknown subdivision '99'",
        ),
        ({"holiday_subdivision": "57"}, "field holiday_subdivision: needs a holiday_country"),
    ],
)
def test_business_hours_problems(fields: dict[str, Any], expected: str) -> None:
    flow = document(hours=hours(**fields)) | {"entry": "hours"}
    [problem] = problems(flow)
    assert problem.startswith(f"{SOURCE}: node hours, {expected}")


@pytest.mark.parametrize("digit", ["12", "a", "+"])
def test_menu_options_are_single_keys(digit: str) -> None:
    flow = document(menu=menu_to(options={"1": "sales", digit: "sales"}))
    [problem] = problems(flow)
    assert problem.startswith(f"{SOURCE}: node menu, field options.{digit}: String should match")


@pytest.mark.parametrize("priority", [-1, 101])
def test_queue_priority_is_0_to_100(priority: int) -> None:
    [problem] = problems(document(sales={"type": "queue", "queue": "sales", "priority": priority}))
    assert problem.startswith(f"{SOURCE}: node sales, field priority: Input should be")


def test_a_condition_tests_one_thing() -> None:
    when = {"attribute": "vip", "equals": "gold", "present": True}
    check = {"type": "condition", "branches": [{"when": when, "next": "sales"}]}
    flow = document(menu=menu_to(options={"1": "check"}), check=check | {"otherwise": "sales"})
    assert problems(flow) == [
        f"{SOURCE}: node check, field branches.0.when: give exactly one test of equals, in, present"
    ]


def test_schema_problems_name_type_and_misspelt_fields() -> None:
    flow = document(
        menu=menu_to(optoins={"1": "sales"}), sales={"type": "queues"}, other={"queue": "q"}
    )
    assert problems(flow) == [
        f"{SOURCE}: node menu, field optoins: Extra inputs are not permitted",
        f"{SOURCE}: node sales, field type: Input tag 'queues' found using 'type' does not match "
        "any of the expected tags: 'play', 'menu', 'collect_digits', 'condition', "
        "'business_hours', 'set_attributes', 'queue', 'announce_wait', 'offer_callback', "
        "'transfer', 'hangup'",
        f"{SOURCE}: node other, field type: Unable to extract tag using discriminator 'type'",
    ]


def test_flow_level_fields() -> None:
    flow = document()
    del flow["flow_id"]
    assert problems(flow) == [f"{SOURCE}: field flow_id: Field required"]
    assert problems(["not", "a", "mapping"]) == [
        f"{SOURCE}: Input should be a valid dictionary or instance of Flow"
    ]


def test_graph_problems_are_reported_together() -> None:
    flow = document(menu=menu_to(options={"1": "sales", "2": "acount"}), orphan={"type": "hangup"})
    assert problems(flow) == [
        f"{SOURCE}: node menu, field options.2: unknown target 'acount'",
        f"{SOURCE}: node orphan: unreachable from entry 'menu'",
    ]


def long_path(seconds: float) -> dict[str, Any]:
    """welcome (seconds) -> menu (6s) -> sales queue."""
    welcome = {"type": "play", "prompt": "p", "seconds": seconds, "next": "menu"}
    return document(welcome=welcome, menu=menu_to(seconds=6)) | {"entry": "welcome"}


def test_the_time_budget_counts_prompts_up_to_the_first_queue() -> None:
    assert problems(long_path(seconds=115)) == [
        f"{SOURCE}: field max_seconds_to_queue: the shortest way to a queue takes 121s, "
        "over 120s: welcome -> menu -> sales"
    ]
    assert parse_flow(long_path(seconds=114), SOURCE).max_seconds_to_queue == 120


def test_the_time_budget_is_the_flows_own() -> None:
    assert problems(long_path(seconds=30) | {"max_seconds_to_queue": 30})[0].endswith(
        "takes 36s, over 30s: welcome -> menu -> sales"
    )


def test_the_time_budget_takes_the_shortest_way() -> None:
    # Option 2's detour is long, but option 1 reaches a queue quickly.
    detour = {"type": "play", "prompt": "p", "seconds": 500, "next": "sales"}
    flow = document(menu=menu_to(options={"1": "sales", "2": "detour"}), detour=detour)
    assert parse_flow(flow, SOURCE).nodes["detour"].targets() == {"next": "sales"}


def test_a_flow_without_queue_has_no_budget() -> None:
    info = {"type": "play", "prompt": "info", "seconds": 600, "next": "bye"}
    flow = document() | {"entry": "info", "nodes": {"info": info, "bye": {"type": "hangup"}}}
    assert parse_flow(flow, SOURCE).entry == "info"
