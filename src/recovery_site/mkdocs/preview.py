"""Live preview: which pages a ``mkdocs serve --dirty`` rebuild must redo.

MkDocs' dirty rebuilds redo a page when its source file is newer than its
output. Generated pages have no source file, so MkDocs would redo all of
them (1,500 stories: the whole build) after any edit. Here a page counts
as changed when its generated Markdown differs from what was last written;
an article counts as changed when its file is newer or its footer (sources,
review date, 'Related' links from other content) differs. Editing one story
then redoes that story and the few pages that list it.

Pages whose output MkDocs already skips are left alone, so a title change
shown in the navigation still needs a full rebuild, as MkDocs itself warns.

``Preview`` is the one object that lives across a preview's rebuilds: what
was built, mkdocs.yml as last built, and the content errors shown in the
browser. Its decisions are plain (``page_changed``, ``pages_to_redo``,
``keep_last_good``); ``files.py`` turns them into what MkDocs reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .serve_errors import PreviewErrors


def digest(text: str) -> str:
    """A short fingerprint of generated text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class BuiltPages:
    """What the previous builds of this preview wrote, page by page."""

    #: src_uri -> (fingerprint of what decides the page, dest path in the site)
    built: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: This build's fingerprints, recorded as built once each page is written.
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)

    def changed(self, src_uri: str, fingerprint: str, dest_uri: str) -> bool:
        """Whether ``src_uri`` must be rebuilt; remembers ``fingerprint`` for ``written``."""
        self.pending[src_uri] = (fingerprint, dest_uri)
        previous = self.built.get(src_uri)
        return previous is None or previous[0] != fingerprint

    def forget_fingerprints(self) -> None:
        """Count every page as changed, still knowing where each was written."""
        self.built = {uri: ("", dest) for uri, (_, dest) in self.built.items()}

    def written(self, src_uri: str) -> None:
        """MkDocs wrote the page: its fingerprint is now the built one."""
        if src_uri in self.pending:
            self.built[src_uri] = self.pending.pop(src_uri)

    def remove_stale(self, site_dir: Path, current: set[str]) -> list[str]:
        """Delete output of generated pages that no longer exist (a story removed)."""
        removed = []
        for src_uri in sorted(set(self.built) - current):
            _, dest_uri = self.built.pop(src_uri)
            (site_dir / dest_uri).unlink(missing_ok=True)
            removed.append(src_uri)
        self.pending.clear()
        return removed


@dataclass
class Preview:
    """What ``mkdocs serve`` (or any ``--dirty`` build) remembers from one build to the next."""

    #: ``--dirty``: MkDocs rewrites only pages that report a change.
    dirty: bool
    #: ``mkdocs serve``: content errors are shown in the browser, not raised.
    serving: bool = True
    errors: PreviewErrors = field(default_factory=PreviewErrors)
    built: BuiltPages = field(default_factory=BuiltPages)
    #: Fingerprint of mkdocs.yml at the last good build, and at this one.
    settings: str | None = None
    new_settings: str | None = None
    #: mkdocs.yml changed since the last good build: every page is redone.
    redo_all: bool = False

    def start_build(self, settings_text: str, unbuilt_paths: Iterable[str]) -> None:
        """A build begins with mkdocs.yml reading ``settings_text``.

        ``unbuilt_paths``: content files whose errors do not hold the preview back.
        After an edit to mkdocs.yml (nav, theme, extra) every page is redone; the
        settings count as built only once a build succeeds (``finish_build``), so
        a rebuild that fails leaves the next one to redo everything.
        """
        self.errors.start_build(unbuilt_paths)
        if not self.dirty:
            return
        self.new_settings = digest(settings_text)
        self.redo_all = self.settings is not None and self.new_settings != self.settings
        if self.redo_all:
            self.built.forget_fingerprints()  # every page counts as changed

    @property
    def shown_errors(self) -> PreviewErrors | None:
        """Where content errors go instead of failing the build: only ``mkdocs serve``'s."""
        return self.errors if self.serving else None

    @property
    def rebuilding(self) -> bool:
        """A later dirty rebuild: the site holds a previous build's pages."""
        return self.dirty and bool(self.built.built)

    def page_changed(self, src_uri: str, markdown: str, dest_uri: str) -> bool:
        """Whether a generated page must be written (always, unless ``--dirty``)."""
        if not self.dirty:
            return True
        return self.built.changed(src_uri, digest(markdown), dest_uri)

    def pages_to_redo(
        self, footers: dict[str, str], dest_of: dict[str, str], pages: Iterable[str]
    ) -> list[str]:
        """Hand-written pages MkDocs would skip but that must be redone.

        An article whose footer (sources, review date, 'Related' links from
        other content) changed though its file did not; every page in
        ``pages`` after an edit to mkdocs.yml. ``dest_of``: src_uri -> dest_uri
        of the pages in this build.
        """
        if not self.dirty:
            return []
        redo = [
            uri
            for uri, footer in footers.items()
            if uri in dest_of and self.built.changed(uri, digest(footer), dest_of[uri])
        ]
        if self.redo_all:
            redo = list(dict.fromkeys([*redo, *pages]))
        return redo

    def keep_last_good(self) -> bool:
        """Whether this build must write nothing (``serve_errors.PreviewErrors``)."""
        return self.serving and self.errors.keep_last_good(self.dirty)

    def written(self, src_uri: str) -> None:
        """MkDocs wrote the page."""
        if self.dirty:
            self.built.written(src_uri)

    def finish_build(self, site_dir: Path, tracked: set[str]) -> tuple[bool, list[str]]:
        """The build is over: (whether the last good site was kept, stale pages removed)."""
        kept = self.errors.finish_build() if self.serving else False
        if kept:
            self.built.pending.clear()  # nothing was written: the next build compares as now
            return True, []
        if not self.dirty:
            return False, []
        self.settings = self.new_settings
        return False, self.built.remove_stale(site_dir, tracked)
