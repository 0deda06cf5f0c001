"""``/families/``: everything written for families and friends, in one place."""

from __future__ import annotations

from ..i18n import human_date, translator
from ..load import Project
from .markdown import front_matter, md_escape, relative
from .stories import byline

PAGE = "families/index.md"


def render_families(project: Project, story_uris: dict[str, str]) -> str:
    """Articles and FAQ topics with ``audience: families``, and stories tagged ``families``.

    ``story_uris`` maps the slugs of built stories to their page paths.
    """
    language = project.language
    t = translator(language)
    out = [
        front_matter(t("families.title"), t("families.description")),
        f"# {t('families.title')}\n\n",
        t("families.intro") + "\n\n",
    ]
    articles = [a for a in project.articles if "families" in a.meta.audience and a.meta.title]
    out.append(
        _section(
            t("families.articles"),
            [(a.meta.title or a.src_uri, a.src_uri, a.meta.description) for a in articles],
        )
    )
    topics = [t for t in project.topics if "families" in t.topic.audience]
    out.append(
        _section(
            t("families.faq"),
            [(t.topic.title, f"faq/{t.slug}.md", t.topic.description) for t in topics],
        )
    )
    stories = [s for s in project.stories if "families" in s.story.topics and s.slug in story_uris]
    out.append(
        _section(
            t("families.stories"),
            [
                (
                    s.story.title,
                    story_uris[s.slug],
                    f"{s.story.summary} ({byline(s)})",
                )
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


def _section(heading: str, entries: list[tuple[str, str, str | None]]) -> str:
    """A heading and its (title, page, description) links, by title; nothing if empty."""
    if not entries:
        return ""
    lines = [f"## {heading}\n\n"]
    for title, uri, description in sorted(entries, key=lambda e: e[0]):
        line = f"- [{md_escape(title)}]({relative(uri, PAGE)})"
        lines.append(line + (f": {md_escape(description)}" if description else "") + "\n")
    return "".join(lines) + "\n"
