"""`vanort serve` started for a test: the real command in a process of its own, on
a free port of localhost, over the test's registry; stopped after the test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    registry: str, *args: str, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[str]:
    """`vanort --db REGISTRY serve --port P ARGS...` until the block ends: its base URL."""
    port = free_port()
    environment = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "vanort_cli", "--db", registry, "serve", "--port", str(port)]
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen([*command, *args], env=environment, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"vanort serve stopped: exit {process.returncode}")
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                # Asked again soon: a refused connection costs next to nothing, and
                # every web test waits here for its server (up to a tenth of a
                # second more, idle, when this was 0.1).
                time.sleep(0.02)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            output.close()  # type: ignore[union-attr]
