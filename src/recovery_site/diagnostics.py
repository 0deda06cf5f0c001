"""The one currency of problems: a Diagnostic with a file position.

Editors read these on a pull request, so every problem an editor can cause
(bad YAML, a typo in a field name, a missing source) is reported this way
rather than raised. The three output formats serve a terminal (``text``),
tools (``json``) and GitHub's diff annotations (``github``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors block a merge and a build, warnings do not.

    A note is information an editor should see (a medical page still awaiting
    clinical review) that blocks nothing: a strict build fails on warnings,
    never on notes, so ``check`` and the build still agree.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at ``path:line:col`` (1-based), with a stable ``code``."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: [{self.code}] {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def blocks_build(diagnostic: Diagnostic) -> bool:
    """Whether ``mkdocs build --strict`` fails on it: errors and warnings, never notes.

    ``recovery-site check`` exits 1 on exactly these, so it predicts CI.
    """
    return diagnostic.severity is not Severity.NOTE


def _one_line(message: str) -> str:
    # One diagnostic, one line: parsers' messages sometimes span several.
    return " ".join(message.split())


def error(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(path, line, col, Severity.ERROR, code, _one_line(message))


def warning(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(path, line, col, Severity.WARNING, code, _one_line(message))


def note(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """Shorthand for a note: shown to editors, never failing a check or a build."""
    return Diagnostic(path, line, col, Severity.NOTE, code, _one_line(message))


FORMATS = ("text", "json", "github")

# GitHub's workflow commands are error, warning and notice.
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _github_escape(value: str, *, property_value: bool = False) -> str:
    # Workflow-command escaping as documented by GitHub Actions (toolkit/core).
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    """Render diagnostics, sorted by file and position, in one of ``FORMATS``."""
    ordered = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([asdict(d) for d in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        lines = []
        for d in ordered:
            props = ",".join(
                f"{k}={_github_escape(str(v), property_value=True)}"
                for k, v in (
                    ("file", d.path),
                    ("line", d.line),
                    ("col", d.col),
                    ("title", d.code),
                )
            )
            level = _GITHUB_LEVEL[d.severity]
            lines.append(f"::{level} {props}::{_github_escape(f'[{d.code}] {d.message}')}")
        return "\n".join(lines)
    if fmt == "text":
        return "\n".join(str(d) for d in ordered)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def summarize(diagnostics: Iterable[Diagnostic]) -> str:
    """A one-line count such as ``2 errors, 1 warning`` (``, 3 notes`` when there are notes)."""
    items = list(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in items)
    warnings = sum(d.severity is Severity.WARNING for d in items)
    notes = len(items) - errors - warnings
    return (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
        + (f", {notes} note{'s' if notes != 1 else ''}" if notes else "")
    )
