"""Readability: Flesch-Kincaid grade per FAQ answer and per article.

Public-health guidance asks for plain language (NIH and CDC: 8th grade or
lower); the limit is ``reading_grade_max`` in ``content/style/checks.yml``.
Stories are not graded: they are people's own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import textstat

from ..diagnostics import Diagnostic, warning
from ..load import Project
from ..markdown_text import plain_words


def grade(text: str) -> tuple[float, int]:
    """(Flesch-Kincaid grade, word count) of Markdown text."""
    words = plain_words(text)
    return float(textstat.flesch_kincaid_grade(words)), len(words.split())


def check_readability(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    settings = project.style.settings
    limit, minimum = settings.reading_grade_max, settings.reading_min_words
    targets = []
    for doc in project.topics:
        for i, entry in enumerate(doc.topic.questions):
            loc = ("questions", i, "answer")
            targets.append(
                (doc.path, doc.source_map.key_at(loc), f"answer '{entry.id}'", entry.answer)
            )
    for article in project.articles:
        if article.meta.medical or article.meta.audience:
            targets.append((article.path, (article.body_line, 1), "article", article.body))
    for path, (line, col), what, text in targets:
        score, count = grade(text)
        if count >= minimum and score > limit:
            yield warning(
                path,
                line,
                col,
                "reading-level",
                f"{what} reads at grade {score:.1f}, above the limit of {limit:g}: use shorter "
                "sentences and everyday words",
            )


CHECKS = (check_readability,)
