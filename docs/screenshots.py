"""Screenshots of every web page, on the bundled demo, for the README.

    .venv/bin/python docs/screenshots.py [OUT_DIR]      (default: docs/screenshots)

Copies ``examples/`` to a scratch directory, polls the demo feed once, serves the API
and pages (``ir-feed serve``) on a free port with an admin token, adds one webhook
subscription (to a closed local port, so its messages show failed attempts) and lets
the demo's diffs queue for it, then drives Debian's chromium (``IR_FEED_CHROMIUM``,
default ``/usr/bin/chromium``) through Playwright: one PNG per page, at a desktop and
at a phone width.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("IR_FEED_CHROMIUM", "/usr/bin/chromium")
TOKEN = "screenshot-admin-token-0123456789"
KEY = "nwbt|designation|fda|fast-track|nwb101|ipf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(base: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {TOKEN}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as answer:
        raw = answer.read()
    return json.loads(raw) if raw else None


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"ir-feed serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("ir-feed serve did not become ready")


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "examples"
        shutil.copytree(REPO / "examples", demo, ignore=shutil.ignore_patterns("*.db*"))
        port = _free_port()
        config = demo / "demo.yaml"
        config.write_text(
            config.read_text()
            + f"api: {{port: {port}, token: '{TOKEN}'}}\ndelivery: {{allow_private_networks: true}}\n"
        )
        run = [sys.executable, "-m", "ir_feed"]
        subprocess.run([*run, "poll", "--once", "--all", "--config", str(config)], check=True, capture_output=True)
        log = (Path(tmp) / "serve.log").open("wb")
        proc = subprocess.Popen([*run, "serve", "--config", str(config)], stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, proc)
            _api(base, "POST", "/v1/subscriptions",
                 {"name": "research-desk", "url": "http://127.0.0.1:9/hooks", "format": "webhook",
                  "kinds": ["designation", "trial_start"]})  # fmt: skip
            _api(
                base,
                "POST",
                "/v1/deliveries/replay",
                {"subscription": "research-desk", "since": "2020-01-01T00:00:00Z"},
            )
            shots = [
                ("events", "/"),
                ("events-filtered", "/?kind=designation&announced=true"),
                ("event", "/events/" + urllib.request.quote(KEY, safe="")),
                ("issuer-timeline", "/issuers/NASDAQ:CLRQ"),
                ("feeds", "/feeds"),
                ("subscriptions", "/subscriptions"),
                ("subscription", "/subscriptions/research-desk"),
            ]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                for width, suffix in ((1280, ""), (390, "-phone")):
                    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
                    page.goto(base + "/login?next=/")
                    page.get_by_label("API token").fill(TOKEN)
                    page.get_by_role("button", name="Sign in").click()
                    page.wait_for_url(base + "/")
                    for name, path in shots:
                        page.goto(base + path)
                        target = out / f"{name}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
                    page.context.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
