"""Scaffolds for editors: a new draft story, a new FAQ question.

Files are written the way editors will read them: every field present, each
with a short comment saying what to put there. Nothing is overwritten, and
adding a question to a topic keeps the file's comments and layout (ruamel.yaml
round-trip), so a pull request shows only the new lines.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from .model import PLACEHOLDER
from .slugs import SLUG, slugify


class ScaffoldError(Exception):
    """A scaffold cannot be written; the message says why and what to do."""


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
consent:                  # required before publishing: from the signed consent form
  reference: {placeholder}        # the signed form's id, e.g. CF-2026-014 (form kept elsewhere)
  date: {today}        # the date the form was signed
published: {today}     # the date the story goes live
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
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = STORY_TEMPLATE.format(
        title=quoted_title,
        topics="[" + ", ".join(topics) + "]",
        today=today.isoformat(),
        placeholder=PLACEHOLDER,
    )
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path


@dataclass(frozen=True)
class NewQuestion:
    path: Path
    question_id: str
    line: int


def _round_trip() -> YAML:
    yaml = YAML()  # round-trip: comments, order and quoting are kept
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def new_question(
    root: Path, topic: str, question_id: str | None, question: str | None
) -> NewQuestion:
    """Append a question skeleton to ``content/faq/<topic>.yml``, keeping its comments."""
    path = root / "content" / "faq" / f"{topic}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in path.parent.glob("*.yml")) if path.parent.is_dir() else []
        hint = f"; topics: {', '.join(known)}" if known else ""
        raise ScaffoldError(f"no FAQ topic '{topic}' (looked for {path.relative_to(root)}){hint}")
    if question_id is not None and not SLUG.match(question_id):
        raise ScaffoldError(
            f"--id '{question_id}' is not a slug: lowercase letters, digits and hyphens"
        )
    yaml = _round_trip()
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text)
    except Exception as exc:  # ruamel raises many types; report, never a traceback
        shown = path.relative_to(root)
        raise ScaffoldError(f"{shown} is not valid YAML; run 'recovery-site check'") from exc
    if not isinstance(data, CommentedMap) or not isinstance(data.get("questions"), CommentedSeq):
        raise ScaffoldError(
            f"{path.relative_to(root)} has no 'questions:' list; run 'recovery-site check'"
        )
    questions = data["questions"]
    taken = {str(q.get("id")) for q in questions if isinstance(q, dict)}
    qid = question_id or slugify(question or "") or "new-question"
    if qid in taken and question_id:
        raise ScaffoldError(f"question id '{qid}' is already used in {path.relative_to(root)}")
    base, n = qid, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    entry = CommentedMap()
    # Quoted, so YAML 1.1 readers never take an id such as "yes" or "2026" for
    # a boolean or a number.
    entry["id"] = DoubleQuotedScalarString(qid)
    entry["question"] = question or f"{PLACEHOLDER}: the question, as a reader would ask it?"
    entry["answer"] = LiteralScalarString(
        f"{PLACEHOLDER}: the answer in plain words (short sentences, grade 8 or lower).\n"
        "Markdown is fine; no HTML.\n"
    )
    source = CommentedMap()
    source["title"] = f"{PLACEHOLDER}: the page title"
    source["publisher"] = f"{PLACEHOLDER}: SAMHSA, NIDA, NIAAA, FDA, CDC, NHS ..."
    source["url"] = f"https://{PLACEHOLDER}"
    entry["sources"] = CommentedSeq([source])
    entry["related"] = CommentedSeq()
    entry["related"].fa.set_flow_style()
    entry.yaml_add_eol_comment("every medical answer needs at least one source", "sources")
    entry.yaml_add_eol_comment("optional: other questions as topic/question-id", "related")
    questions.append(entry)
    out = io.StringIO()
    yaml.dump(data, out)
    new_text = out.getvalue()
    path.write_text(new_text, encoding="utf-8")
    marker = f'- id: "{qid}"'
    lines = new_text.splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.strip() == marker), len(lines))
    return NewQuestion(path, qid, line)
