"""What is added to a hand-written article: sources, review dates and audience."""

from __future__ import annotations

from ..dates import add_months, human_date
from ..model import ArticleMeta
from .faq import audience_text
from .markdown import sources_list


def render_article_footer(meta: ArticleMeta, related: str = "") -> str:
    """Sources, review dates, audience and 'Related', appended to an article.

    Sources live in front matter (not typed into the body) so they are
    checked like FAQ sources and shown the same way on every page.
    """
    out = []
    if meta.sources:
        out.append(
            '\n\n<div class="rs-source-list" data-pagefind-ignore markdown>\n\n'
            f"## Sources {{ .rs-sources }}\n\n{sources_list(meta.sources)}\n</div>\n"
        )
    facts = []
    if meta.reviewed:
        due = add_months(meta.reviewed, meta.review_every_months)
        facts.append(
            f"Last reviewed {human_date(meta.reviewed)}. Next review due {human_date(due)}."
        )
    if meta.audience:
        facts.append(f"Written for {audience_text(meta.audience)}.")
    if facts:
        out.append("\n*" + " ".join(facts) + "*\n")
    out.append(related)
    return "".join(out)
