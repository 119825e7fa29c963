"""Fixtures of the service layer's tests: the IVR with its ports in memory (ivr.testing)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chassis.tenants import Tenants, load_tenants
from ivr.adapters.flow_files import FlowLibrary
from ivr.testing.memory import DEMO_CONFIG, Harness


@pytest.fixture(scope="session")
def tenants() -> Tenants:
    return load_tenants(DEMO_CONFIG / "tenants.yaml")


@pytest.fixture
def harness(tenants: Tenants) -> Harness:
    return Harness(tenants, FlowLibrary.load(DEMO_CONFIG / "flows", tenants))


@pytest.fixture
def make_harness(tenants: Tenants) -> Callable[[FlowLibrary], Harness]:
    return lambda flows: Harness(tenants, flows)
