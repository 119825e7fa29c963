"""Reading flows from YAML files, one flow a file, and validating them.

Schema errors are reported first, all together: the flow's graph is checked once its nodes
parse.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from ivr.flows.checks import graph_problems
from ivr.flows.flow import Flow
from ivr.flows.validation import FlowError, FlowProblem, schema_problem

FlowCatalogue = dict[tuple[str, str], Flow]  # (tenant_id, flow_id) -> flow
FLOW_SUFFIXES = (".yaml", ".yml")


def parse_flow(document: object, source: str) -> Flow:
    """The flow a YAML document describes, or FlowError listing all that is wrong with it."""
    try:
        flow = Flow.model_validate(document)
    except ValidationError as error:
        raise FlowError([schema_problem(source, detail) for detail in error.errors()]) from None
    if problems := graph_problems(flow, source):
        raise FlowError(problems)
    return flow


def load_flow(path: Path) -> Flow:
    try:
        document = yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        raise FlowError([FlowProblem(path.name, f"not valid YAML: {error}")]) from None
    return parse_flow(document, path.name)


def load_flows(directory: Path) -> FlowCatalogue:
    """Every flow of the directory's *.yaml and *.yml files; FlowError lists the problems of
    all files at once, duplicate flow ids of a tenant included."""
    catalogue: FlowCatalogue = {}
    sources: dict[tuple[str, str], str] = {}
    problems: list[FlowProblem] = []
    for path in sorted(p for p in directory.iterdir() if p.suffix in FLOW_SUFFIXES):
        try:
            flow = load_flow(path)
        except FlowError as error:
            problems += error.problems
            continue
        key = (flow.tenant_id, flow.flow_id)
        if key in sources:
            message = f"tenant {flow.tenant_id!r} has flow {flow.flow_id!r} in {sources[key]} too"
            problems.append(FlowProblem(path.name, message, field="flow_id"))
            continue
        catalogue[key], sources[key] = flow, path.name
    if problems:
        raise FlowError(problems)
    return catalogue
