"""Build the Pagefind search index of a site (adapter: runs the ``pagefind[bin]`` program).

Pagefind splits the index into small chunks that a browser fetches only for
the words searched, so a search costs a reader a few hundred kilobytes, not
the whole index. Only page content marked ``data-pagefind-body`` is indexed;
each question heading with an id becomes its own result with a deep link.

The index is built once the site is written, by the Pagefind command over
the finished site: about 1 s for the benchmark corpus' 1,939 pages. (Feeding
Pagefind each page as it was rendered, through its service protocol, saved
under 10% of the build and was removed: figures in ``git log``.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (the MkDocs plugin turns it into a PluginError)."""


#: Heading permalinks ("¶") are not words.
EXCLUDE_SELECTORS = (".headerlink",)


def build_search_index(site_dir: Path) -> None:
    """Run Pagefind (the ``pagefind[bin]`` wheel) on ``site_dir``; fail the build on error."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not build the search index with Pagefind: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind failed to build the search index: " + " | ".join(detail))
