"""Watching a process's output, for the e2e tests."""

from __future__ import annotations

import subprocess
import threading


class OutputLines:
    """Collects a process's output lines in a thread, so tests can wait on them."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout
        for line in process.stdout:
            self.lines.append(line.rstrip("\n"))

    def containing(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]
