"""The slowest query of each benchmarked page, explained (PostgreSQL).

    DATABASE_URL=postgres://… python tests/bench/explain_slowest.py [hr|manager] [--plans]

Opens every page ``bench_pages`` measures (``demo.bench``) as the user, in process, finds
the query that took longest, runs ``EXPLAIN (ANALYZE)`` on it and prints its execution
time and the plan's top node (``--plans``: the whole plan). Read-only apart from the
audit rows the pages write, as browsing does."""

import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportlead.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from demo.bench import PEERS, bench_pages  # noqa: E402


def main(user: str, plans: bool) -> None:
    clients = {}
    for name in {user, "manager", "mentor", "candidate", "admin"}:
        clients[name] = Client()
        clients[name].force_login(get_user_model().objects.get(username=name))
    print(f"as {user}: the slowest query of each page, EXPLAIN ANALYZE")
    for name, url, *other in bench_pages(user, 500):
        if name in PEERS:
            continue
        client = clients[other[0] if other else user]
        client.get(url, secure=True)  # warm
        timed = []

        def wrapper(execute, sql, params, many, context, timed=timed):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append((time.perf_counter() - started, sql, params))

        with connection.execute_wrapper(wrapper):
            response = client.get(url, secure=True)
        if response.status_code != 200 or not timed:
            continue
        spent, sql, params = max(timed, key=lambda t: t[0])
        if not sql.lstrip().upper().startswith(("SELECT", "(SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        executed = next((line for line in plan if line.startswith("Execution Time")), "")
        top = next((line.strip() for line in plan[1:] if "->" in line), plan[0]).lstrip("-> ")
        print(f"{name:<34} {spent * 1000:6.1f} ms | {executed} | {top[:90]}")
        if plans:
            print("\n".join("    " + line for line in plan))


if __name__ == "__main__":
    main(
        next((a for a in sys.argv[1:] if not a.startswith("--")), "hr"),
        "--plans" in sys.argv,
    )
