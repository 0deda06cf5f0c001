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
from .rules import rules_markdown
from .schemas import stale_schemas, write_schemas

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

    schemas = commands.add_parser(
        "schemas",
        help="write the JSON Schemas editors' IDEs use (schemas/)",
        description="Generate JSON Schemas for content files from the content models.",
    )
    schemas.add_argument(
        "--out", type=Path, default=Path("schemas"), metavar="DIR", help="default: schemas/"
    )
    schemas.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in DIR are missing or out of date",
    )

    commands.add_parser(
        "rules",
        help="print every content rule as a Markdown table",
        description="Print the table of content rules (code, severity, what, fix) in Markdown.",
    )
    return parser


def _schemas(out: Path, check: bool) -> int:
    if check:
        stale = stale_schemas(out)
        for name in stale:
            print(
                f"{out / name}:1:1: error: [stale-schema] out of date; run 'recovery-site schemas'"
            )
        return EXIT_ERRORS if stale else EXIT_OK
    for name in write_schemas(out):
        print(f"wrote {out / name}")
    return EXIT_OK


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
    if args.command == "rules":
        print(rules_markdown(), end="")
        return EXIT_OK
    if args.command == "schemas":
        return _schemas(args.out, args.check)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
