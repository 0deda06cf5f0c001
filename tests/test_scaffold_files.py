"""Editors' files are never lost: new-faq / new-story under races, full disks and odd layouts.

Security issue #12, finding 8. Every test here failed on the code before the
fix (ruamel round-trip of the whole file, written in place, no lock).
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import TOPIC_YML, write

from recovery_site.checks import run_checks
from recovery_site.cli import main
from recovery_site.load import load_project
from recovery_site.scaffold import ScaffoldError, new_question

MEDS = "content/faq/meds.yml"


def _site(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / MEDS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _ids(root: Path) -> list[str]:
    project = load_project(root)
    assert project.diagnostics == []
    return [q.id for q in project.topics[0].topic.questions]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "meds.yml")


# --- parallel runs ---------------------------------------------------------------------

_CHILD = """
import sys
from recovery_site.cli import main
sys.stdin.read()  # wait until every child has started, then go at once
sys.exit(main(["new-faq", "--root", sys.argv[1], "--topic", "meds", "--id", sys.argv[2]]))
"""


def test_parallel_new_faq_runs_each_add_their_question(tmp_path: Path) -> None:
    # Before the fix: 8 parallel runs all said "added" and the file kept 2.
    write(tmp_path, {MEDS: TOPIC_YML})
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), f"q{n}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(8)
    ]
    for child in children:
        assert child.stdin is not None
        child.stdin.close()
    results = [(child.wait(), child.stderr.read()) for child in children if child.stderr]
    assert [code for code, _ in results] == [0] * 8, results
    ids = _ids(tmp_path)
    assert ids[:2] == ["what-is-mat", "is-it-safe"]
    assert sorted(ids[2:]) == [f"q{n}" for n in range(8)]
    assert _leftovers(tmp_path / "content/faq") == []  # no lock or temp file left behind


# --- full disk, read-only file ---------------------------------------------------------


class _FullDisk:
    """A file object whose writes fail with ENOSPC after the file was opened (and truncated)."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, writing to any file opened for writing fails with ENOSPC.

    ``open``, ``Path.write_text`` and ``os.fdopen`` all go through ``io.open``.
    """
    real_open = io.open

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return _FullDisk(handle) if any(c in mode for c in "wax+") else handle

    monkeypatch.setattr(io, "open", fake_open)


def test_new_faq_on_a_full_disk_leaves_the_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _site(tmp_path, TOPIC_YML)
    _fill_disk(monkeypatch)
    assert main(["new-faq", "--root", str(tmp_path), "--topic", "meds", "--question", "Q?"]) == 1
    assert path.read_text() == TOPIC_YML
    assert _leftovers(path.parent) == []  # the temporary file is gone
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{MEDS}: error: could not write {MEDS} (left unchanged): No space left on device"
    ]


def test_new_story_on_a_full_disk_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content/stories").mkdir(parents=True)
    _fill_disk(monkeypatch)
    assert main(["new-story", "--root", str(tmp_path), "--title", "Full"]) == 1
    assert list((tmp_path / "content/stories").iterdir()) == []  # no empty story, no temp
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("content/stories/full.md: error: could not write")
    assert err[0].endswith("No space left on device")


def test_new_faq_leaves_a_read_only_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: a PermissionError traceback (or, as root, the file rewritten anyway).
    path = _site(tmp_path, TOPIC_YML)
    path.chmod(0o444)
    assert main(["new-faq", "--root", str(tmp_path), "--topic", "meds", "--question", "Q?"]) == 1
    assert path.read_text() == TOPIC_YML
    assert oct(path.stat().st_mode & 0o777) == oct(0o444)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{MEDS}: error: could not write {MEDS}"), err


def test_new_faq_keeps_the_file_mode(tmp_path: Path) -> None:
    path = _site(tmp_path, TOPIC_YML)
    path.chmod(0o640)
    new_question(tmp_path, "meds", None, "Q?")
    assert path.stat().st_mode & 0o777 == 0o640


def test_an_interrupted_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _site(tmp_path, TOPIC_YML)

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        new_question(tmp_path, "meds", None, "Q?")
    assert path.read_text() == TOPIC_YML
    assert _leftovers(path.parent) == []


# --- the file's own layout is kept byte for byte ---------------------------------------

UNINDENTED = TOPIC_YML.replace("\n  ", "\n")  # `questions:\n- id: ...`, nested lists at +2
# The last question ends in an alias, which has no position of its own.
ALIASED = (
    TOPIC_YML.replace(
        "    sources:\n      - title: Medications", "    sources: &s\n      - title: Medications"
    ).split("    sources:\n      - title: Information")[0]
    + "    sources: *s\n"
)


@pytest.mark.parametrize(
    ("original", "first_new_lines"),
    [
        pytest.param(
            "%YAML 1.1\n---\n" + TOPIC_YML.replace("id: is-it-safe", "id: on"),
            ['  - id: "q"', "    question: Q?"],
            id="yaml-1.1-directive",
        ),
        pytest.param(
            "%TAG !e! tag:example.com,2026:\n---\n" + TOPIC_YML,
            ['  - id: "q"', "    question: Q?"],
            id="tag-directive",
        ),
        pytest.param(UNINDENTED, ['- id: "q"', "  question: Q?"], id="unindented-sequence"),
        pytest.param(
            TOPIC_YML.replace("medical: true\n", "medical: true\t# a tab before the comment\n"),
            ['  - id: "q"'],
            id="tab-before-comment",
        ),
        pytest.param(TOPIC_YML.rstrip("\n"), ['  - id: "q"'], id="no-final-newline"),
        pytest.param("\ufeff" + TOPIC_YML, ['  - id: "q"'], id="byte-order-mark"),
        pytest.param(ALIASED, ['  - id: "q"'], id="alias-at-the-end"),
    ],
)
def test_new_faq_changes_nothing_but_adds_lines(
    tmp_path: Path, original: str, first_new_lines: list[str]
) -> None:
    path = _site(tmp_path, original)
    project = load_project(tmp_path)
    assert not project.diagnostics  # `check` reads it, so new-faq must too
    before = {d.code for d in run_checks(project)}
    added = new_question(tmp_path, "meds", "q", "Q?")
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(original)
    new_lines = text[len(original) :].lstrip("\n").splitlines()
    assert new_lines[: len(first_new_lines)] == first_new_lines
    assert text.splitlines()[added.line - 1].lstrip("\ufeff") == first_new_lines[0]
    ids = _ids(tmp_path)
    assert ids[-1] == "q" and len(ids) == 3
    after = {d.code for d in run_checks(load_project(tmp_path))}
    assert after <= before | {"placeholder", "bad-source-url"}  # only the TODOs to fill in


def test_yaml_1_1_values_are_not_rewritten(tmp_path: Path) -> None:
    # ruamel read `on` as YAML 1.1's true and wrote `id: true`.
    path = _site(tmp_path, "%YAML 1.1\n---\n" + TOPIC_YML.replace("id: is-it-safe", "id: on"))
    new_question(tmp_path, "meds", None, "Q?")
    assert "  - id: on\n" in path.read_text()
    assert "true" not in path.read_text().split("questions:")[1]


def test_new_faq_keeps_crlf_line_endings(tmp_path: Path) -> None:
    original = TOPIC_YML.replace("\n", "\r\n")
    path = _site(tmp_path, original)
    new_question(tmp_path, "meds", None, "Q?")
    raw = path.read_bytes()
    assert raw.startswith(original.encode())
    added = raw[len(original) :]
    assert added.count(b"\r\n") == added.count(b"\n") > 5  # every new line ends in CRLF
    assert _ids(tmp_path)[-1] == "q"


def test_new_faq_keeps_blank_lines_between_questions(tmp_path: Path) -> None:
    original = TOPIC_YML.replace("\n  - id: is-it-safe", "\n\n  - id: is-it-safe")
    path = _site(tmp_path, original)
    added = new_question(tmp_path, "meds", None, "Q?")
    text = path.read_text()
    assert text == original + "\n" + text[len(original) + 1 :]
    assert text.splitlines()[added.line - 2 : added.line] == ["", '  - id: "q"']


def test_new_faq_adds_to_a_flow_list(tmp_path: Path) -> None:
    original = TOPIC_YML.split("questions:")[0] + (
        "questions: [{id: a, question: A?, answer: A., sources: []}]  # flow style\n"
    )
    path = _site(tmp_path, original)
    new_question(tmp_path, "meds", "b", None)
    text = path.read_text()
    assert text.startswith(original.split("}]")[0] + "}, {")
    assert text.endswith("]  # flow style\n")
    assert [q.id for q in load_project(tmp_path).topics[0].topic.questions] == ["a", "b"]


def test_new_faq_refuses_a_file_check_rejects(tmp_path: Path) -> None:
    path = _site(tmp_path, TOPIC_YML + "title: twice\n")  # duplicate key
    with pytest.raises(ScaffoldError, match="not valid YAML"):
        new_question(tmp_path, "meds", None, "Q?")
    assert path.read_text() == TOPIC_YML + "title: twice\n"


def test_an_insertion_that_would_change_other_lines_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recovery_site.scaffold as scaffold

    path = _site(tmp_path, TOPIC_YML)
    # As if the layout fooled the insertion: text landing inside the first question.
    monkeypatch.setattr(scaffold, "_block_insertion", lambda *a, **k: (200, "", "    x: 1\n"))
    with pytest.raises(ScaffoldError, match="unusual layout"):
        new_question(tmp_path, "meds", None, "Q?")
    assert path.read_text() == TOPIC_YML
