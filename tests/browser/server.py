"""A real server for browser tests: the same `daphne config.asgi:application` that `make run` starts,
in its own process, on its own database, so a test can kill it and start it again."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RoomServer:
    def __init__(
        self,
        var_dir: Path,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        daphne_args: tuple[str, ...] = ("--websocket_timeout", "-1"),  # as `make run`
    ):
        self.daphne_args = daphne_args
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        self.env.update(
            {
                "VAR_DIR": str(var_dir),
                "PORT": str(self.port),
                "PYTHONUNBUFFERED": "1",
                "DJANGO_SETTINGS_MODULE": "config.settings",
            }
        )
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.env.update(env or {})
        self.log_path = var_dir / f"daphne-{self.port}.log"
        self.process: subprocess.Popen | None = None
        self.links: dict[str, str] = {}

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> RoomServer:
        """Migrate, load the demo committee and read its links, as `make run` does."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo")
        self.read_links()
        return self

    def read_links(self) -> dict[str, str]:
        out = self.manage("links", "--base", self.base)
        self.links = dict(re.findall(r"^(.+?): (http\S+)$", out, re.M))
        return self.links

    def start(self, timeout: float = 30) -> RoomServer:
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                *self.daphne_args,
                "config.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited:\n{self.log_path.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not listen on {self.port}:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """A crash, not a shutdown: SIGKILL, so no socket is closed politely."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
