"""`recovery-site check`: exit codes, formats, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TOPIC_YML, write

from recovery_site.cli import main


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recovery_site.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def bad_site(tmp_path: Path) -> Path:
    text = TOPIC_YML.replace(
        "review_every_months: 12\n", "review_every_months: 12\nreviwed: 2026-01-01\n"
    )
    write(tmp_path, {"content/faq/meds.yml": text})
    return tmp_path


def test_clean_content_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"content/faq/meds.yml": TOPIC_YML})
    assert main(["check", "--root", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    # the only output: a note that nobody has reviewed the medical topic yet
    assert captured.out.splitlines() == [
        line for line in captured.out.splitlines() if "note: [awaiting-clinical-review]" in line
    ]
    assert len(captured.out.splitlines()) == 1
    assert "0 errors, 0 warnings, 1 note" in captured.err


def test_errors_exit_1_in_compiler_style(bad_site: Path) -> None:
    proc = run_cli("check", cwd=bad_site)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "content/faq/meds.yml:7:1: error: [unknown-field] unknown field 'reviwed' "
        "(did you mean 'reviewed'?)"
    ]
    assert "Traceback" not in proc.stderr


def test_json_format(bad_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(bad_site), "--format", "json"]) == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert item == {
        "path": "content/faq/meds.yml",
        "line": 7,
        "col": 1,
        "severity": "error",
        "code": "unknown-field",
        "message": "unknown field 'reviwed' (did you mean 'reviewed'?)",
    }


def test_github_format(bad_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(bad_site), "--format", "github"]) == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith(
        "::error file=content/faq/meds.yml,line=7,col=1,title=unknown-field::[unknown-field] "
    )


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "xml"], ["nonsense"], [], ["check", "--root", "/no/such/folder"]],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "error" in proc.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02 binary",
        b"title: [",
        b"- a\n- b\n",
        b"questions: {a: b}\n",
        b"key: &a [*a]\n",
        b"\xff\xfe t\x00i\x00",
        b"title: !!binary aGVsbG8=\n",
        b"? [a, b]\n: c\n",
    ],
)
def test_garbage_gives_diagnostics_not_tracebacks(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "content/faq").mkdir(parents=True)
    (tmp_path / "content/faq/x.yml").write_bytes(content)
    (tmp_path / "content/stories").mkdir(parents=True)
    (tmp_path / "content/stories/y.md").write_bytes(b"---\n" + content + b"\n---\nbody\n")
    proc = run_cli("check", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines
    assert all(": error: [" in line or ": warning: [" in line for line in lines), lines
