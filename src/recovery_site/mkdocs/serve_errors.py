"""Preview that keeps talking: content errors shown in the browser during ``mkdocs serve``.

``mkdocs build`` stops on a content error, as CI must. A preview that stopped
the same way would leave the editor looking at a stale page with no word of
why (MkDocs: "The server will appear stuck"). In serve mode the plugin hands
the checks' findings to ``PreviewErrors`` instead of failing:

- With a site already built without errors (``--dirty``), nothing new is
  written: the last good site stays, and every HTML page is served with a
  panel listing the errors at ``path:line:col``. Saving the fix rebuilds, and
  live reload brings the page back without the panel.
- Errors only in stories this preview does not build (drafts without
  ``--drafts``, stories scheduled for later) never hold the preview back:
  they are listed in a quieter panel, because ``./scripts/build`` and CI will
  still fail on them.

The panel is added when a page is *served* (a WSGI wrapper round MkDocs'
live-reload server), never written into ``site/``. The same wrapper lets live
reload work under the pages' Content-Security-Policy: MkDocs injects its
reload script inline at serve time, which the policy (hashes computed at
build time) blocks; the wrapper recomputes the policy for the page as served.
The panel itself has no script and no style attribute (classes in
``docs/stylesheets/site.css``).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..load import Project, split_front_matter
from ..page_policy import policy_for
from ..render import unbuilt_story_paths
from ..yaml_source import parse_yaml

#: MkDocs' warning on every ``--dirty`` build. The plugin redoes exactly the
#: generated pages an edit changes and every page after an edit to mkdocs.yml
#: (``preview.py``), which is what the warning is about, so in a preview it
#: only alarms. Matched exactly: any other warning still shows.
DIRTY_WARNING = "A 'dirty' build is being performed"


class DirtyBuildWarningFilter(logging.Filter):
    """Drops MkDocs' "dirty build" warning, and nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        dirty = record.getMessage().startswith(DIRTY_WARNING)
        return not (dirty and record.levelno == logging.WARNING)


def silence_dirty_warning() -> None:
    """Install the filter on the logger MkDocs' build command writes it to (once)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyBuildWarningFilter) for f in logger.filters):
        logger.addFilter(DirtyBuildWarningFilter())


UNPUBLISHED = ("draft", "in-review")


def _declared_status(path: Path) -> object:
    """The ``status:`` a story's front matter states, read even when the story is invalid."""
    try:
        front, _, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    data, _, _ = parse_yaml(front or "", path.name) if front else (None, None, None)
    return data.get("status") if isinstance(data, dict) else None


def preview_leaves_out(project: Project, root: Path, drafts: bool) -> set[str]:
    """Content files whose errors do not hold a preview back: the stories it does not build.

    A story that did not load (an unknown field, a missing one) counts as a
    draft when its front matter still reads ``status: draft`` or
    ``in-review``; one whose YAML cannot be read at all might be published,
    so its errors hold the preview back.
    """
    left_out = unbuilt_story_paths(project, drafts)
    if drafts:
        return left_out
    loaded = {s.path for s in project.stories}
    for d in project.diagnostics:
        story = d.path.endswith(".md") and "/stories/" in f"/{d.path}"
        unloaded = story and d.is_error and d.path not in loaded | left_out
        if unloaded and _declared_status(root / d.path) in UNPUBLISHED:
            left_out.add(d.path)
    return left_out


@dataclass(frozen=True)
class Shown:
    """What the browser is shown, swapped whole so request threads never see half a build."""

    blocking: tuple[Diagnostic, ...] = ()
    unbuilt: tuple[Diagnostic, ...] = ()
    #: True: the site is the last one built without errors (nothing new written).
    kept_last_good: bool = False


@dataclass
class PreviewErrors:
    """Content errors of the preview's latest build, for the browser."""

    shown: Shown = field(default_factory=Shown)
    #: Whether some build of this preview finished without blocking errors.
    good_build: bool = False
    _found: list[Diagnostic] = field(default_factory=list)
    _unbuilt_paths: frozenset[str] = frozenset()
    _keep: bool = False

    def start_build(self, unbuilt_paths: Iterable[str]) -> None:
        """A build begins: ``unbuilt_paths`` are content files this preview does not build."""
        self._found = []
        self._unbuilt_paths = frozenset(unbuilt_paths)
        self._keep = False

    def found(self, diagnostics: Iterable[Diagnostic]) -> None:
        """The checks' findings (the plugin may report in more than one go)."""
        self._found.extend(diagnostics)

    @property
    def blocking(self) -> list[Diagnostic]:
        """Errors in content this preview builds (or cannot tell: a file that did not load)."""
        return [d for d in self._found if d.is_error and d.path not in self._unbuilt_paths]

    def keep_last_good(self, dirty: bool) -> bool:
        """Whether this build must write nothing and leave the last good site.

        Only a ``--dirty`` preview keeps its site between builds, and only one
        that has built without errors has a good site to keep; otherwise the
        preview builds what loaded and shows the errors over it.
        """
        self._keep = dirty and self.good_build and bool(self.blocking)
        return self._keep

    def finish_build(self) -> bool:
        """The build is over: publish what to show; True if the last good site was kept."""
        blocking = self.blocking
        unbuilt = [d for d in self._found if d.is_error and d.path in self._unbuilt_paths]
        self.shown = Shown(tuple(sorted(blocking)), tuple(sorted(unbuilt)), self._keep)
        if not blocking:
            self.good_build = True
        return self._keep


def _items(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(
        f'<li><code class="rs-preview-errors__line">{html.escape(str(d))}</code></li>'
        for d in diagnostics
    )


def _count(n: int) -> str:
    return f"{n} error{'s' if n != 1 else ''}"


def panel_html(shown: Shown) -> str:
    """The panel listing ``shown``'s errors (all text escaped); empty when there are none."""
    parts = []
    if shown.blocking:
        if shown.kept_last_good:
            say = (
                "This preview shows the site as it was last built without errors; your latest "
                "changes are not in it yet. Fix the lines below and save: this page reloads by "
                "itself."
            )
        else:
            say = (
                "Pages with these problems may be missing or wrong. Fix the lines below and "
                "save: this page reloads by itself."
            )
        parts.append(
            '<h2 class="rs-preview-errors__title">Preview: the content has '
            f"{_count(len(shown.blocking))}</h2><p>{say}</p>"
            f'<ul class="rs-preview-errors__list">{_items(shown.blocking)}</ul>'
        )
    if shown.unbuilt:
        parts.append(
            '<h2 class="rs-preview-errors__title">'
            f"{_count(len(shown.unbuilt))} in stories this preview does not build</h2>"
            "<p>Drafts (preview them with <code>./scripts/serve --drafts</code>) and stories "
            "scheduled for later. The rest of the preview is up to date, but "
            "<code>./scripts/build</code> and CI fail until these are fixed.</p>"
            f'<ul class="rs-preview-errors__list">{_items(shown.unbuilt)}</ul>'
        )
    if not parts:
        return ""
    kind = "" if shown.blocking else " rs-preview-errors--unbuilt"
    return (
        f'<section class="rs-preview-errors{kind}" aria-label="Content errors">'
        + "".join(parts)
        + "</section>"
    )


_BODY = re.compile(rb"<body[^>]*>", re.I)
_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">', re.I)


def serve_page(page: bytes, shown: Shown) -> bytes:
    """A page as the preview serves it: the error panel first in ``<body>``, and a policy
    that also allows the live-reload script MkDocs' server has just added inline."""
    panel = panel_html(shown).encode("utf-8")
    body = _BODY.search(page)
    if panel and body is not None:
        page = page[: body.end()] + panel + page[body.end() :]
    csp = _CSP.search(page)
    if csp is not None:
        policy = policy_for(page.decode("utf-8", "replace"))
        tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'.encode()
        page = page[: csp.start()] + tag + page[csp.end() :]
    return page


StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class PreviewApp:
    """WSGI wrapper round MkDocs' live-reload server: HTML pages go through ``serve_page``."""

    def __init__(self, app: WsgiApp, errors: PreviewErrors) -> None:
        self.app = app
        self.errors = errors

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            started.append((status, headers))
            return lambda data: None  # MkDocs' server never calls write()

        result = self.app(environ, capture)
        status, headers = started[-1]
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(status, headers)
            return result
        try:
            page = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        page = serve_page(page, self.errors.shown)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(page))))
        start_response(status, headers)
        return [page]
