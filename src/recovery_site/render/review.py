"""Who reviewed a page and when, said plainly: the notice at the top of medical pages,
the "Last updated" line on every page, and schema.org ``MedicalWebPage`` data.

A page is "medically reviewed" only when a clinician from ``content/reviewers.yml``
is named in ``reviewed_by`` with a ``reviewed`` date; anything less is shown as
"Awaiting clinical review", never as a review.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import add_months
from ..i18n import DEFAULT_LANGUAGE, human_date, translator
from ..model import ArticleMeta, FaqTopic, Reviewer
from .markdown import link_url, md_escape, relative

#: The editorial policy page, under docs/; linked from the notice when the site has it.
POLICY_PAGE = "about/editorial-policy.md"

AWAITING = "Awaiting clinical review"

AUDIENCE_LABELS = {
    "public": "the public",
    "families": "families and friends",
    "in-recovery": "people in recovery",
    "professionals": "professionals",
}


@dataclass(frozen=True)
class ReviewState:
    """What a page can truthfully say about its review."""

    medical: bool
    updated: dt.date | None
    reviewed: dt.date | None
    reviewers: tuple[Reviewer, ...]
    every_months: int

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed is not None and bool(self.reviewers)

    @property
    def next_review(self) -> dt.date | None:
        return add_months(self.reviewed, self.every_months) if self.is_reviewed else None

    @property
    def last_updated(self) -> dt.date | None:
        """The later of the editorial update and the clinical review."""
        days = [d for d in (self.updated, self.reviewed if self.is_reviewed else None) if d]
        return max(days) if days else None


def review_state(meta: FaqTopic | ArticleMeta, reviewers: dict[str, Reviewer]) -> ReviewState:
    """The review state of a topic or article; unknown reviewer ids name nobody."""
    named = tuple(reviewers[r] for r in meta.reviewed_by if r in reviewers)
    return ReviewState(
        medical=meta.medical is True,
        updated=meta.updated,
        reviewed=meta.reviewed,
        reviewers=named,
        every_months=meta.review_every_months,
    )


def audience_text(audience: list[str], language: str = DEFAULT_LANGUAGE) -> str:
    t = translator(language)
    return ", ".join(t(f"audience.{a}") for a in audience)


def _reviewer_text(reviewer: Reviewer) -> str:
    name = md_escape(reviewer.name)
    if reviewer.profile_url and reviewer.profile_url.startswith("https://"):
        name = f"[{name}]({link_url(reviewer.profile_url)})"
    return f"{name}, {md_escape(reviewer.credentials)}"


def _and(parts: list[str], language: str = DEFAULT_LANGUAGE) -> str:
    if len(parts) == 1:
        return parts[0]
    return translator(language)("review.and", a=", ".join(parts[:-1]), b=parts[-1])


def review_notice(
    state: ReviewState,
    here: str,
    policy_page: str | None = POLICY_PAGE,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """Markdown for the top of a page: who reviewed it and when, or that nobody has yet.

    ``here`` is the page's path under docs/ (for the link to the editorial
    policy); ``policy_page`` is None when the site has no such page.
    """
    t = translator(language)
    if state.is_reviewed:
        assert state.reviewed is not None and state.next_review is not None
        names = _and([_reviewer_text(r) for r in state.reviewers], language)
        return (
            t("review.reviewed", names=names, date=human_date(state.reviewed, language))
            + " "
            + t("review.next_due", date=human_date(state.next_review, language))
            + "\n{ .rs-review }\n\n"
        )
    if not state.medical:
        return ""
    policy = f" [{t('review.policy_link')}]({relative(policy_page, here)})." if policy_page else ""
    return f'!!! warning "{t("review.awaiting")}"\n    {t("review.awaiting_text")}{policy}\n\n'


def updated_text(state: ReviewState, language: str = DEFAULT_LANGUAGE) -> str:
    """``Last updated 20 November 2026.`` (empty when the page gives no date)."""
    day = state.last_updated
    return translator(language)("review.updated", date=human_date(day, language)) if day else ""


def translation_notice(status: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A translation awaiting review says so at the top of the page (never hidden)."""
    if status != "awaiting-review":
        return ""
    t = translator(language)
    return f'!!! info "{t("translation.awaiting")}"\n    {t("translation.awaiting_text")}\n\n'


def person(reviewer: Reviewer) -> dict:
    """schema.org Person, with the credentials readers are shown."""
    data: dict = {
        "@type": "Person",
        "name": reviewer.name,
        "jobTitle": reviewer.role,
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "name": reviewer.credentials,
        },
    }
    if reviewer.profile_url:
        data["url"] = reviewer.profile_url
    return data


def medical_web_page(
    state: ReviewState, name: str, description: str | None, audience: list[str]
) -> dict:
    """schema.org MedicalWebPage: review facts only when a named clinician reviewed it."""
    data: dict = {"@type": "MedicalWebPage", "name": name}
    if description:
        data["description"] = description
    if state.last_updated:
        data["dateModified"] = state.last_updated.isoformat()
    if state.is_reviewed:
        assert state.reviewed is not None
        data["lastReviewed"] = state.reviewed.isoformat()
        reviewers = [person(r) for r in state.reviewers]
        data["reviewedBy"] = reviewers[0] if len(reviewers) == 1 else reviewers
    if audience:
        data["audience"] = [
            {"@type": "Audience", "audienceType": AUDIENCE_LABELS[a]} for a in audience
        ]
    return data


_H1 = re.compile(r"^# .*$", re.M)


def with_notice(markdown: str, notice: str) -> str:
    """A hand-written page's Markdown with ``notice`` right under its title."""
    if not notice:
        return markdown
    match = _H1.search(markdown)
    if match is None:
        return notice + markdown
    return markdown[: match.end()] + "\n\n" + notice + markdown[match.end() :].lstrip("\n")
