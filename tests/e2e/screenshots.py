"""`make screenshots`: the README's pictures, taken of the demo org in headless Chromium.

Builds a throw-away demo org under var/screenshots/ (SQLite, the real seed_demo), serves it
with runserver, logs in as each demo role and saves the main pages to docs/screenshots/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "supportlead-demo"
PORT = 8765
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


EXPORT_PEOPLE = """
import csv
from candidates.models import Person
people = Person.objects.filter(is_active=True).select_related("department", "manager")
with open("{path}", "w", newline="") as handle:
    out = csv.writer(handle)
    out.writerow(["email", "full_name", "title", "level", "department", "manager_email"])
    for person in people.order_by("pk"):
        title = "Acting team lead" if person.user and person.user.username == "candidate" else person.title
        out.writerow([person.email, person.full_name, title, person.level, person.department.name,
                      person.manager.email if person.manager else ""])
    manager = Person.objects.get(user__username="manager")
    out.writerow(["riley.new@example.com", "Riley Newman", "Support engineer", 1,
                  manager.department.name, manager.email])
"""


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer on port {port}")


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")


def shoot(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
    print(f"  docs/screenshots/{name}.png  {page.url}")


def main() -> None:
    # Long on purpose: one journey, in the order a person walks it.
    var = ROOT / "var" / "screenshots"
    shutil.rmtree(var, ignore_errors=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
    }
    env["VAR_DIR"] = str(var)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_demo", "--people", "300", "--force", env=env)
    OUT.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The directory import is checked by the worker.
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "supportlead",
            "worker",
            "--pool=solo",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_for_port(PORT)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            log_in(page, base, "manager")
            shoot(page, "talent-pool")
            page.goto(f"{base}/candidates/ninebox/")
            shoot(page, "ninebox")
            page.goto(f"{base}/candidates/positions/")
            shoot(page, "key-positions")
            page.goto(f"{base}/candidates/")
            page.get_by_role("link", name="Casey Morgan").first.click()
            shoot(page, "candidate-profile")
            page.get_by_role("link", name="Support record", exact=True).click()
            shoot(page, "support-record")
            page.goto(f"{base}/candidates/development/")
            shoot(page, "development")
            page.goto(f"{base}/reviews/")
            page.get_by_role("link", name="what moved").first.click()
            shoot(page, "review-what-moved")
            page.get_by_role("link", name="Board").click()
            shoot(page, "review-board")
            page.goto(f"{base}/reports/")
            shoot(page, "reports")
            page.goto(f"{base}/reports/outcomes/")
            shoot(page, "outcomes")
            page.goto(f"{base}/reports/calibration/")
            shoot(page, "calibration")
            page.goto(f"{base}/candidates/positions/")
            page.get_by_text("of them stale").first.locator("xpath=ancestor::tr").locator(
                "a"
            ).first.click()
            page.get_by_role("link", name=re.compile("^Readiness & evidence")).first.click()
            shoot(page, "readiness")
            log_in(page, base, "mentor")
            page.goto(f"{base}/mentorship/")
            shoot(page, "mentor-home")
            log_in(page, base, "manager")
            page.goto(f"{base}/mentorship/pairings/new/")
            if page.get_by_label("Candidate").count():  # someone of the line has no mentor
                page.get_by_label("Candidate").select_option(index=1)
                page.locator("[data-suggestions] [data-suggestion]").first.wait_for()
                shoot(page, "mentor-suggestions")
            log_in(page, base, "candidate")
            shoot(page, "my-plan")
            page.goto(f"{base}/me/own-words/")
            shoot(page, "own-words")
            page.goto(f"{base}/insights/")
            shoot(page, "insights")
            page.goto(f"{base}/me/")
            page.get_by_role("link", name="Open the agreement").click()
            shoot(page, "agreement")
            # HR's audit after the crawl above: who opened what, from where.
            log_in(page, base, "hr")
            page.goto(f"{base}/audit/")
            shoot(page, "audit")
            # The directory import's preview: the demo's people, one newcomer, one promotion.
            people_csv = var / "people.csv"
            manage("shell", "-c", EXPORT_PEOPLE.format(path=people_csv), env=env)
            page.goto(f"{base}/candidates/people/import/")
            page.get_by_label("People CSV").set_input_files(str(people_csv))
            page.get_by_role("button", name="Check the file").click()
            for _ in range(60):  # the worker checks it; the page follows
                if page.locator("#preview-heading").count():
                    break
                time.sleep(1)
                page.reload()
            shoot(page, "people-import")
            page.goto(f"{base}/candidates/people/provisioning/")
            shoot(page, "provisioning")
            # HR's everyday administration, without Django admin.
            page.goto(f"{base}/candidates/positions/")
            page.locator("td.cell-name a").first.click()
            page.get_by_role("link", name="Edit or retire the position").click()
            shoot(page, "position-edit")
            page.goto(f"{base}/candidates/competencies/")
            shoot(page, "competencies")
            page.goto(f"{base}/candidates/")
            page.get_by_role("link", name="Casey Morgan").first.click()
            page.get_by_role("link", name="Edit in the directory").click()
            shoot(page, "person-edit")
            page.goto(f"{base}/support-data/")
            shoot(page, "support-data")
            # The programme people apply to: this year's intake, last year's cohort.
            page.goto(f"{base}/programme/")
            page.locator("[data-intake] a").first.click()
            shoot(page, "intake")
            page.goto(f"{base}/programme/")
            page.get_by_role("link", name=re.compile("^Cohort ")).first.click()
            shoot(page, "cohort")
            page.goto(f"{base}/mentorship/mentors/")
            shoot(page, "mentors")
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            log_in(phone, base, "manager")
            shoot(phone, "talent-pool-phone")
            # Every main page at phone width, under docs/screenshots/phone/.
            (OUT / "phone").mkdir(exist_ok=True)
            for path, name in [
                ("/candidates/", "pool"),
                ("/candidates/ninebox/", "ninebox"),
                ("/candidates/positions/", "positions"),
                ("/candidates/development/", "development"),
            ]:
                phone.goto(f"{base}{path}")
                shoot(phone, f"phone/{name}")
            phone.goto(f"{base}/candidates/positions/")
            phone.locator("tbody a").first.click()
            shoot(phone, "phone/position")
            phone.goto(f"{base}/candidates/")
            phone.get_by_role("link", name="Casey Morgan").first.click()
            shoot(phone, "phone/profile")
            log_in(phone, base, "mentor")
            shoot(phone, "phone/mentor-home")
            log_in(phone, base, "candidate")
            shoot(phone, "phone/my-plan")
            phone.get_by_role("link", name="Open the agreement").click()
            shoot(phone, "phone/agreement")
            browser.close()
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
