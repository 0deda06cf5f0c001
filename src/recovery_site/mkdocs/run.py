"""One build: its project, checks and plan, and the one report of its content errors.

A ``BuildRun`` is made in ``on_files`` and lives until the next build. It
goes through the core once (load, file safety, checks, ``plan_site``) and
renders the generated pages when MkDocs is given them. Whatever goes wrong
with content, the editor is told in one place, ``report``, at the end of
``on_files`` and before MkDocs renders any page: every diagnostic logged once,
then the build stopped (``mkdocs build``) or the errors handed to the preview
(``mkdocs serve``). Only files that could publish what they should not
(``check_files``) stop the run earlier, before the checks even run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from mkdocs.exceptions import PluginError

from ..checks import run_checks
from ..checks.safety import check_files
from ..dates import BadToday, today
from ..diagnostics import Diagnostic, Severity, summarize
from ..i18n import DEFAULT_LANGUAGE
from ..load import Project, load_project
from ..render import PageRecipe
from ..render.site import Picture, SitePlan, plan_site
from .serve_errors import PreviewErrors

T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """What a build reads, as plain values (from mkdocs.yml and the plugin's options)."""

    root: Path  # the folder of mkdocs.yml
    docs: Path  # this edition's docs folder
    content_dir: str = "content"  # as mkdocs.yml names it, relative to root
    language: str = DEFAULT_LANGUAGE
    country: str = "us"
    drafts: bool = False
    help_page: str | None = None  # None: no such page in this site
    stories_per_page: int = 50
    require_clinical_review: bool = False

    @property
    def content(self) -> Path:
        """The content folder (``faq/``, ``stories/``, ``locales/``)."""
        return self.root / self.content_dir


def load(inputs: Inputs) -> Project:
    """This edition's project; a translation is linked to the English it translates."""
    project = load_project(
        inputs.root, inputs.content, inputs.docs, inputs.country, language=inputs.language
    )
    if inputs.language != DEFAULT_LANGUAGE:
        project.source = load_project(
            inputs.root, inputs.content, inputs.root / "docs", inputs.country
        )
    return project


def checks_date() -> dt.date:
    """The checks' date: ``dates.today()``, as ``recovery-site check`` uses."""
    try:
        return today()
    except BadToday as exc:
        raise PluginError(str(exc)) from None


@dataclass
class BuildRun:
    """One build's findings and plan, reported once (``report``)."""

    project: Project
    diagnostics: list[Diagnostic]
    plan: SitePlan | None  # None: the plan could not be made (see failures)
    #: Work that could not be done ("write the page faq/x.md"), reported as an error.
    failures: list[str] = field(default_factory=list)
    #: Generated files a hand-written one of the same path clashes with.
    clashes: list[str] = field(default_factory=list)
    reported: bool = False
    content_dir: str = "content"  # named in the clash message

    @classmethod
    def start(cls, inputs: Inputs, log: logging.Logger) -> BuildRun:
        """Load, refuse unsafe files, run the checks and plan the site."""
        project = load(inputs)
        date = checks_date()
        # Files first, whatever the checks say: MkDocs follows symbolic links and
        # lets docs/ replace theme files, so such a tree is never built.
        unsafe = [d for d in check_files(project, date) if d.is_error]
        if unsafe:
            for d in unsafe:
                log.error(str(d))
            raise PluginError(
                f"{len(unsafe)} file(s) could publish what they should not; fix the lines "
                "listed above. Nothing was built."
            )
        diagnostics = run_checks(
            project, today=date, require_clinical_review=inputs.require_clinical_review
        )
        run = cls(project, diagnostics, None, content_dir=inputs.content_dir)
        run.plan = run.attempt(
            "write the articles' footers",
            lambda: plan_site(
                project,
                drafts=inputs.drafts,
                help_page=inputs.help_page,
                stories_per_page=inputs.stories_per_page,
            ),
        )
        return run

    @property
    def generated(self) -> set[str]:
        """The generated pages (src_uri)."""
        return set(self.plan.generated) if self.plan is not None else set()

    @property
    def tracked(self) -> set[str]:
        """Pages a dirty preview follows: generated pages and articles with a footer."""
        return self.generated | (set(self.plan.footers) if self.plan is not None else set())

    def attempt(self, what: str, work: Callable[[], T]) -> T | None:
        """``work()``, or None when it fails: the failure is reported with the checks.

        Content the checks stop (say, an unreadable record) may also break a
        renderer; the editor gets the diagnostics, never a traceback.
        """
        try:
            return work()
        except Exception as exc:  # any failure: editors get diagnostics, never a traceback
            logging.getLogger("mkdocs.plugins.recovery").debug(f"could not {what}: {exc!r}")
            self.failures.append(what)
            return None

    def markdown(self, recipe: PageRecipe) -> str | None:
        """A generated page's Markdown, or None if it could not be written."""
        return self.attempt(f"write the page {recipe.src_uri}", recipe.render)

    def picture(self, picture: Picture) -> bytes | None:
        """A picture without its metadata, or None if it could not be read."""
        return self.attempt(f"publish the picture {picture.path}", picture.data)

    def report(self, log: logging.Logger, preview: PreviewErrors | None = None) -> None:
        """Log every finding once; stop a build on errors, or give a preview's to ``preview``.

        A clash, or work that could not be done, stops a preview too: there is
        no page to show for it. Content errors explain a failed page better
        than the failure, so they are what the build stops with.
        """
        if self.reported:
            return
        self.reported = True
        for d in self.diagnostics:
            # Notes inform and never fail a strict build (which counts warnings).
            {Severity.ERROR: log.error, Severity.WARNING: log.warning}.get(d.severity, log.info)(
                str(d)
            )
        for uri in self.clashes:
            log.error(f"docs/{uri} clashes with a page generated from {self.content_dir}/")
        if preview is not None and not self.clashes and not self.failures:
            preview.found(self.diagnostics)  # serve: shown in the browser (serve_errors.py)
            return
        clashes = len(self.clashes)
        if clashes or any(d.is_error for d in self.diagnostics):
            found = summarize(self.diagnostics) + (
                f", {clashes} clashing page(s)" if clashes else ""
            )
            raise PluginError(
                f"content has errors ({found}); fix the lines listed above. Nothing was built."
            )
        if self.failures:  # with no content error to explain it
            raise PluginError(f"could not {self.failures[0]} (details with --verbose)")
