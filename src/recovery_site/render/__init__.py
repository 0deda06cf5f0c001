"""Turn loaded records into Markdown page text: pure functions, no MkDocs.

Keeping rendering free of MkDocs means another engine (Zensical, or a plain
Markdown pipeline) could drive the same content. The Markdown written here
needs the extensions in ``REQUIRED_EXTENSIONS``; adapters enable them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import human_date
from ..load import Project, StoryDoc
from .articles import render_article_footer
from .families import PAGE as FAMILIES_PAGE
from .families import render_families
from .faq import render_faq_index, render_topic
from .markdown import md_escape
from .related import Item, related_index, related_markdown
from .stories import (
    render_story,
    render_story_index,
    render_topic_stories,
    story_topics,
    topic_page,
)

__all__ = [
    "REQUIRED_EXTENSIONS",
    "GeneratedPage",
    "human_date",
    "md_escape",
    "related_items",
    "render_article_footer",
    "render_faq_index",
    "render_pages",
    "render_story",
    "render_story_index",
    "render_topic",
]

REQUIRED_EXTENSIONS = ("attr_list", "admonition", "toc", "md_in_html", "pymdownx.details")


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: ``src_uri`` is its path as if under docs/.

    ``in_nav`` is False for pages reached from a section index (one per story
    or topic), so the navigation does not grow with the content.
    """

    src_uri: str
    markdown: str
    in_nav: bool = False


def published_stories(project: Project, drafts: bool) -> list[StoryDoc]:
    """The stories that are built: published ones, and with ``drafts`` every one."""
    return [s for s in project.stories if drafts or s.story.status == "published"]


def related_items(project: Project, drafts: bool = False) -> dict[str, list[Item]]:
    """'Related' pages for every article, FAQ topic and built story, by src_uri."""
    items = [
        Item(a.src_uri, a.meta.title, "article", frozenset(a.meta.topics))
        for a in project.articles
        if a.meta.title and a.meta.topics
    ]
    items += [
        Item(f"faq/{t.slug}.md", t.topic.title, "faq", frozenset(t.topic.topics))
        for t in project.topics
    ]
    items += [
        Item(f"stories/{s.slug}.md", s.story.title, "story", frozenset(s.story.topics))
        for s in published_stories(project, drafts)
    ]
    return related_index(items)


def render_pages(
    project: Project,
    *,
    drafts: bool = False,
    help_page: str | None = None,
    related: dict[str, list[Item]] | None = None,
) -> list[GeneratedPage]:
    """Every generated page of the site. Stories not ``published`` need ``drafts``.

    ``related`` (from ``related_items``) may be passed in when the caller also
    needs it for articles, so it is computed once.
    """
    titles = {(d.slug, q.id): q.question for d in project.topics for q in d.topic.questions}
    stories = published_stories(project, drafts)
    if related is None:
        related = related_items(project, drafts)

    def related_for(uri: str) -> str:
        return related_markdown(related.get(uri, []), uri)

    pages = [GeneratedPage("faq/index.md", render_faq_index(project.topics), in_nav=True)]
    for d in project.topics:
        uri = f"faq/{d.slug}.md"
        pages.append(GeneratedPage(uri, render_topic(d, titles, related_for(uri))))
    pages.append(GeneratedPage("stories/index.md", render_story_index(stories), in_nav=True))
    for d in stories:
        uri = f"stories/{d.slug}.md"
        pages.append(GeneratedPage(uri, render_story(d, related_for(uri), help_page)))
    for topic, docs in story_topics(stories).items():
        pages.append(GeneratedPage(topic_page(topic), render_topic_stories(topic, docs, stories)))
    story_uris = {d.slug: f"stories/{d.slug}.md" for d in stories}
    pages.append(GeneratedPage(FAMILIES_PAGE, render_families(project, story_uris), in_nav=True))
    return pages
