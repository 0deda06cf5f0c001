"""Content checks: pure functions from a loaded Project to diagnostics.

Each module holds one family of rules (see ``rules.py`` for every code);
``run_checks`` runs them all. The MkDocs plugin and ``recovery-site check``
call the same function, so a pull request and a build always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .. import dates as clock
from ..diagnostics import Diagnostic
from ..load import Project
from . import (
    brand,
    characters,
    collisions,
    country,
    freshness,
    images,
    language,
    limits,
    links,
    medical,
    placeholders,
    privacy,
    readability,
    review,
    safety,
    sources,
    stories,
    structure,
    topics,
    translations,
)

Check = Callable[[Project, dt.date], Iterator[Diagnostic]]

ALL_CHECKS: tuple[Check, ...] = (
    *structure.CHECKS,
    *characters.CHECKS,
    *collisions.CHECKS,
    *limits.CHECKS,
    *links.CHECKS,
    *images.CHECKS,
    *sources.CHECKS,
    *freshness.CHECKS,
    *review.CHECKS,
    *medical.CHECKS,
    *language.CHECKS,
    *readability.CHECKS,
    *stories.CHECKS,
    *privacy.CHECKS,
    *safety.CHECKS,
    *placeholders.CHECKS,
    *country.CHECKS,
    *topics.CHECKS,
    *translations.CHECKS,
    *brand.CHECKS,
)


def run_checks(
    project: Project,
    today: dt.date | None = None,
    *,
    require_clinical_review: bool | None = None,
) -> list[Diagnostic]:
    """Every problem in the project: load-time diagnostics plus every check's.

    ``today`` is injectable so freshness rules are testable on any date; by
    default it is ``dates.today()`` (the clock, or ``RECOVERY_SITE_TODAY``).
    ``require_clinical_review`` overrides the project's setting (read from
    mkdocs.yml): the plugin passes its own option.
    """
    today = today or clock.today()
    if require_clinical_review is not None:
        project.require_clinical_review = require_clinical_review
    found = list(project.diagnostics)
    for check in ALL_CHECKS:
        found.extend(check(project, today))
    return sorted(set(found))
