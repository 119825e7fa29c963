"""Checks of the deployment files that need neither a Docker engine nor a cluster.

Dockerfiles, compose files, observability configs and the Helm chart are checked
against each other and against what the services read (their pydantic settings).
`docker compose config` and `helm lint` / `helm template` are run when those tools are
on the PATH; the tests that need them are skipped with the reason otherwise.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHART = ROOT / "charts" / "callcenter"
COMPOSE_BASE = ROOT / "docker-compose.yml"
COMPOSE_OBSERVABILITY = ROOT / "deploy" / "docker-compose.observability.yml"
COMPOSE_FILES = [COMPOSE_BASE, COMPOSE_OBSERVABILITY]
# Deployed services: name -> console script (services/cli is a dev tool, not deployed).
DEPLOYED = {
    "ingest": "callcenter-ingest",
    "metrics": "callcenter-metrics",
    "router": "callcenter-router",
    "agent-state": "callcenter-agent-state",
    "ivr": "callcenter-ivr",
    "crm-lookup": "callcenter-crm-lookup",
}
# Services that serve gRPC; the others do not need GRPC_PORT (a defaulted setting).
GRPC_SERVICES = {"ingest", "router", "agent-state", "ivr", "crm-lookup"}
SAMPLE_BOOTSTRAP = "kafka-0.kafka:9092,kafka-1.kafka:9092"
SET_BOOTSTRAP = "kafka.bootstrapServers=" + SAMPLE_BOOTSTRAP.replace(
    ",", "\\,"
)  # --set splits on ","
METRIC_NAMES = [
    "callcenter_events_published_total",
    "callcenter_events_consumed_total",
    "callcenter_handler_seconds",
    "callcenter_consumer_lag",
    "http_requests_total",
    "http_request_seconds",
]


# ---------------------------------------------------------------- helpers


def _yaml() -> Any:
    return pytest.importorskip("yaml", reason="PyYAML is not installed (dev dependency)")


def load_yaml(path: Path) -> Any:
    return _yaml().safe_load(path.read_text())


def load_yaml_all(text: str) -> list[Any]:
    return [d for d in _yaml().safe_load_all(text) if d]


@cache
def dotenv() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def interpolate(value: str) -> str:
    """Compose-style ${VAR} / ${VAR:-default} interpolation from .env."""

    def repl(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(3)
        return dotenv().get(name, default or "")

    return re.sub(r"\$\{([A-Z0-9_]+)(:?-([^}]*))?\}", repl, value)


def service_pyproject(service: str) -> dict[str, Any] | None:
    path = ROOT / "services" / service / "pyproject.toml"
    return tomllib.loads(path.read_text()) if path.exists() else None


def _settings_fields(path: Path, base: str) -> Iterator[tuple[str, str, bool]]:
    """(class, ENV_NAME, required) for every field of classes derived from `base` in path."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        if base not in bases and node.name != base:
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name = stmt.target.id
                if name.startswith("_") or name == "model_config":
                    continue
                required = stmt.value is None or (
                    isinstance(stmt.value, ast.Call)
                    and getattr(stmt.value.func, "id", "") == "Field"
                    and not any(
                        k.arg in ("default", "default_factory") for k in stmt.value.keywords
                    )
                    and not stmt.value.args
                )
                yield node.name, name.upper(), required


def settings_env(service: str) -> dict[str, bool]:
    """Environment variables a deployment must set for a service -> whether it is required.

    Every field of the chassis' ServiceSettings (shared: set once, everywhere), plus the
    required fields of the service's own subclasses. A service's tuning knobs that have
    defaults may be left out.
    """
    fields: dict[str, bool] = {}
    chassis = ROOT / "services/chassis/src/chassis/settings.py"
    for _, env, required in _settings_fields(chassis, "ServiceSettings"):
        fields[env] = required
    src = ROOT / "services" / service / "src"
    for path in sorted(src.rglob("*.py")) if src.exists() else []:
        for _, env, required in _settings_fields(path, "ServiceSettings"):
            if required:
                fields[env] = required
    if service not in GRPC_SERVICES:
        fields.pop("GRPC_PORT", None)
    return fields


def compose_services(path: Path) -> dict[str, Any]:
    return load_yaml(path)["services"]


def merged_compose_env(service: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for path in COMPOSE_FILES:
        svc = compose_services(path).get(service) or {}
        env.update({k: str(v) for k, v in (svc.get("environment") or {}).items()})
    return env


def compose_cmd() -> list[str] | None:
    for cmd in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(cmd[0]) is None:
            continue
        probe = subprocess.run([*cmd, "version"], capture_output=True, text=True)
        if probe.returncode == 0 and "v2" in probe.stdout:
            return cmd
    return None


def helm() -> str:
    path = shutil.which("helm")
    if path is None:
        pytest.skip("helm is not on the PATH (see charts/callcenter/README.md)")
    return path


def helm_template(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [helm(), "template", "cc", str(CHART), *args], capture_output=True, text=True
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def pod_specs(docs: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
            yield f"{doc['kind']}/{doc['metadata']['name']}", doc["spec"]["template"]["spec"]


# ---------------------------------------------------------------- Dockerfiles


@pytest.mark.parametrize("service", sorted(DEPLOYED))
def test_dockerfile_is_multistage_nonroot_and_locked(service: str) -> None:
    text = (ROOT / "services" / service / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", text, re.M | re.I)
    assert len(stages) >= 2, "multi-stage build expected"
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in text
    assert "ghcr.io" not in text, "uv comes from PyPI, not from a ghcr image"
    assert re.search(r"^ARG UV_VERSION=[0-9]+\.[0-9]+\.[0-9]+$", text, re.M), "pin uv"
    assert 'pip install "uv==${UV_VERSION}"' in text

    runtime = text[text.rfind("\nFROM ") :]
    assert "USER 10001" in runtime
    assert "uv" not in re.sub(r"#.*", "", runtime).split(), "uv must not reach the runtime stage"
    assert not re.search(r"apt-get|build-essential|gcc", runtime), "no build tools at run time"
    assert "COPY --from=builder /app/.venv /app/.venv" in runtime
    assert re.search(rf'^ENTRYPOINT \["{DEPLOYED[service]}"\]', runtime, re.M)

    project = service_pyproject(service)
    if project is None:
        pytest.skip(f"services/{service}/pyproject.toml does not exist yet")
    name = project["project"]["name"]
    syncs = re.findall(r"uv sync ([^\n]+)", text)
    assert syncs and all(
        "--frozen" in s and "--no-dev" in s and f"--package {name}" in s for s in syncs
    ), f"every uv sync must be --frozen --no-dev --package {name}"
    assert DEPLOYED[service] in project["project"].get("scripts", {}), "console script missing"


def test_dockerfile_copies_exist_and_dockerignore_keeps_them() -> None:
    ignore = (ROOT / ".dockerignore").read_text().split()
    assert ".git" in ignore and ".venv" in ignore
    for needed in ("uv.lock", "pyproject.toml", "proto", "services", "services/chassis"):
        assert needed not in ignore, f".dockerignore must not exclude {needed}"
    for service in DEPLOYED:
        text = (ROOT / "services" / service / "Dockerfile").read_text()
        for src in re.findall(r"^COPY (?!--from)(\S+)", text, re.M):
            if service_pyproject(service) is None and f"services/{service}/" in src:
                continue
            assert (ROOT / src).exists(), f"{service}/Dockerfile copies missing {src}"


def test_chassis_ships_the_topics_script() -> None:
    project = service_pyproject("chassis")
    assert project is not None
    scripts = project["project"].get("scripts", {})
    if "callcenter-topics" not in scripts:
        pytest.skip("callcenter-topics is not declared in services/chassis yet")


# ---------------------------------------------------------------- compose


def test_compose_files_parse_and_build_from_existing_dockerfiles() -> None:
    seen_builds = set()
    for path in COMPOSE_FILES:
        for name, svc in compose_services(path).items():
            build = svc.get("build")
            if build:
                assert build["context"] == ".", f"{name}: build context must be the repo root"
                dockerfile = ROOT / build["dockerfile"]
                assert dockerfile.exists(), f"{name}: {dockerfile} missing"
                seen_builds.add(build["dockerfile"])
    assert {f"services/{s}/Dockerfile" for s in DEPLOYED} <= seen_builds


def test_compose_variables_come_from_dotenv() -> None:
    env = dotenv()
    for path in COMPOSE_FILES:
        for var in re.findall(r"\$\{([A-Z0-9_]+)\}", path.read_text()):
            assert var in env, f"{path.name} uses ${{{var}}} which .env does not define"
    # every image tag lives in .env
    for path in COMPOSE_FILES:
        for name, svc in compose_services(path).items():
            if "image" in svc:
                assert svc["image"].startswith("${"), f"{name}: image must come from .env"


@pytest.mark.parametrize("service", sorted(DEPLOYED))
def test_compose_sets_every_setting_the_service_reads(service: str) -> None:
    env = merged_compose_env(service)
    missing = sorted(set(settings_env(service)) - set(env))
    assert not missing, f"compose does not set {missing} for {service}"
    assert "OTEL_EXPORTER_OTLP_ENDPOINT" not in (
        compose_services(COMPOSE_BASE)[service].get("environment") or {}
    ), "tracing is switched on by the observability overlay only"


def test_compose_topics_job_gates_the_services() -> None:
    services = compose_services(COMPOSE_BASE)
    topics = services["topics"]
    assert topics["entrypoint"] == ["callcenter-topics"]
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"
    required = {k for k, v in settings_env("chassis").items() if v}
    assert required <= set(topics["environment"]), "topics job lacks required settings"
    for service in DEPLOYED:
        dep = services[service]["depends_on"]["topics"]
        assert dep["condition"] == "service_completed_successfully"


def test_compose_kafka_is_single_node_kraft() -> None:
    kafka = compose_services(COMPOSE_BASE)["kafka"]
    assert interpolate(kafka["image"]).startswith("apache/kafka:")
    env = kafka["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert "healthcheck" in kafka


def test_compose_ingest_healthcheck_uses_readyz() -> None:
    ingest = compose_services(COMPOSE_BASE)["ingest"]
    assert "/readyz" in " ".join(ingest["healthcheck"]["test"])


def test_docker_compose_config_resolves() -> None:
    cmd = compose_cmd()
    if cmd is None:
        pytest.skip("no Docker Compose v2 CLI here (`docker compose version` failed)")
    args = [*cmd, "--project-directory", str(ROOT)]
    for path in COMPOSE_FILES:
        args += ["-f", str(path)]
    result = subprocess.run(
        [*args, "config", "--format", "json"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    services = config["services"]
    env = dotenv()
    assert {
        "kafka",
        "topics",
        *DEPLOYED,
        "otel-collector",
        "jaeger",
        "prometheus",
        "grafana",
    } <= set(services)
    for service in DEPLOYED:
        environment = services[service]["environment"]
        assert environment["KAFKA_BOOTSTRAP_SERVERS"] == env["KAFKA_ADDR"]
        assert environment["OTEL_EXPORTER_OTLP_ENDPOINT"] == env["OTEL_EXPORTER_OTLP_ENDPOINT"]
        assert not set(settings_env(service)) - set(environment)
    # the mounted config files exist
    for name, svc in services.items():
        for volume in svc.get("volumes", []):
            if volume["type"] == "bind":
                assert Path(volume["source"]).exists(), f"{name}: {volume['source']} missing"


# ---------------------------------------------------------------- observability


def test_prometheus_scrapes_every_service_on_its_http_port() -> None:
    config = load_yaml(ROOT / "deploy/prometheus/prometheus.yml")
    targets = {
        job["job_name"]: [t for sc in job["static_configs"] for t in sc["targets"]]
        for job in config["scrape_configs"]
    }
    env = dotenv()
    for service in DEPLOYED:
        upper = service.upper().replace("-", "_")  # agent-state -> AGENT_STATE_*
        expected = f"{env[f'{upper}_HOST']}:{env[f'{upper}_HTTP_PORT']}"
        assert targets.get(service) == [expected], f"prometheus target of {service}"


def test_collector_receives_otlp_and_exports_to_jaeger() -> None:
    config = load_yaml(ROOT / "deploy/otel-collector/config.yaml")
    protocols = config["receivers"]["otlp"]["protocols"]
    assert {"grpc", "http"} <= set(protocols)
    traces = config["service"]["pipelines"]["traces"]
    assert traces["receivers"] == ["otlp"]
    assert all(e in config["exporters"] for e in traces["exporters"])
    assert any(e.startswith("otlp/jaeger") for e in traces["exporters"])
    overlay = compose_services(COMPOSE_OBSERVABILITY)
    env = dotenv()
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"].endswith(f":{env['OTEL_COLLECTOR_PORT_HTTP']}")
    assert env["OTEL_COLLECTOR_HOST"] in env["OTEL_EXPORTER_OTLP_ENDPOINT"]
    assert "otel-collector" in overlay and "jaeger" in overlay


def test_grafana_provisions_prometheus_and_the_dashboard() -> None:
    datasources = load_yaml(ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml")
    (ds,) = datasources["datasources"]
    assert ds["type"] == "prometheus"
    providers = load_yaml(ROOT / "deploy/grafana/provisioning/dashboards/callcenter.yml")
    assert providers["providers"][0]["options"]["path"] == "/var/lib/grafana/dashboards"

    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/callcenter.json").read_text())
    assert dashboard["title"] == "Call center platform"
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p["targets"])
    for metric in METRIC_NAMES:
        assert metric in exprs, f"dashboard does not show {metric}"
    assert 'outcome="dead_lettered"' in exprs
    assert "histogram_quantile(0.99" in exprs
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == ds["uid"], panel["title"]


def test_dashboard_metrics_are_the_ones_the_chassis_exports() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "services/chassis/src").rglob("*.py"))
    for metric in METRIC_NAMES:
        assert f'"{metric}"' in source, f"chassis exports no {metric}"


# ---------------------------------------------------------------- Helm chart


def test_chart_values_validate_against_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    schema = json.loads((CHART / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    values = load_yaml(CHART / "values.yaml")
    jsonschema.validate(values, schema)
    bad = json.loads(json.dumps(values))
    bad["services"]["ingest"]["replicas"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = json.loads(json.dumps(values))
    bad["kafka"]["bootstrapServers"] = "no-port"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_chart_values_cover_the_deployed_services() -> None:
    values = load_yaml(CHART / "values.yaml")
    assert set(values["services"]) == set(DEPLOYED)
    assert values["services"]["ingest"]["ports"] == {"http": 8080, "grpc": 50051}
    assert "grpc" not in values["services"]["metrics"]["ports"]
    assert values["kafka"]["bootstrapServers"] == "", "must stay empty so that `required` fires"


def test_chart_default_tenants_are_the_demo_tenants_file() -> None:
    """The IVR image ships deploy/config/flows and refuses a flow of an unknown tenant, so the
    chart's default tenants must be the file those flows were written for, word for word."""
    values = load_yaml(CHART / "values.yaml")
    assert values["tenants"] == (ROOT / "deploy" / "config" / "tenants.yaml").read_text(), (
        "charts/callcenter/values.yaml `tenants` differs from deploy/config/tenants.yaml: copy it"
    )


def test_helm_lint() -> None:
    result = subprocess.run(
        [helm(), "lint", str(CHART), "--strict", "--set", SET_BOOTSTRAP],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_helm_requires_bootstrap_servers_and_enforces_schema() -> None:
    result = helm_template(check=False)
    assert result.returncode != 0 and "kafka.bootstrapServers is required" in result.stderr
    result = helm_template("--set", SET_BOOTSTRAP, "--set", "logLevel=TRACE", check=False)
    assert result.returncode != 0 and "logLevel" in result.stderr


@pytest.fixture(scope="module")
def rendered() -> list[dict[str, Any]]:
    out = helm_template(
        "--set", SET_BOOTSTRAP,
        "--set", "otel.endpoint=http://otel-collector:4318",
        "--set", "podDisruptionBudget.enabled=true",
        "--set", "networkPolicy.enabled=true",
    ).stdout  # fmt: skip
    return load_yaml_all(out)


def test_helm_renders_one_deployment_and_service_per_service(
    rendered: list[dict[str, Any]],
) -> None:
    def names(kind: str) -> set[str]:
        return {
            d["metadata"]["labels"]["app.kubernetes.io/component"]
            for d in rendered
            if d["kind"] == kind
        }

    for kind in ("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy"):
        assert names(kind) == set(DEPLOYED), kind
    kinds = {d["kind"] for d in rendered}
    assert {"ServiceAccount", "ConfigMap", "Job"} <= kinds


def test_helm_pods_are_hardened(rendered: list[dict[str, Any]]) -> None:
    specs = list(pod_specs(rendered))
    assert len(specs) == len(DEPLOYED) + 1  # + the topics job
    for where, spec in specs:
        assert spec["automountServiceAccountToken"] is False, where
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["runAsUser"] == 10001, where
        assert pod["seccompProfile"]["type"] == "RuntimeDefault", where
        volumes = {v["name"]: v for v in spec["volumes"]}
        for container in spec["containers"]:
            sc = container["securityContext"]
            assert sc["runAsNonRoot"] is True and sc["runAsUser"] == 10001, where
            assert sc["readOnlyRootFilesystem"] is True, where
            assert sc["allowPrivilegeEscalation"] is False, where
            assert sc["capabilities"]["drop"] == ["ALL"], where
            assert sc["seccompProfile"]["type"] == "RuntimeDefault", where
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert "emptyDir" in volumes[mounts["/tmp"]], where
    sa = next(d for d in rendered if d["kind"] == "ServiceAccount")
    assert sa["automountServiceAccountToken"] is False


def test_helm_probes(rendered: list[dict[str, Any]]) -> None:
    values = load_yaml(CHART / "values.yaml")
    for doc in rendered:
        if doc["kind"] != "Deployment":
            continue
        name = doc["metadata"]["labels"]["app.kubernetes.io/component"]
        (container,) = doc["spec"]["template"]["spec"]["containers"]
        ports = values["services"][name]["ports"]
        for probe in ("livenessProbe", "readinessProbe"):
            if "grpc" in ports:
                assert container[probe]["grpc"]["port"] == ports["grpc"], (name, probe)
            else:
                path = "/healthz" if probe == "livenessProbe" else "/readyz"
                assert container[probe]["httpGet"]["path"] == path, (name, probe)


def test_helm_sets_every_setting_the_services_read(rendered: list[dict[str, Any]]) -> None:
    configmap = next(d for d in rendered if d["kind"] == "ConfigMap")
    common = configmap["data"]
    assert common["KAFKA_BOOTSTRAP_SERVERS"] == SAMPLE_BOOTSTRAP
    assert common["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://otel-collector:4318"
    for doc in rendered:
        if doc["kind"] != "Deployment":
            continue
        name = doc["metadata"]["labels"]["app.kubernetes.io/component"]
        (container,) = doc["spec"]["template"]["spec"]["containers"]
        assert container["envFrom"][0]["configMapRef"]["name"] == configmap["metadata"]["name"]
        env = set(common) | {e["name"] for e in container["env"]}
        missing = sorted(set(settings_env(name)) - env)
        assert not missing, f"chart does not set {missing} for {name}"
    job = next(d for d in rendered if d["kind"] == "Job")
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["callcenter-topics"]
    assert {e["name"]: e["value"] for e in container["env"]} == common


def test_helm_omits_otel_endpoint_when_unset() -> None:
    docs = load_yaml_all(helm_template("--set", SET_BOOTSTRAP).stdout)
    configmap = next(d for d in docs if d["kind"] == "ConfigMap")
    assert "OTEL_EXPORTER_OTLP_ENDPOINT" not in configmap["data"]
    assert not any(d["kind"] in ("PodDisruptionBudget", "NetworkPolicy") for d in docs)
