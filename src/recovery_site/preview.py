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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File, Files


def digest(text: str) -> str:
    """A short fingerprint of generated text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class GeneratedFile(File):
    """A generated page for MkDocs that knows whether it changed since last built."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


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


def keep_last_good_site(files: Files) -> None:
    """A ``--dirty`` build with content errors writes no page and copies no file.

    MkDocs skips, in a dirty build, every file that reports itself
    unmodified; the preview's site then stays as last built without errors
    (``serve_errors.py`` shows the errors over it), and since nothing is
    recorded as written, the build after the fix redoes what changed.
    """
    for file in files:
        file.is_modified = lambda: False  # type: ignore[method-assign]
