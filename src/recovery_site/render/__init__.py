"""Turn loaded records into Markdown page text: pure functions, no MkDocs.

Keeping rendering free of MkDocs means another engine (Zensical, or a plain
Markdown pipeline) could drive the same content. The Markdown written here
needs the extensions in ``REQUIRED_EXTENSIONS``; adapters enable them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..checks.limits import blocking
from ..dates import human_date
from ..diagnostics import Diagnostic
from ..i18n import DEFAULT_LANGUAGE
from ..load import Project, StoryDoc, TopicDoc
from ..model import Reviewer
from ..paths import (
    FAMILIES_PAGE,
    FAQ_INDEX,
    STORIES_INDEX,
    faq_topic_page,
    list_page,
    story_page,
    topic_page,
)
from .articles import policy_page, render_article_footer, render_article_notice
from .country import for_country
from .families import render_families
from .faq import render_faq_index, render_topic
from .markdown import md_escape
from .related import Item, related_index, related_markdown
from .review import with_notice
from .stories import (
    STORIES_PER_PAGE,
    is_scheduled,
    pages_of,
    render_story,
    render_story_index,
    render_topic_stories,
    story_topics,
    topic_counts,
)

__all__ = [
    "REQUIRED_EXTENSIONS",
    "ContentRefused",
    "GeneratedPage",
    "PageRecipe",
    "human_date",
    "is_scheduled",
    "md_escape",
    "page_recipes",
    "related_items",
    "render_article_footer",
    "render_article_notice",
    "render_faq_index",
    "render_pages",
    "render_story",
    "render_story_index",
    "render_topic",
    "unbuilt_story_paths",
    "with_notice",
]

REQUIRED_EXTENSIONS = (
    "attr_list",
    "admonition",
    "toc",
    "md_in_html",
    "pymdownx.details",
    # FAQ answers: no "¶" link inside an answer's <summary> (see answers_ext).
    "recovery_site.render.answers_ext",
)


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: ``src_uri`` is its path as if under docs/.

    ``in_nav`` is False for pages reached from a section index (one per story
    or topic), so the navigation does not grow with the content.
    """

    src_uri: str
    markdown: str
    in_nav: bool = False


def published_stories(
    project: Project, drafts: bool, today: dt.date | None = None
) -> list[StoryDoc]:
    """The stories that are built: published ones whose date has come, and with ``drafts``
    every one (drafts, stories in review and scheduled stories, each marked as such)."""
    return [
        s
        for s in project.stories
        if drafts or (s.story.status == "published" and not is_scheduled(s, today))
    ]


def unbuilt_story_paths(project: Project, drafts: bool, today: dt.date | None = None) -> set[str]:
    """Story files (as diagnostics name them) that a build with ``drafts`` leaves out
    (drafts, scheduled stories, stories for other countries)."""
    built = {s.path for s in published_stories(for_country(project), drafts, today)}
    return {s.path for s in project.stories} - built


def related_items(project: Project, drafts: bool = False) -> dict[str, list[Item]]:
    """'Related' pages for every article, FAQ topic and built story, by src_uri."""
    project = for_country(project)
    items = [
        Item(a.src_uri, a.meta.title, "article", frozenset(a.meta.topics))
        for a in project.articles
        if a.meta.title and a.meta.topics
    ]
    items += [
        Item(faq_topic_page(t.slug), t.topic.title, "faq", frozenset(t.topic.topics))
        for t in project.topics
    ]
    items += [
        Item(
            story_page(s.slug),
            s.story.title,
            "story",
            frozenset(s.story.topics),
            composite=s.story.basis == "composite",
        )
        for s in published_stories(project, drafts)
    ]
    return related_index(items, label=project.style.topic_labels.label)


@dataclass(frozen=True)
class PageRecipe:
    """A page to generate, before its Markdown is written: ``render()`` writes it.

    Knowing every page's path without rendering lets an adapter list the
    pages at once and render them elsewhere (another process) meanwhile.
    """

    src_uri: str
    render: Callable[[], str]
    in_nav: bool = False


class ContentRefused(Exception):
    """Content over the Markdown limits (``checks.limits``): no page is rendered from it."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in problems))
        self.problems = problems


class _Gate:
    """Whether the project's answers and stories are safe to render, computed once.

    The MkDocs plugin may render pages while the checks still run (on another
    core): this second lock makes every generated page refuse hostile content,
    so the build stops with the checks' diagnostics instead of stalling in
    Python-Markdown for minutes or raising from inside it.
    """

    def __init__(self, project: Project) -> None:
        self._project = project
        self._problems: list[Diagnostic] | None = None

    def render(self, write: Callable[[], str]) -> str:
        if self._problems is None:
            self._problems = blocking(self._project)
        if self._problems:
            raise ContentRefused(self._problems)
        return write()


def page_recipes(
    project: Project,
    *,
    drafts: bool = False,
    help_page: str | None = None,
    related: dict[str, list[Item]] | None = None,
    stories_per_page: int = STORIES_PER_PAGE,
) -> list[PageRecipe]:
    """Every generated page of the site, in order, not yet rendered (see ``render_pages``)."""
    project = for_country(project)
    titles = {(d.slug, q.id): q.question for d in project.topics for q in d.topic.questions}
    stories = published_stories(project, drafts)
    links = related if related is not None else related_items(project, drafts)

    def related_for(uri: str) -> str:
        return related_markdown(links.get(uri, []), uri, project.language)

    policy = policy_page(project)
    recipes = [
        PageRecipe(FAQ_INDEX, partial(render_faq_index, project.topics, project.language), True)
    ]
    for d in project.topics:
        uri = faq_topic_page(d.slug)
        topic_page_of = partial(
            _topic_page, d, titles, uri, related_for, project.reviewers, policy, project.language
        )
        recipes.append(PageRecipe(uri, topic_page_of))
    labels = project.style.topic_labels
    counts = topic_counts(stories)
    index_pages = len(pages_of(stories, stories_per_page))
    if not stories and project.language != DEFAULT_LANGUAGE:
        index_pages = 0  # a translated edition without stories has no stories page
    for number in range(1, index_pages + 1):
        render = partial(
            render_story_index,
            stories,
            number,
            stories_per_page,
            counts,
            labels,
            language=project.language,
        )
        recipes.append(PageRecipe(list_page(STORIES_INDEX, number), render, number == 1))
    for d in stories:
        uri = story_page(d.slug)
        story_of = partial(_story_page, d, uri, related_for, help_page, project.language)
        recipes.append(PageRecipe(uri, story_of))
    for topic, docs in story_topics(stories).items():
        for number in range(1, len(pages_of(docs, stories_per_page)) + 1):
            render = partial(
                render_topic_stories,
                topic,
                docs,
                stories,
                number,
                stories_per_page,
                counts,
                labels,
                language=project.language,
            )
            recipes.append(PageRecipe(list_page(topic_page(topic), number), render))
    story_uris = {d.slug: story_page(d.slug) for d in stories}
    families = partial(render_families, project, story_uris)
    recipes.append(PageRecipe(FAMILIES_PAGE, families, True))
    gate = _Gate(project)
    return [PageRecipe(r.src_uri, partial(gate.render, r.render), r.in_nav) for r in recipes]


def _topic_page(
    doc: TopicDoc,
    titles: dict[tuple[str, str], str],
    uri: str,
    related_for: Callable[[str], str],
    reviewers: dict[str, Reviewer],
    policy: str | None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    return render_topic(doc, titles, related_for(uri), reviewers, policy, language)


def _story_page(
    doc: StoryDoc,
    uri: str,
    related_for: Callable[[str], str],
    help_page: str | None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    return render_story(doc, related_for(uri), help_page, language)


def render_pages(
    project: Project,
    *,
    drafts: bool = False,
    help_page: str | None = None,
    related: dict[str, list[Item]] | None = None,
    stories_per_page: int = STORIES_PER_PAGE,
) -> list[GeneratedPage]:
    """Every generated page of the site. Stories not ``published`` need ``drafts``.

    ``related`` (from ``related_items``) may be passed in when the caller also
    needs it for articles, so it is computed once.
    """
    recipes = page_recipes(
        project,
        drafts=drafts,
        help_page=help_page,
        related=related,
        stories_per_page=stories_per_page,
    )
    return [GeneratedPage(r.src_uri, r.render(), r.in_nav) for r in recipes]
