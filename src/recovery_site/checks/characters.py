"""Characters that disguise text: bidirectional controls and invisible format characters.

A right-to-left override (U+202E) makes "gro.asmhas" display as "samhsa.org"
and can reorder a title so that what an editor reviews is not what a reader
sees (the "Trojan Source" trick). Such controls have no place in the short
fields shown as headings, links and bylines, so they are an error there. In
ids, which become addresses, any invisible format character (zero-width
space, joiner, soft hyphen, byte order mark) makes two ids that look the
same differ.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error
from ..load import Project
from ..yaml_source import Loc, SourceMap

#: Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def _bidi(text: str) -> int | None:
    return next((i for i, c in enumerate(text) if c in BIDI_CONTROLS), None)


def _invisible(text: str) -> int | None:
    return next((i for i, c in enumerate(text) if unicodedata.category(c) == "Cf"), None)


def _check_field(
    path: str, smap: SourceMap, loc: Loc, what: str, value: str | None, is_id: bool = False
) -> Iterator[Diagnostic]:
    if not value:
        return
    at = _bidi(value)
    if at is not None:
        line, col = smap.position_in_text(loc, value, at)
        yield error(
            path,
            line,
            col,
            "bidi-control",
            f"the {what} contains an invisible direction control (U+{ord(value[at]):04X}) "
            "that can make text display in a different order than it is written; delete it "
            "(retype the text if you cannot see where it is)",
        )
        return
    at = _invisible(value) if is_id else None
    if at is not None:
        line, col = smap.position_in_text(loc, value, at)
        name = unicodedata.name(value[at], "format character").lower()
        yield error(
            path,
            line,
            col,
            "invisible-character",
            f"the {what} '{value.encode('ascii', 'backslashreplace').decode()}' contains an "
            f"invisible character ({name}, U+{ord(value[at]):04X}); retype it with letters, "
            "digits and hyphens only",
        )


def check_characters(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Titles, descriptions, summaries, authors, questions and ids of every content file."""
    for doc in project.topics:
        t, smap = doc.topic, doc.source_map
        yield from _check_field(doc.path, smap, ("title",), "title", t.title)
        yield from _check_field(doc.path, smap, ("description",), "description", t.description)
        for i, q in enumerate(t.questions):
            yield from _check_field(doc.path, smap, ("questions", i, "id"), "id", q.id, True)
            yield from _check_field(
                doc.path, smap, ("questions", i, "question"), "question", q.question
            )
    for doc in project.stories:
        s, smap = doc.story, doc.source_map
        yield from _check_field(doc.path, smap, ("title",), "title", s.title)
        yield from _check_field(doc.path, smap, ("author",), "author", s.author)
        yield from _check_field(doc.path, smap, ("summary",), "summary", s.summary)
    for doc in project.articles:
        m, smap = doc.meta, doc.source_map
        yield from _check_field(doc.path, smap, ("title",), "title", m.title)
        yield from _check_field(doc.path, smap, ("description",), "description", m.description)


CHECKS = (check_characters,)
