"""The files MkDocs is given, and how a dirty rebuild is told what to redo.

Everything here uses MkDocs 1.6's public ``File`` API: ``File.generated``
for pages made from content, a ``File`` subclass with its own
``is_modified`` for them, ``File.inclusion`` to leave files out. Two
behaviours of MkDocs that the preview relies on are not spelled out in its
API docs, so they are used only here and ``tests/test_mkdocs_adapter.py``
fails if an upgrade changes them:

- a ``--dirty`` build skips a file whose ``is_modified()`` is false, and a
  file read from disk reports itself modified when its output is older than
  its source (``redo`` makes the output older);
- a file whose ``inclusion`` is ``EXCLUDED`` is neither rendered nor copied,
  in ``mkdocs serve`` too (``keep_last_good_site``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..render.site import SitePlan
from .preview import Preview
from .run import BuildRun


class GeneratedPage(File):
    """A page made from content: MkDocs redoes it in a dirty build only if it ``changed``."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


def add_generated(
    files: Files, config: MkDocsConfig, run: BuildRun, preview: Preview | None
) -> None:
    """Add the plan's pages and pictures to ``files``; a hand-written file of the same
    path is a clash (``run.clashes``), reported with the checks."""
    plan = run.plan
    if plan is None:
        return
    exclude(files, plan)
    for recipe in plan.pages:
        uri = recipe.src_uri
        if files.get_file_from_path(uri) is not None:
            run.clashes.append(uri)
            continue
        markdown = run.markdown(recipe)
        if markdown is None:
            continue
        inclusion = InclusionLevel.UNDEFINED if recipe.in_nav else InclusionLevel.NOT_IN_NAV
        file = GeneratedPage.generated(config, uri, content=markdown, inclusion=inclusion)
        if preview is not None:
            file.changed = preview.page_changed(uri, markdown, file.dest_uri)
        files.append(file)
    for picture in plan.pictures:
        if files.get_file_from_path(picture.src_uri) is not None:
            run.clashes.append(picture.src_uri)
            continue
        data = run.picture(picture)
        if data is not None:
            files.append(File.generated(config, picture.src_uri, content=data))


def add_stylesheet(files: Files, config: MkDocsConfig, run: BuildRun, uri: str, css: str) -> None:
    """The brand stylesheet (``site_config.brand``), unless docs/ has a file at its path."""
    if files.get_file_from_path(uri) is not None:
        run.clashes.append(uri)
    else:
        files.append(File.generated(config, uri, content=css))


def exclude(files: Files, plan: SitePlan) -> None:
    """Hand-written pages marked for other countries are not built (``exclude_docs``' way)."""
    for uri in plan.excluded:
        if (page := files.get_file_from_path(uri)) is not None:
            page.inclusion = InclusionLevel.EXCLUDED


def redo(files: Files, uris: Iterable[str]) -> None:
    """Have a dirty build redo these pages, though their source files did not change.

    MkDocs redoes a file read from disk when its output is older than its
    source: the output's modification time is set to the epoch. (A page not
    yet written, or one held in memory, is always redone.)
    """
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is not None and os.path.isfile(file.abs_dest_path):
            os.utime(file.abs_dest_path, ns=(0, 0))


def keep_last_good_site(files: Files) -> None:
    """A dirty preview with content errors writes no page and copies no file.

    Generated pages report themselves unchanged, so MkDocs skips them as it
    skips any unchanged file; any other file this build would write is left
    out of it (an excluded file is neither rendered nor copied; MkDocs notes
    at INFO level when such a page is in the ``nav``). The preview's site
    stays as last built without errors, and ``serve_errors.py`` shows the
    errors over it. Nothing is recorded as written, so the build after the
    fix redoes what changed.
    """
    for file in files:
        if isinstance(file, GeneratedPage):
            file.changed = False
        elif file.is_modified():
            file.inclusion = InclusionLevel.EXCLUDED


def mark_for_preview(files: Files, run: BuildRun, preview: Preview) -> None:
    """After the report: keep the last good site, or redo what the preview says changed."""
    if preview.keep_last_good():
        keep_last_good_site(files)
    elif run.plan is not None:
        pages = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
        redo(files, preview.pages_to_redo(run.plan.footers, pages, pages))
