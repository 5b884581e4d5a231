"""A real OpenID Connect provider process for the tests (tests/oidc/provider.mjs, the
npm package oidc-provider run by the machine's Node.js), on a free loopback port."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import requests

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "supportlead"
CLIENT_SECRET = "test-only-client-secret"
OTHER_CLIENT_ID = "another-app"
OTHER_CLIENT_SECRET = "another-test-only-secret"
HR_GROUP = "talent-hr"


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def provider_running(*, app_urls: list[str], groups: dict[str, list[str]] | None = None):
    """The provider, knowing this app at each of ``app_urls`` (the test client's
    http://testserver and a live server's address) and another client besides."""
    if not (HERE / "node_modules" / "oidc-provider").exists():
        raise RuntimeError("Run `npm ci --prefix tests/oidc` (make test does).")
    port = free_port()
    clients = [
        {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{url}/accounts/sso/callback/" for url in app_urls],
            "post_logout_redirect_uris": [f"{url}/accounts/login/" for url in app_urls],
        },
        {
            "client_id": OTHER_CLIENT_ID,
            "client_secret": OTHER_CLIENT_SECRET,
            "redirect_uris": ["http://127.0.0.1:9/callback"],
        },
    ]
    process = subprocess.Popen(
        ["node", str(HERE / "provider.mjs")],
        env={
            **os.environ,
            "PORT": str(port),
            "CLIENTS": json.dumps(clients),
            "GROUPS": json.dumps(groups or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1)
                break
            except requests.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oidc-provider did not start: {process.stdout.read()}"
                    ) from None
                time.sleep(0.1)
        yield RunningProvider(issuer=issuer, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def sign_in_at_provider(authorize_url: str, login: str) -> str:
    """Follow an authorisation request through the provider's own login form as
    ``login``; returns the redirect back to the client (with the code)."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False)
    while response.status_code in (302, 303):
        location = urljoin(response.url, response.headers["Location"])
        if not location.startswith(urljoin(authorize_url, "/")):
            return location  # back to the client
        response = browser.get(location, allow_redirects=False)
    # The login form of the interaction, posted where it says.
    found = re.search(r'<form[^>]*action="([^"]+)"', response.text)
    assert found, f"No login form at {response.url}"
    action = urljoin(response.url, html.unescape(found.group(1)))
    response = browser.post(
        action,
        data={"prompt": "login", "login": login, "password": "any"},
        allow_redirects=False,
    )
    while response.status_code in (302, 303):
        location = urljoin(response.url, response.headers["Location"])
        if not location.startswith(urljoin(authorize_url, "/")):
            return location
        response = browser.get(location, allow_redirects=False)
    raise AssertionError(f"The provider did not send the browser back: {response.status_code}")


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}
