"""How this project starts headless Chromium (tests, screenshots, benchmarks).

Debian's Chromium, never a browser downloaded by `playwright install`; the
flags keep it from reaching out to Google's services (there is no network
but the package registries here) and let it run as root in a container.
"""

from __future__ import annotations

import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """Path of the ``chromium`` executable on PATH, or None."""
    return shutil.which("chromium")
