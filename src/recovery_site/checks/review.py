"""Clinical review as data: who reviewed a medical page, when, and whether it still holds.

A page names its clinical reviewers (``reviewed_by``, ids from
``content/reviewers.yml``) and the review date (``reviewed``); editorial
changes go in ``updated``. A medical page nobody has reviewed is published
with a plain "Awaiting clinical review" notice: a note here, or an error when
the site sets ``require_clinical_review: true`` (production).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error, note
from ..load import Project
from ..yaml_source import SourceMap


def _is_reviewed(reviewed: dt.date | None, reviewed_by: list[str], project: Project) -> bool:
    """True when a known clinician is named and the date is given."""
    return reviewed is not None and any(r in project.reviewers for r in reviewed_by)


def _review_problems(
    smap: SourceMap,
    *,
    medical: bool,
    updated: dt.date | None,
    reviewed: dt.date | None,
    reviewed_by: list[str],
    project: Project,
) -> Iterator[Diagnostic]:
    path = smap.path
    for i, rid in enumerate(reviewed_by):
        if rid not in project.reviewers:
            line, col = smap.value_at(("reviewed_by", i))
            known = ", ".join(sorted(project.reviewers)) or "none yet"
            yield error(
                path,
                line,
                col,
                "unknown-reviewer",
                f"reviewer '{rid}' is not in content/reviewers.yml (known: {known}); add the "
                "clinician there first, or fix the id",
            )
    if reviewed is not None and not reviewed_by:
        line, col = smap.key_at(("reviewed",))
        yield error(
            path,
            line,
            col,
            "incomplete-review",
            "'reviewed' is the date of a clinical review, but 'reviewed_by' names no reviewer; "
            "add reviewed_by, or record an editorial change as 'updated:' instead",
        )
    if reviewed_by and reviewed is None:
        line, col = smap.key_at(("reviewed_by",))
        yield error(
            path,
            line,
            col,
            "incomplete-review",
            "'reviewed_by' needs 'reviewed: YYYY-MM-DD', the date the clinician reviewed the page",
        )
    if reviewed is not None and updated is not None and updated > reviewed:
        line, col = smap.value_at(("reviewed",))
        yield error(
            path,
            line,
            col,
            "review-outdated",
            f"the page was changed on {updated.isoformat()} ('updated'), after its clinical "
            f"review on {reviewed.isoformat()}; have the change reviewed, then update 'reviewed'",
        )
    if medical and not _is_reviewed(reviewed, reviewed_by, project):
        line, col = smap.key_at(("medical",))
        message = (
            "medical page awaiting clinical review: readers see 'Awaiting clinical review'. "
            "Once a clinician listed in content/reviewers.yml has reviewed it, add "
            "'reviewed_by' and 'reviewed'"
        )
        if project.require_clinical_review:  # production: nothing unreviewed goes out
            yield error(path, line, col, "awaiting-clinical-review", message)
        else:
            yield note(path, line, col, "awaiting-clinical-review", message)


def check_review(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    for doc in project.topics:
        t = doc.topic
        yield from _review_problems(
            doc.source_map,
            medical=t.medical,
            updated=t.updated,
            reviewed=t.reviewed,
            reviewed_by=list(t.reviewed_by),
            project=project,
        )
    for article in project.articles:
        m = article.meta
        yield from _review_problems(
            article.source_map,
            medical=m.medical is True,
            updated=m.updated,
            reviewed=m.reviewed,
            reviewed_by=list(m.reviewed_by),
            project=project,
        )


CHECKS = (check_review,)
