"""Freshness: content is reviewed on a cycle, and no date lies in the future.

Except a story's ``published`` date: a date to come schedules the story (it
is not built before that day), and ``check`` says when it will appear.

A review falling due is a note, never a warning: time alone must not stop a
strict build (an urgent fix to a crisis number has to ship on any date), so
``recovery-site report`` and the scheduled link job show it instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import add_months
from ..diagnostics import Diagnostic, error, note, warning
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


def _scheduled(doc, today: dt.date) -> Iterator[Diagnostic]:
    """A story published on a day still to come: a note saying when it will appear."""
    day = doc.story.published
    if day is None or day <= today:
        return
    line, col = doc.source_map.value_at(("published",))
    first = f"the first build from that day; today is {today.isoformat()}"
    if doc.story.status == "published":
        say = f"scheduled: this story appears on the site on {day.isoformat()} ({first})"
    else:
        say = (
            f"scheduled for {day.isoformat()}: once its status is 'published', this story "
            f"appears on the site that day ({first})"
        )
    yield note(doc.path, line, col, "scheduled", say + "; to publish it sooner, change 'published'")


def _due(smap: SourceMap, field: str, last: dt.date, every: int, today: dt.date):
    due = add_months(last, every)
    if due < today:
        line, col = smap.value_at((field,))
        what = "clinically reviewed" if field == "reviewed" else "updated"
        yield note(
            smap.path,
            line,
            col,
            "review-due",
            f"last {what} {last.isoformat()}; a review was due {due.isoformat()} "
            f"(every {every} months). Review the content, then update '{field}'",
        )


def review_base(
    updated: dt.date | None, reviewed: dt.date | None, reviewed_by: list[str]
) -> tuple[str, dt.date] | None:
    """The date a page's review cycle counts from, and its field.

    A clinically reviewed page counts from its review; any other page from
    its last editorial update.
    """
    if reviewed is not None and reviewed_by:
        return "reviewed", reviewed
    if updated is not None:
        return "updated", updated
    return None


def _dates(smap: SourceMap, meta, today: dt.date) -> Iterator[Diagnostic]:
    """Future dates, then the review cycle, for a topic or an article's front matter."""
    future = False
    for name in ("updated", "reviewed"):
        day = getattr(meta, name)
        for d in _future(smap, (name,), day, today, f"{name} date"):
            future = True
            yield d
    base = review_base(meta.updated, meta.reviewed, list(meta.reviewed_by))
    if base is not None and not future:
        yield from _due(smap, base[0], base[1], meta.review_every_months, today)


def check_freshness(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    for doc in project.topics:
        yield from _dates(doc.source_map, doc.topic, today)
    for doc in project.stories:
        s = doc.story
        yield from _scheduled(doc, today)
        if s.consent:
            yield from _future(
                doc.source_map, ("consent", "date"), s.consent.date, today, "consent date"
            )
    for doc in project.articles:
        m = doc.meta
        if m.updated is None and m.reviewed is None:
            if m.medical:
                line, col = doc.source_map.key_at(("medical",))
                yield warning(
                    doc.path,
                    line,
                    col,
                    "no-updated-date",
                    "a medical article needs 'updated: YYYY-MM-DD' (its last substantive "
                    "change) so readers know it is current",
                )
            continue
        yield from _dates(doc.source_map, m, today)


CHECKS = (check_freshness,)
