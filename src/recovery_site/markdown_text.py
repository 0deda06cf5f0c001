"""Offset-preserving views of Markdown text, for checks and for safe rendering.

Checks must not flag a word inside code or a quotation, nor read a URL as
prose, yet must report the exact line and column of what they find. So
instead of stripping, these helpers *mask*: the masked characters become
spaces, newlines stay, and every offset still points at the original text.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_CLOSED_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*\n?)+")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[^\n]*", re.M)
_QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|\]\s*\[[^\]\n]*\]|^ {0,3}\[[^\]\n]+\]:[^\n]*", re.M)
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+", re.I)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask(text: str, *patterns: re.Pattern[str]) -> str:
    """Replace every match of ``patterns`` with spaces, keeping newlines."""
    for pattern in patterns:
        text = pattern.sub(_blank, text)
    return text


def mask_code(text: str) -> str:
    """Blank fenced, indented and inline code."""
    if "`" not in text and "~~~" not in text and "    " not in text and "\t" not in text:
        return text  # fast path: most answers and stories have no code
    return mask(text, _FENCE, _INDENTED_CODE, _INLINE_CODE)


def mask_sure_code(text: str) -> str:
    """Blank only what is code whatever its context: closed fences and inline code.

    For finding markup that could reach a page: text indented under a list
    item or an admonition is not code, though it looks like an indented
    block, and an unclosed fence does not hide what follows it.
    """
    if "`" not in text and "~~~" not in text:
        return text
    return mask(text, _CLOSED_FENCE, _INLINE_CODE)


def _mask_links_and_urls(text: str) -> str:
    # Each pattern only where its marker character occurs: most text has none.
    if "]" in text:
        text = mask(text, _LINK_TARGET)
    if "<" in text:
        text = mask(text, _AUTOLINK)
    if "http" in text or "www." in text:
        text = mask(text, _BARE_URL)
    return text


def prose(text: str) -> str:
    """What the reader reads as our words: no code, URLs, quotations or blockquotes."""
    text = _mask_links_and_urls(mask_code(text))
    if ">" in text:
        text = mask(text, _BLOCKQUOTE)
    if '"' in text or "\u201c" in text:
        text = mask(text, _QUOTED)
    return text


_MARKUP = re.compile(r"[*_#>`|~\[\]]+")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]+", re.M)
#: An admonition or details opener (``!!! warning "Safety"``): its title is text, not the marker.
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+\w[\w-]*)*[ \t]*", re.M)


_ANY_TAG = re.compile(r"<[^<>\n]+>")


def plain_words(text: str) -> str:
    """Text for readability scoring: no code, URLs, HTML tags or Markdown punctuation."""
    text = _mask_links_and_urls(mask_code(text))
    if "<" in text:
        text = mask(text, _ANY_TAG)
    if "!!!" in text or "???" in text:
        text = _ADMONITION.sub(" ", text)
    return _MARKUP.sub(" ", _LIST_MARKER.sub(" ", text))


# --- raw HTML --------------------------------------------------------------------------

HTML_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<![A-Za-z][^>]*>|<\?.*?(?:\?>|\Z)"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",
    re.S,
)
_LINK_DESTINATIONS = re.compile(
    r"\]\(\s*<?(?P<inline>[^\s)>]+)"
    # A reference definition, also inside blockquotes, list items and admonitions.
    r"|^(?:[ \t]*(?:>[ \t]?|[-+*][ \t]|\d{1,9}[.)][ \t]))*[ \t]*"
    r"\[[^\]\n]+\]:[ \t]*<?(?P<ref>[^\s>]+)"
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>",
    re.M,
)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def is_unsafe_url(url: str) -> bool:
    """True for script-capable URLs, also when hidden behind entities or spaces."""
    decoded = re.sub(r"[\x00-\x20]+", "", html.unescape(url)).lower()
    return decoded.startswith(_UNSAFE_SCHEMES)


def _destinations(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _LINK_DESTINATIONS.finditer(text):
        name = match.lastgroup
        if name and is_unsafe_url(match.group(name)):
            spans.append(match.span(name))
    return spans


def find_raw_html(text: str) -> list[re.Match[str]]:
    """Raw HTML tags and comments outside code (autolinks are not HTML)."""
    return list(HTML_TAG.finditer(mask(mask_sure_code(text), _AUTOLINK)))


def link_destinations(text: str) -> list[tuple[int, str]]:
    """``(offset, url)`` of every Markdown link destination outside code."""
    code_masked = mask_sure_code(text)
    out = []
    for match in _LINK_DESTINATIONS.finditer(code_masked):
        name = match.lastgroup
        if name:
            out.append((match.start(name), match.group(name)))
    return out


def find_unsafe_links(text: str) -> list[tuple[int, str]]:
    """``(offset, url)`` of script-capable link targets outside code."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []
    return [(start, text[start:end]) for start, end in _destinations(mask_sure_code(text))]


#: An editors' note: a closed HTML comment with no tag inside it.
EDITOR_COMMENT = re.compile(r"<!--(?!>)[^<]*?-->")


def editor_comments(text: str) -> list[re.Match[str]]:
    """Closed HTML comments outside code: editors' notes, never published."""
    if "<!--" not in text:
        return []
    return list(EDITOR_COMMENT.finditer(mask(mask_sure_code(text), _AUTOLINK)))


def _drop_comments(text: str) -> str:
    out, last = [], 0
    for match in editor_comments(text):
        out.append(text[last : match.start()])
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def neutralise_html(text: str) -> str:
    """Markdown in which no raw HTML and no script link can survive rendering.

    Editors' comments (``<!-- ... -->``) are removed, as Markdown removes them
    from articles (the check notes each one). Outside code, every other ``<``
    that is not an autolink becomes ``&lt;`` (shown to readers as text), and
    script-capable link targets become ``#blocked``. The checks report the
    same input as errors; this is the second lock.
    """
    if "<" not in text and "](" not in text and "]:" not in text:
        return text  # fast path: nothing that could be markup or a link
    text = _drop_comments(text)
    code = mask_sure_code(text)
    autolinks = {m.start() for m in _AUTOLINK.finditer(code)}
    unsafe = _destinations(code)
    out = []
    index = 0
    for start, end in unsafe:
        out.append(_escape_lt(text, code, autolinks, index, start))
        out.append("#blocked")
        index = end
    out.append(_escape_lt(text, code, autolinks, index, len(text)))
    return "".join(out)


def _escape_lt(text: str, code: str, autolinks: set[int], start: int, end: int) -> str:
    out, last = [], start
    index = text.find("<", start, end)
    while index != -1:
        if code[index] == "<" and index not in autolinks:  # not code, not an autolink
            out.append(text[last:index])
            out.append("&lt;")
            last = index + 1
        index = text.find("<", index + 1, end)
    out.append(text[last:end])
    return "".join(out)
