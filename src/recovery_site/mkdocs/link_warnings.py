"""MkDocs' own link warnings, said against the content file an editor can fix.

MkDocs validates links in every page's Markdown, generated pages included,
and names the page (``Doc file 'faq/medications.md' contains a link ...``),
a path no editor can open. ``checks/links.py`` reports the same links at
their line in ``content/``, so this logging filter drops MkDocs' repeat of a
link the checks reported, and turns any other warning about a generated page
into an error naming the content file: a broken link is never dropped.
"""

from __future__ import annotations

import logging
import re

from ..checks.links import broken_links, find_link
from ..load import Project

#: The logger MkDocs' link and anchor validation writes to.
PAGES_LOGGER = "mkdocs.structure.pages"
_LINK_WARNING = re.compile(
    r"\ADoc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
    r"link '(?P<url>.*?)'(?:, | which)",
    re.S,
)


class LinkWarnings(logging.Filter):
    """Maps link warnings on ``generated`` pages back to ``project``'s content files."""

    def __init__(self, project: Project, generated: set[str]) -> None:
        super().__init__("recovery-link-warnings")
        self._project = project
        self._generated = generated
        self._reported: set[tuple[str, str]] | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        match = _LINK_WARNING.match(record.getMessage())
        if match is None:
            return True
        page, url = match.group("page"), match.group("url")
        if self._reported is None:
            self._reported = broken_links(self._project)
        if (page, url) in self._reported:
            return False  # `check` reported it at its line; the build fails on that
        if page not in self._generated:
            return True  # a hand-written page: MkDocs' message names docs/, the file to fix
        found = find_link(self._project, page, url)
        where = (
            str(found)
            if found is not None
            else f"{page}: error: [link-not-found] a generated link does not work (a bug: please "
            "report it)"
        )
        record.msg, record.args = f"{where} (MkDocs: {record.getMessage()})", ()
        record.levelno, record.levelname = logging.ERROR, "ERROR"
        return True


def install(project: Project, generated: set[str]) -> LinkWarnings:
    """Put a fresh filter on MkDocs' page logger (replacing the previous build's)."""
    logger = logging.getLogger(PAGES_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, LinkWarnings)]:
        logger.removeFilter(old)
    new = LinkWarnings(project, generated)
    logger.addFilter(new)
    return new
