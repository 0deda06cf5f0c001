"""Plain-language YAML and front-matter errors, and characters that disguise text (#13).

Each common mistake is written into a real content file; the test asserts the
diagnostic's code, file, line and column and that the message names the fix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TOPIC_YML, story_md, write

from recovery_site.checks import run_checks
from recovery_site.diagnostics import Diagnostic, Severity
from recovery_site.load import load_project
from recovery_site.rules import RULES

TODAY = dt.date(2026, 11, 26)
STORY = "content/stories/a-story.md"
TOPIC = "content/faq/meds.yml"


def errors(root: Path, files: dict[str, str]) -> list[Diagnostic]:
    write(root, files)
    found = run_checks(load_project(root), today=TODAY)
    return [d for d in found if d.severity is Severity.ERROR]


def at(diagnostics: list[Diagnostic], code: str) -> tuple[str, int, int, str]:
    matching = [d for d in diagnostics if d.code == code]
    assert matching, diagnostics
    d = matching[0]
    return d.path, d.line, d.col, d.message


@pytest.mark.parametrize(
    ("old", "new", "line", "col", "says"),
    [
        # A colon in an unquoted title: point at the value, say to quote it.
        ("title: Medications", "title: Step 1: call", 1, 8,
         'put the whole value in quotes, title: "Step 1: call"'),
        ("    question: Is it safe?", "    question: Safe: really?", 18, 15,
         'question: "Safe: really?"'),
        # A tab used for indentation.
        ("  - id: is-it-safe", "\t- id: is-it-safe", 17, 1, "a tab; indent with spaces"),
        # An unclosed quote: point at the opening quote.
        ("description: Answers about medication treatment.",
         'description: "Answers about medication treatment.', 2, 14, "never closed"),
        # A list item indented differently from the others.
        ("  - id: is-it-safe", "   - id: is-it-safe", 17, 4, "line up its '-'"),
        # A field indented under a line that already has a value.
        ("audience: [public, families]", "  audience: [public, families]", 3, 3,
         "indented more than the field above"),
    ],
)  # fmt: skip
def test_common_yaml_mistakes_in_plain_words(
    tmp_path: Path, old: str, new: str, line: int, col: int, says: str
) -> None:
    assert old in TOPIC_YML
    text = TOPIC_YML.replace(old, new)
    path, got_line, got_col, message = at(errors(tmp_path, {TOPIC: text}), "yaml-syntax")
    assert (path, got_line, got_col) == (TOPIC, line, col)
    assert says in message.replace("a tab character;", "a tab;")
    assert "mapping values" not in message and "token" not in message


def test_colon_in_a_story_title_points_into_the_front_matter(tmp_path: Path) -> None:
    path, line, col, message = at(
        errors(tmp_path, {STORY: story_md(title="Step 1: call")}), "yaml-syntax"
    )
    assert (path, line, col) == (STORY, 2, 8)
    assert "quotes" in message


def test_the_rules_table_hint_matches_the_fix() -> None:
    fix = RULES["yaml-syntax"].fix
    assert "missing colon" not in fix
    assert "quotes" in fix and "tabs" in fix


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t.replace("---\n", "", 1), "no opening '---': add a line '---' above 'title:'"),
        (lambda t: t.replace("summary: A short summary.\n---\n", "summary: A short summary.\n"),
         "never closed: add a line '---' after its last field"),
    ],
)  # fmt: skip
def test_missing_front_matter_fence(tmp_path: Path, change, says: str) -> None:
    path, line, col, message = at(errors(tmp_path, {STORY: change(story_md())}), "no-front-matter")
    assert (path, line, col) == (STORY, 1, 1)
    assert says in message


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_bidi_control_in_a_story_title(tmp_path: Path, char: str) -> None:
    text = story_md(title=f"Hope {char}again")
    path, line, col, message = at(errors(tmp_path, {STORY: text}), "bidi-control")
    assert (path, line, col) == (STORY, 2, 13)
    assert f"U+{ord(char):04X}" in message


@pytest.mark.parametrize(
    ("old", "new", "line", "col"),
    [
        ("author: Sam R.", "author: Sam \u202eR.", 3, 13),
        ("summary: A short summary.", "summary: A short \u2067summary.", 12, 18),
    ],
)
def test_bidi_control_in_author_and_summary(
    tmp_path: Path, old: str, new: str, line: int, col: int
) -> None:
    text = story_md().replace(old, new)
    assert at(errors(tmp_path, {STORY: text}), "bidi-control")[:3] == (STORY, line, col)


def test_bidi_control_in_a_question_and_a_topic_title(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("question: Is it safe?", "question: Is it \u202esafe?").replace(
        "title: Medications", "title: Medi\u202dcations"
    )
    found = {(d.code, d.line, d.col) for d in errors(tmp_path, {TOPIC: text})}
    assert {("bidi-control", 1, 12), ("bidi-control", 18, 21)} <= found


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u00ad", "\ufeff"])
def test_invisible_character_in_an_id(tmp_path: Path, char: str) -> None:
    text = TOPIC_YML.replace("id: is-it-safe", f"id: is-it{char}-safe")
    path, line, col, message = at(errors(tmp_path, {TOPIC: text}), "invisible-character")
    assert (path, line, col) == (TOPIC, 17, 14)
    assert f"U+{ord(char):04X}" in message


def test_bidi_control_in_an_id(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("id: is-it-safe", "id: is-it\u202e-safe")
    assert at(errors(tmp_path, {TOPIC: text}), "bidi-control")[:3] == (TOPIC, 17, 14)
