"""Safety: no raw HTML or script links in text that the public can submit.

FAQ answers and stories may come from outside the team, so markup in them is
an error here, and the renderer also neutralises it (``markdown_text``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic
from ..load import Project
from ..markdown_text import find_raw_html, find_unsafe_links, link_destinations, mask_code
from .texts import Text, all_texts, story_texts, topic_texts

_SNIPPET = re.compile(r"-{1,2}8<-{1,2}")
_ATTR_LIST_HANDLER = re.compile(r"\{[^{}\n]*?\b(?:on[a-z]+|href|src)\s*=", re.I)


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
            yield item.diagnostic(
                match.start(),
                "raw-html",
                f"raw HTML{handler} in the {item.kind}: '{shown}'; use Markdown instead "
                "(HTML is never published)",
            )
        code_free = mask_code(item.text)
        # Snippet lines work even inside code blocks, so search the raw text.
        for match in _SNIPPET.finditer(item.text if "8<" in item.text else ""):
            yield item.diagnostic(
                match.start(),
                "snippet-include",
                f"'{match.group(0)}' includes another file into the {item.kind}; "
                "paste the text instead",
            )
        for match in _ATTR_LIST_HANDLER.finditer(code_free if "=" in code_free else ""):
            yield item.diagnostic(
                match.start(),
                "raw-html",
                f"attribute list '{match.group(0)}...' in the {item.kind} sets a link or an "
                "event handler; use plain Markdown",
            )
        for offset, url in find_unsafe_links(item.text):
            yield item.diagnostic(
                offset,
                "unsafe-link",
                f"link to '{url[:60]}' in the {item.kind} could run code; link to an https:// "
                "page instead",
            )


def check_link_syntax(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """A link the URL parser cannot read would crash the build: report it instead."""
    for item in all_texts(project):
        if "](" not in item.text and "]:" not in item.text and "<" not in item.text:
            continue
        for offset, url in link_destinations(item.text):
            try:
                urlsplit(url)
            except ValueError:
                yield item.diagnostic(
                    offset,
                    "bad-link",
                    f"link '{url[:60]}' in the {item.kind} is not a valid address; "
                    "check its brackets",
                )


CHECKS = (check_safety, check_link_syntax)
