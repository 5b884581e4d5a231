"""Browser journeys in Debian's headless Chromium (/usr/bin/chromium), driven by Playwright
against the app served by the test run (pytest-django's live_server)."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls our fixtures make
# between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "e2e"
PASSWORD = "journey-pass-2026"

A11Y_CHECK = """
() => {
  const problems = [];
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if (!visible(el)) continue;
    const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
      || el.closest('label') || (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`))
      || el.getAttribute('title');
    if (!labelled) problems.push(`unlabelled ${el.tagName.toLowerCase()} name=${el.name || '?'}`);
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.src}`);
  }
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1) problems.push(`heading skips from h${previous} to h${level}: ${h.textContent.trim()}`);
    if (!previous && level !== 1) problems.push(`first heading is h${level}: ${h.textContent.trim()}`);
    previous = level;
  }
  for (const b of document.querySelectorAll('button, a[href]')) {
    if (!visible(b)) continue;
    const name = (b.textContent || '').trim() || b.getAttribute('aria-label') || b.getAttribute('title')
      || (b.querySelector('img[alt]') && b.querySelector('img[alt]').alt);
    if (!name) problems.push(`${b.tagName.toLowerCase()} without an accessible name: ${b.outerHTML.slice(0, 80)}`);
  }
  return problems;
}
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture
def demo_org(transactional_db):
    """A small demo org (the same builder as `make run`), fresh for each journey."""
    call_command("seed_demo", people=80, seed=11, password=PASSWORD, force=True)


@pytest.fixture
def app(live_server, demo_org, page):
    """The live app with the demo org, and a page with a default timeout."""
    page.set_default_timeout(15_000)
    return live_server


@pytest.fixture
def shots(request):
    """Save a named screenshot of the page under var/e2e/<test>/."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot


def assert_accessible(page) -> None:
    problems = page.evaluate(A11Y_CHECK)
    assert not problems, f"{page.url}: " + "; ".join(problems)


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
