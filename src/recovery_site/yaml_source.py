"""Parse YAML into plain Python data plus a map of where every value came from.

PyYAML's composer (libyaml's C parser when available, so checking thousands
of files stays fast) gives a node tree with marks; we construct values from
it ourselves so that we can keep each key's and value's line and column,
reject duplicate keys (PyYAML silently keeps the last one), and stop alias
bombs and absurd nesting before they cost time or memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, error

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: A path into loaded data: mapping keys and sequence indexes.
Loc = tuple[str | int, ...]

MAX_DEPTH = 64
MAX_NODES = 200_000


@dataclass
class SourceMap:
    """Positions (1-based line, column) of keys and values, by their ``Loc``."""

    path: str
    line_offset: int = 0
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    #: Where the text of a string value starts (inside quotes, below a ``|``).
    text_starts: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position_in_text(self, loc: Loc, text: str, offset: int) -> tuple[int, int]:
        """File position of character ``offset`` of the string value at ``loc``.

        Exact for single-line values and ``|`` blocks; for folded (``>``)
        blocks the line may be approximate, as YAML joined the source lines.
        """
        line, col = self.text_starts.get(loc) or self.value_at(loc)
        before = text[:offset]
        newlines = before.count("\n")
        if not newlines:
            return line, col + offset
        return line + newlines, col + offset - (before.rfind("\n") + 1)

    def value_at(self, loc: Loc) -> tuple[int, int]:
        """Where the value at ``loc`` starts, or the nearest enclosing position."""
        while True:
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            if not loc:
                return (1 + self.line_offset, 1)
            loc = loc[:-1]

    def key_at(self, loc: Loc) -> tuple[int, int]:
        """Where the key naming ``loc`` is, falling back to the value position."""
        return self.keys.get(loc) or self.value_at(loc)


class _TooComplex(Exception):
    pass


class _Builder:
    """Turns composed nodes into Python values, recording positions."""

    def __init__(self, smap: SourceMap, lines: list[str]) -> None:
        self.smap = smap
        self.lines = lines
        self.constructor = yaml.constructor.SafeConstructor()
        self.visited = 0
        self.problems: list[Diagnostic] = []

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.smap.line_offset, node.start_mark.column + 1)

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooComplex(f"more than {MAX_NODES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooComplex(f"nested more than {MAX_DEPTH} levels deep")
        self.smap.values.setdefault(loc, self.pos(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        self.smap.text_starts[loc] = self._text_start(node)
        return self._scalar(node)

    def _text_start(self, node: yaml.Node) -> tuple[int, int]:
        line, col = self.pos(node)
        if node.style in ("|", ">"):
            # The text starts on the first non-blank line below the indicator.
            for index in range(node.start_mark.line + 1, len(self.lines)):
                text = self.lines[index]
                if text.strip():
                    indent = len(text) - len(text.lstrip(" "))
                    return index + 1 + self.smap.line_offset, indent + 1
            return line, col
        if node.style in ('"', "'"):
            return line, col + 1
        return line, col

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self.pos(key_node)
                self.problems.append(
                    error(self.smap.path, line, col, "bad-key", "a key must be a plain name")
                )
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                line, col = self.pos(key_node)
                first_line = self.smap.keys[(*loc, key)][0]
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
            self.smap.keys[(*loc, key)] = self.pos(key_node)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node)
        except ValueError:
            # e.g. a date like 2026-13-40: keep the text so validation can say
            # precisely which field holds a bad date.
            return node.value
        except yaml.constructor.ConstructorError as exc:
            line, col = self.pos(node)
            self.problems.append(
                error(
                    self.smap.path,
                    line,
                    col,
                    "yaml-tag",
                    f"unsupported YAML tag {node.tag!r}; write plain text, numbers, "
                    f"dates, lists and mappings only ({exc.problem})",
                )
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
    smap = SourceMap(path=path, line_offset=line_offset)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, smap, [error(path, line, col, "yaml-syntax", f"invalid YAML: {what}")]
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        col = exc.position - (before.rfind("\n") + 1) + 1
        return (
            None,
            smap,
            [
                error(
                    path,
                    line,
                    col,
                    "yaml-syntax",
                    f"invalid YAML: character {exc.character!r} is not allowed; remove it",
                )
            ],
        )
    except yaml.YAMLError as exc:
        return None, smap, [error(path, 1 + line_offset, 1, "yaml-syntax", f"invalid YAML: {exc}")]
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
    builder = _Builder(smap, text.splitlines())
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
