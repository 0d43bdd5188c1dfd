"""Take the screenshots shown in the README (docs/screenshots/) from the graph last built, in headless Chromium.

Usage: .venv/bin/python scripts/screenshots.py [--home .lmskg] [--case ojmn-2013-maimone-abstract-1]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"scripts/screenshots.py: the server at {url} did not answer") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=".lmskg", help="the built graphs (default .lmskg)")
    parser.add_argument("--case", default="ojmn-2013-maimone-abstract-1", help="the case to show")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "LMSKG_HOME": args.home, "LMSKG_WORKERS": "1"}
    server = subprocess.Popen([sys.executable, str(ROOT / "server.py"), "--host", "127.0.0.1", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(url)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(f"{url}/")
            page.screenshot(path=OUT / "overview.png")
            page.goto(f"{url}/data/case/{args.case}")
            page.screenshot(path=OUT / "case.png")
            page.goto(f"{url}/query")
            page.select_option("#examples", "case-treatments")
            page.locator(".yasqe_queryButton:visible").click()
            page.wait_for_selector(".yasr:visible table.dataTable tbody tr")
            page.screenshot(path=OUT / "query.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
