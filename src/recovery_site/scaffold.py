"""Scaffolds for editors: a new draft story, a new FAQ topic, a new FAQ question.

Files are written the way editors will read them: every field present, each
with a short comment saying what to put there. Nothing is overwritten.

Adding a question never rewrites the topic file: the new question's lines are
inserted as text after the last question, so every other byte (comments,
quoting, ``%YAML``/``%TAG`` directives, CRLF line endings, tabs, indentation)
stays exactly as the editor wrote it and a pull request shows only the new
lines. The file is parsed with the same parser as ``recovery-site check`` (so
whatever check accepts, this accepts), the new lines are rendered by
ruamel.yaml in the file's own indentation, and the result is parsed again and
compared with the original before anything is written.

Every write is atomic (``atomic.py``): a full disk, a read-only file or Ctrl-C
leaves the original untouched, and parallel runs on one topic take turns.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from .atomic import CAN_LOCK, create_atomically, locked, replace_atomically
from .model import PLACEHOLDER
from .slugs import SLUG, slugify
from .yaml_source import SourceMap, parse_yaml


class ScaffoldError(Exception):
    """A scaffold cannot be written; the message says why and what to do.

    ``path`` (as shown to the editor) is set when the problem is one file's,
    so the CLI can print ``path: error: ...`` like every other diagnostic.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


def _io_error(verb: str, shown: str, exc: OSError) -> ScaffoldError:
    reason = exc.strerror or str(exc)
    return ScaffoldError(f"could not {verb} {shown} (left unchanged): {reason}", shown)


STORY_TEMPLATE = """\
---
# yaml-language-server: $schema=../../schemas/story.schema.json
title: {title}
basis: consented          # consented: one real person's story (author and consent below);
                          # composite: written by the team (then remove author and consent)
author: {placeholder}          # first name and last initial (Sam R.) or a pseudonym
topics: {topics}          # lowercase tags, e.g. [12-step, relapse, moud, families]
content_warnings: []      # overdose, suicide, self-harm, abuse: list each one the story mentions
status: draft             # draft -> in-review -> published (only published stories are built)
consent:                  # required before review: from the signed consent form
  reference: {placeholder}        # the signed form's id, e.g. CF-2026-014 (form kept elsewhere)
  date: {placeholder}             # the date the form was signed (YYYY-MM-DD), from the form
published: {today}     # the date the story goes live; a later date schedules it
summary: {placeholder} one or two sentences for the stories list.
own_words: []             # words the storyteller chose for themself, e.g. [alcoholic]
---
{placeholder}: the story, in the storyteller's own words. Plain Markdown: paragraphs,
*emphasis*, lists. No HTML, no names of other people, places, phone numbers or
email addresses.
"""


def new_story(root: Path, title: str, topics: list[str], today: dt.date) -> Path:
    """Write ``content/stories/<slug>.md`` as a draft; refuse to overwrite."""
    if not title.strip():
        raise ScaffoldError("--title must not be empty")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(
            f"cannot make a file name from the title {title!r}; use letters or digits"
        )
    bad = [t for t in topics if slugify(t) != t]
    if bad:
        raise ScaffoldError(f"topics must be lowercase tags like 'relapse': {', '.join(bad)}")
    path = root / "content" / "stories" / f"{slug}.md"
    shown = path.relative_to(root).as_posix()
    exists = ScaffoldError(f"{shown} already exists; choose another title")
    if path.exists():
        raise exists
    quoted_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = STORY_TEMPLATE.format(
        title=quoted_title,
        topics="[" + ", ".join(topics) + "]",
        today=today.isoformat(),
        placeholder=PLACEHOLDER,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_atomically(path, text.encode("utf-8"))  # never overwrites, even in a race
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise _io_error("write", shown, exc) from exc
    return path


TOPIC_HEADER = """\
# yaml-language-server: $schema=../../schemas/faq-topic.schema.json
# An FAQ topic: one page at /faq/{slug}/. Replace every {placeholder}, then run
# `recovery-site check`; add questions with `recovery-site new-faq --topic {slug}`.
title: {title}
description: "{placeholder}: one sentence for the FAQ index, search results and link previews."
audience: [public]        # who it is for: public, families, in-recovery, professionals
topics: []                # tags shared with articles and stories, for 'Related', e.g. [alcohol]
medical: {medical}{medical_note}
updated: {today}       # the date of the last substantive change (YYYY-MM-DD)
review_every_months: 12   # how often the topic is reviewed
{review_note}questions:
"""

_MEDICAL_NOTE = (
    "             # gives medical information: every answer cites an authoritative source\n"
    "                          # and a clinician reviews the page"
)
_NOT_MEDICAL_NOTE = (
    "            # no medical information (no doses, medicines, overdose steps); the\n"
    "                          # checks say so if an answer needs a source or a clinician"
)
_REVIEW_NOTE = (
    "# Once a clinician listed in content/reviewers.yml has reviewed the page, add\n"
    "# reviewed: YYYY-MM-DD and reviewed_by: [their-id]. Until then readers see\n"
    "# 'Awaiting clinical review'.\n"
)


def new_topic(root: Path, title: str, medical: bool, today: dt.date) -> Path:
    """Write ``content/faq/<slug>.yml`` with one question skeleton; refuse to overwrite.

    The file reads as a valid topic whose placeholders ``check`` reports, so
    it passes only once the editor has filled them in.
    """
    if not title.strip():
        raise ScaffoldError("--title must not be empty")
    if _LINE_BREAK.search(title):
        raise ScaffoldError("--title must be one line")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(
            f"cannot make a file name from the title {title!r}; use letters or digits"
        )
    path = root / "content" / "faq" / f"{slug}.yml"
    shown = path.relative_to(root).as_posix()
    exists = ScaffoldError(f"{shown} already exists; add questions with new-faq --topic {slug}")
    if path.exists():
        raise exists
    header = TOPIC_HEADER.format(
        slug=slug,
        title=_dump({"title": title.strip()}).strip().removeprefix("title: "),
        medical="true" if medical else "false",
        medical_note=_MEDICAL_NOTE if medical else _NOT_MEDICAL_NOTE,
        review_note=_REVIEW_NOTE if medical else "",
        today=today.isoformat(),
        placeholder=PLACEHOLDER,
    )
    questions = _dump(
        CommentedMap(questions=CommentedSeq([_entry("new-question", None, flow=False)]))
    )
    text = header + questions.split("\n", 1)[1]
    data, _, problems = parse_yaml(text, shown)
    if problems or not isinstance(data, dict) or data.get("title") != title.strip():
        raise ScaffoldError(f"cannot write a topic file for the title {title!r}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_atomically(path, text.encode("utf-8"))  # never overwrites, even in a race
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise _io_error("write", shown, exc) from exc
    return path


@dataclass(frozen=True)
class NewQuestion:
    path: Path
    question_id: str
    line: int


# YAML's line breaks (PyYAML and libyaml agree); str.splitlines knows more.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def new_question(
    root: Path, topic: str, question_id: str | None, question: str | None
) -> NewQuestion:
    """Add a question skeleton after the last one in ``content/faq/<topic>.yml``.

    The file is locked while it is read, changed and replaced, so parallel
    runs each add their question (one after the other) instead of
    overwriting each other's.
    """
    path = root / "content" / "faq" / f"{topic}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in path.parent.glob("*.yml")) if path.parent.is_dir() else []
        hint = f"; topics: {', '.join(known)}" if known else ""
        raise ScaffoldError(f"no FAQ topic '{topic}' (looked for {path.relative_to(root)}){hint}")
    if question_id is not None and not SLUG.match(question_id):
        raise ScaffoldError(
            f"--id '{question_id}' is not a slug: lowercase letters, digits and hyphens"
        )
    shown = path.relative_to(root).as_posix()
    try:
        with locked(path):
            for _attempt in range(10):
                try:
                    raw = path.read_bytes()
                except OSError as exc:
                    raise _io_error("read", shown, exc) from exc
                new_raw, qid, line = _with_question(raw, shown, question_id, question)
                if not CAN_LOCK and path.read_bytes() != raw:  # pragma: no cover - Windows
                    continue  # changed under us: start again from the new text
                try:
                    replace_atomically(path, new_raw)
                except OSError as exc:
                    raise _io_error("write", shown, exc) from exc
                return NewQuestion(path, qid, line)
    except OSError as exc:  # opening or locking the file
        raise _io_error("write", shown, exc) from exc
    raise ScaffoldError(f"{shown} kept changing while adding a question; try again", shown)


def _with_question(
    raw: bytes, shown: str, question_id: str | None, question: str | None
) -> tuple[bytes, str, int]:
    """The file's bytes with a new question inserted; ``(bytes, id, line)``."""
    invalid = ScaffoldError(f"{shown} is not valid YAML; run 'recovery-site check'")
    try:
        text = raw.decode("utf-8-sig")  # as load.read_text does
    except UnicodeDecodeError:
        raise invalid from None
    data, smap, problems = parse_yaml(text, shown)
    if problems or data is None:
        raise invalid
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        raise ScaffoldError(f"{shown} has no 'questions:' list; run 'recovery-site check'")
    taken = {str(q.get("id")) for q in questions if isinstance(q, dict)}
    qid = question_id or slugify(question or "") or "new-question"
    if qid in taken and question_id:
        raise ScaffoldError(f"question id '{qid}' is already used in {shown}")
    base, n = qid, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1

    seq = smap.value_nodes[("questions",)]
    breaks = list(_LINE_BREAK.finditer(text))
    newline = breaks[0].group() if breaks else "\n"
    if seq.flow_style is True:
        places = [lambda: _flow_insertion(text, breaks, seq, qid, question)]
    else:
        places = [
            lambda after=after: _block_insertion(
                text, breaks, smap, qid, question, newline, after_leaf=after
            )
            for after in (True, False)
        ]
    for place in places:
        try:
            offset, lead, chunk = place()
        except (IndexError, KeyError, ValueError):  # a layout not foreseen: try the next
            continue
        new_text = text[:offset] + lead + chunk + text[offset:]
        again, _, problems = parse_yaml(new_text, shown)
        if not problems and _only_added(data, again, qid):
            line = len(_LINE_BREAK.findall(text[:offset] + lead)) + 1
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            return bom + new_text.encode("utf-8"), qid, line
    # A layout this code does not foresee is the editor's to change by hand.
    raise ScaffoldError(
        f"cannot add a question to {shown} without changing its other lines "
        "(unusual layout); add the question by hand",
        shown,
    )


def _only_added(before: dict[str, Any], after: Any, qid: str) -> bool:
    """Whether ``after`` reads as ``before`` plus one last question ``qid``.

    The check that makes inserting text safe: a file that would read
    differently in any other way is never written.
    """
    if not isinstance(after, dict) or not isinstance(after.get("questions"), list):
        return False
    *kept, added = after["questions"] or [None]
    rest = {k: v for k, v in after.items() if k != "questions"}
    return (
        rest == {k: v for k, v in before.items() if k != "questions"}
        and kept == before["questions"]
        and isinstance(added, dict)
        and added.get("id") == qid
    )


def _line_starts(text: str, breaks: list[re.Match[str]]) -> list[int]:
    return [0, *(m.end() for m in breaks)]


def _entry(qid: str, question: str | None, *, flow: bool) -> CommentedMap:
    """The new question's skeleton: every field, with TODOs and short comments."""
    entry = CommentedMap()
    # Quoted, so YAML 1.1 readers never take an id such as "yes" or "2026" for
    # a boolean or a number.
    entry["id"] = DoubleQuotedScalarString(qid)
    entry["question"] = question or f"{PLACEHOLDER}: the question, as a reader would ask it?"
    answer = (
        f"{PLACEHOLDER}: the answer in plain words (short sentences, grade 8 or lower).\n"
        "Markdown is fine; no HTML.\n"
    )
    # A flow collection cannot hold a block scalar.
    entry["answer"] = DoubleQuotedScalarString(answer) if flow else LiteralScalarString(answer)
    source = CommentedMap()
    source["title"] = f"{PLACEHOLDER}: the page title"
    source["publisher"] = f"{PLACEHOLDER}: SAMHSA, NIDA, NIAAA, FDA, CDC, NHS ..."
    source["url"] = f"https://{PLACEHOLDER}"
    entry["sources"] = CommentedSeq([source])
    entry["related"] = CommentedSeq()
    entry["related"].fa.set_flow_style()
    if flow:
        for node in (entry, source, entry["sources"]):
            node.fa.set_flow_style()
    else:
        entry.yaml_add_eol_comment("every medical answer needs at least one source", "sources")
        entry.yaml_add_eol_comment("optional: other questions as topic/question-id", "related")
    return entry


def _dump(data: Any, mapping: int = 2, sequence: int = 4, offset: int = 2) -> str:
    yaml = YAML()
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _last_leaf(node: pyyaml.Node) -> pyyaml.Node:
    """The node where an item's text ends: its last scalar or flow collection."""
    while node.value and not isinstance(node, pyyaml.ScalarNode) and node.flow_style is not True:
        last = node.value[-1]
        node = last[1] if isinstance(node, pyyaml.MappingNode) else last
    return node


def _answer_indent(questions: pyyaml.SequenceNode, text_lines: list[str]) -> int:
    """How far the file indents block-scalar answers below their key (default 2)."""
    for item in questions.value:
        if not isinstance(item, pyyaml.MappingNode):
            continue
        for key, value in item.value:
            if key.value == "answer" and getattr(value, "style", None) in ("|", ">"):
                for line in text_lines[value.start_mark.line + 1 : value.end_mark.line + 1]:
                    if line.strip():
                        indent = len(line) - len(line.lstrip(" ")) - key.start_mark.column
                        if 1 <= indent <= 10:
                            return indent
                        break
    return 2


def _block_insertion(
    text: str,
    breaks: list[re.Match[str]],
    smap: SourceMap,
    qid: str,
    question: str | None,
    newline: str,
    *,
    after_leaf: bool,
) -> tuple[int, str, str]:
    """Where to insert a block list item: ``(offset, blank lines before it, its lines)``."""
    seq = smap.value_nodes[("questions",)]
    starts = _line_starts(text, breaks)
    text_lines = [text[a : b.start()] for a, b in zip(starts, breaks, strict=False)]
    text_lines.append(text[starts[-1] :])
    key_col = smap.key_nodes[("questions",)].start_mark.column
    dash_col = seq.start_mark.column
    first = seq.value[0]
    item_col = first.start_mark.column if first.start_mark.line == seq.start_mark.line else -1
    if item_col < dash_col + 2:
        item_col = dash_col + 2
    rendered = _dump(
        CommentedMap(questions=CommentedSeq([_entry(qid, question, flow=False)])),
        mapping=_answer_indent(seq, text_lines),
        sequence=item_col - key_col,
        offset=dash_col - key_col,
    )
    lines = [" " * key_col + line for line in rendered.splitlines()[1:] if line.strip()]

    last = seq.value[-1]
    if after_leaf:  # right after the line where the last question's text ends
        leaf = _last_leaf(last)
        end = leaf.end_mark
        index = end.line if end.column == 0 and end.line > leaf.start_mark.line else end.line + 1
    else:  # an alias (*name) can end the last question: before what follows the list
        end = last.end_mark
        index = min(end.line, len(text_lines))
        if index < len(text_lines) and text_lines[index][: end.column].strip():
            index += 1  # the file ends on the last question's line
    # Comments indented under the last question belong to it: keep them above.
    while index < len(text_lines):
        stripped = text_lines[index].lstrip(" \t")
        if not stripped.startswith("#") or len(text_lines[index]) - len(stripped) <= dash_col:
            break
        index += 1
    prefix = ""
    if index >= len(starts):
        offset = len(text)
        if text and not text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
            prefix = newline  # the file's last line had no line break
    else:
        offset = starts[index]
    # Questions separated by blank lines: keep doing so.
    above_last = last.start_mark.line - 1
    spaced = len(seq.value) > 1 and above_last >= 0 and not text_lines[above_last].strip()
    line_before = index - 1 + (1 if prefix else 0)
    if spaced and not (0 <= line_before < len(text_lines) and not text_lines[line_before].strip()):
        prefix += newline
    return offset, prefix, newline.join(lines) + newline


def _flow_insertion(
    text: str,
    breaks: list[re.Match[str]],
    seq: pyyaml.SequenceNode,
    qid: str,
    question: str | None,
) -> tuple[int, str, str]:
    """Where to insert ``, {...}``: right after the last item of a ``[...]`` list."""
    rendered = _dump(CommentedSeq([_entry(qid, question, flow=True)])).strip()
    end = seq.value[-1].end_mark
    offset = _line_starts(text, breaks)[end.line] + end.column
    return offset, "", ", " + rendered.removeprefix("- ")
