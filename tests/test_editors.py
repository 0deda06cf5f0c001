"""Editors' tools: new-story, new-faq (comments kept), report, workflow files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TOPIC_YML, write
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.checks import run_checks
from recovery_site.cli import main
from recovery_site.load import load_project
from recovery_site.report import build_report, render_report
from recovery_site.scaffold import ScaffoldError, new_question, new_story, slugify

TODAY = dt.date(2026, 11, 26)


def test_slugify() -> None:
    assert slugify("Finding my people!") == "finding-my-people"
    assert slugify("  Café, años & more ") == "cafe-anos-more"


def test_new_story_is_a_complete_draft(tmp_path: Path) -> None:
    path = new_story(tmp_path, 'A "quoted" title', ["relapse", "families"], TODAY)
    assert path == tmp_path / "content/stories/a-quoted-title.md"
    project = load_project(tmp_path)
    assert project.diagnostics == []
    (story,) = project.stories
    assert story.story.title == 'A "quoted" title'
    assert story.story.status == "draft"
    assert story.story.topics == ["relapse", "families"]
    fields = set(yaml.safe_load(path.read_text().split("---\n")[1]))
    assert fields == set(type(story.story).model_fields)  # every field present
    # the draft's TODOs are warnings, not errors: a draft may be merged unfinished
    diagnostics = run_checks(project, TODAY)
    assert diagnostics
    assert {d.code for d in diagnostics} == {"placeholder"}
    assert all(d.severity == "warning" for d in diagnostics)


def test_new_story_refuses_to_overwrite(tmp_path: Path) -> None:
    new_story(tmp_path, "Same title", [], TODAY)
    before = (tmp_path / "content/stories/same-title.md").read_text()
    with pytest.raises(ScaffoldError, match="already exists"):
        new_story(tmp_path, "Same title", [], TODAY)
    assert (tmp_path / "content/stories/same-title.md").read_text() == before
    assert main(["new-story", "--root", str(tmp_path), "--title", "Same title"]) == 1


def test_publishing_with_todos_is_an_error(tmp_path: Path) -> None:
    path = new_story(tmp_path, "Too soon", [], TODAY)
    path.write_text(path.read_text().replace("status: draft", "status: published"))
    diagnostics = run_checks(load_project(tmp_path), TODAY)
    errors = {(d.code, d.line) for d in diagnostics if d.is_error}
    assert ("placeholder", 6) in errors  # author
    assert ("placeholder", 11) in errors  # consent reference


def test_new_faq_keeps_comments_and_adds_only_new_lines(tmp_path: Path) -> None:
    original = "# A comment at the top\n" + TOPIC_YML.replace(
        "medical: true\n", "medical: true   # every answer needs a source\n"
    )
    write(tmp_path, {"content/faq/meds.yml": original})
    added = new_question(tmp_path, "meds", None, "Can I drive on it?")
    text = added.path.read_text()
    assert text.startswith(original)  # nothing before the new question changed
    new_lines = text[len(original) :].splitlines()
    assert new_lines[0] == '  - id: "can-i-drive-on-it"'
    assert added.line == original.count("\n") + 1
    project = load_project(tmp_path)
    assert project.diagnostics == []
    assert [q.id for q in project.topics[0].topic.questions][-1] == "can-i-drive-on-it"
    codes = {d.code for d in run_checks(project, TODAY)}
    assert codes == {"placeholder", "bad-source-url", "awaiting-clinical-review"}  # TODOs


def test_new_faq_unique_ids_and_missing_topic(tmp_path: Path) -> None:
    write(tmp_path, {"content/faq/meds.yml": TOPIC_YML})
    with pytest.raises(ScaffoldError, match="not a slug"):
        new_question(tmp_path, "meds", "Not A Slug", None)
    added = new_question(tmp_path, "meds", "yes", None)  # stays a string for YAML 1.1 readers
    assert [q.id for q in load_project(tmp_path).topics[0].topic.questions][-1] == "yes"
    assert added.line > 1
    assert new_question(tmp_path, "meds", None, "Is it safe?").question_id == "is-it-safe-2"
    with pytest.raises(ScaffoldError, match="already used"):
        new_question(tmp_path, "meds", "what-is-mat", None)
    with pytest.raises(ScaffoldError, match=r"no FAQ topic 'nope'.*topics: meds"):
        new_question(tmp_path, "nope", None, None)
    (tmp_path / "content/faq/latin1.yml").write_bytes(b"title: caf\xe9\nquestions: []\n")
    with pytest.raises(ScaffoldError, match="not valid YAML"):
        new_question(tmp_path, "latin1", None, "Q?")


def test_report_most_urgent_first_in_every_format(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/faq/old.yml": TOPIC_YML.replace("updated: 2026-10-15", "updated: 2024-01-01"),
            "content/faq/new.yml": TOPIC_YML.replace("meds/", "new/"),
        },
    )
    new_story(tmp_path, "A draft <b>story</b>", [], TODAY)
    rows = build_report(load_project(tmp_path), TODAY)
    assert [(r.urgency, r.path) for r in rows] == [
        ("overdue", "content/faq/old.yml"),
        ("draft", "content/stories/a-draft-b-story-b.md"),
        ("ok", "content/faq/new.yml"),
    ]
    assert rows[0].sources == 2 and rows[0].words > 10 and rows[0].grade is not None
    text = render_report(rows, "text", TODAY)
    assert text.splitlines()[2].startswith("overdue")
    data = json.loads(render_report(rows, "json", TODAY))
    assert data[0]["review_due"] == "2025-01-01"
    page = HTMLParser(render_report(rows, "html", TODAY))
    cells = [[td.text() for td in tr.css("td")] for tr in page.css("tbody tr")]
    assert cells[0][0] == "overdue"
    assert cells[1][2] == "A draft <b>story</b>"  # escaped, shown as text
    assert page.css("tbody b") == []


def test_report_cli_writes_an_html_file(tmp_path: Path) -> None:
    write(tmp_path, {"content/faq/meds.yml": TOPIC_YML})
    out = tmp_path / "report.html"
    assert main(["report", "--root", str(tmp_path), "--format", "html", "--output", str(out)]) == 0
    assert "<table>" in out.read_text()


WORKFLOW_SCHEMAS = {
    ".github/workflows/*.yml": "vendor.github-workflows",
    ".github/ISSUE_TEMPLATE/story-submission.yml": "vendor.github-issue-forms",
    ".github/ISSUE_TEMPLATE/config.yml": "vendor.github-issue-config",
    ".github/dependabot.yml": "vendor.dependabot",
}


@pytest.mark.parametrize(("pattern", "schema"), list(WORKFLOW_SCHEMAS.items()))
def test_github_files_match_their_schemas(pattern: str, schema: str) -> None:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    files = sorted(str(p) for p in REPO.glob(pattern))
    assert files
    proc = subprocess.run([exe, "--builtin-schema", schema, *files], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_do_what_the_process_promises() -> None:
    flows = {
        p.stem: yaml.safe_load(p.read_text()) for p in (REPO / ".github/workflows").glob("*.yml")
    }
    assert set(flows) == {"ci", "deploy", "links"}
    ci_steps = [s.get("run", "") for s in flows["ci"]["jobs"]["test"]["steps"]]
    assert any("./scripts/test" in r for r in ci_steps)
    assert any("check --format github" in r for r in ci_steps)
    deploy = flows["deploy"]["jobs"]
    assert deploy["build"]["needs"] == "test" and deploy["deploy"]["needs"] == "build"
    assert any("./scripts/test" in s.get("run", "") for s in deploy["test"]["steps"])
    links = flows["links"]
    assert "schedule" in links[True] and "pull_request" not in links[True]  # YAML 1.1: on -> True
    link_runs = " ".join(s.get("run", "") for s in links["jobs"]["external-links"]["steps"])
    assert "--external" in link_runs and "--cache" in link_runs
    # The issue is opened by its own job, the only one allowed to write issues.
    report = links["jobs"]["report"]
    assert report["needs"] == "external-links"
    assert any("gh issue create" in s.get("run", "") for s in report["steps"])


def test_codeowners_routes_content_and_medical_topics() -> None:
    lines = [
        line.split()
        for line in (REPO / ".github/CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owners = {parts[0]: parts[1:] for parts in lines}
    assert "@your-org/editors" in owners["/content/"]
    assert "@your-org/clinical-reviewers" in owners["/content/faq/"]
    for pattern in owners:  # every path named exists
        if pattern != "*":
            assert (REPO / pattern.strip("/")).exists(), pattern


def test_pre_commit_runs_the_content_check() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert any("recovery-site check" in h["entry"] for h in hooks)
