"""Loading flows from files: one flow a file, the problems of all files reported together."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivr.flows import FlowError, load_flow, load_flows


def flow_yaml(flow_id: str, tenant_id: str = "acme", target: str = "q") -> str:
    return f"""
flow_id: {flow_id}
tenant_id: {tenant_id}
entry: hello
nodes:
  hello: {{type: play, prompt: "{tenant_id}/hello", next: {target}}}
  q: {{type: queue, queue: general}}
"""


def test_load_flow_names_problems_by_file(tmp_path: Path) -> None:
    path = tmp_path / "acme-main.yaml"
    path.write_text(flow_yaml("acme-main", target="qq"))
    with pytest.raises(FlowError) as caught:
        load_flow(path)
    assert str(caught.value) == (
        "acme-main.yaml: node hello, field next: unknown target 'qq'\n"
        "acme-main.yaml: node q: unreachable from entry 'hello'"
    )


def test_load_flows_keys_the_catalogue_by_tenant_and_flow(tmp_path: Path) -> None:
    (tmp_path / "acme-main.yaml").write_text(flow_yaml("main", "acme"))
    (tmp_path / "acme-sales.yml").write_text(flow_yaml("sales", "acme"))
    (tmp_path / "globex-main.yaml").write_text(flow_yaml("main", "globex"))
    (tmp_path / "README.md").write_text("not a flow")
    catalogue = load_flows(tmp_path)
    assert sorted(catalogue) == [("acme", "main"), ("acme", "sales"), ("globex", "main")]
    assert catalogue["globex", "main"].nodes["hello"].targets() == {"next": "q"}


def test_a_tenant_has_one_flow_of_an_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(flow_yaml("main"))
    (tmp_path / "b.yaml").write_text(flow_yaml("main"))
    with pytest.raises(FlowError) as caught:
        load_flows(tmp_path)
    assert str(caught.value) == "b.yaml: field flow_id: tenant 'acme' has flow 'main' in a.yaml too"


def test_the_problems_of_every_file_come_together(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("flow_id: [unclosed")
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "good.yaml").write_text(flow_yaml("main"))
    (tmp_path / "wrong.yaml").write_text(flow_yaml("other", target="nowhere"))
    with pytest.raises(FlowError) as caught:
        load_flows(tmp_path)
    sources = [problem.source for problem in caught.value.problems]
    assert sources == ["broken.yaml", "empty.yaml", "wrong.yaml", "wrong.yaml"]
    assert caught.value.problems[0].message.startswith("not valid YAML")
    assert str(caught.value.problems[1]) == (
        "empty.yaml: Input should be a valid dictionary or instance of Flow"
    )


def test_the_sample_flow_loads(tmp_path: Path) -> None:
    sample = Path(__file__).parent / "flows" / "acme-main.yaml"
    (tmp_path / "acme-main.yaml").write_text(sample.read_text())
    catalogue = load_flows(tmp_path)
    assert catalogue["acme", "acme-main"].version == load_flow(sample).version
