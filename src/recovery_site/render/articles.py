"""What is added to a hand-written article: the review notice, sources, dates and audience."""

from __future__ import annotations

from ..i18n import DEFAULT_LANGUAGE, human_date, translator
from ..load import ArticleDoc, Project
from ..model import ArticleMeta, Reviewer
from .markdown import sources_list
from .review import (
    POLICY_PAGE,
    audience_text,
    review_notice,
    review_state,
    translation_notice,
    updated_text,
)


def policy_page(project: Project) -> str | None:
    """The editorial policy page, when this site has one (links to it must resolve)."""
    return POLICY_PAGE if any(a.src_uri == POLICY_PAGE for a in project.articles) else None


def render_article_notice(project: Project, doc: ArticleDoc) -> str:
    """The top-of-page notice: who reviewed the article, or "Awaiting clinical review"."""
    state = review_state(doc.meta, project.reviewers)
    language = project.language
    return translation_notice(doc.meta.translation_status, language) + review_notice(
        state, doc.src_uri, policy_page(project), language
    )


def render_article_footer(
    meta: ArticleMeta,
    related: str = "",
    reviewers: dict[str, Reviewer] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """Sources, last update, audience and 'Related', appended to an article.

    Sources live in front matter (not typed into the body) so they are
    checked like FAQ sources and shown the same way on every page.
    """
    t = translator(language)
    out = []
    if meta.sources:
        out.append(
            '\n\n<div class="rs-source-list" data-pagefind-ignore markdown>\n\n'
            f"## {t('article.sources')} {{ .rs-sources }}\n\n{sources_list(meta.sources)}\n</div>\n"
        )
    state = review_state(meta, reviewers or {})
    facts = [updated_text(state, language)] if state.last_updated else []
    if state.next_review:
        facts.append(t("article.next_review", date=human_date(state.next_review, language)))
    if meta.audience:
        facts.append(t("page.written_for", audience=audience_text(meta.audience, language)))
    if facts:
        out.append("\n*" + " ".join(facts) + "*\n")
    out.append(related)
    return "".join(out)
