"""Scaffolds that leave decisions to the editor (#13 item 7): new-topic, consent.date,
and a future 'published' date that schedules a story instead of being an error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import TOPIC_YML, fixture_files, mkdocs_build, story_md, write

from recovery_site.checks import run_checks
from recovery_site.cli import main
from recovery_site.diagnostics import Severity
from recovery_site.load import load_project
from recovery_site.report import build_report, render_report
from recovery_site.scaffold import ScaffoldError, new_question, new_story, new_topic

TODAY = dt.date(2026, 11, 26)
FILLED = {
    '"TODO: one sentence for the FAQ index, search results and link previews."': (
        "Plain answers about cannabis and recovery."
    ),
    "'TODO: the question, as a reader would ask it?'": "Can cannabis be addictive?",
    "TODO: the answer in plain words (short sentences, grade 8 or lower).\n"
    "      Markdown is fine; no HTML.": "Yes. Some people who use it find it hard to stop.",
    "'TODO: the page title'": "Cannabis (Marijuana)",
    "'TODO: SAMHSA, NIDA, NIAAA, FDA, CDC, NHS ...'": "NIDA",
    "https://TODO": "https://nida.nih.gov/research-topics/cannabis-marijuana",
}


def errors(root: Path) -> list[tuple[str, str, int]]:
    found = run_checks(load_project(root), TODAY)
    return [(d.code, d.path, d.line) for d in found if d.is_error]


@pytest.mark.parametrize("medical", [True, False])
def test_new_topic_passes_check_only_once_its_placeholders_are_filled(
    tmp_path: Path, medical: bool
) -> None:
    path = new_topic(tmp_path, "Cannabis: what to know", medical, TODAY)
    assert path == tmp_path / "content/faq/cannabis-what-to-know.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/faq-topic.schema.json")
    assert f"medical: {'true' if medical else 'false'}" in text
    project = load_project(tmp_path)
    assert project.diagnostics == []  # a valid topic: only its placeholders are reported
    assert project.topics[0].topic.title == "Cannabis: what to know"
    assert project.topics[0].topic.medical is medical
    shown = "content/faq/cannabis-what-to-know.yml"
    found = errors(tmp_path)
    assert {code for code, _, _ in found} <= {"placeholder", "bad-source-url"}
    todo_lines = {
        n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line and "#" not in line
    }
    assert {line for code, _, line in found if code == "placeholder"} == todo_lines
    assert all(p == shown for _, p, _ in found)

    for old, new in FILLED.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert errors(tmp_path) == []
    # new-faq adds to it, and the CLI refuses to overwrite it.
    assert new_question(tmp_path, "cannabis-what-to-know", None, "Is it legal?").line > 1
    assert main(["new-topic", "--root", str(tmp_path), "--title", "Cannabis: what to know",
                 "--medical"]) == 1  # fmt: skip


def test_new_topic_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-topic", "--root", str(tmp_path), "--title", "Sleep", "--no-medical"]) == 0
    assert "content/faq/sleep.yml" in capsys.readouterr().out
    assert load_project(tmp_path).topics[0].topic.medical is False
    with pytest.raises(SystemExit):  # the editor decides: medical or not
        main(["new-topic", "--root", str(tmp_path), "--title", "Other"])
    with pytest.raises(ScaffoldError, match="one line"):
        new_topic(tmp_path, "Two\nlines", True, TODAY)
    with pytest.raises(ScaffoldError, match="already exists"):
        new_topic(tmp_path, "Sleep", True, TODAY)


def test_new_story_leaves_the_consent_date_to_the_editor(tmp_path: Path) -> None:
    path = new_story(tmp_path, "My first year", [], TODAY)
    text = path.read_text(encoding="utf-8")
    assert TODAY.isoformat() not in text.split("consent:")[1].split("published:")[0]
    project = load_project(tmp_path)
    assert project.diagnostics == []
    at_date = [d for d in run_checks(project, TODAY) if d.code == "placeholder" and d.line == 12]
    assert [d.severity for d in at_date] == [Severity.WARNING]  # a draft: a reminder
    assert "consent.date" in at_date[0].message
    path.write_text(text.replace("status: draft", "status: in-review"), encoding="utf-8")
    assert ("placeholder", "content/stories/my-first-year.md", 12) in errors(tmp_path)


def test_a_future_published_date_schedules_the_story(tmp_path: Path) -> None:
    write(tmp_path, {"content/stories/later.md": story_md(published="2027-01-05")})
    found = run_checks(load_project(tmp_path), TODAY)
    (note,) = [d for d in found if d.code == "scheduled"]
    assert (note.severity, note.path, note.line) == (Severity.NOTE, "content/stories/later.md", 11)
    assert "appears on the site on 2027-01-05" in note.message
    assert not any(d.is_error for d in found)
    assert "future-date" not in {d.code for d in found}
    rows = build_report(load_project(tmp_path), TODAY)
    assert [(r.urgency, r.scheduled) for r in rows] == [("scheduled", "2027-01-05")]
    assert "scheduled for 2027-01-05" in render_report(rows, "text", TODAY)
    assert json.loads(render_report(rows, "json", TODAY))[0]["scheduled"] == "2027-01-05"


def test_a_scheduled_story_is_not_built_before_its_day(tmp_path: Path) -> None:
    files = fixture_files()
    files["content/stories/later.md"] = story_md(title="Later story", published="2099-01-05")
    write(tmp_path, files)
    build = mkdocs_build(tmp_path)
    assert build.returncode == 0, build.output
    assert not (build.site / "stories/later/index.html").exists()
    assert "Later story" not in (build.site / "stories/index.html").read_text()
    assert (build.site / "stories/older/index.html").exists()

    preview = mkdocs_build(tmp_path, env={"RECOVERY_SITE_DRAFTS": "1"})
    assert preview.returncode == 0, preview.output
    listing = (preview.site / "stories/index.html").read_text()
    assert "Scheduled: appears 5 January 2099" in listing
    assert "Draft: not published" in listing  # the draft is marked too
    older = listing.split("Older story")[1].split("</li>")[0]
    assert "not published" not in older and "Scheduled" not in older
    topic = (preview.site / "stories/topic/12-step/index.html").read_text()
    assert "Draft: not published" in topic and "Scheduled: appears" in topic
    page = (preview.site / "stories/later/index.html").read_text()
    assert "Scheduled: appears 5 January 2099" in page


def test_a_topic_is_never_scheduled(tmp_path: Path) -> None:
    later = TOPIC_YML.replace("updated: 2026-10-15", "updated: 2027-01-01")
    write(tmp_path, {"content/faq/meds.yml": later})
    assert ("future-date", "content/faq/meds.yml", 5) in errors(tmp_path)
