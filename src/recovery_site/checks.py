"""Checks across loaded records: pure functions from a Project to diagnostics.

Schema-level problems are found while loading; what lives here needs more
than one field or file at a time (unique ids, links between questions).
Later rules (sources, freshness, language, privacy) join ``ALL_CHECKS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .diagnostics import Diagnostic, error
from .load import Project

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SLUG_HINT = "use lowercase letters, digits and single hyphens, e.g. 'what-is-mat'"


def check_question_ids(project: Project) -> Iterator[Diagnostic]:
    """Question ids become anchors, so each must be a slug and unique in its topic."""
    for doc in project.topics:
        seen: dict[str, int] = {}
        for i, entry in enumerate(doc.topic.questions):
            line, col = doc.source_map.value_at(("questions", i, "id"))
            if not SLUG.match(entry.id):
                yield error(
                    doc.path, line, col, "bad-id", f"id '{entry.id}' is not a slug: {_SLUG_HINT}"
                )
            if entry.id in seen:
                yield error(
                    doc.path,
                    line,
                    col,
                    "duplicate-id",
                    f"question id '{entry.id}' is already used on line {seen[entry.id]}; "
                    "ids must be unique in a topic",
                )
            else:
                seen[entry.id] = line


def check_file_slugs(project: Project) -> Iterator[Diagnostic]:
    """File names become URLs (``/faq/<topic>/``, ``/stories/<slug>/``)."""
    for doc in [*project.topics, *project.stories]:
        if not SLUG.match(doc.slug):
            yield error(
                doc.path, 1, 1, "bad-slug", f"file name '{doc.slug}' is not a slug: {_SLUG_HINT}"
            )


def check_related(project: Project) -> Iterator[Diagnostic]:
    """``related`` entries must name an existing ``topic/question-id``."""
    known = {(doc.slug, q.id) for doc in project.topics for q in doc.topic.questions}
    for doc in project.topics:
        for i, entry in enumerate(doc.topic.questions):
            for j, target in enumerate(entry.related):
                topic, _, qid = target.partition("/")
                if (topic, qid) not in known:
                    line, col = doc.source_map.value_at(("questions", i, "related", j))
                    yield error(
                        doc.path,
                        line,
                        col,
                        "unknown-related",
                        f"related question '{target}' does not exist; write 'topic/question-id' "
                        "for a question in content/faq/",
                    )


Check = Callable[[Project], Iterator[Diagnostic]]

ALL_CHECKS: tuple[Check, ...] = (check_file_slugs, check_question_ids, check_related)


def run_checks(project: Project) -> list[Diagnostic]:
    """Every problem in the project: load-time diagnostics plus every check's."""
    found = list(project.diagnostics)
    for check in ALL_CHECKS:
        found.extend(check(project))
    return sorted(found)
