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


#: Characters YAML refuses inside a quoted string (PyYAML's reader), reads as a
#: line break (U+0085, U+2028, U+2029) or drops (a byte-order mark): written as
#: ``\uXXXX`` escapes, which YAML's double-quoted strings understand.
_YAML_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def yaml_value(value: Any) -> str:
    """``value`` as YAML that reads back exactly, whatever characters it holds.

    JSON is valid YAML, but ``json.dumps``' default ASCII escapes write an
    emoji as a surrogate pair (``\ud83c\udf08``), which YAML cannot read back;
    so characters are written as they are, and only those YAML refuses
    (control characters, surrogates, U+FFFE/U+FFFF) are escaped.
    """
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def front_matter(title: str, description: str | None = None, **extra: Any) -> str:
    """A page's front matter, quoted so that any text comes back exactly.

    Title and description are HTML-escaped: themes print them unescaped into
    ``<title>`` and ``<meta content="...">``.
    """
    lines = ["---", f"title: {yaml_value(html.escape(title))}"]
    if description:
        lines.append(f"description: {yaml_value(html.escape(description))}")
    for key, value in extra.items():
        lines.append(f"{key}: {yaml_value(value)}")
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
