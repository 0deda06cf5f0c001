"""The ``recovery`` MkDocs plugin: hooks of a few lines over the adapter's plain objects.

Content logic lives in the engine-independent layers; each hook here hands
MkDocs' objects to one of this package's modules and returns. A FAQ answer
goes from YAML to HTML through the core once (``run.BuildRun``: load, checks,
``plan_site``) and this adapter once (``files.add_generated``, then MkDocs
renders, ``on_page_content`` sanitises, ``on_post_page`` adds the page
policies, ``search.Search`` indexes the site); nothing below calls back here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..brand import BRAND_CSS
from ..i18n import DEFAULT_LANGUAGE
from ..page_policy import add_page_policies, escape_front_matter, plain_title
from ..render import with_notice
from ..render.country import expand, expand_meta
from ..render.editions import links_to_default_edition
from ..render.sanitize import sanitize_html
from ..render.stories import drafts_wanted
from ..theme_fixes import fix_html
from ..theme_words import template_globals
from . import editions, link_warnings, site_config
from .config import RecoveryConfig
from .files import (
    add_generated,
    add_stylesheet,
    mark_for_preview,
)
from .preview import Preview
from .run import BuildRun, Inputs
from .search import Search
from .serve_errors import PreviewApp, preview_leaves_out, silence_dirty_warning

# A plain logger under "mkdocs.": --strict counts its warnings, and the
# diagnostic text stays exactly as `recovery-site check` prints it.
log = logging.getLogger("mkdocs.plugins.recovery")


def settings_text(config: MkDocsConfig) -> str:
    """mkdocs.yml as written (a preview redoes every page after an edit to it)."""
    path = config.config_file_path
    return Path(path).read_text(encoding="utf-8") if path else ""


class RecoveryPlugin(BasePlugin[RecoveryConfig]):
    """Generates FAQ and story pages from ``content/`` and enforces content checks."""

    def __init__(self) -> None:
        super().__init__()
        self.run: BuildRun | None = None  # this build
        self.preview: Preview | None = None  # `mkdocs serve` or --dirty: lives across builds
        self.search = Search()
        self.editions: editions.Editions = {}
        self.brand_css: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds,
        # so the preview remembers what it built for dirty (incremental) rebuilds.
        if command == "serve" or dirty:
            self.preview = Preview(dirty=dirty, serving=command == "serve")
        if command == "serve" and dirty:
            silence_dirty_warning()

    def inputs(self, config: MkDocsConfig, files: Files | None = None) -> Inputs:
        """This build's settings as plain values."""
        help_page = self.config.help_page
        if files is not None and help_page and files.get_file_from_path(help_page) is None:
            help_page = None  # no such page in this site: warnings point to the crisis bar
        return Inputs(
            root=Path(config.config_file_path or ".").resolve().parent,
            docs=Path(config.docs_dir),
            content_dir=self.config.content_dir,
            language=self.config.language,
            country=self.config.country,
            drafts=drafts_wanted(self.config.drafts),
            help_page=help_page or None,
            stories_per_page=self.config.stories_per_page,
            require_clinical_review=self.config.require_clinical_review,
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.stories_per_page < 1:
            raise PluginError("recovery: stories_per_page must be 1 or more")
        site_config.require_extensions(config)
        site_config.country_extra(config, self.inputs(config))
        self.brand_css = site_config.brand(config)
        return config

    # Run after other plugins have added their files, so a clash with a
    # hand-written page of the same path is seen and reported.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        inputs = self.inputs(config, files)
        run = self.run = BuildRun.start(inputs, log)
        self.editions = editions.edition_pages(inputs, run.project, self.config.editions)
        editions.own_files(files, config, inputs.language, inputs.root)
        preview = self.preview
        if preview is not None:
            unbuilt = preview_leaves_out(run.project, inputs.root, inputs.drafts)
            preview.start_build(settings_text(config), unbuilt)
        self.search.plan(enabled=self.config.search, rebuild=bool(preview and preview.rebuilding))
        link_warnings.install(run.project, run.generated)
        add_generated(files, config, run, preview)
        if self.brand_css is not None:
            add_stylesheet(files, config, run, BRAND_CSS, self.brand_css)
        run.report(log, preview.shown_errors if preview is not None else None)
        if preview is not None:
            mark_for_preview(files, run, preview)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Templates write our words through the catalogue: {{ t("search.title") }}.
        language = self.config.language
        env.globals.update(
            template_globals(
                language, lambda uri: editions.edition_of(self.editions, language, uri)
            )
        )
        return env

    def on_page_context(
        self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict:
        # The language switcher and hreflang links: the same page in every edition.
        if self.config.enabled and len(self.editions) > 1:
            context["rs_alternates"] = editions.switcher(
                self.editions,
                self.config.language,
                page.file.src_uri,
                bool(config.use_directory_urls),
            )
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self.search.cancel()

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        plan = self.run.plan if self.config.enabled and self.run is not None else None
        uri = page.file.src_uri
        if plan is not None and uri not in plan.generated:
            expand_meta(page.meta, plan.placeholders)  # %%emergency%% -> 911 ...
            escape_front_matter(page.meta)
            markdown = expand(markdown, plan.placeholders)
        markdown = links_to_default_edition(
            markdown,
            uri,
            self.config.language,
            self.editions.get(DEFAULT_LANGUAGE, set()),
            bool(config.use_directory_urls),
        )
        # Sources and review dates live in an article's front matter; show them.
        footer = plan.footers.get(uri) if plan is not None else None
        if plan is None or footer is None:
            return markdown
        return with_notice(markdown, plan.notices.get(uri, "")) + footer

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
        if self.preview is not None:
            self.preview.written(page.file.src_uri)
        return add_page_policies(fix_html(output))

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates such as 404.html carry the same markup as pages.
        if not self.config.enabled:
            return output_content
        return add_page_policies(fix_html(output_content))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site, kept = Path(config.site_dir), False
        if self.preview is not None and self.run is not None:
            kept, removed = self.preview.finish_build(site, self.run.tracked)
            for uri in removed:
                log.info(f"preview: removed {uri}, which no longer exists")
        self.search.after_build(site, wrote=not kept)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        content = self.inputs(config).content
        if self.config.enabled and content.is_dir():
            server.watch(str(content))
        if self.config.enabled and self.preview is not None and self.preview.serving:
            # Error panel and live reload under the pages' Content-Security-Policy.
            server.set_app(PreviewApp(server.get_app(), self.preview.errors))
        return server
