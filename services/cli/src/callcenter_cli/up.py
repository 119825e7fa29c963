"""`callcenter up`: the whole platform on this machine, one process per service."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

import httpx

from callcenter_cli.render import log_line
from callcenter_cli.services import SERVICES, LocalService, local_config
from callcenter_cli.simulation import (
    check_scenario,
    scaled_metrics_thresholds,
    scenario_outline,
    simulator_command,
)
from chassis.broker import EmbeddedBroker
from chassis.topics import Topics, ensure_topics

COLOURS = ["\033[36m", "\033[35m", "\033[33m", "\033[32m", "\033[34m", "\033[31m"]
RESET = "\033[0m"
READY_TIMEOUT_S = 300.0  # generous: on a loaded machine metrics alone can take minutes


class Platform:
    def __init__(self, repo_root: Path) -> None:
        self.repo_root = repo_root
        self.config = local_config(repo_root)
        self.processes: dict[str, asyncio.subprocess.Process] = {}
        self.broker: EmbeddedBroker | None = None
        self.simulator: asyncio.subprocess.Process | None = None
        self._relays: list[asyncio.Task[None]] = []
        self.width = max(len(name) for name in [*(s.name for s in SERVICES), "simulator"])

    def bootstrap_servers(self) -> str:
        if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
            return os.environ["KAFKA_BOOTSTRAP_SERVERS"]
        self.broker = EmbeddedBroker(port=int(self.config["KAFKA_HOST_PORT"])).start()
        self.say("broker", f"embedded Kafka-protocol broker on {self.broker.bootstrap_servers}")
        return self.broker.bootstrap_servers

    def say(self, name: str, line: str, colour: str = "") -> None:
        print(f"{colour}{name:>{self.width}} |{RESET} {line}", flush=True)

    def tenants_file(self) -> str:
        default = str(self.repo_root / self.config["TENANTS_CONFIG"])
        return os.environ.get("TENANTS_CONFIG", default)

    async def start(self, service: LocalService, bootstrap: str, colour: str) -> None:
        env = {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "TOPIC_PREFIX": self.config["TOPIC_PREFIX"],
            "KAFKA_PARTITIONS": self.config["KAFKA_PARTITIONS"],
            "HTTP_PORT": self.config[service.http_port_var],
            "TENANTS_CONFIG": self.tenants_file(),
            "IVR_FLOWS_DIR": os.environ.get(
                "IVR_FLOWS_DIR", str(self.repo_root / self.config["IVR_FLOWS_DIR"])
            ),
            "ROUTER_GRPC_TARGET": f"127.0.0.1:{self.config['ROUTER_GRPC_HOST_PORT']}",
            "CRM_DATABASE_URL": os.environ.get(
                "CRM_DATABASE_URL",
                f"sqlite+aiosqlite:///{self.repo_root / self.config['CRM_SQLITE_PATH']}",
            ),
        }
        if service.grpc_port_var:
            env["GRPC_PORT"] = self.config[service.grpc_port_var]
        self.processes[service.name] = await self.spawn(
            service.name, [service.command], env, colour
        )

    async def start_simulator(self, scenario: Path) -> None:
        command = simulator_command(scenario, self.config, self.tenants_file())
        self.simulator = await self.spawn("simulator", command, dict(os.environ), COLOURS[-1])

    async def spawn(
        self, name: str, command: list[str], env: dict[str, str], colour: str
    ) -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            *command,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        self._relays.append(asyncio.create_task(self._relay(name, process, colour)))
        return process

    async def _relay(self, name: str, process: asyncio.subprocess.Process, colour: str) -> None:
        assert process.stdout
        async for raw in process.stdout:
            self.say(name, log_line(raw.decode(errors="replace").rstrip()), colour)

    async def wait_ready(self, service: LocalService) -> None:
        url = f"http://127.0.0.1:{self.config[service.http_port_var]}/readyz"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + READY_TIMEOUT_S
        async with httpx.AsyncClient(timeout=1.0) as http:
            while loop.time() < deadline:
                if self.processes[service.name].returncode is not None:
                    raise RuntimeError(f"{service.name} exited during start-up")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(url)).status_code == 200:
                        return
                await asyncio.sleep(0.25)
        raise TimeoutError(f"{service.name} not ready at {url} after {READY_TIMEOUT_S:.0f} s")

    async def stop(self) -> None:
        # The simulator first, while the services still take its agents' log-outs.
        if self.simulator and self.simulator.returncode is None:
            self.simulator.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.simulator.wait(), timeout=30)
            except TimeoutError:
                self.say("simulator", "did not stop within 30 s; killed")
                self.simulator.kill()
        for process in self.processes.values():
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                self.say(name, "did not stop within 15 s; killed")
                process.kill()
        if self.broker:
            self.broker.stop()


async def up(repo_root: Path, scenario: Path | None) -> int:
    platform = Platform(repo_root)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        if scenario:
            await check_scenario(scenario, platform.tenants_file())
            os.environ.update(scaled_metrics_thresholds(scenario_outline(scenario)[1]))
        bootstrap = platform.bootstrap_servers()
        topics = Topics(platform.config["TOPIC_PREFIX"])
        await ensure_topics(
            bootstrap, topics.all_topics(), int(platform.config["KAFKA_PARTITIONS"])
        )
        for service, colour in zip(SERVICES, COLOURS, strict=False):
            await platform.start(service, bootstrap, colour)
        await asyncio.gather(*(platform.wait_ready(s) for s in SERVICES))
        if scenario:
            await platform.start_simulator(scenario)
        print_banner(platform, bootstrap, scenario)
        exited = [asyncio.create_task(p.wait()) for p in platform.processes.values()]
        await asyncio.wait(
            [asyncio.create_task(stop.wait()), *exited], return_when=asyncio.FIRST_COMPLETED
        )
        crashed = [n for n, p in platform.processes.items() if p.returncode is not None]
        if crashed:
            print(f"stopping: {', '.join(crashed)} exited", file=sys.stderr)
            return 1
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(f"callcenter up failed: {exc}", file=sys.stderr)
        return 1
    finally:
        await platform.stop()


EXAMPLE_CALL = (
    '{"tenant_id":"acme","caller_number":"+33612345678",'
    '"dialed_number":"+33970000000","provider_call_id":"demo-1"}'
)


def print_banner(platform: Platform, bootstrap: str, scenario: Path | None) -> None:
    c = platform.config
    dashboard = f"http://127.0.0.1:{c['METRICS_HTTP_HOST_PORT']}/dashboard?tenant="
    simulated = ""
    if scenario:
        tenants, time_scale = scenario_outline(scenario)
        simulated = "".join(
            f"{dashboard}{tenant}   simulated calls ({scenario.name}, time scale {time_scale:g})\n"
            "                   "
            for tenant in tenants
        )
    print(
        f"""
The platform is up. Try:
  curl -s -X POST http://127.0.0.1:{c["INGEST_HTTP_HOST_PORT"]}/v1/calls \\
    -H 'content-type: application/json' -d '{EXAMPLE_CALL}'
  KAFKA_BOOTSTRAP_SERVERS={bootstrap} uv run callcenter tail calls
Ingest API docs:   http://127.0.0.1:{c["INGEST_HTTP_HOST_PORT"]}/docs
Live dashboard:    {simulated}{dashboard}acme   the call above
Ctrl-C stops everything.
""",
        flush=True,
    )
