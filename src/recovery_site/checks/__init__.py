"""Content checks: pure functions from a loaded Project to diagnostics.

Each module holds one family of rules (see ``rules.py`` for every code);
``run_checks`` runs them all. The MkDocs plugin and ``recovery-site check``
call the same function, so a pull request and a build always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from ..diagnostics import Diagnostic
from ..load import Project
from . import freshness, language, placeholders, readability, safety, sources, stories, structure

Check = Callable[[Project, dt.date], Iterator[Diagnostic]]

ALL_CHECKS: tuple[Check, ...] = (
    *structure.CHECKS,
    *sources.CHECKS,
    *freshness.CHECKS,
    *language.CHECKS,
    *readability.CHECKS,
    *stories.CHECKS,
    *safety.CHECKS,
    *placeholders.CHECKS,
)


def run_checks(project: Project, today: dt.date | None = None) -> list[Diagnostic]:
    """Every problem in the project: load-time diagnostics plus every check's.

    ``today`` is injectable so freshness rules are testable on any date.
    """
    today = today or dt.date.today()
    found = list(project.diagnostics)
    for check in ALL_CHECKS:
        found.extend(check(project, today))
    return sorted(set(found))
