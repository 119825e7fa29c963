"""Running the platform's services as real processes, for e2e tests and benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chassis.broker import free_port
from chassis.testing.waiting import eventually_sync

LOGS = Path(os.environ.get("E2E_LOG_DIR", "/tmp/callcenter-e2e-logs"))


@dataclass
class RunningService:
    name: str
    process: subprocess.Popen[bytes]
    http_port: int
    grpc_port: int | None = None
    log: Path = field(default_factory=Path)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"


class ServiceRunner:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.running: list[RunningService] = []

    def start(self, name: str, command: str, grpc: bool = False) -> RunningService:
        http_port, grpc_port = free_port(), free_port() if grpc else None
        LOGS.mkdir(parents=True, exist_ok=True)
        log = LOGS / f"{self.env['TOPIC_PREFIX']}{name}.{len(self.running)}.log"
        env = {**os.environ, **self.env, "HTTP_PORT": str(http_port)}
        if grpc_port:
            env["GRPC_PORT"] = str(grpc_port)
        with open(log, "wb") as out:
            process = subprocess.Popen([command], env=env, stdout=out, stderr=subprocess.STDOUT)
        service = RunningService(name, process, http_port, grpc_port, log)
        self.running.append(service)
        eventually_sync(lambda: self._ready(service), timeout=120, what=f"{name} ready")
        return service

    @staticmethod
    def _ready(service: RunningService) -> bool:
        if service.process.poll() is not None:
            raise RuntimeError(f"{service.name} exited; see {service.log}")
        try:
            return httpx.get(f"{service.url}/readyz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self, name: str) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        service = next(s for s in self.running if s.name == name)
        service.process.kill()
        service.process.wait()
        self.running.remove(service)

    def stop_all(self) -> None:
        for service in self.running:
            service.process.send_signal(signal.SIGTERM)
        for service in self.running:
            try:
                service.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                service.process.kill()
