"""Screenshots of key pages in headless Chromium: scripts/screenshots calls this."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from recovery_site.chromium import CHROMIUM_ARGS, find_chromium

PAGES = {
    "home": "/",
    "faq-topic": "/faq/recovery-basics/",
    "story": "/stories/a-harder-year/",
    "help": "/get-help/",
    "stories": "/stories/",
    "families": "/families/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path, out: Path) -> None:
    chromium = find_chromium()
    if not chromium:
        sys.exit("error: no chromium on PATH (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for width in (375, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path)
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"wrote {target}")
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
