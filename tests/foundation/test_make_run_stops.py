"""`make run`'s processes (supportlead.devserver) stop together, cleanly, on Ctrl-C
(SIGINT) and on SIGTERM: in under 10 s, exit 0, no worker, beat or server left."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def children_of(pid: int) -> set[int]:
    """Every descendant of ``pid``, read from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_make_runs_processes_stop_together(tmp_path, signum):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["VAR_DIR"] = str(tmp_path / "var")  # its own SQLite and broker
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "supportlead.devserver",
            "--port",
            str(port),
            "--log-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not answers(port) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert answers(port), "the web server never answered"
        time.sleep(3)  # the worker and beat are up too
        spawned = children_of(server.pid)
        assert len(spawned) >= 3  # worker (and its pool), beat, server (and its reloader)
        started = time.monotonic()
        server.send_signal(signum)
        output, _ = server.communicate(timeout=15)
        took = time.monotonic() - started
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, output
    assert took < 10, f"stopped in {took:.1f} s"
    assert "Stopped." in output
    assert "Segmentation fault" not in output
    time.sleep(0.5)
    assert [pid for pid in spawned if process_alive(pid)] == []
