"""``recovery-site translation-stamp FILE``: record which English text a translation matches.

It writes ``translated_from: <fingerprint>`` beside ``translation_of`` (a
topic or page) and beside each answer's ``id``, replacing any older value.
Only those lines change: comments and layout of the file stay as they are.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import replace_atomically
from .checks.translations import Stamp, page_stamp, topic_stamps
from .load import load_editions
from .yaml_source import SourceMap


def _edits(smap: SourceMap, stamps: list[Stamp], anchor: str) -> dict[int, tuple[str, str]]:
    """Line number -> ("replace" | "after", text) for every stamp with a source."""
    edits: dict[int, tuple[str, str]] = {}
    for stamp in stamps:
        if stamp.expected is None:
            continue
        key = (*stamp.loc, "translated_from")
        if key in smap.key_nodes:
            line, col = smap.key_at(key)
            edits[line] = ("replace", f"{' ' * (col - 1)}translated_from: {stamp.expected}")
            continue
        where = (*stamp.loc, "translation_of") if not stamp.loc else (*stamp.loc, "id")
        if where not in smap.key_nodes:
            where = (*stamp.loc, anchor) if not stamp.loc else where
        line, col = smap.key_at(where)
        edits[line] = ("after", f"{' ' * (col - 1)}translated_from: {stamp.expected}")
    return edits


def _apply(text: str, edits: dict[int, tuple[str, str]]) -> str:
    lines = text.splitlines(keepends=True)
    for number in sorted(edits, reverse=True):
        how, new = edits[number]
        index = number - 1
        if how == "replace":
            lines[index] = new + "\n"
        else:
            lines.insert(index + 1, new + "\n")
    return "".join(lines)


def stamp_files(root: Path, files: list[Path]) -> tuple[list[str], bool]:
    """Stamp each translated file; return messages and whether every file was stamped."""
    editions = load_editions(root)
    messages: list[str] = []
    ok = True
    for path in files:
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        found = None
        for project in editions[1:]:
            assert project.source is not None
            for doc in project.topics:
                if doc.path == shown:
                    found = (doc.source_map, topic_stamps(doc, project.source), "title")
            for page in project.articles:
                if page.path == shown and page.meta.translation_of:
                    found = (page.source_map, [page_stamp(page, project.source)], "title")
        if found is None:
            messages.append(
                f"{shown}: not a translation (a content/<language>/faq/*.yml topic or a "
                "docs/<language>/ page with 'translation_of'), or it has errors: run "
                "`recovery-site check`"
            )
            ok = False
            continue
        smap, stamps, anchor = found
        missing = [s.source for s in stamps if s.expected is None]
        text = path.read_text(encoding="utf-8")
        replace_atomically(path, _apply(text, _edits(smap, stamps, anchor)).encode("utf-8"))
        stamped = len(stamps) - len(missing)
        messages.append(f"{shown}: stamped {stamped} fingerprint(s)")
        for source in missing:
            messages.append(f"{shown}: no English source {source}: not stamped")
            ok = False
    return messages, ok
