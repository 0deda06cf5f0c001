"""Page clashes: two sources that the build would write to one page.

MkDocs writes ``stories/x.md`` and ``stories/x/index.md`` to the same
``stories/x/index.html``, so a story named ``topic.md`` and the page of the
tag ``index`` overwrite each other, and a hand-written ``docs/faq/<topic>/index.md``
silently replaces (or is replaced by) the generated topic page. Tags are cut
to 60 characters in page paths, so two long tags would share one list. Each
of these is an error naming both sources; the page paths come from ``paths``,
the same names the renderer uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error
from ..load import Project
from ..paths import (
    FAMILIES_PAGE,
    FAQ_INDEX,
    STORIES_INDEX,
    faq_topic_page,
    output_page,
    story_page,
    tag_slug,
    topic_page,
)

_LIST_PAGE = re.compile(r"\Astories/(?:topic/(?P<tag>[^/]+)/)?page/\d+/index\.html\Z")


@dataclass(frozen=True)
class Source:
    """What writes a page: a description for editors and where to report it."""

    what: str
    path: str | None = None  # None: a page the site makes itself (an index)
    line: int = 1
    col: int = 1

    def named(self) -> str:
        where = f" ({self.path}:{self.line})" if self.path else ""
        return self.what + where


def _sources(project: Project) -> Iterator[tuple[str, Source]]:
    """``(src_uri, source)`` of every page: hand-written ones first, as MkDocs lists them.

    Every story counts, drafts too: a preview builds them, and a clash
    should be fixed before the story is published.
    """
    for article in project.articles:
        yield article.src_uri, Source(f"the page docs/{article.src_uri}", article.path)
    yield FAQ_INDEX, Source("the FAQ index")
    for doc in project.topics:
        yield faq_topic_page(doc.slug), Source(f"the FAQ topic '{doc.slug}'", doc.path)
    yield STORIES_INDEX, Source("the stories index")
    for story in project.stories:
        yield story_page(story.slug), Source(f"the story '{story.slug}'", story.path)
    yield FAMILIES_PAGE, Source("the page for families")


def _tag_sources(project: Project) -> Iterator[tuple[str, str, Source]]:
    """``(tag, src_uri, source)`` for each story tag, at the story that uses it first."""
    seen: set[str] = set()
    for story in project.stories:
        for i, tag in enumerate(story.story.topics):
            if tag in seen:
                continue
            seen.add(tag)
            line, col = story.source_map.value_at(("topics", i))
            source = Source(f"the list of stories tagged '{tag}'", story.path, line, col)
            yield tag, topic_page(tag), source


def _clash(later: Source, earlier: Source, page: str) -> Diagnostic:
    at = later if later.path else earlier
    other = earlier if at is later else later
    return error(
        at.path or "",
        at.line,
        at.col,
        "page-clash",
        f"{at.what} and {other.named()} would both be written to {page}, and one would "
        "silently replace the other; rename one of them",
    )


def check_page_clashes(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    written: dict[str, Source] = {}
    for src_uri, source in _sources(project):
        page = output_page(src_uri)
        if page in written:
            yield _clash(source, written[page], page)
        else:
            written[page] = source
    tags: dict[str, tuple[str, Source]] = {}
    for tag, src_uri, source in _tag_sources(project):
        slug = tag_slug(tag)
        if slug in tags:
            first_tag, first = tags[slug]
            yield error(
                source.path or "",
                source.line,
                source.col,
                "page-clash",
                f"the tags '{first_tag}' ({first.path}:{first.line}) and '{tag}' share one "
                f"page ({src_uri}): tags are cut to 60 characters in addresses; shorten one",
            )
            continue
        tags[slug] = (tag, source)
        page = output_page(src_uri)
        if page in written:
            yield _clash(source, written[page], page)
        else:
            written[page] = source
    # Later pages of the story lists (stories/page/2/...): their number depends on
    # the site's stories_per_page, so any hand-written page there is a clash.
    for article in project.articles:
        page = output_page(article.src_uri)
        match = _LIST_PAGE.match(page)
        if match and (match.group("tag") is None or match.group("tag") in tags):
            yield error(
                article.path,
                1,
                1,
                "page-clash",
                f"the page docs/{article.src_uri} is written to {page}, where a page of a "
                "generated story list may go; move it elsewhere",
            )


CHECKS = (check_page_clashes,)
