"""Flows from files: a bad directory stops start-up, an edited file is picked up without a
restart (a bad edit keeping the previous version), calls in progress keep their version."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from chassis.tenants import Tenants
from ivr.adapters.flow_files import FlowLibrary
from ivr.flows import FlowError, FlowRef
from ivr.testing.memory import DEMO_CONFIG, Harness


@pytest.fixture
def flows_dir(tmp_path: Path) -> Path:
    shutil.copytree(DEMO_CONFIG / "flows", tmp_path / "flows")
    return tmp_path / "flows"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    stat = path.stat()
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later edit


def test_start_up_refuses_a_flow_that_fails_validation(flows_dir: Path, tenants: Tenants) -> None:
    edit(flows_dir / "acme-main.yaml", "next: main_menu", "next: nowhere")
    with pytest.raises(
        FlowError, match=r"acme-main\.yaml: node welcome, field next: unknown target"
    ):
        FlowLibrary.load(flows_dir, tenants)


def test_start_up_refuses_a_queue_the_tenant_does_not_have(
    flows_dir: Path, tenants: Tenants
) -> None:
    edit(flows_dir / "acme-main.yaml", "queue: billing, announce", "queue: bills, announce")
    with pytest.raises(FlowError, match="unknown queue 'bills' of tenant 'acme'"):
        FlowLibrary.load(flows_dir, tenants)


def test_an_edited_flow_is_loaded_and_new_calls_start_on_it(
    flows_dir: Path, tenants: Tenants
) -> None:
    library = FlowLibrary.load(flows_dir, tenants)
    before = library.current("acme", "acme-main")
    assert library.reload() == []  # nothing changed

    edit(flows_dir / "acme-main.yaml", "prompt: acme/welcome", "prompt: acme/welcome-summer")
    (after,) = library.reload()

    assert library.current("acme", "acme-main") is after and after is not before
    assert before is not None and before.ref in library.versions  # calls on it go on


def test_a_bad_edit_is_logged_and_the_previous_version_stays(
    flows_dir: Path, tenants: Tenants, caplog: pytest.LogCaptureFixture
) -> None:
    library = FlowLibrary.load(flows_dir, tenants)
    before = library.current("acme", "acme-main")
    edit(flows_dir / "acme-main.yaml", "max_attempts: 2", "max_attempts: 0")

    with caplog.at_level(logging.ERROR):
        assert library.reload() == []

    assert library.current("acme", "acme-main") is before
    (refused,) = [r for r in caplog.records if r.getMessage().startswith("flow file refused")]
    assert "max_attempts" in refused.problems  # type: ignore[attr-defined]


def test_a_version_gone_since_a_restart_is_stood_in_for_by_the_current_one(
    flows_dir: Path, tenants: Tenants
) -> None:
    library = FlowLibrary.load(flows_dir, tenants)
    gone = FlowRef("acme", "acme-main", "0+000000000000")
    assert library.knows(gone)
    assert library.versions[gone] is library.current("acme", "acme-main")
    assert not library.knows(FlowRef("acme", "other-flow", "1"))


async def test_calls_in_progress_keep_their_version_after_a_reload(
    flows_dir: Path, tenants: Tenants, make_harness: Callable[[FlowLibrary], Harness]
) -> None:
    library = FlowLibrary.load(flows_dir, tenants)
    harness = make_harness(library)
    await harness.receive("call-old")
    edit(flows_dir / "acme-main.yaml", "prompt: acme/main-menu", "prompt: acme/menu-v2")
    library.reload()
    await harness.receive("call-new")
    await harness.until_due()  # both welcomes end

    menus = {
        c.call_id: c.collect_digits.prompt
        for c in harness.outbox.commands
        if c.HasField("collect_digits")
    }
    assert menus == {"call-old": "acme/main-menu", "call-new": "acme/menu-v2"}
