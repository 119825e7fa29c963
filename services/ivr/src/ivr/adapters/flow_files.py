"""The tenants' flows from a directory of YAML files, every version calls may still run on, and
edited files picked up without a restart.

The directory is polled (each file's modification time and size). An edited file that validates
gives new calls its new version; one that fails is logged with its FlowError and the previous
version stays. Calls in progress keep the version they started on: every version loaded since
start is kept.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from chassis.tenants import Tenants
from ivr.flows import (
    AnnounceWaitNode,
    ConditionNode,
    Flow,
    FlowError,
    FlowProblem,
    FlowRef,
    OfferCallbackNode,
    QueueNode,
    load_flow,
    load_flows,
)
from ivr.flows.loading import FLOW_SUFFIXES

log = logging.getLogger(__name__)
Stamp = tuple[int, int]  # modification time (ns), size


class FlowLibrary:
    def __init__(self, flows: Iterable[Flow], tenants: Tenants, directory: Path | None = None):
        self.versions: dict[FlowRef, Flow] = {}  # what sessions are rebuilt with
        self._current: dict[tuple[str, str], Flow] = {}  # what new calls start on
        self._tenants = tenants
        self._directory = directory
        self._stamps = self._scan()
        flows = list(flows)
        if problems := [p for flow in flows for p in unknown_queues(flow, tenants)]:
            raise FlowError(problems)
        for flow in flows:
            self._add(flow)

    @classmethod
    def load(cls, directory: Path, tenants: Tenants) -> FlowLibrary:
        """Every flow of the directory; FlowError if any is invalid, so start-up fails."""
        return cls(load_flows(directory).values(), tenants, directory)

    def current(self, tenant_id: str, flow_id: str) -> Flow | None:
        return self._current.get((tenant_id, flow_id))

    def knows(self, ref: FlowRef) -> bool:
        """Whether a session on this version can be rebuilt. Versions from before a restart are
        gone, unless the file still holds them; the flow's current version then stands in."""
        if ref in self.versions:
            return True
        current = self._current.get((ref.tenant_id, ref.flow_id))
        if current is None:
            return False
        log.warning(
            "flow version gone since the restart: its calls go on with the current one",
            extra={"flow": ref.flow_id, "tenant_id": ref.tenant_id, "version": ref.version},
        )
        self.versions[ref] = current
        return True

    def reload(self) -> list[Flow]:
        """Loads the files changed since the last look; returns the new versions."""
        stamps = self._scan()
        changed = [path for path, stamp in stamps.items() if self._stamps.get(path) != stamp]
        self._stamps = stamps
        if not changed or self._directory is None:
            return []
        try:  # the whole directory, so that two files with one flow id are refused too
            load_flows(self._directory)
            problems: tuple[FlowProblem, ...] = ()
        except FlowError as error:
            problems = error.problems
        loaded = []
        for path in changed:
            try:
                flow = load_flow(path)
                ours = [p for p in problems if p.source == path.name]
                if ours := ours or unknown_queues(flow, self._tenants, path.name):
                    raise FlowError(ours)
            except FlowError as error:
                log.error(
                    "flow file refused; the previous version stays",
                    extra={"file": path.name, "problems": str(error)},
                )
                continue
            if flow.ref not in self.versions:
                self._add(flow)
                loaded.append(flow)
                log.info("flow loaded", extra={"flow": flow.flow_id, "version": flow.version})
        return loaded

    def _add(self, flow: Flow) -> None:
        self.versions[flow.ref] = flow
        self._current[flow.tenant_id, flow.flow_id] = flow

    def _scan(self) -> dict[Path, Stamp]:
        if self._directory is None:
            return {}
        stamps = {}
        for path in self._directory.iterdir():
            with contextlib.suppress(FileNotFoundError):  # removed meanwhile
                if path.suffix in FLOW_SUFFIXES:
                    stat = path.stat()
                    stamps[path] = (stat.st_mtime_ns, stat.st_size)
        return stamps


def unknown_queues(flow: Flow, tenants: Tenants, source: str = "") -> list[FlowProblem]:
    """A flow may only name its tenant's queues: the router refuses calls for others."""
    source = source or flow.flow_id
    tenant = tenants.tenant(flow.tenant_id)
    if tenant is None:
        return [FlowProblem(source, f"unknown tenant {flow.tenant_id!r}", field="tenant_id")]
    return [
        FlowProblem(source, f"unknown queue {queue!r} of tenant {flow.tenant_id!r}", node_id)
        for node_id, queue in _queues_named(flow)
        if queue not in tenant.queues
    ]


def _queues_named(flow: Flow) -> Iterator[tuple[str, str]]:
    for node_id, node in flow.nodes.items():
        if isinstance(node, QueueNode | AnnounceWaitNode | OfferCallbackNode):
            yield node_id, node.queue
        elif isinstance(node, ConditionNode):
            yield from ((node_id, b.when.queue) for b in node.branches if b.when.queue)
