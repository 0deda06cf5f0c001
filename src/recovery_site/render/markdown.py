"""Small Markdown-writing helpers shared by every renderer."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from ..markdown_text import plain_words
from ..model import Source

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+!-])")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML syntax in plain text (titles, questions, names).

    ``&`` and ``<`` become entities (Markdown has no backslash escape for
    ``<``); the rest get backslashes, so the text shows exactly as written.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def link_url(url: str) -> str:
    """Make a URL safe inside ``[text](url)``: no spaces or bare parentheses."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def relative(target: str, source: str) -> str:
    """Link from page ``source`` to page ``target`` (both paths under docs/).

    The same as ``posixpath.relpath(target, dirname(source))`` for such paths,
    without its filesystem calls: generated pages make thousands of these.
    """
    base = source.split("/")[:-1]
    parts = target.split("/")
    common = 0
    for a, b in zip(base, parts[:-1], strict=False):
        if a != b:
            break
        common += 1
    up = [".."] * (len(base) - common)
    return "/".join(up + parts[common:])


def front_matter(title: str, description: str | None = None, **extra: Any) -> str:
    """A page's front matter. JSON values are valid YAML, so anything is quoted safely.

    Title and description are HTML-escaped: themes print them unescaped into
    ``<title>`` and ``<meta content="...">``. ASCII-only JSON keeps control
    characters from breaking the YAML.
    """
    lines = ["---", f"title: {json.dumps(html.escape(title))}"]
    if description:
        lines.append(f"description: {json.dumps(html.escape(description))}")
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def front_matter_unsearched(title: str, description: str | None = None) -> str:
    """Front matter of a page kept out of search (it only repeats other pages)."""
    return front_matter(title, description, search={"exclude": True})


def sources_list(sources: Iterable[Source]) -> str:
    """Sources as a Markdown list of links, each followed by its publisher."""
    return "".join(
        f"- [{md_escape(s.title)}]({link_url(s.url)}) — {md_escape(s.publisher)}\n" for s in sources
    )


def plain_text(markdown_text: str) -> str:
    """Markdown as plain text (structured data): link text kept, URLs, markup and tags removed."""
    return " ".join(html.unescape(plain_words(markdown_text)).split())


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 question``, ``2 questions``; irregular plurals passed as ``words``."""
    return f"{count} {word if count == 1 else words or word + 's'}"
