"""Build the Pagefind search index of a built site (adapter: runs a program).

Pagefind splits the index into small chunks that a browser fetches only for
the words searched, so a search costs a reader a few hundred kilobytes, not
the whole index. Only page content marked ``data-pagefind-body`` is indexed;
each question heading with an id becomes its own result with a deep link.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError


def build_search_index(site_dir: Path) -> None:
    """Run Pagefind (the ``pagefind[bin]`` wheel) on ``site_dir``; fail the build on error."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--silent",
        # Heading permalinks ("¶") are not words.
        "--exclude-selectors",
        ".headerlink",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"could not build the search index with Pagefind: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise PluginError("Pagefind failed to build the search index: " + " | ".join(detail))
