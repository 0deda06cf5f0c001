"""Story pages: the index (newest first, filterable by topic) and one page per story."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..dates import human_date
from ..load import StoryDoc
from ..markdown_text import neutralise_html
from ..slugs import slugify
from .markdown import front_matter, front_matter_unsearched, md_escape, plural, relative

INTRO = (
    "People in recovery and their families share what helped them. Stories marked "
    "*illustrative example* are composites written to show common experiences; "
    "they are not one real person's story.\n\n"
)


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
            by_topic.setdefault(slugify(topic) or "other", []).append(doc)
    return dict(sorted(by_topic.items()))


def topic_page(topic: str) -> str:
    """Where the stories of one topic are listed, under docs/ (always a slug)."""
    return f"stories/topic/{slugify(topic) or 'other'}.md"


def _story_list(stories: list[StoryDoc], prefix: str) -> str:
    out = []
    for doc in newest_first(stories):
        s = doc.story
        details = []
        if s.published:
            details.append(human_date(s.published))
        if s.topics:
            details.append("Topics: " + ", ".join(md_escape(t) for t in s.topics))
        if s.content_warnings:
            details.append(
                "Content warning: " + ", ".join(md_escape(w) for w in s.content_warnings)
            )
        if s.illustrative:
            details.append("Illustrative example")
        out.append(
            f"- **[{md_escape(s.title)}]({prefix}{doc.slug}.md)**  \n"
            f"  {md_escape(s.summary)}  \n"
            f"  *{' · '.join(details)}*\n"
        )
    return "".join(out)


def _filter_links(stories: list[StoryDoc], prefix: str, current: str | None = None) -> str:
    topics = story_topics(stories)
    if not topics:
        return ""
    links = [
        f"**{md_escape(t)}** ({len(docs)})"
        if t == current
        else f"[{md_escape(t)}]({prefix}{t}.md) ({len(docs)})"
        for t, docs in topics.items()
    ]
    return (
        '<nav class="rs-filter" aria-label="Stories by topic" markdown>\n\nShow stories about: '
        + (" · ".join(links) + "\n\n</nav>\n\n")
    )


def render_story_index(stories: list[StoryDoc]) -> str:
    """The ``/stories/`` page: newest first, with summary, topics and warnings."""
    out = [front_matter("Recovery stories", "Stories of recovery, told in people's own words.")]
    out.append("# Recovery stories\n\n" + INTRO)
    if not stories:
        out.append("No stories have been published yet.\n")
        return "".join(out)
    out.append(_filter_links(stories, "topic/"))
    out.append(_story_list(stories, ""))
    return "".join(out)


def render_topic_stories(topic: str, stories: list[StoryDoc], every_story: list[StoryDoc]) -> str:
    """``/stories/topic/<topic>/``: the index filtered to one topic."""
    title = f"Recovery stories: {topic}"
    out = [front_matter_unsearched(title, f"Stories about {topic}."), f"# {md_escape(title)}\n\n"]
    out.append(
        f"{plural(len(stories), 'story')} about {md_escape(topic)}. [All stories](../index.md)\n\n"
    )
    out.append(_filter_links(every_story, "", current=topic))
    out.append(_story_list(stories, "../"))
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
    byline = f"Shared by {md_escape(s.author)}"
    if s.published:
        byline += f" · {human_date(s.published)}"
    out.append(f"{byline}\n\n")
    if s.status != "published":
        out.append(
            f'!!! danger "Draft: not published"\n'
            f"    This story is a {s.status} shown only in a preview. It is not part of the "
            "public site.\n\n"
        )
    if s.illustrative:
        out.append(
            '!!! info "Illustrative example"\n'
            "    This story is a composite written to show a common experience. It is not "
            "one real person's story.\n\n"
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
