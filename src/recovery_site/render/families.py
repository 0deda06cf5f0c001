"""``/families/``: everything written for families and friends, in one place."""

from __future__ import annotations

from ..load import Project
from .markdown import front_matter, md_escape, relative

PAGE = "families/index.md"


def render_families(project: Project, story_uris: dict[str, str]) -> str:
    """Articles and FAQ topics with ``audience: families``, and stories tagged ``families``.

    ``story_uris`` maps the slugs of built stories to their page paths.
    """
    out = [
        front_matter(
            "For families and friends",
            "How to support someone you love, and how to look after yourself too.",
        ),
        "# For families and friends\n\n",
        "When someone you love uses alcohol or drugs, you need answers too. These pages "
        "explain what treatment looks like, how to talk without blame, and how to look "
        "after yourself.\n\n",
    ]
    articles = [a for a in project.articles if "families" in a.meta.audience and a.meta.title]
    if articles:
        out.append("## Articles\n\n")
        for a in sorted(articles, key=lambda a: a.meta.title or ""):
            line = f"- [{md_escape(a.meta.title or a.src_uri)}]({relative(a.src_uri, PAGE)})"
            if a.meta.description:
                line += f": {md_escape(a.meta.description)}"
            out.append(line + "\n")
        out.append("\n")
    topics = [t for t in project.topics if "families" in t.topic.audience]
    if topics:
        out.append("## Questions and answers\n\n")
        for t in sorted(topics, key=lambda t: t.topic.title):
            out.append(
                f"- [{md_escape(t.topic.title)}]({relative(f'faq/{t.slug}.md', PAGE)}): "
                f"{md_escape(t.topic.description)}\n"
            )
        out.append("\n")
    stories = [s for s in project.stories if "families" in s.story.topics and s.slug in story_uris]
    if stories:
        out.append("## Stories from families\n\n")
        for s in sorted(stories, key=lambda s: s.story.title):
            out.append(
                f"- [{md_escape(s.story.title)}]({relative(story_uris[s.slug], PAGE)}): "
                f"{md_escape(s.story.summary)}\n"
            )
    return "".join(out)
