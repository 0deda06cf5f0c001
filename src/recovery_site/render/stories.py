"""Story pages: the index (newest first, filterable by topic) and one page per story."""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Iterable

from .. import dates
from ..i18n import DEFAULT_LANGUAGE, human_date, translator
from ..load import StoryDoc
from ..markdown_text import neutralise_html
from ..model import TopicLabels
from ..paths import STORIES_INDEX, list_page, story_page, tag_slug, topic_page
from .markdown import front_matter, front_matter_unsearched, md_escape, relative

#: Set to 1 (true, yes, on) to build drafts, as the ``drafts`` option does (previews).
DRAFTS_ENV = "RECOVERY_SITE_DRAFTS"


def drafts_wanted(option: bool) -> bool:
    """Whether a build shows drafts: its ``drafts`` option, or ``RECOVERY_SITE_DRAFTS``."""
    return option or os.environ.get(DRAFTS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def byline(doc: StoryDoc, language: str = DEFAULT_LANGUAGE) -> str:
    """The story's byline as plain text (escape it for Markdown): "Shared by <author>" if
    consented, else the composite label."""
    s = doc.story
    t = translator(language)
    if s.basis == "consented" and s.author:
        return t("stories.shared_by", author=s.author)
    return t("stories.composite_label")


def is_scheduled(doc: StoryDoc, today: dt.date | None = None) -> bool:
    """Whether a story's ``published`` date is still to come: it is not built before then."""
    day = doc.story.published
    return day is not None and day > (today or dates.today())


def preview_mark(
    doc: StoryDoc, today: dt.date | None = None, language: str = DEFAULT_LANGUAGE
) -> str:
    """What a preview (``--drafts``) says of a story the public site does not show (yet)."""
    s = doc.story
    t = translator(language)
    if s.status == "draft":
        return t("stories.draft")
    if s.status == "in-review":
        return t("stories.in_review")
    if s.published and is_scheduled(doc, today):
        return t("stories.scheduled", date=human_date(s.published, language))
    return ""


def intro(stories: list[StoryDoc], language: str = DEFAULT_LANGUAGE) -> str:
    """What the stories are, said for what is actually published (composites or not)."""
    t = translator(language)
    composites = sum(d.story.basis == "composite" for d in stories)
    if stories and composites == len(stories):
        return t("stories.intro_composites") + "\n\n"
    if composites:
        label = t("stories.composite_label").lower()
        return t("stories.intro_mixed", label=label) + "\n\n"
    return t("stories.intro") + "\n\n"


def description(stories: list[StoryDoc], language: str = DEFAULT_LANGUAGE) -> str:
    """The stories index's meta description, as honest as its introduction."""
    t = translator(language)
    if stories and all(d.story.basis == "composite" for d in stories):
        return t("stories.description_composites")
    return t("stories.description")


def newest_first(stories: Iterable[StoryDoc]) -> list[StoryDoc]:
    return sorted(
        stories,
        key=lambda s: (s.story.published or dt.date.min, s.story.title.lower()),
        reverse=True,
    )


def story_topics(stories: Iterable[StoryDoc]) -> dict[str, list[StoryDoc]]:
    """Topic tag -> its stories, tags in alphabetical order."""
    by_topic: dict[str, list[StoryDoc]] = {}
    for doc in stories:
        for topic in doc.story.topics:
            # A tag is only ever used as a slug in paths (checks report others).
            by_topic.setdefault(tag_slug(topic), []).append(doc)
    return dict(sorted(by_topic.items()))


#: Labels when a caller has none: every tag reads as words ("older-adults": "Older adults").
NO_LABELS = TopicLabels()


def _story_list(
    stories: list[StoryDoc],
    here: str,
    labels: TopicLabels = NO_LABELS,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """``stories`` (already in order) as a list, linked from the page at ``here``;
    topics by their labels (``content/style/topics.yml``), not their tags."""
    t = translator(language)
    out = []
    for doc in stories:
        s = doc.story
        details = [md_escape(byline(doc, language))]
        if s.published:
            details.append(human_date(s.published, language))
        if s.topics:
            names = ", ".join(md_escape(labels.label(tag)) for tag in s.topics)
            details.append(t("stories.topics", topics=names))
        if s.content_warnings:
            warnings = ", ".join(md_escape(w) for w in s.content_warnings)
            details.append(t("stories.warning", warnings=warnings))
        mark = preview_mark(doc, language=language)
        out.append(
            f"- **[{md_escape(s.title)}]({relative(story_page(doc.slug), here)})**"
            + (f" · **{mark}**" if mark else "")
            + "  \n"
            f"  {md_escape(s.summary)}  \n"
            f"  *{' · '.join(details)}*\n"
        )
    return "".join(out)


def topic_counts(stories: Iterable[StoryDoc]) -> dict[str, int]:
    """Topic tag -> how many stories have it, tags in alphabetical order."""
    return {t: len(docs) for t, docs in story_topics(stories).items()}


def _filter_links(
    counts: dict[str, int],
    here: str,
    current: str | None = None,
    labels: TopicLabels = NO_LABELS,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """ "Show stories about": each topic by its label, in the labels' alphabetical order,
    as a list (styled as a wrap of chips: a run-on line of 30 labels is hard to scan)."""
    if not counts:
        return ""
    ordered = sorted(counts.items(), key=lambda item: labels.label(item[0]).lower())
    links = [
        f"**{md_escape(labels.label(t))}** ({n})"
        if t == current
        else f"[{md_escape(labels.label(t))}]({relative(topic_page(t), here)}) ({n})"
        for t, n in ordered
    ]
    t = translator(language)
    return (
        f'<nav class="rs-filter" aria-label="{t("stories.by_topic")}" markdown>\n\n'
        f"{t('stories.show_about')}\n\n" + "".join(f"- {link}\n" for link in links) + "\n</nav>\n\n"
    )


#: Stories listed per page of the story lists: a list page stays the same size
#: however many stories the site has (a reader on a phone pays for one page).
STORIES_PER_PAGE = 50


def pages_of(stories: list[StoryDoc], per_page: int) -> list[list[StoryDoc]]:
    """Stories newest first, cut into pages of ``per_page`` (always at least one page)."""
    ordered = newest_first(stories)
    size = max(1, per_page)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)] or [[]]


def _last_updated(stories: list[StoryDoc], language: str = DEFAULT_LANGUAGE) -> str:
    """A story list changes when a story is published: its newest publication date."""
    days = [d.story.published for d in stories if d.story.published]
    if not days:
        return ""
    return f"*{translator(language)('review.updated', date=human_date(max(days), language))}*\n\n"


def _pager(first_page: str, number: int, count: int, language: str = DEFAULT_LANGUAGE) -> str:
    if count <= 1:
        return ""
    t = translator(language)
    here = list_page(first_page, number)
    parts = []
    if number > 1:
        newer = relative(list_page(first_page, number - 1), here)
        parts.append(f"[{t('stories.newer')}]({newer})")
    parts.append(t("stories.page", number=number, count=count))
    if number < count:
        older = relative(list_page(first_page, number + 1), here)
        parts.append(f"[{t('stories.older')}]({older})")
    return (
        f'<nav class="rs-pager" aria-label="{t("stories.more")}" markdown>\n\n'
        + " · ".join(parts)
        + "\n\n</nav>\n\n"
    )


def _page_title(title: str, number: int, count: int, language: str = DEFAULT_LANGUAGE) -> str:
    if count <= 1:
        return title
    return translator(language)("stories.title_page", title=title, number=number, count=count)


def render_story_index(
    stories: list[StoryDoc],
    number: int = 1,
    per_page: int = STORIES_PER_PAGE,
    counts: dict[str, int] | None = None,
    labels: TopicLabels = NO_LABELS,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """Page ``number`` of ``/stories/``: newest first, with summary, topics and warnings.

    Page 1 is searchable like any page; later pages only repeat what the
    stories' own pages say, so search leaves them out. ``counts`` (from
    ``topic_counts``) saves recounting topics for every page.
    """
    t = translator(language)
    pages = pages_of(stories, per_page)
    here = list_page(STORIES_INDEX, number)
    title = _page_title(t("stories.title"), number, len(pages), language)
    matter = front_matter if number == 1 else front_matter_unsearched
    out = [matter(title, description(stories, language)), f"# {md_escape(title)}\n\n"]
    if number == 1:
        out.append(intro(stories, language))
    if not stories:
        out.append(t("stories.none") + "\n")
        return "".join(out)
    counts = counts if counts is not None else topic_counts(stories)
    out.append(_filter_links(counts, here, labels=labels, language=language))
    out.append(_story_list(pages[number - 1], here, labels, language))
    out.append(_pager(STORIES_INDEX, number, len(pages), language))
    out.append(_last_updated(stories, language))
    return "".join(out)


def render_topic_stories(
    topic: str,
    stories: list[StoryDoc],
    every_story: list[StoryDoc],
    number: int = 1,
    per_page: int = STORIES_PER_PAGE,
    counts: dict[str, int] | None = None,
    labels: TopicLabels = NO_LABELS,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """Page ``number`` of ``/stories/topic/<topic>/``: the list filtered to one topic,
    titled with the topic's label."""
    pages = pages_of(stories, per_page)
    first = topic_page(topic)
    here = list_page(first, number)
    t = translator(language)
    label = labels.label(topic)
    title = _page_title(t("stories.title_topic", topic=label), number, len(pages), language)
    out = [
        front_matter_unsearched(title, t("stories.about_topic", topic=label)),
        f"# {md_escape(title)}\n\n",
    ]
    all_stories = relative(STORIES_INDEX, here)
    number_of = len(stories)
    count = t("stories.count_one" if number_of == 1 else "stories.count_many", count=number_of)
    out.append(f"{md_escape(label)}: {count}. [{t('stories.all')}]({all_stories})\n\n")
    counts = counts if counts is not None else topic_counts(every_story)
    out.append(_filter_links(counts, here, current=topic, labels=labels, language=language))
    out.append(_story_list(pages[number - 1], here, labels, language))
    out.append(_pager(first, number, len(pages), language))
    out.append(_last_updated(stories, language))
    return "".join(out)


def _help_sentence(help_page: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    t = translator(language)
    if help_page:
        return t("stories.help_link", target=relative(help_page, "stories/x.md"))
    return t("stories.help_top")


def render_story(
    doc: StoryDoc, related: str = "", help_page: str | None = None, language: str = DEFAULT_LANGUAGE
) -> str:
    """One story: labels and content warnings come before the body.

    ``help_page`` (a docs path such as ``get-help.md``) is linked from the
    content warning when the site has one.
    """
    s = doc.story
    t = translator(language)
    out = [front_matter(s.title, s.summary), f"# {md_escape(s.title)}\n\n"]
    line = byline(doc, language)
    if s.published:
        line += f" · {human_date(s.published, language)}"
    if s.basis == "composite":
        # Search results say so too (search.js reads the "basis" meta).
        out.append(f'<p data-pagefind-meta="basis:composite">{html.escape(line)}</p>\n\n')
    else:
        out.append(f"{md_escape(line)}\n\n")
    if s.status != "published":
        status = t(f"stories.status_{s.status.replace('-', '_')}")
        out.append(
            f'!!! danger "{t("stories.draft")}"\n    {t("stories.draft_text", status=status)}\n\n'
        )
    elif s.published and is_scheduled(doc):
        day = human_date(s.published, language)
        out.append(
            f'!!! danger "{t("stories.scheduled", date=day)}"\n'
            f"    {t('stories.scheduled_text')}\n\n"
        )
    if s.basis == "composite":
        out.append(f'!!! info "{t("stories.composite")}"\n    {t("stories.composite_text")}\n\n')
    if s.content_warnings:
        warnings = ", ".join(md_escape(w) for w in s.content_warnings)
        # "???+" is a <details> element, open by default: readers can fold it away.
        title = t("stories.warning", warnings=warnings.replace(chr(34), chr(39)))
        text = t("stories.warning_text", warnings=warnings)
        out.append(f'???+ warning "{title}"\n    {text} {_help_sentence(help_page, language)}\n\n')
    out.append(neutralise_html(doc.body.strip()) + "\n")
    out.append(related)
    return "".join(out)
