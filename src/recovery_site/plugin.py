"""The ``recovery`` MkDocs plugin: an adapter over load, checks and render.

Content logic lives in the engine-independent layers. This file moves
diagnostics into MkDocs' log and fails the build on content errors, adds the
generated pages, and schedules the work around MkDocs' own: Pagefind fed as
pages are rendered (``search_index.py``), and incremental preview rebuilds
(``preview.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import link_warnings
from .brand import BRAND_CSS, brand_css, parse_brand
from .checks import run_checks
from .checks.safety import check_files
from .config import DRAFTS_ENV, RecoveryConfig
from .dates import BadToday, today
from .diagnostics import Diagnostic, Severity, summarize
from .i18n import DEFAULT_LANGUAGE, languages, translator
from .load import Project, load_profiles, load_project
from .page_policy import add_page_policies, escape_front_matter, plain_title
from .preview import BuiltPages, GeneratedFile, digest, keep_last_good_site
from .render import REQUIRED_EXTENSIONS, PageRecipe, with_notice
from .render.country import expand, expand_meta, profile_to_extra
from .render.editions import alternates, href, page_uris, page_url, prefix
from .render.sanitize import sanitize_html
from .render.site import Picture, plan_site
from .search_index import SearchIndexError, build_search_index
from .serve_errors import PreviewApp, PreviewErrors, preview_leaves_out, silence_dirty_warning
from .theme_fixes import fix_html
from .theme_words import template_globals

# A plain logger under "mkdocs.": --strict counts its warnings, and the
# diagnostic text stays exactly as `recovery-site check` prints it.
#: The stylesheet made from extra.brand (below the site's output folder).

log = logging.getLogger("mkdocs.plugins.recovery")

T = TypeVar("T")

#: A Markdown link out of a translated edition's docs folder: [text](../path.md#anchor).
_PARENT_LINK = re.compile(r"\[([^\]\n]+)\]\(\.\./([^)#\s]+\.md)(#[^)\s]*)?\)")

#: Folders of docs/ that every language's edition publishes from the one copy.
SHARED_ASSETS = ("stylesheets", "javascripts")


@contextlib.contextmanager
def search_errors() -> Iterator[None]:
    """Pagefind's failures end the build as MkDocs' own errors do: a message, no traceback."""
    try:
        yield
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


class RecoveryPlugin(BasePlugin[RecoveryConfig]):
    """Generates FAQ and story pages from ``content/`` and enforces content checks."""

    def __init__(self) -> None:
        super().__init__()
        self._generated: set[str] = set()
        self._checks: list[Diagnostic] | None = None  # found, not yet reported
        # Pagefind, indexing pages on the second core as they are rendered.
        self._index_now = False  # this build ends by indexing the site (not in the background)
        # `mkdocs serve --dirty`: this instance lives across rebuilds (see on_startup).
        self._dirty = False
        self._built = BuiltPages()
        self._footers: dict[str, str] = {}
        self._notices: dict[str, str] = {}
        self._settings: str | None = None  # fingerprint of mkdocs.yml at the last build
        self._new_settings: str | None = None
        self._redo_all = False
        self._reindex: threading.Thread | None = None
        self._placeholders: dict[str, str] = {}  # %%name%% -> the country profile's value
        self._editions: dict[str, set[str]] = {}  # language -> its pages (src_uri)
        # `mkdocs serve`: content errors are shown in the browser, not raised.
        self._preview: PreviewErrors | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds,
        # so it remembers what it built for dirty (incremental) rebuilds.
        self._dirty = dirty
        if command == "serve":
            self._preview = PreviewErrors()
            if dirty:
                silence_dirty_warning()

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _content_dir(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.config.content_dir

    def _drafts(self) -> bool:
        env = os.environ.get(DRAFTS_ENV, "").strip().lower()
        return self.config.drafts or env in ("1", "true", "yes", "on")

    def _today(self) -> dt.date:
        """The checks' date: ``dates.today()``, as ``recovery-site check`` uses."""
        try:
            return today()
        except BadToday as exc:
            raise PluginError(str(exc)) from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.stories_per_page < 1:
            raise PluginError("recovery: stories_per_page must be 1 or more")
        # Generated Markdown relies on these; enable them if the site forgot.
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        self._country_extra(config)
        self._brand(config)
        return config

    def _brand(self, config: MkDocsConfig) -> None:
        """``extra.brand``'s colours as a generated stylesheet, linked after the theme's.

        A same-origin file, not inline styles: pages allow only ``style-src 'self'``.
        Invalid or low-contrast colours are reported by the checks (``bad-brand``,
        ``low-contrast``), which fail the build; no stylesheet is made from them.
        """
        brand, problems = parse_brand(config.extra.get("brand"))
        self._brand_css = brand_css(brand) if brand is not None and not problems else None
        if self._brand_css is not None and BRAND_CSS not in config.extra_css:
            config.extra_css.append(BRAND_CSS)

    def _country_extra(self, config: MkDocsConfig) -> None:
        """The crisis bar and help page show the country profile's lines.

        The templates read ``extra.crisis`` and ``extra.helplines``: filled from
        ``content/locales/<country>.yml`` unless mkdocs.yml sets them itself.
        A missing or broken profile is reported by the checks in ``on_files``.
        """
        country = self.config.country.lower()
        locales = self._content_dir(config) / "locales"
        language = self.config.language
        profile = load_profiles(locales, self._root(config), country, language)[0].get(country)
        if profile is None:
            return
        for key, value in profile_to_extra(profile).items():
            if not config.extra.get(key):
                config.extra[key] = value
        publisher = config.extra.get("publisher")
        if isinstance(publisher, dict) and not publisher.get("country"):
            publisher["country"] = profile.in_sentence

    # Run after other plugins have added their files, so a clash with a
    # hand-written page of the same path is seen and reported.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        root = self._root(config)
        drafts = self._drafts()
        if self._dirty:
            self._note_settings(config)
        project = self._load(root, config)
        self._editions = self._edition_pages(root, config, project)
        self._exclude_other_languages(files, config)
        if self._preview is not None:
            self._preview.start_build(preview_leaves_out(project, root, drafts))
        # Files first, and whatever the checks say: MkDocs follows symbolic links
        # and lets docs/ replace theme files, so such a tree is never built.
        today = self._today()
        unsafe = [d for d in check_files(project, today) if d.is_error]
        if unsafe:
            for d in unsafe:
                log.error(str(d))
            raise PluginError(
                f"{len(unsafe)} file(s) could publish what they should not; fix the lines "
                "listed above. Nothing was built."
            )
        # Reported at the end of on_files, with any clash, before MkDocs renders a
        # page. (Running them in a forked child saved no build time: see git log.)
        required = self.config.require_clinical_review
        self._checks = run_checks(project, today=today, require_clinical_review=required)
        help_page = self.config.help_page
        if help_page and files.get_file_from_path(help_page) is None:
            help_page = None  # no such page in this site: warnings point to the crisis bar
        plan = self._or_content_errors(
            "write the articles' footers",
            lambda: plan_site(
                project,
                drafts=drafts,
                help_page=help_page,
                stories_per_page=self.config.stories_per_page,
            ),
        )
        self._footers, self._notices = plan.footers, plan.notices
        self._placeholders = plan.placeholders
        for uri in plan.excluded:  # pages marked for other countries
            if (page := files.get_file_from_path(uri)) is not None:
                page.inclusion = InclusionLevel.EXCLUDED
        recipes = plan.pages
        self._generated = {r.src_uri for r in recipes}
        link_warnings.install(project, self._generated)
        # A preview's later (dirty) rebuilds index in the background instead.
        self._index_now = self.config.search and not (self._dirty and self._built.built)
        clashes = self._add_generated(files, config, recipes)
        if getattr(self, "_brand_css", None) is not None:
            if files.get_file_from_path(BRAND_CSS) is not None:
                clashes.append(BRAND_CSS)
            else:
                files.append(File.generated(config, BRAND_CSS, content=self._brand_css))
        clashes += self._add_images(files, config, plan.pictures)
        if self._dirty:
            self._mark_changed_articles(files)
        for uri in clashes:
            log.error(f"docs/{uri} clashes with a page generated from {self.config.content_dir}/")
        self._report_checks(clashes=len(clashes))
        return files

    def _load(self, root: Path, config: MkDocsConfig) -> Project:
        """This edition's project; a translation is linked to the English it translates."""
        language, country = self.config.language, self.config.country
        content = self._content_dir(config)
        project = load_project(root, content, Path(config.docs_dir), country, language=language)
        if language != DEFAULT_LANGUAGE:
            project.source = load_project(root, content, root / "docs", country)
        return project

    def _edition_pages(
        self, root: Path, config: MkDocsConfig, project: Project
    ) -> dict[str, set[str]]:
        """Every language's pages (for the switcher): this edition's and each other's."""
        pages = {self.config.language: page_uris(project)}
        content = self._content_dir(config)
        wanted = self.config.editions or languages()
        for name in languages():
            if name in pages or name not in wanted:
                continue
            folder = root / "docs" / name
            if name != DEFAULT_LANGUAGE and not (folder.is_dir() or (content / name).is_dir()):
                continue
            if name == DEFAULT_LANGUAGE and project.source is not None:
                other = project.source
            else:
                docs = root / "docs" if name == DEFAULT_LANGUAGE else folder
                other = load_project(root, content, docs, self.config.country, language=name)
            pages[name] = page_uris(other)
        return dict(sorted(pages.items(), key=lambda item: languages().index(item[0])))

    def _exclude_other_languages(self, files: Files, config: MkDocsConfig) -> None:
        """The default edition does not build docs/es/ (the Spanish edition does)."""
        if self.config.language != DEFAULT_LANGUAGE:
            return self._share_assets(files, config)
        others = tuple(f"{name}/" for name in languages() if name != DEFAULT_LANGUAGE)
        for file in files:
            if file.src_uri.startswith(others):
                file.inclusion = InclusionLevel.EXCLUDED

    def _share_assets(self, files: Files, config: MkDocsConfig) -> None:
        """A translated edition publishes the English docs' stylesheets and scripts (one copy)."""
        docs = self._root(config) / "docs"
        for folder in SHARED_ASSETS:
            for path in sorted((docs / folder).rglob("*")):
                uri = path.relative_to(docs).as_posix()
                if (
                    path.is_file()
                    and not path.is_symlink()
                    and files.get_file_from_path(uri) is None
                ):
                    files.append(File(uri, str(docs), config.site_dir, config.use_directory_urls))

    def _add_generated(
        self, files: Files, config: MkDocsConfig, recipes: list[PageRecipe]
    ) -> list[str]:
        """Add the generated pages to ``files``; return those a hand-written page clashes with."""
        clashes = []
        for recipe in recipes:
            uri = recipe.src_uri
            if files.get_file_from_path(uri) is not None:
                clashes.append(uri)
                continue
            inclusion = InclusionLevel.UNDEFINED if recipe.in_nav else InclusionLevel.NOT_IN_NAV
            markdown = self._or_content_errors(f"write the page {uri}", recipe.render)
            file = GeneratedFile.generated(config, uri, content=markdown, inclusion=inclusion)
            if self._dirty:
                file.changed = self._built.changed(uri, digest(markdown), file.dest_uri)
            files.append(file)
        return clashes

    def _add_images(self, files: Files, config: MkDocsConfig, pictures: list[Picture]) -> list[str]:
        """Publish content/*/images/ pictures, stripped of metadata (GPS, camera, time)."""
        clashes = []
        for picture in pictures:
            if files.get_file_from_path(picture.src_uri) is not None:
                clashes.append(picture.src_uri)
                continue
            data = self._or_content_errors(f"publish the picture {picture.path}", picture.data)
            files.append(File.generated(config, picture.src_uri, content=data))
        return clashes

    def _or_content_errors(self, what: str, work: Callable[[], T]) -> T:
        """``work()``; if it fails, show the content errors that explain it, not a traceback.

        Rendering runs while the checks may still run in a child, so it can meet
        content the checks would have stopped.
        """
        try:
            return work()
        except Exception as exc:  # any failure: editors get diagnostics, never a traceback
            self._report_checks()
            log.debug(f"could not {what}: {exc!r}")
            raise PluginError(f"could not {what} (details with --verbose)") from None

    def _note_settings(self, config: MkDocsConfig) -> None:
        """Dirty rebuilds: after an edit to mkdocs.yml (nav, theme, extra), redo every page.

        The settings count as built only once a build succeeds (``on_post_build``):
        a rebuild that fails leaves the next one to redo everything.
        """
        path = config.config_file_path
        self._new_settings = digest(Path(path).read_text(encoding="utf-8")) if path else ""
        self._redo_all = self._settings is not None and self._new_settings != self._settings
        if self._redo_all:
            self._built.forget_fingerprints()  # every page counts as changed

    def _mark_changed_articles(self, files: Files) -> None:
        """Dirty rebuilds: redo an article whose footer changed though its file did not."""
        for uri, footer in self._footers.items():
            file = files.get_file_from_path(uri)
            if file and self._built.changed(uri, digest(footer), file.dest_uri):
                file.is_modified = lambda: True  # type: ignore[method-assign]
        if self._redo_all:
            for file in files.documentation_pages():
                file.is_modified = lambda: True  # type: ignore[method-assign]

    def _report_checks(self, clashes: int = 0) -> None:
        """Log the content checks' findings; stop the build on any error or clash."""
        diagnostics, self._checks = self._checks or [], None
        for d in diagnostics:
            # Notes inform and never fail a strict build (which counts warnings).
            {Severity.ERROR: log.error, Severity.WARNING: log.warning}.get(d.severity, log.info)(
                str(d)
            )
        if self._preview is not None and not clashes:
            self._preview.found(diagnostics)  # serve: shown in the browser (serve_errors.py)
            return
        if clashes or any(d.is_error for d in diagnostics):
            found = summarize(diagnostics) + (f", {clashes} clashing page(s)" if clashes else "")
            raise PluginError(
                f"content has errors ({found}); fix the lines listed above. Nothing was built."
            )

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # The last moment before MkDocs writes into site_dir.
        self._report_checks()
        # Templates write our words through the catalogue: {{ t("search.title") }}.
        env.globals.update(template_globals(self.config.language, self._edition_of))
        if self._preview is not None and self._preview.keep_last_good(self._dirty):
            keep_last_good_site(files)
        return env

    def _edition_of(self, src_uri: str) -> str:
        """``''`` for a page this edition has, else the way up to the default edition."""
        language = self.config.language
        if language == DEFAULT_LANGUAGE or src_uri in self._editions.get(language, {src_uri}):
            return ""
        return "../" * prefix(language).count("/")

    def on_page_context(
        self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict:
        # The language switcher and hreflang links: the same page in every edition.
        if self.config.enabled and len(self._editions) > 1:
            context["rs_alternates"] = [
                {
                    "language": name,
                    "href": link,
                    "same": same,
                    # In the language it leads to: "Esta página en español".
                    "text": translator(name)("language.this_page" if same else "language.home"),
                }
                for name, link, same in alternates(
                    page.file.src_uri,
                    self.config.language,
                    self._editions,
                    bool(config.use_directory_urls),
                )
            ]
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self._checks = None
        self._index_now = False

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.config.enabled and page.file.src_uri not in self._generated:
            expand_meta(page.meta, self._placeholders)  # %%emergency%% -> 911 ...
            escape_front_matter(page.meta)
            markdown = expand(markdown, self._placeholders)
        if self.config.language != DEFAULT_LANGUAGE:
            markdown = self._links_to_default_edition(markdown, page, config)
        # Sources and review dates live in an article's front matter; show them.
        footer = self._footers.get(page.file.src_uri)
        if not self.config.enabled or footer is None:
            return markdown
        return with_notice(markdown, self._notices.get(page.file.src_uri, "")) + footer

    def _links_to_default_edition(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """``[text](../faq/x.md)`` in a translation: a link to the English page, if it exists.

        MkDocs validates links only inside one edition's docs folder, so the link
        is written as HTML (the sanitiser keeps it); a missing target stays a
        Markdown link and fails validation as usual.
        """
        english = self._editions.get(DEFAULT_LANGUAGE, set())
        current = prefix(self.config.language) + page_url(
            page.file.src_uri, bool(config.use_directory_urls)
        )

        def link(match: re.Match[str]) -> str:
            text, target, anchor = match.group(1), match.group(2), match.group(3) or ""
            if target not in english:
                return match.group(0)
            url = href(page_url(target, bool(config.use_directory_urls)), current) + anchor
            return f'<a href="{html.escape(url)}" hreflang="en">{text}</a>'

        return _PARENT_LINK.sub(link, markdown)

    # Last, so that nothing changes the HTML after it is sanitized.
    @event_priority(-100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Every page carries contributors' text (answers, stories, articles and
        # the includes appended to them): only allow-listed markup reaches readers.
        if self.config.enabled:
            html = sanitize_html(html)
            if "title" not in page.meta and page.title:
                # The theme prints the title unescaped (and `striptags` undoes entities).
                page.meta["title"] = plain_title(page.title)
        return html

    # Last, so that Pagefind indexes the page exactly as it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        output = add_page_policies(fix_html(output))
        if self._dirty:
            self._built.written(page.file.src_uri)
        return output

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates such as 404.html carry the same markup as pages.
        if not self.config.enabled:
            return output_content
        return add_page_policies(fix_html(output_content))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        indexed, self._index_now = self._index_now, False
        if indexed:
            if self._reindex is not None:
                self._reindex.join()  # never two Pagefinds writing one folder
            with search_errors():
                build_search_index(Path(config.site_dir))
        if self._preview is not None and self._preview.finish_build():
            self._built.pending.clear()  # nothing was written: the next build compares as now
            return
        if self._dirty:
            self._settings = self._new_settings
            site = Path(config.site_dir)
            tracked = self._generated | set(self._footers)
            for uri in self._built.remove_stale(site, tracked):
                log.info(f"preview: removed {uri}, which no longer exists")
            if self.config.search and not indexed:
                self._reindex_in_background(site)

    def _reindex_in_background(self, site: Path) -> None:
        """A dirty rebuild wrote a few pages: refresh search without holding up the reload."""
        if self._reindex is not None:
            self._reindex.join()  # never two Pagefinds writing one folder

        def reindex() -> None:
            try:
                build_search_index(site)
            except SearchIndexError as exc:
                log.warning(f"preview search index not updated: {exc}")

        self._reindex = threading.Thread(target=reindex, name="pagefind-preview", daemon=True)
        self._reindex.start()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        content = self._content_dir(config)
        if self.config.enabled and content.is_dir():
            server.watch(str(content))
        if self.config.enabled and self._preview is not None:
            # Error panel and live reload under the pages' Content-Security-Policy.
            server.set_app(PreviewApp(server.get_app(), self._preview))
        return server
