"""Switches that turn one build optimisation off: benchmark aids, read here only.

``scripts/bench`` builds the corpus once with each switch set to measure what
that optimisation saves (issue #18: one that saves under 10% of build time is
removed). They change how long a build takes, never what it writes. Set to
``1`` (or true/yes/on):

- ``RECOVERY_SITE_NO_STREAM_INDEX``: Pagefind indexes the finished site after
  the build instead of being fed each page as it is rendered.
"""

from __future__ import annotations

import os

SWITCHES = {
    "streamed indexing": "RECOVERY_SITE_NO_STREAM_INDEX",
}


def enabled(optimisation: str) -> bool:
    """Whether ``optimisation`` (a key of ``SWITCHES``) is on: unless its switch is set."""
    value = os.environ.get(SWITCHES[optimisation], "").strip().lower()
    return value not in ("1", "true", "yes", "on")
