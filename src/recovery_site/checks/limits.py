"""Bounded Markdown: content the renderer would choke on is an error before rendering.

Python-Markdown is not built for hostile input. A run of ``[`` makes it
rescan the rest of the paragraph for every bracket (20,000 of them took a
minute), a list nested some 250 deep exhausts Python's recursion limit, and a
reference definition whose address ``urlsplit`` cannot read crashes MkDocs.
Anyone can open a pull request, so each text an editor writes (an FAQ
answer, a story or article body) is measured here with linear scans, and
``blocking`` lets the renderer refuse what exceeds the limits: the build
stops with these diagnostics instead of stalling or raising.

The estimates are deliberately pessimistic: they may flag odd but harmless
text, never pass text that is slow or crashes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import markdown

from ..diagnostics import Diagnostic
from ..load import ArticleDoc, Project
from ..markdown_text import link_destinations
from .texts import Text, all_texts, include_texts, unreadable_links

#: Characters in one answer, story body or article body (a long story is ~30,000).
MAX_TEXT_CHARS = 100_000
#: Lists, quotes, admonitions and indented blocks inside one another.
MAX_DEPTH = 16
#: Characters the renderer may rescan, in one text, to match '[' and a link's '('.
MAX_BRACKET_WORK = 200_000

#: The texts that are Markdown (titles, questions and summaries are escaped).
LIMITED_KINDS = frozenset({"answer", "body"})

# Extensions for a trial render: those the generated pages need plus common
# block ones. No fenced-code extension, on purpose: without it a reference
# definition inside a fence still counts, which can only add a diagnostic.
_TRIAL_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "pymdownx.details",
)

_BLANK_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")
_BRACKET = re.compile(r"[\[\]]")
# A link destination the renderer closes at its ')' without rescanning further:
# an address with at most one level of balanced parentheses, and an optional title.
_SHORT_DESTINATION = re.compile(
    r"""\((?:[^()"'\n]|\([^()"'\n]{0,500}\)){0,2000}"""
    r"""(?:[ \t\n]+(?:"[^"]{0,1000}"|'[^']{0,1000}'))?[ \t]*\)"""
)
_FENCE_OPEN = re.compile(r"[> \t]*(`{3,}|~{3,})")


def limited_texts(project: Project) -> Iterator[Text]:
    """FAQ answers, story, article and include bodies: the Markdown an editor writes.

    Includes (``includes/*.md``) are appended to every page by the snippets
    extension, so they are measured too.
    """
    yield from (item for item in all_texts(project) if item.kind in LIMITED_KINDS)
    for include in project.includes:
        yield from include_texts(include)


# --- nesting ---------------------------------------------------------------------------


def line_depth(line: str, limit: int = MAX_DEPTH) -> tuple[int, int]:
    """How many containers a line opens or sits in, and where it first exceeds ``limit``
    (the index after its prefix when it does not).

    Counts every ``>``, every list marker and every four columns of
    indentation before the text: an over-estimate (an indented code line
    counts too), never an under-estimate, since each level of nesting needs
    its own marker or indentation on the line.
    """
    depth = columns = index = 0
    crossed = None
    size = len(line)
    while index < size:
        if crossed is None and depth + columns // 4 > limit:
            crossed = max(index - 1, 0)
        char = line[index]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">" or (char in "-+*" and line[index + 1 : index + 2] in ("", " ", "\t")):
            depth += 1
        elif char.isdigit():
            end = index
            while end < size and end - index < 10 and line[end].isdigit():
                end += 1
            if line[end : end + 1] in (".", ")") and line[end + 1 : end + 2] in ("", " ", "\t"):
                depth += 1
                index = end
            else:
                break
        else:
            break
        index += 1
    total = depth + columns // 4
    if crossed is None and total > limit:
        crossed = max(index - 1, 0)
    return total, index if crossed is None else crossed


def _too_deep(item: Text) -> Iterator[Diagnostic]:
    offset = 0
    for line in item.text.split("\n"):
        depth, column = line_depth(line)
        if depth > MAX_DEPTH:
            yield item.diagnostic(
                offset + column,
                "too-deep",
                f"this line is nested {depth} levels deep (lists, quotes, indentation); "
                f"the limit is {MAX_DEPTH}: flatten the list or quote",
            )
            return  # one is enough: the rest of the block is usually the same
        offset += len(line) + 1


# --- brackets --------------------------------------------------------------------------


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Spans between blank lines: each inline text the renderer scans lies inside one."""
    start = 0
    for match in _BLANK_LINES.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _escaped(text: str, index: int, start: int) -> bool:
    slashes = 0
    while index - slashes - 1 >= start and text[index - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _scans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(offset, length)`` of each rescan the link parser makes in ``text[start:end]``.

    Each ``[`` is scanned to its matching ``]`` (or to the end of the
    paragraph), each ``](`` to the ``)`` that closes the link (or to the end,
    when the address is not a plain one). A ``]`` that might sit inside code
    (between the first and last backtick) or is escaped does not close
    anything here, so the estimate only errs on the slow side.
    """
    first_tick = text.find("`", start, end)
    last_tick = text.rfind("`", start, end)
    no_code = first_tick == -1
    open_at: list[int] = []
    for match in _BRACKET.finditer(text, start, end):
        index = match.start()
        if text[index] == "[":
            if not (no_code and _escaped(text, index, start)):
                open_at.append(index)
            continue
        if not open_at or _escaped(text, index, start) or first_tick < index < last_tick:
            continue
        opener = open_at.pop()
        yield opener, index - opener
        if text.startswith("(", index + 1):
            short = _SHORT_DESTINATION.match(text, index + 1, end)
            yield index + 1, (short.end() if short else end) - index - 1
    for opener in open_at:
        yield opener, end - opener


def _too_many_brackets(item: Text) -> Iterator[Diagnostic]:
    text = item.text
    if "[" not in text:
        return
    work = 0
    longest = (0, 0)  # (length, -offset): the longest scan, first on ties
    long_scans = 0
    for start, end in _chunks(text):
        for offset, length in _scans(text, start, end):
            work += length
            longest = max(longest, (length, -offset))
            long_scans += length > 200
    if work > MAX_BRACKET_WORK:
        yield item.diagnostic(
            -longest[1],
            "too-many-brackets",
            f"this '{text[-longest[1]]}' and {max(long_scans - 1, 0):,} more are not closed "
            f"nearby in their paragraph: the renderer would rescan {work:,} characters to "
            f"match them (the limit is {MAX_BRACKET_WORK:,}); close each '[' with ']' and "
            "each link's '(' with ')', or remove the stray ones",
        )


# --- size --------------------------------------------------------------------------------


def _too_long(item: Text) -> Iterator[Diagnostic]:
    if len(item.text) > MAX_TEXT_CHARS:
        yield item.diagnostic(
            MAX_TEXT_CHARS,
            "text-too-long",
            f"the {item.kind} is {len(item.text):,} characters long; the limit is "
            f"{MAX_TEXT_CHARS:,} (reached here): split it into several",
        )


# --- a trial render, only where it is needed ----------------------------------------------


def _needs_trial(item: Text) -> bool:
    """Reference definitions may sit in quotes, lists or admonitions, where only a
    Markdown parser finds them (and MkDocs then crashes on an unreadable address)."""
    return "]:" in item.text


def _trial_render(item: Text) -> Iterator[Diagnostic]:
    md = markdown.Markdown(extensions=list(_TRIAL_EXTENSIONS))
    try:
        md.convert(item.text)
    except Exception as exc:  # any failure: the build would raise it too
        yield item.diagnostic(
            0,
            "render-error",
            f"the Markdown of this {item.kind} cannot be rendered ({type(exc).__name__}); "
            "simplify its lists, quotes and links",
        )
        return
    checked = {url for _, url in link_destinations(item.text)}  # checks/safety reports those
    for url, _title in md.references.values():
        if url in checked:
            continue
        try:
            urlsplit(url)
        except ValueError:
            offset = max(item.text.find(url), 0)
            yield item.diagnostic(
                offset,
                "bad-link",
                f"link '{url[:60]}' in the {item.kind} is not a valid address; check its brackets",
            )


# --- unclosed code fences ---------------------------------------------------------------


def unclosed_fence(text: str) -> int | None:
    """Offset of a code fence that is never closed, or None.

    An unclosed fence turns the rest of the page into code: on an FAQ page,
    every later question. A fence closes at a line with the same fence
    (pymdownx.superfences needs the very same length).
    """
    if "```" not in text and "~~~" not in text:
        return None
    offset = 0
    fence: str | None = None
    opened = 0
    for line in text.split("\n"):
        match = _FENCE_OPEN.match(line)
        if fence is None:
            if match:
                fence, opened = match.group(1), offset + match.start(1)
        elif match and match.group(1) == fence and not line[match.end() :].strip():
            fence = None
        offset += len(line) + 1
    return opened if fence is not None else None


def _unclosed_fence(item: Text) -> Iterator[Diagnostic]:
    opened = unclosed_fence(item.text)
    if opened is not None:
        fence = item.text[opened : opened + 3]
        yield item.diagnostic(
            opened,
            "unclosed-fence",
            f"this code block ('{fence}') is never closed, so everything after it on the "
            f"page would show as code; end it with a line of the same '{fence}'",
        )


# --- entry points ------------------------------------------------------------------------------


def text_problems(item: Text) -> list[Diagnostic]:
    """What would stall or crash the renderer in one text (the fence check aside).

    A trial render runs only on text within every limit, and only when a
    linear scan cannot vouch for it.
    """
    found = [*_too_long(item), *_too_deep(item), *_too_many_brackets(item)]
    if not found and _needs_trial(item):
        found += _trial_render(item)
    return found


def blocking(project: Project) -> list[Diagnostic]:
    """Problems in answers, stories and includes that no generated page may be rendered with."""
    return [
        d
        for item in limited_texts(project)
        if not isinstance(item.owner, ArticleDoc)  # articles are pages of their own
        for d in (*text_problems(item), *unreadable_links(item))
    ]


def check_limits(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    for item in limited_texts(project):
        yield from text_problems(item)
        yield from _unclosed_fence(item)


CHECKS = (check_limits,)
