"""Parse YAML into plain Python data plus a map of where every value came from.

PyYAML's composer (libyaml's C parser when available, so checking thousands
of files stays fast) gives a node tree with marks; we construct values from
it ourselves so that we can keep each key's and value's node, reject
duplicate keys (PyYAML silently keeps the last one), and stop alias bombs and
absurd nesting before they cost time or memory. Positions are worked out
from the nodes only when a diagnostic asks for one: most files have none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, error

# The base loader resolves no implicit types: every plain scalar stays text,
# and the models turn "2026-10-15", "12" or "true" into dates, numbers and
# booleans. It is faster (no regex per scalar), and editors' IDEs, which read
# YAML 1.2, see the same types the site does.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

#: A path into loaded data: mapping keys and sequence indexes.
Loc = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"

MAX_DEPTH = 64
MAX_NODES = 200_000


@dataclass
class SourceMap:
    """Positions (1-based line, column) of keys and values, by their ``Loc``."""

    path: str
    line_offset: int = 0
    text: str = ""
    key_nodes: dict[Loc, yaml.Node] = field(default_factory=dict, repr=False)
    value_nodes: dict[Loc, yaml.Node] = field(default_factory=dict, repr=False)

    def _pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def value_at(self, loc: Loc) -> tuple[int, int]:
        """Where the value at ``loc`` starts, or the nearest enclosing position."""
        while True:
            node = self.value_nodes.get(loc) or self.key_nodes.get(loc)
            if node is not None:
                return self._pos(node)
            if not loc:
                return (1 + self.line_offset, 1)
            loc = loc[:-1]

    def key_at(self, loc: Loc) -> tuple[int, int]:
        """Where the key naming ``loc`` is, falling back to the value position."""
        node = self.key_nodes.get(loc)
        return self._pos(node) if node is not None else self.value_at(loc)

    def text_start(self, loc: Loc) -> tuple[int, int]:
        """Where the text of a string value starts (inside quotes, below a ``|``)."""
        node = self.value_nodes.get(loc)
        if node is None:
            return self.value_at(loc)
        line, col = self._pos(node)
        if node.style in ("|", ">"):
            # The text starts on the first non-blank line below the indicator.
            lines = self.text.splitlines()
            for index in range(node.start_mark.line + 1, len(lines)):
                if lines[index].strip():
                    indent = len(lines[index]) - len(lines[index].lstrip(" "))
                    return index + 1 + self.line_offset, indent + 1
        elif node.style in ('"', "'"):
            return line, col + 1
        return line, col

    def position_in_text(self, loc: Loc, text: str, offset: int) -> tuple[int, int]:
        """File position of character ``offset`` of the string value at ``loc``.

        Exact for single-line values and ``|`` blocks; for folded (``>``)
        blocks the line may be approximate, as YAML joined the source lines.
        """
        line, col = self.text_start(loc)
        node = self.value_nodes.get(loc)
        multi_line = node is not None and node.end_mark.line > node.start_mark.line
        if node is not None and node.style != "|" and (multi_line or node.style == ">"):
            return line, col  # folded or flowed text: YAML joined lines, point at its start
        before = text[:offset]
        newlines = before.count("\n")
        if not newlines:
            return line, col + offset
        return line + newlines, col + offset - (before.rfind("\n") + 1)


class _TooComplex(Exception):
    pass


class _Builder:
    """Turns composed nodes into Python values, recording each value's node."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.constructor = yaml.constructor.SafeConstructor()
        self.visited = 0
        self.problems: list[Diagnostic] = []

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooComplex(f"more than {MAX_NODES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooComplex(f"nested more than {MAX_DEPTH} levels deep")
        self.smap.value_nodes[loc] = node
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys = self.smap.key_nodes
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self.smap._pos(key_node)
                self.problems.append(
                    error(self.smap.path, line, col, "bad-key", "a key must be a plain name")
                )
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                line, col = self.smap._pos(key_node)
                first_line = self.smap.key_at((*loc, key))[0]
                self.problems.append(
                    error(
                        self.smap.path,
                        line,
                        col,
                        "duplicate-key",
                        f"key '{key}' appears twice in the same block (first on line "
                        f"{first_line}); keep one",
                    )
                )
                continue
            keys[(*loc, key)] = key_node
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG:  # every untagged value
            if not node.style and node.value in _NULLS:  # plain style: None or ""
                return None
            return node.value
        try:
            return self.constructor.construct_object(node)
        except ValueError:
            # e.g. a date like 2026-13-40: keep the text so validation can say
            # precisely which field holds a bad date.
            return node.value
        except Exception as exc:  # PyYAML raises KeyError, IndexError ... for odd tags
            line, col = self.smap._pos(node)
            why = getattr(exc, "problem", None) or type(exc).__name__
            self.problems.append(
                error(
                    self.smap.path,
                    line,
                    col,
                    "yaml-tag",
                    f"unsupported or invalid YAML tag {node.tag!r}; write plain text, numbers, "
                    f"dates, lists and mappings only ({why})",
                )
            )
            return None


def _syntax_error(text: str, path: str, line_offset: int, exc: Exception) -> Diagnostic:
    if isinstance(exc, yaml.reader.ReaderError):
        position = exc.position
        if _Loader is not yaml.BaseLoader:  # libyaml counts UTF-8 bytes
            position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
        before = text[:position]
        line = before.count("\n") + 1 + line_offset
        col = position - (before.rfind("\n") + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return error(
            path,
            line,
            col,
            "yaml-syntax",
            f"invalid YAML: character U+{ord(char[:1] or ' '):04X} is not allowed; remove it",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line if mark else 0
        col = mark.column if mark else 0
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        plain = _plain_language(text, exc, line, col)
        if plain is not None:
            line, col, message = plain
        else:
            message = f"invalid YAML: {what}"
        return error(path, line + 1 + line_offset, col + 1, "yaml-syntax", message)
    return error(path, 1 + line_offset, 1, "yaml-syntax", f"invalid YAML: {exc}")


_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*?):[ \t]+(\S.*?)\s*$")


def _plain_language(
    text: str, exc: yaml.MarkedYAMLError, line: int, col: int
) -> tuple[int, int, str] | None:
    """The common mistakes, said as an editor would fix them: ``(line, col, message)``
    (0-based), or None to keep the parser's own words."""
    lines = text.splitlines()
    here = lines[line] if line < len(lines) else ""
    problem, context = exc.problem or "", exc.context or ""
    if "mapping values are not allowed" in problem:
        match = _KEY_VALUE.match(here)
        if match and col > match.end(2):  # a second ": " on the line: inside the value
            key, value = match.group(2), match.group(3)
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return (
                line,
                match.start(3),
                f"the value of '{key}' contains a colon followed by a space, which YAML reads "
                f"as a new field: put the whole value in quotes, {key}: {quoted}",
            )
        return (
            line,
            len(here) - len(here.lstrip()),
            "this field is indented more than the field above it, which already has a "
            "value: line it up with the fields of its block (use spaces)",
        )
    if "\t" in here and ("tab" in problem or "cannot start any token" in problem):
        return (
            line,
            here.index("\t"),
            "a tab character; indent with spaces (YAML does not allow tabs for indentation)",
        )
    if "quoted scalar" in context and exc.context_mark is not None:
        start = exc.context_mark
        opened = lines[start.line][start.column] if start.line < len(lines) else '"'
        return (
            start.line,
            start.column,
            f"this quote ({opened}) is never closed: end the value with {opened} on the same "
            f"line, or remove the opening {opened}",
        )
    if ("expected key" in problem or "expected '-' indicator" in problem) and (
        here.lstrip().startswith("- ") or here.strip() == "-"
    ):
        return (
            line,
            len(here) - len(here.lstrip()),
            "this list item is indented differently from the items above it: line up its "
            "'-' with theirs (use spaces, the same number on every item)",
        )
    if "expected key" in problem or "expected <block end>" in problem:
        return (
            line,
            col,
            "this line is indented differently from the lines above it: line it up with the "
            "other fields of its block (use spaces)",
        )
    return None


def parse_yaml(
    text: str, path: str, line_offset: int = 0
) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Parse one YAML document from ``text``.

    ``line_offset`` shifts reported lines, for YAML embedded after other
    lines (front matter). Returns the data (``None`` when unusable), its
    source map and any diagnostics; never raises for bad input.
    """
    smap = SourceMap(path=path, line_offset=line_offset, text=text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, smap, [_syntax_error(text, path, line_offset, exc)]
    except RecursionError:
        return (
            None,
            smap,
            [error(path, 1 + line_offset, 1, "yaml-too-complex", "nested too deeply")],
        )
    finally:
        loader.dispose()
    if node is None:
        return None, smap, []
    builder = _Builder(smap)
    try:
        data = builder.build(node, ())
    except (_TooComplex, RecursionError) as exc:
        reason = str(exc) or "nested too deeply"
        return (
            None,
            smap,
            [
                error(
                    path,
                    1 + line_offset,
                    1,
                    "yaml-too-complex",
                    f"this file is too complex: {reason}",
                )
            ],
        )
    return data, smap, builder.problems
