"""Placeholders: scaffolds write TODO where an editor must fill something in.

A TODO left in a published story or an FAQ topic is an error (readers would
see it); in a draft it is a warning, a reminder of what is left to do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error, warning
from ..load import Project
from ..model import PLACEHOLDER
from .texts import story_texts, topic_texts

_TODO = re.compile(rf"\b{PLACEHOLDER}\b")


def check_placeholders(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    for topic in project.topics:
        for i, entry in enumerate(topic.topic.questions):
            for j, source in enumerate(entry.sources):
                for field in ("title", "publisher", "url"):
                    if _TODO.search(getattr(source, field)):
                        loc = ("questions", i, "sources", j, field)
                        line, col = topic.source_map.value_at(loc)
                        yield error(
                            topic.path,
                            line,
                            col,
                            "placeholder",
                            f"fill in the source's {field} (it still says {PLACEHOLDER})",
                        )
        for item in topic_texts(topic):
            match = _TODO.search(item.text) if PLACEHOLDER in item.text else None
            if match:
                yield item.diagnostic(
                    match.start(),
                    "placeholder",
                    f"fill in the {item.kind} (it still says {PLACEHOLDER})",
                )
    for story in project.stories:
        # Drafts may be merged unfinished: a reminder there, a blocker when published.
        report = error if story.story.status == "published" else warning
        when = "" if report is error else " before publishing"
        places: list[tuple[str, int, int]] = []
        for name, value in (
            ("author", story.story.author or ""),
            ("consent.reference", story.story.consent.reference if story.story.consent else ""),
        ):
            if _TODO.search(value):
                places.append((name, *story.source_map.value_at(tuple(name.split(".")))))
        for item in story_texts(story):
            match = _TODO.search(item.text) if PLACEHOLDER in item.text else None
            if match:
                places.append((f"the {item.kind}", *item.locate(match.start())))
        consent = story.story.consent
        if consent is not None and consent.date is None:
            # Before review the consent must be on record (as for missing-consent).
            line, col = story.source_map.value_at(("consent", "date"))
            draft = story.story.status == "draft"
            yield (warning if draft else error)(
                story.path,
                line,
                col,
                "placeholder",
                "fill in consent.date, the date the consent form was signed (YYYY-MM-DD)"
                + (" before review" if draft else ""),
            )
        for what, line, col in places:
            yield report(
                story.path,
                line,
                col,
                "placeholder",
                f"fill in {what}{when} (it still says {PLACEHOLDER})",
            )


CHECKS = (check_placeholders,)
