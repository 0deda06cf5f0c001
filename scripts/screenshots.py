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
    "faq-index": "/faq/",
    "faq-topic": "/faq/recovery-basics/",
    # An answer opened by its address, as from search or a related link.
    "faq-answer": "/faq/overdose-and-naloxone/#what-to-do-in-an-overdose",
    "story": "/stories/a-harder-year/",
    "help": "/get-help/",
    "stories": "/stories/",
    "stories-topic": "/stories/topic/moud/",
    "families": "/families/",
    "editors": "/editors/content-checks/",
}
#: A phone's first screen (375 x 800): what a reader sees before scrolling.
FIRST_SCREEN = {"width": 375, "height": 800}


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
        page = browser.new_page(viewport=FIRST_SCREEN)
        for name, path in PAGES.items():
            page.goto(base + path)
            target = out / f"{name}-375-first-screen.png"
            page.screenshot(path=str(target))
            print(f"wrote {target}")
        page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
