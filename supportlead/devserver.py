"""`make run`'s processes: the web server, a Celery worker and beat, stopped together.

    python -m supportlead.devserver [--port 8000]

Each runs in a session of its own, so Ctrl-C (SIGINT) or SIGTERM reaches this process
alone; it then asks each to stop (SIGTERM: the worker's warm shutdown), waits up to
``GRACE`` seconds in all, kills what is left with its whole process group (the worker's
pool, the autoreloader's child) and exits 0. The shell's ``trap 'kill 0'`` it replaces
signalled make itself and could leave a worker repeating "Warm shutdown"."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE = 8.0
BIN = Path(sys.executable).parent


def _start(command: list[str], log: Path | None) -> subprocess.Popen:
    out = log.open("ab") if log else None
    return subprocess.Popen(
        command, stdout=out, stderr=subprocess.STDOUT if out else None, start_new_session=True
    )


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
    for process in processes:  # what did not stop in time, with its children
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--log-dir", type=Path, default=Path("var/log"))
    args = parser.parse_args(argv)
    args.log_dir.mkdir(parents=True, exist_ok=True)
    celery = [str(BIN / "celery"), "-A", "supportlead"]
    processes = [
        _start(
            [*celery, "worker", "--loglevel=INFO", "--concurrency=2"], args.log_dir / "worker.log"
        ),
        _start([*celery, "beat", "--loglevel=INFO"], args.log_dir / "beat.log"),
        _start([sys.executable, "manage.py", "runserver", f"127.0.0.1:{args.port}"], None),
    ]
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(process.poll() is None for process in processes):
        time.sleep(0.2)
    if not stopping:
        print("supportlead: a process stopped on its own; stopping the others.", flush=True)
    print("\nStopping the web server, the worker and beat…", flush=True)
    _stop(processes)
    print("Stopped.", flush=True)
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
