"""The site's Pagefind index, over its whole life in a build or a preview.

A build indexes the finished site at ``on_post_build`` and fails, as MkDocs'
own errors do, if Pagefind fails. A preview's later (dirty) rebuilds write a
few pages: their index is refreshed in the background so live reload is not
held up, and a failure there is a warning (the next rebuild tries again).
Never two Pagefinds write one folder. What Pagefind leaves out of a page is
decided by the page's markup (``data-pagefind-ignore``, from the renderers)
and ``search_index.EXCLUDE_SELECTORS``, not here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..search_index import SearchIndexError, build_search_index

log = logging.getLogger("mkdocs.plugins.recovery")

NOW = "now"
BACKGROUND = "background"


@dataclass
class Search:
    """When and how this build's site is indexed."""

    #: Indexes a written site (Pagefind; tests pass a stand-in).
    index: Callable[[Path], None] = build_search_index
    #: This build's plan: NOW, BACKGROUND or None (no index).
    mode: str | None = None
    _thread: threading.Thread | None = None

    def plan(self, *, enabled: bool, rebuild: bool) -> None:
        """Before pages are written: a preview's ``rebuild`` indexes in the background."""
        self.mode = (BACKGROUND if rebuild else NOW) if enabled else None

    def cancel(self) -> None:
        """The build failed: nothing to index."""
        self.mode = None

    def after_build(self, site: Path, *, wrote: bool = True) -> None:
        """The site is written (``wrote``: False when a preview kept its last good site)."""
        mode, self.mode = self.mode, None
        if mode is None or not wrote:
            return
        self.wait()  # never two Pagefinds writing one folder
        if mode == NOW:
            try:
                self.index(site)
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from None
            return
        self._thread = threading.Thread(
            target=self._refresh, args=(site,), name="pagefind-preview", daemon=True
        )
        self._thread.start()

    def _refresh(self, site: Path) -> None:
        try:
            self.index(site)
        except SearchIndexError as exc:
            log.warning(f"preview search index not updated: {exc}")

    def wait(self) -> None:
        """Until a background refresh has finished."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
