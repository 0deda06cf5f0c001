"""Story pages: the index (newest first, filterable by topic) and one page per story."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import dates
from ..dates import human_date
from ..load import StoryDoc
from ..markdown_text import neutralise_html
from ..model import TopicLabels
from ..paths import STORIES_INDEX, list_page, story_page, tag_slug, topic_page
from .markdown import front_matter, front_matter_unsearched, md_escape, plural, relative

#: How composites are labelled wherever a consented story would show "Shared by ...".
COMPOSITE_LABEL = "Composite story, written by our editorial team"


def byline(doc: StoryDoc) -> str:
    """The story's byline as plain text (escape it for Markdown): "Shared by <author>" if
    consented, else the composite label."""
    s = doc.story
    if s.basis == "consented" and s.author:
        return f"Shared by {s.author}"
    return COMPOSITE_LABEL


def is_scheduled(doc: StoryDoc, today: dt.date | None = None) -> bool:
    """Whether a story's ``published`` date is still to come: it is not built before then."""
    day = doc.story.published
    return day is not None and day > (today or dates.today())


def preview_mark(doc: StoryDoc, today: dt.date | None = None) -> str:
    """What a preview (``--drafts``) says of a story the public site does not show (yet)."""
    s = doc.story
    if s.status == "draft":
        return "Draft: not published"
    if s.status == "in-review":
        return "In review: not published"
    if s.published and is_scheduled(doc, today):
        return f"Scheduled: appears {human_date(s.published)}"
    return ""


def intro(stories: list[StoryDoc]) -> str:
    """What the stories are, said for what is actually published (composites or not)."""
    composites = sum(d.story.basis == "composite" for d in stories)
    if stories and composites == len(stories):
        return (
            "Composite stories written from common experiences. Our editorial team wrote "
            "them to show what recovery can look like; none is one real person's story.\n\n"
        )
    if composites:
        return (
            "People in recovery and their families share what helped them. Stories marked "
            f"*{COMPOSITE_LABEL.lower()}* are composites written from common experiences; "
            "they are not one real person's story.\n\n"
        )
    return "People in recovery and their families share what helped them.\n\n"


def description(stories: list[StoryDoc]) -> str:
    """The stories index's meta description, as honest as its introduction."""
    if stories and all(d.story.basis == "composite" for d in stories):
        return "Composite recovery stories, written by our editorial team from common experiences."
    return "Stories of recovery and what helped."


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


def _story_list(stories: list[StoryDoc], here: str, labels: TopicLabels = NO_LABELS) -> str:
    """``stories`` (already in order) as a list, linked from the page at ``here``;
    topics by their labels (``content/style/topics.yml``), not their tags."""
    out = []
    for doc in stories:
        s = doc.story
        details = [md_escape(byline(doc))]
        if s.published:
            details.append(human_date(s.published))
        if s.topics:
            details.append("Topics: " + ", ".join(md_escape(labels.label(t)) for t in s.topics))
        if s.content_warnings:
            details.append(
                "Content warning: " + ", ".join(md_escape(w) for w in s.content_warnings)
            )
        mark = preview_mark(doc)
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
    return (
        '<nav class="rs-filter" aria-label="Stories by topic" markdown>\n\nShow stories about:\n\n'
        + "".join(f"- {link}\n" for link in links)
        + "\n</nav>\n\n"
    )


#: Stories listed per page of the story lists: a list page stays the same size
#: however many stories the site has (a reader on a phone pays for one page).
STORIES_PER_PAGE = 50


def pages_of(stories: list[StoryDoc], per_page: int) -> list[list[StoryDoc]]:
    """Stories newest first, cut into pages of ``per_page`` (always at least one page)."""
    ordered = newest_first(stories)
    size = max(1, per_page)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)] or [[]]


def _last_updated(stories: list[StoryDoc]) -> str:
    """A story list changes when a story is published: its newest publication date."""
    days = [d.story.published for d in stories if d.story.published]
    return f"*Last updated {human_date(max(days))}.*\n\n" if days else ""


def _pager(first_page: str, number: int, count: int) -> str:
    if count <= 1:
        return ""
    here = list_page(first_page, number)
    parts = []
    if number > 1:
        parts.append(f"[Newer stories]({relative(list_page(first_page, number - 1), here)})")
    parts.append(f"Page {number} of {count}")
    if number < count:
        parts.append(f"[Older stories]({relative(list_page(first_page, number + 1), here)})")
    return (
        '<nav class="rs-pager" aria-label="More stories" markdown>\n\n'
        + " · ".join(parts)
        + "\n\n</nav>\n\n"
    )


def _page_title(title: str, number: int, count: int) -> str:
    return title if count <= 1 else f"{title} (page {number} of {count})"


def render_story_index(
    stories: list[StoryDoc],
    number: int = 1,
    per_page: int = STORIES_PER_PAGE,
    counts: dict[str, int] | None = None,
    labels: TopicLabels = NO_LABELS,
) -> str:
    """Page ``number`` of ``/stories/``: newest first, with summary, topics and warnings.

    Page 1 is searchable like any page; later pages only repeat what the
    stories' own pages say, so search leaves them out. ``counts`` (from
    ``topic_counts``) saves recounting topics for every page.
    """
    pages = pages_of(stories, per_page)
    here = list_page(STORIES_INDEX, number)
    title = _page_title("Recovery stories", number, len(pages))
    matter = front_matter if number == 1 else front_matter_unsearched
    out = [matter(title, description(stories)), f"# {md_escape(title)}\n\n"]
    if number == 1:
        out.append(intro(stories))
    if not stories:
        out.append("No stories have been published yet.\n")
        return "".join(out)
    counts = counts if counts is not None else topic_counts(stories)
    out.append(_filter_links(counts, here, labels=labels))
    out.append(_story_list(pages[number - 1], here, labels))
    out.append(_pager(STORIES_INDEX, number, len(pages)))
    out.append(_last_updated(stories))
    return "".join(out)


def render_topic_stories(
    topic: str,
    stories: list[StoryDoc],
    every_story: list[StoryDoc],
    number: int = 1,
    per_page: int = STORIES_PER_PAGE,
    counts: dict[str, int] | None = None,
    labels: TopicLabels = NO_LABELS,
) -> str:
    """Page ``number`` of ``/stories/topic/<topic>/``: the list filtered to one topic,
    titled with the topic's label."""
    pages = pages_of(stories, per_page)
    first = topic_page(topic)
    here = list_page(first, number)
    label = labels.label(topic)
    title = _page_title(f"Recovery stories: {label}", number, len(pages))
    out = [front_matter_unsearched(title, f"Stories about {label}."), f"# {md_escape(title)}\n\n"]
    all_stories = relative(STORIES_INDEX, here)
    out.append(
        f"{md_escape(label)}: {plural(len(stories), 'story', 'stories')}. "
        f"[All stories]({all_stories})\n\n"
    )
    counts = counts if counts is not None else topic_counts(every_story)
    out.append(_filter_links(counts, here, current=topic, labels=labels))
    out.append(_story_list(pages[number - 1], here, labels))
    out.append(_pager(first, number, len(pages)))
    out.append(_last_updated(stories))
    return "".join(out)


def _help_sentence(help_page: str | None) -> str:
    if help_page:
        target = relative(help_page, "stories/x.md")
        return f"If you need to talk to someone, [free, confidential help]({target}) is open now."
    return "If you need to talk to someone, help is listed at the top of every page."


def render_story(doc: StoryDoc, related: str = "", help_page: str | None = None) -> str:
    """One story: labels and content warnings come before the body.

    ``help_page`` (a docs path such as ``get-help.md``) is linked from the
    content warning when the site has one.
    """
    s = doc.story
    out = [front_matter(s.title, s.summary), f"# {md_escape(s.title)}\n\n"]
    line = md_escape(byline(doc))
    if s.published:
        line += f" · {human_date(s.published)}"
    out.append(f"{line}\n\n")
    if s.status != "published":
        out.append(
            f'!!! danger "Draft: not published"\n'
            f"    This story is a {s.status} shown only in a preview. It is not part of the "
            "public site.\n\n"
        )
    elif s.published and is_scheduled(doc):
        out.append(
            f'!!! danger "Scheduled: appears {human_date(s.published)}"\n'
            "    This story is shown only in a preview until that day. It is not part of the "
            "public site yet.\n\n"
        )
    if s.basis == "composite":
        out.append(
            '!!! info "Composite story"\n'
            "    Our editorial team wrote this story from experiences many people share. It "
            "is not one real person's story, and the names in it are made up.\n\n"
        )
    if s.content_warnings:
        warnings = ", ".join(md_escape(w) for w in s.content_warnings)
        # "???+" is a <details> element, open by default: readers can fold it away.
        out.append(
            f'???+ warning "Content warning: {warnings.replace(chr(34), chr(39))}"\n'
            f"    This story talks about {warnings}. Read on only if it feels right for you "
            f"now. {_help_sentence(help_page)}\n\n"
        )
    out.append(neutralise_html(doc.body.strip()) + "\n")
    out.append(related)
    return "".join(out)
