"""Safety: no raw HTML or script links in text that the public can submit.

FAQ answers and stories may come from outside the team, so markup in them is
an error here, and the renderer also neutralises it (``markdown_text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error
from ..load import Project
from ..markdown_text import find_raw_html, find_unsafe_links
from .texts import Text, story_texts, topic_texts


def _guarded_texts(project: Project) -> Iterator[Text]:
    for topic in project.topics:
        yield from topic_texts(topic)
    for story in project.stories:
        yield from story_texts(story)


def check_safety(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    for item in _guarded_texts(project):
        for match in find_raw_html(item.text):
            tag = match.group(0)
            shown = tag if len(tag) <= 60 else tag[:57] + "..."
            handler = " with an event handler" if " on" in tag.lower() else ""
            line, col = item.locate(match.start())
            yield error(
                item.path,
                line,
                col,
                "raw-html",
                f"raw HTML{handler} in the {item.kind}: '{shown}'; use Markdown instead "
                "(HTML is never published)",
            )
        for offset, url in find_unsafe_links(item.text):
            line, col = item.locate(offset)
            yield error(
                item.path,
                line,
                col,
                "unsafe-link",
                f"link to '{url[:60]}' in the {item.kind} could run code; link to an https:// "
                "page instead",
            )


CHECKS = (check_safety,)
