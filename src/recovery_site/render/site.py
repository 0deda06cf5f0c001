"""One plan of everything a site adds to its Markdown: the facade every adapter uses.

The MkDocs plugin, ``recovery-site render --out`` (the engine-neutral
pre-render) and the benchmark's plain baseline all need the same answers:
which pages are generated (and their Markdown), which article gets which
footer and review notice, which pictures are published, which hand-written
pages another country's site leaves out, which placeholders fill ``%%name%%``
and which Markdown extensions the generated text needs. ``plan_site`` gives
them all at once, so no adapter can forget a step or take them in another
order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..checks.images import image_entries
from ..load import Project
from . import REQUIRED_EXTENSIONS, PageRecipe, page_recipes, related_items
from .articles import render_article_footer, render_article_notice
from .country import excluded_articles, expand, expand_meta
from .images import strip_metadata
from .related import Item, related_markdown
from .review import with_notice
from .stories import STORIES_PER_PAGE

#: The folders pictures are published from, as URIs under the site.
PICTURE_FOLDERS = ("stories/images/", "faq/images/")


@dataclass(frozen=True)
class Picture:
    """A picture from ``content/*/images/``, published at ``src_uri`` without metadata."""

    src_uri: str
    path: str  # as diagnostics name it: content/stories/images/x.jpg
    file: Path  # the file as the editor saved it

    def data(self) -> bytes:
        """The picture rebuilt from its pixels: no EXIF, GPS or camera data."""
        return strip_metadata(self.file.read_bytes())


@dataclass(frozen=True)
class SitePlan:
    """What a build adds to the site, before any page is rendered."""

    pages: list[PageRecipe]
    footers: dict[str, str]  # article src_uri -> Markdown appended to it
    notices: dict[str, str]  # article src_uri -> review notice under its title
    extensions: tuple[str, ...]  # Markdown extensions the generated text needs
    pictures: list[Picture]
    excluded: set[str]  # hand-written pages for other countries: not built
    placeholders: dict[str, str]  # %%name%% -> the country profile's value
    related: dict[str, list[Item]] = field(default_factory=dict)

    @cached_property
    def generated(self) -> frozenset[str]:
        """The generated pages' paths: asked for every page, so made once."""
        return frozenset(r.src_uri for r in self.pages)

    def hand_written(self, src_uri: str, meta: dict, markdown: str) -> str:
        """A page of docs/ as published: placeholders filled in text and front matter
        (``meta`` is changed in place), and an article's notice and footer added."""
        expand_meta(meta, self.placeholders)
        markdown = expand(markdown, self.placeholders)
        footer = self.footers.get(src_uri)
        if footer is None:
            return markdown
        return with_notice(markdown, self.notices.get(src_uri, "")) + footer


def plan_site(
    project: Project,
    *,
    drafts: bool = False,
    help_page: str | None = None,
    stories_per_page: int = STORIES_PER_PAGE,
) -> SitePlan:
    """The plan of ``project``'s site. Page recipes are not rendered yet (``r.render()``);
    article footers are, so a broken record raises here (callers report the checks)."""
    related = related_items(project, drafts)
    footers = {
        a.src_uri: render_article_footer(
            a.meta,
            related_markdown(related.get(a.src_uri, []), a.src_uri, project.language),
            project.reviewers,
            project.language,
        )
        for a in project.articles
    }
    notices = {a.src_uri: render_article_notice(project, a) for a in project.articles}
    recipes = page_recipes(
        project,
        drafts=drafts,
        help_page=help_page,
        related=related,
        stories_per_page=stories_per_page,
    )
    pictures = []
    for entry in image_entries(project):
        uri = entry.rel  # content/stories/images/x.jpg -> stories/images/x.jpg
        if "/" in uri.removeprefix(PICTURE_FOLDERS[0]).removeprefix(PICTURE_FOLDERS[1]):
            continue  # in a folder inside images/: not published; the checks say so
        pictures.append(Picture(uri, entry.path, project.root / entry.path))
    placeholders = project.profile.placeholder_values() if project.profile else {}
    return SitePlan(
        pages=recipes,
        footers=footers,
        notices=notices,
        extensions=REQUIRED_EXTENSIONS,
        pictures=pictures,
        excluded=excluded_articles(project),
        placeholders=placeholders,
        related=related,
    )
