"""The ``recovery-site`` command line: a thin adapter over load and checks.

Exit codes are a contract with CI: 0 no errors, 1 content errors, 2 usage
errors (bad arguments, a root that does not exist).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .checks import run_checks
from .diagnostics import FORMATS, format_diagnostics, summarize
from .load import load_project

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recovery-site",
        description="Check and report on a recovery-education site's content.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="check FAQ topics, stories and article front matter",
        description=(
            "Load content/faq/*.yml, content/stories/*.md and docs/**/*.md and report every "
            "problem as path:line:col: severity: [code] message. Exits 1 when there is an error."
        ),
    )
    check.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the site's folder, holding content/ and docs/ (default: current folder)",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (compiler style, default), json (a list), github (annotations on a PR diff)",
    )
    return parser


def _check(root: Path, fmt: str) -> int:
    if not root.is_dir():
        print(f"recovery-site: error: --root {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    project = load_project(root.resolve())
    diagnostics = run_checks(project)
    output = format_diagnostics(diagnostics, fmt)
    if output or fmt == "json":
        print(output)
    print(f"{summarize(diagnostics)} in {project.files_read} files", file=sys.stderr)
    return EXIT_ERRORS if any(d.is_error for d in diagnostics) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``recovery-site``; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args.root, args.format)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
