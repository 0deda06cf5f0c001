"""Freshness: content is reviewed on a cycle, and no date lies in the future."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import add_months
from ..diagnostics import Diagnostic, error, warning
from ..load import Project
from ..yaml_source import SourceMap


def _future(smap: SourceMap, loc: tuple, day: dt.date | None, today: dt.date, what: str):
    if day is not None and day > today:
        line, col = smap.value_at(loc)
        yield error(
            smap.path,
            line,
            col,
            "future-date",
            f"{what} {day.isoformat()} is in the future (today is {today.isoformat()}); "
            "use the date it actually happened",
        )


def _due(smap: SourceMap, reviewed: dt.date, every: int, today: dt.date):
    due = add_months(reviewed, every)
    if due < today:
        line, col = smap.value_at(("reviewed",))
        yield warning(
            smap.path,
            line,
            col,
            "review-due",
            f"last reviewed {reviewed.isoformat()}; a review was due {due.isoformat()} "
            f"(every {every} months). Review the content, then update 'reviewed'",
        )


def check_freshness(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    for doc in project.topics:
        t = doc.topic
        yield from _future(doc.source_map, ("reviewed",), t.reviewed, today, "reviewed date")
        if t.reviewed <= today:
            yield from _due(doc.source_map, t.reviewed, t.review_every_months, today)
    for doc in project.stories:
        s = doc.story
        yield from _future(doc.source_map, ("published",), s.published, today, "published date")
        if s.consent:
            yield from _future(
                doc.source_map, ("consent", "date"), s.consent.date, today, "consent date"
            )
    for doc in project.articles:
        m = doc.meta
        if m.reviewed is None:
            if m.medical:
                line, col = doc.source_map.key_at(("medical",))
                yield warning(
                    doc.path,
                    line,
                    col,
                    "no-review-date",
                    "a medical article needs 'reviewed: YYYY-MM-DD' so readers know it is current",
                )
            continue
        yield from _future(doc.source_map, ("reviewed",), m.reviewed, today, "reviewed date")
        if m.reviewed <= today:
            yield from _due(doc.source_map, m.reviewed, m.review_every_months, today)


CHECKS = (check_freshness,)
