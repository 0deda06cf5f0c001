"""``/families/``: everything written for families and friends, in one place.

A worried parent or partner comes here first, so the page starts with the
answers they need most, in the order ``content/style/topics.yml`` gives for
the ``families`` topic (``featured``): how to talk, how to help someone find
treatment, naloxone at home, looking after yourself. Then the rest, pages
tagged ``families`` before the others; the home page is never listed.
"""

from __future__ import annotations

from ..i18n import DEFAULT_LANGUAGE, human_date, translator
from ..load import Project
from ..paths import faq_topic_page
from .markdown import front_matter, md_escape, relative
from .stories import byline

PAGE = "families/index.md"
TAG = "families"
#: The home page is for everyone: it has the families audience but is not an article.
HOME = "index.md"

Entry = tuple[str, str, str | None, int]  # title, page, description, rank (see _rank)


def _rank(audience: list[str] | tuple[str, ...], topics: list[str] | tuple[str, ...]) -> int:
    """0: written first of all for families (``audience`` starts with families);
    1: tagged ``families``; 2: the rest, which families may also read."""
    if audience and audience[0] == TAG:
        return 0
    return 1 if TAG in topics else 2


def render_families(project: Project, story_uris: dict[str, str]) -> str:
    """Featured answers, then FAQ topics, articles and stories for families.

    ``story_uris`` maps the slugs of built stories to their page paths.
    """
    language = project.language
    t = translator(language)
    labels = project.style.topic_labels
    label = labels.topics.get(TAG)
    # The topic's description in content/style/topics.yml is English (the default edition's).
    own = label.description if label and language == DEFAULT_LANGUAGE else None
    out = [
        front_matter(t("families.title"), own or t("families.description")),
        f"# {t('families.title')}\n\n",
        t("families.intro") + "\n\n",
    ]
    out.append(_start_here(project, label.featured if label else [], t("families.start")))
    topics = [t for t in project.topics if TAG in t.topic.audience]
    out.append(
        _section(
            t("families.faq"),
            [
                (
                    t.topic.title,
                    faq_topic_page(t.slug),
                    t.topic.description,
                    _rank(t.topic.audience, t.topic.topics),
                )
                for t in topics
            ],
        )
    )
    articles = [
        a for a in project.articles if TAG in a.meta.audience and a.meta.title and a.src_uri != HOME
    ]
    out.append(
        _section(
            t("families.articles"),
            [
                (
                    a.meta.title or a.src_uri,
                    a.src_uri,
                    a.meta.description,
                    _rank(a.meta.audience, a.meta.topics),
                )
                for a in articles
            ],
        )
    )
    stories = [s for s in project.stories if TAG in s.story.topics and s.slug in story_uris]
    out.append(
        _section(
            t("families.stories"),
            [
                (s.story.title, story_uris[s.slug], f"{s.story.summary} ({byline(s, language)})", 0)
                for s in stories
            ],
        )
    )
    days = [a.meta.updated for a in articles if a.meta.updated]
    days += [t.topic.updated for t in topics]
    days += [s.story.published for s in stories if s.story.published]
    if days:
        out.append(f"*{t('review.updated', date=human_date(max(days), language))}*\n")
    return "".join(out)


def _start_here(project: Project, featured: list[str], heading: str = "Start here") -> str:
    """The featured answers, in their given order, as links to the answers themselves
    (an unknown one is left out here; ``check`` reports it as unknown-featured)."""
    questions = {
        f"{d.slug}/{q.id}": (q.question, f"{faq_topic_page(d.slug)}#{q.id}")
        for d in project.topics
        for q in d.topic.questions
    }
    found = [questions[f] for f in featured if f in questions]
    if not found:
        return ""
    lines = [f"- [{md_escape(text)}]({relative(uri, PAGE)})\n" for text, uri in found]
    return f"## {heading}\n\n" + "".join(lines) + "\n"


def _section(heading: str, entries: list[Entry]) -> str:
    """A heading and its links: by rank (pages for families first), then by title."""
    if not entries:
        return ""
    lines = [f"## {heading}\n\n"]
    for title, uri, description, _ in sorted(entries, key=lambda e: (e[3], e[0].lower())):
        line = f"- [{md_escape(title)}]({relative(uri, PAGE)})"
        lines.append(line + (f": {md_escape(description)}" if description else "") + "\n")
    return "".join(lines) + "\n"
