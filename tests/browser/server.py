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
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
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
        daphne_args: tuple[str, ...] = (),  # more daphne options than `make run`'s (manage.py serve)
        serve: tuple[str, ...] = ("manage.py", "serve"),  # the script that serves, and its first arguments
    ):
        self.daphne_args = daphne_args
        self.serve = serve
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
        """Migrate, collect the static files (unless collected for it), load the demo committee and
        read its links, as `make run` does."""
        self.manage("migrate", "--noinput", "-v0")
        if not self.env.get("STATIC_ROOT"):
            self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo")
        self.read_links()
        return self

    def read_links(self, slug: str = "unodc") -> dict[str, str]:
        """The links `make run` prints for one committee (UNODC unless named), by whom they are for."""
        out = self.manage("links", slug, "--base", self.base)
        self.links = dict(re.findall(r"^(.+?): (http\S+)$", out, re.M))
        return self.links

    def start(self, timeout: float = 30) -> RoomServer:
        if self.process is not None and self.process.poll() is None:
            # A second daphne on the same port could not listen, and the first would outlive the test.
            raise RuntimeError("this server is already running: stop() or kill() it first")
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                *self.serve,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--",
                *self.daphne_args,
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


class Browser:
    """A visitor without a browser: a cookie jar and the CSRF token, as a page has them."""

    def __init__(self, base: str, slug: str = "unodc"):
        self.base = base
        self.slug = slug
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url: str) -> str:
        return self.opener.open(url, timeout=20).read().decode()

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)

    def cookies(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def answer(self, command: str, fields: dict, headers: dict | None = None) -> tuple[int, str]:
        """POST a command as the page does (htmx): (status, the regions or message answered)."""
        request = urllib.request.Request(
            f"{self.base}/c/{self.slug}/do/{command}/",
            data=urllib.parse.urlencode(fields).encode(),
            headers={"X-CSRFToken": self.cookie("csrftoken"), "HX-Request": "true", **(headers or {})},
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, command: str, fields: dict) -> int:
        return self.answer(command, fields)[0]
