"""Turn loaded records into Markdown page text: pure functions, no MkDocs.

Keeping rendering free of MkDocs means another engine (Zensical, or a plain
Markdown pipeline) could drive the same content. The Markdown written here
needs three common extensions: ``attr_list`` (question anchors),
``admonition`` (notices) and ``toc`` (heading ids); ``REQUIRED_EXTENSIONS``
lists them for adapters to enable.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import add_months, human_date
from .load import Project, StoryDoc, TopicDoc
from .markdown_text import neutralise_html
from .model import ArticleMeta, Source

REQUIRED_EXTENSIONS = ("attr_list", "admonition", "toc")

AUDIENCE_LABELS = {
    "public": "anyone",
    "families": "families and friends",
    "in-recovery": "people in recovery",
    "professionals": "professionals",
}


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: ``src_uri`` is its path as if under docs/.

    ``in_nav`` is False for pages reached from a section index (one per story
    or topic), so the navigation does not grow with the content.
    """

    src_uri: str
    markdown: str
    in_nav: bool = False


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+!-])")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML syntax in plain text (titles, questions, names).

    ``&`` and ``<`` become entities (Markdown has no backslash escape for
    ``<``); the rest get backslashes, so the text shows exactly as written.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def link_url(url: str) -> str:
    """Make a URL safe inside ``[text](url)``: no spaces or bare parentheses."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _front_matter(title: str, description: str | None = None) -> str:
    # JSON strings are valid YAML scalars, so any title is quoted safely.
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _sources(sources: Iterable[Source]) -> str:
    items = [
        f"- [{md_escape(s.title)}]({link_url(s.url)}) — {md_escape(s.publisher)}" for s in sources
    ]
    return "**Sources**\n\n" + "\n".join(items) + "\n" if items else ""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- FAQ -----------------------------------------------------------------------------


def render_faq_index(topics: list[TopicDoc]) -> str:
    """The ``/faq/`` page: every topic with its description and question count."""
    out = [_front_matter("Questions and answers", "Plain answers about recovery, by topic.")]
    out.append("# Questions and answers\n\n")
    if not topics:
        out.append("No questions have been published yet.\n")
    for doc in sorted(topics, key=lambda d: d.topic.title.lower()):
        count = _plural(len(doc.topic.questions), "question")
        out.append(
            f"- **[{md_escape(doc.topic.title)}]({doc.slug}.md)** ({count})  \n"
            f"  {md_escape(doc.topic.description)}\n"
        )
    return "".join(out)


def render_topic(doc: TopicDoc, titles: dict[tuple[str, str], str]) -> str:
    """One FAQ topic page: each question is a heading anchored at its ``id``.

    ``titles`` maps ``(topic, id)`` to question text for ``related`` links.
    """
    topic = doc.topic
    audience = ", ".join(AUDIENCE_LABELS[a] for a in topic.audience)
    out = [_front_matter(topic.title, topic.description), f"# {md_escape(topic.title)}\n\n"]
    out.append(f"{md_escape(topic.description)}\n\n")
    out.append(f"*Last reviewed {human_date(topic.reviewed)}. Written for {audience}.*\n\n")
    for entry in topic.questions:
        out.append(f"## {md_escape(entry.question)} {{ #{entry.id} }}\n\n")
        out.append(neutralise_html(entry.answer.strip()) + "\n\n")
        if entry.sources:
            out.append(_sources(entry.sources) + "\n")
        related = []
        for target in entry.related:
            other, _, qid = target.partition("/")
            text = titles.get((other, qid), target)
            href = f"#{qid}" if other == doc.slug else f"{other}.md#{qid}"
            related.append(f"[{md_escape(text)}]({href})")
        if related:
            out.append("**Related:** " + " · ".join(related) + "\n\n")
    return "".join(out)


# --- articles ----------------------------------------------------------------------


def render_article_footer(meta: ArticleMeta) -> str:
    """Sources and review dates appended to a hand-written article.

    Kept in front matter (not typed into the body) so they are checked like
    FAQ sources and shown the same way on every page.
    """
    out = []
    if meta.sources:
        out.append("\n\n## Sources\n\n" + _sources(meta.sources).split("\n\n", 1)[1])
    if meta.reviewed:
        due = add_months(meta.reviewed, meta.review_every_months)
        out.append(
            f"\n*Last reviewed {human_date(meta.reviewed)}. Next review due {human_date(due)}.*\n"
        )
    return "".join(out)


# --- stories -------------------------------------------------------------------------


def _newest_first(stories: Iterable[StoryDoc]) -> list[StoryDoc]:
    return sorted(
        stories,
        key=lambda s: (s.story.published or dt.date.min, s.story.title.lower()),
        reverse=True,
    )


def render_story_index(stories: list[StoryDoc]) -> str:
    """The ``/stories/`` page: newest first, with summary, topics and warnings."""
    out = [_front_matter("Recovery stories", "Stories of recovery, told in people's own words.")]
    out.append("# Recovery stories\n\n")
    out.append(
        "People in recovery and their families share what helped them. Stories marked "
        "*illustrative example* are composites written to show common experiences; "
        "they are not one real person's story.\n\n"
    )
    if not stories:
        out.append("No stories have been published yet.\n")
    for doc in _newest_first(stories):
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
            f"- **[{md_escape(s.title)}]({doc.slug}.md)**  \n"
            f"  {md_escape(s.summary)}  \n"
            f"  *{' · '.join(details)}*\n"
        )
    return "".join(out)


def render_story(doc: StoryDoc) -> str:
    """One story: labels and content warnings come before the body."""
    s = doc.story
    out = [_front_matter(s.title, s.summary), f"# {md_escape(s.title)}\n\n"]
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
        out.append(
            f'!!! warning "Content warning: {warnings.replace(chr(34), chr(39))}"\n'
            f"    This story talks about {warnings}. Read on only if it feels right for you "
            "now. If you need to talk to someone, help is listed at the top of every page.\n\n"
        )
    out.append(neutralise_html(doc.body.strip()) + "\n")
    return "".join(out)


# --- the whole site ------------------------------------------------------------------


def render_pages(project: Project, *, drafts: bool = False) -> list[GeneratedPage]:
    """Every generated page of the site. Stories not ``published`` need ``drafts``."""
    titles = {(d.slug, q.id): q.question for d in project.topics for q in d.topic.questions}
    stories = [s for s in project.stories if drafts or s.story.status == "published"]
    pages = [GeneratedPage("faq/index.md", render_faq_index(project.topics), in_nav=True)]
    pages += [GeneratedPage(f"faq/{d.slug}.md", render_topic(d, titles)) for d in project.topics]
    pages.append(GeneratedPage("stories/index.md", render_story_index(stories), in_nav=True))
    pages += [GeneratedPage(f"stories/{d.slug}.md", render_story(d)) for d in stories]
    return pages
