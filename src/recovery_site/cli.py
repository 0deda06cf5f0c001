"""The ``recovery-site`` command line: a thin adapter over load and checks.

Exit codes are a contract with CI: 0 nothing blocks a build, 1 content
errors or warnings (``check`` fails exactly when ``mkdocs build --strict``
would: a strict build fails on both; notes never fail), 2 usage errors (bad
arguments, a root that does not exist, a bad ``RECOVERY_SITE_TODAY``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import FORMATS, format_diagnostics, summarize

# Each command imports what it needs when it runs: `links` has no use for the
# content models and dictionaries that `check` loads, and starts faster.

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Version(argparse.Action):
    """``--version``, reading the version only when asked (see ``recovery_site.__getattr__``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from . import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recovery-site",
        description="Check and report on a recovery-education site's content.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="check FAQ topics, stories and article front matter",
        description=(
            "Load content/faq/*.yml, content/stories/*.md and docs/**/*.md and report every "
            "problem as path:line:col: severity: [code] message. Exits 1 when there is an error "
            "or a warning (the strict build fails on both), 0 otherwise: notes never fail."
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
    check.add_argument(
        "--country",
        metavar="CODE",
        help="check the site as built for this country profile (content/locales/CODE.yml); "
        "default: mkdocs.yml's 'country', else us",
    )
    check.add_argument(
        "--language",
        metavar="CODE",
        help="check only this language's edition (en, es); default: every language",
    )

    stamp = commands.add_parser(
        "translation-stamp",
        help="record that a translation is up to date with its English source",
        description="Write 'translated_from' fingerprints of the current English text into "
        "translated FAQ topic files (content/<language>/faq/*.yml: the topic and every answer) "
        "or pages (docs/<language>/*.md). Run it when a translation is finished.",
    )
    stamp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    stamp.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="default: .")

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

    links = commands.add_parser(
        "links",
        help="check every link of a built site (internal; --external for outside links)",
        description=(
            "Check every internal href and src of a built site, anchors included, and report "
            "each broken one as page -> target: reason, at the source file where it is written. "
            "With --external, also check outside links (for a scheduled run, not pull requests)."
        ),
    )
    links.add_argument("site", type=Path, metavar="SITE_DIR", help="the built site, e.g. site/")
    links.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the site's sources (content/, docs/), to name the file to fix (default: .)",
    )
    links.add_argument("--format", choices=FORMATS, default="text", help="as for check")
    links.add_argument(
        "--from-disk",
        action="store_true",
        help="the site is opened from disk (file://): a link to a folder is broken "
        "(on by itself for an offline edition, which has search-offline/)",
    )
    external = links.add_argument_group("outside links (--external)")
    external.add_argument("--external", action="store_true", help="also check outside links")
    external.add_argument(
        "--cache",
        type=Path,
        metavar="FILE",
        help="results cache (JSON); successes are not checked again while fresh",
    )
    external.add_argument(
        "--cache-ttl",
        type=float,
        default=168,
        metavar="HOURS",
        help="how long a success stays fresh (default: 168, a week)",
    )
    external.add_argument("--concurrency", type=int, default=16, metavar="N", help="default: 16")
    external.add_argument(
        "--per-host",
        type=int,
        default=2,
        metavar="N",
        help="requests at once to one host (default: 2)",
    )
    external.add_argument(
        "--timeout", type=float, default=15, metavar="SECONDS", help="default: 15"
    )
    external.add_argument("--retries", type=int, default=2, metavar="N", help="default: 2")
    external.add_argument(
        "--max-retry-after",
        type=float,
        default=60,
        metavar="SECONDS",
        help="longest 429 Retry-After to honour before giving up (default: 60)",
    )
    external.add_argument(
        "--accept",
        default="200-299",
        metavar="CODES",
        help="statuses counted as working, e.g. 200-299,403 (default: 200-299)",
    )
    external.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="REGEX",
        help="skip URLs matching this regular expression (repeatable)",
    )

    offline = commands.add_parser(
        "offline",
        help="finish an offline edition built with mkdocs.offline.yml (./scripts/build --offline)",
        description=(
            "Check the theme templates for links that only work with directory URLs (reported "
            "at the template line), write the search index read from disk (SITE_DIR/"
            "search-offline/), remove Pagefind's (it cannot run from file://) and, with --zip, "
            "write the zip to hand out. Exits 1 on a template error."
        ),
    )
    offline.add_argument("site", type=Path, metavar="SITE_DIR", help="the built offline site")
    offline.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the site's sources, holding overrides/ (default: .)",
    )
    offline.add_argument("--zip", type=Path, metavar="FILE", help="also write this zip file")
    offline.add_argument(
        "--zip-folder",
        default="site-offline",
        metavar="NAME",
        help="the one folder the zip unpacks to (default: site-offline)",
    )

    story = commands.add_parser(
        "new-story",
        help="write a new draft story with every field explained",
        description="Write content/stories/<slug>.md as a draft, every field present with a "
        "comment. Never overwrites a file.",
    )
    story.add_argument("--title", required=True, help="the story's title")
    story.add_argument(
        "--topic", action="append", default=[], metavar="T", help="a topic tag (repeatable)"
    )
    story.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="default: .")

    topic = commands.add_parser(
        "new-topic",
        help="start a new FAQ topic file with every field explained",
        description="Write content/faq/<slug>.yml with one question skeleton, every field "
        "present with a comment. It passes 'check' once every TODO is filled in. Never "
        "overwrites a file.",
    )
    topic.add_argument("--title", required=True, help="the topic's title, e.g. Cannabis")
    medical = topic.add_mutually_exclusive_group(required=True)
    medical.add_argument(
        "--medical",
        dest="medical",
        action="store_true",
        default=None,
        help="the topic gives medical information (sources and clinical review required)",
    )
    medical.add_argument("--no-medical", dest="medical", action="store_false", help="it does not")
    topic.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="default: .")

    faq = commands.add_parser(
        "new-faq",
        help="add a question skeleton to an FAQ topic, keeping the file's comments",
        description="Append a question (id, question, answer, sources) to content/faq/TOPIC.yml.",
    )
    faq.add_argument("--topic", required=True, help="the topic file's name, e.g. medications")
    faq.add_argument(
        "--id", dest="question_id", help="the question's id (default: from --question)"
    )
    faq.add_argument("--question", help="the question's text")
    faq.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="default: .")

    report = commands.add_parser(
        "report",
        help="editorial status of every page: review due, readability, sources",
        description="List every FAQ topic, article and story with status, review dates, "
        "reading grade, word count and source count, most urgent first.",
    )
    report.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="default: .")
    report.add_argument("--format", choices=("text", "json", "html"), default="text")
    report.add_argument("--output", type=Path, metavar="FILE", help="write here instead of stdout")

    init = commands.add_parser(
        "init",
        help="start a new site in an empty folder",
        description=(
            "Write a new site into DIR (which must be absent or empty): mkdocs.yml with the "
            "plugin, a country and branding block, the templates, one example FAQ topic and "
            "story, GitHub workflows and scripts/ (serve, test, build). It builds with "
            "`mkdocs build --strict` right away."
        ),
    )
    init.add_argument("dir", type=Path, help="the new site's folder")
    init.add_argument(
        "--country", default="us", help="country profile: us (default) or gb (content/locales/)"
    )
    init.add_argument("--language", default="en", help="the pages' language (en)")

    render = commands.add_parser(
        "render",
        help="write the site as plain Markdown any engine builds without our plugin",
        description="Write docs/ with every generated page, article footer, review notice, "
        "filled placeholder and cleaned picture, and a mkdocs.yml without the recovery "
        "plugin, into --out. Build it with any engine, then run `recovery-site finish` on "
        "the built site. Stops (exit 1) on content errors, as the build does.",
    )
    render.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="default: .")
    render.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="written afresh (replaced)"
    )
    render.add_argument(
        "--config",
        default="mkdocs.yml",
        metavar="FILE",
        help="the edition's config under --root (default: mkdocs.yml; mkdocs.es.yml: Spanish)",
    )
    render.add_argument("--format", choices=FORMATS, default="text", help="for diagnostics")

    finish = commands.add_parser(
        "finish",
        help="sanitise, repair and index a site built from `recovery-site render`",
        description="Apply the plugin's output steps to a built site, in place: the sanitiser "
        "on each page's content, the theme repairs, the Content-Security-Policy and referrer "
        "policy, and the Pagefind search index.",
    )
    finish.add_argument("site", type=Path, metavar="SITE", help="the built site's folder")
    finish.add_argument("--no-search", action="store_true", help="do not build the index")

    commands.add_parser(
        "rules",
        help="print every content rule as a Markdown table",
        description="Print the table of content rules (code, severity, what, fix) in Markdown.",
    )
    return parser


def _schemas(out: Path, check: bool) -> int:
    from .schemas import stale_schemas, write_schemas

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


def _status_set(text: str) -> frozenset[int]:
    codes: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        codes.update(range(int(low), int(high or low) + 1))
    return frozenset(codes)


def _links(args: argparse.Namespace) -> int:
    from .links.internal import check_internal

    site: Path = args.site
    if not site.is_dir():
        print(
            f"recovery-site: error: {site} is not a folder (build the site first)", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        accept = _status_set(args.accept)
    except ValueError:
        print(
            f"recovery-site: error: --accept {args.accept!r} is not like 200-299,403",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from .offline_index import INDEX_DIR

    from_disk = args.from_disk or (site / INDEX_DIR).is_dir()
    started = time.perf_counter()
    report = check_internal(site, args.root, from_disk)
    diagnostics = list(report.diagnostics)
    summary = (
        f"{report.pages} pages, {report.links} links, {len(report.external)} outside URLs; "
        f"internal check took {time.perf_counter() - started:.2f} s"
        + (" (as opened from disk)" if from_disk else "")
    )
    if args.external:
        # Imported only here: httpx, pydantic and asyncio take longer to import
        # than the internal check of a small site takes to run.
        from .links.external import ExternalOptions, check_external
        from .links.report import Progress, external_diagnostics, summary_table
        from .links.sources import SourceFinder

        options = ExternalOptions(
            concurrency=args.concurrency,
            per_host=args.per_host,
            timeout=args.timeout,
            retries=args.retries,
            max_retry_after=args.max_retry_after,
            accept=accept,
            exclude=tuple(args.exclude),
            cache_ttl=args.cache_ttl * 3600,
        )
        urls = sorted(report.external)
        progress = Progress(len(urls))
        results = check_external(urls, options, args.cache, progress)
        diagnostics += external_diagnostics(
            results, report.pages_by_url, SourceFinder(args.root, site)
        )
        if args.format == "text":
            print(summary_table(results), file=sys.stderr)
    output = format_diagnostics(diagnostics, args.format)
    if output or args.format == "json":
        print(output)
    print(f"{summarize(diagnostics)}: {summary}", file=sys.stderr)
    return EXIT_ERRORS if any(d.is_error for d in diagnostics) else EXIT_OK


def _offline(args: argparse.Namespace) -> int:
    import shutil

    from .offline_index import write_index, write_zip
    from .template_links import check_templates

    site: Path = args.site
    if not site.is_dir():
        print(f"recovery-site: error: {site} is not a folder (build it first)", file=sys.stderr)
        return EXIT_USAGE
    diagnostics = check_templates(args.root / "overrides", args.root)
    if diagnostics:
        print(format_diagnostics(diagnostics, "text"))
        print(f"{summarize(diagnostics)} in the theme templates", file=sys.stderr)
        return EXIT_ERRORS
    started = time.perf_counter()
    stats = write_index(site)
    # Of no use from disk: Pagefind's script cannot run there, and no server shows
    # 404.html (whose links are site-absolute, for any address a server answers).
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    (site / "404.html").unlink(missing_ok=True)
    print(
        f"offline search index: {stats} in {time.perf_counter() - started:.2f} s",
        file=sys.stderr,
    )
    if args.zip:
        size = write_zip(site, args.zip, args.zip_folder)
        print(f"wrote {args.zip} ({size / 1024 / 1024:.1f} MiB)", file=sys.stderr)
    return EXIT_OK


def _scaffold(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_question, new_story, new_topic

    today = _today()
    if today is None:
        return EXIT_USAGE
    try:
        if args.command == "new-story":
            path = new_story(args.root, args.title, args.topic, today)
            shown = path.relative_to(args.root)
            print(f"wrote {shown} (status: draft)")
            print("next: fill in every TODO, then run: recovery-site check")
        elif args.command == "new-topic":
            path = new_topic(args.root, args.title, args.medical, today)
            shown = path.relative_to(args.root)
            print(f"wrote {shown} ({'medical' if args.medical else 'not medical'})")
            print(
                f"next: fill in every TODO, add questions with: recovery-site new-faq "
                f"--topic {path.stem}, then run: recovery-site check"
            )
        else:
            added = new_question(args.root, args.topic, args.question_id, args.question)
            shown = added.path.relative_to(args.root)
            print(f"{shown}:{added.line}: added question '{added.question_id}'")
            print("next: fill in every TODO, then run: recovery-site check")
    except ScaffoldError as exc:
        # One line, never a traceback; a file's problem is reported at the file.
        print(f"{exc.path or 'recovery-site'}: error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from .init_site import InitError, init_site

    try:
        written = init_site(args.dir, args.country.lower(), args.language.lower())
    except InitError as exc:
        print(f"{args.dir}: error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {len(written)} files into {args.dir}; next:", file=sys.stderr)
    print(f"  cd {args.dir} && ./scripts/serve", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from .load import load_editions
    from .report import build_report, render_report, render_translations, translation_rows

    if not args.root.is_dir():
        print(f"recovery-site: error: --root {args.root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    today = _today()
    if today is None:
        return EXIT_USAGE
    editions = load_editions(args.root.resolve())
    rows = build_report(editions[0], today)
    text = render_report(rows, args.format, today)
    if args.format == "text":  # per language: outdated and missing translations
        text += render_translations(translation_rows(editions))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(rows)} pages)", file=sys.stderr)
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return EXIT_OK


def _translation_stamp(args: argparse.Namespace) -> int:
    from .translation_stamp import stamp_files

    messages, ok = stamp_files(args.root.resolve(), [p.resolve() for p in args.files])
    for message in messages:
        print(message, file=sys.stderr if not ok else sys.stdout)
    return EXIT_OK if ok else EXIT_ERRORS


def _today() -> dt.date | None:
    """Today, or ``RECOVERY_SITE_TODAY`` (a testing aid); None after printing why not."""
    from .dates import BadToday, today

    try:
        return today()
    except BadToday as exc:
        print(f"recovery-site: error: {exc}", file=sys.stderr)
        return None


def _check(root: Path, fmt: str, country: str | None = None, language: str | None = None) -> int:
    from .checks import run_checks
    from .diagnostics import blocks_build
    from .load import load_editions

    if not root.is_dir():
        print(f"recovery-site: error: --root {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    today = _today()
    if today is None:
        return EXIT_USAGE
    # Every language's edition; files both read (style, profiles) report once.
    editions = load_editions(root.resolve(), country=country, language=language)
    diagnostics = sorted({d for project in editions for d in run_checks(project, today)})
    output = format_diagnostics(diagnostics, fmt)
    if output or fmt == "json":
        print(output)
    files = sum(project.files_read for project in editions)
    print(f"{summarize(diagnostics)} in {files} files", file=sys.stderr)
    # The strict build fails on errors and warnings alike; so does the pre-flight.
    return EXIT_ERRORS if any(blocks_build(d) for d in diagnostics) else EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from .dates import BadToday
    from .prerender import ConfigError, prerender, replaceable

    root = args.root.resolve()
    if not (root / args.config).is_file():
        print(f"recovery-site: error: {root} has no {args.config}", file=sys.stderr)
        return EXIT_USAGE
    out = args.out.resolve()
    inside = [root / "docs", root / "content", root / "overrides", root / "includes"]
    if any(out == folder or folder in out.parents for folder in inside):
        print(
            f"recovery-site: error: --out {args.out} is inside the site's own sources: give a "
            "folder outside docs/, content/, overrides/ and includes/",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if out in (root, *root.parents) or not replaceable(out):
        print(
            f"recovery-site: error: --out {args.out} holds other files: give an empty or new "
            "folder (an earlier `render --out` folder is replaced)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        done = prerender(root, out, args.config)
    except (BadToday, ConfigError) as exc:
        print(f"recovery-site: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = format_diagnostics(done.diagnostics, args.format)
    if output:
        print(output)
    for uri in done.clashes:
        print(f"docs/{uri}: error: clashes with a page generated from content/", file=sys.stderr)
    if not done.written:
        print("content has errors: nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {done.pages} pages to {args.out}", file=sys.stderr)
    return EXIT_OK


def _finish(args: argparse.Namespace) -> int:
    from .finish import FinishError, finish_site
    from .search_index import SearchIndexError

    if not args.site.is_dir():
        print(f"recovery-site: error: {args.site} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        pages = finish_site(args.site, search=not args.no_search)
    except (FinishError, SearchIndexError) as exc:
        print(f"recovery-site: error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"finished {pages} pages in {args.site}", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``recovery-site``; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args.root, args.format, args.country, args.language)
    if args.command == "translation-stamp":
        return _translation_stamp(args)
    if args.command in ("new-story", "new-topic", "new-faq"):
        return _scaffold(args)
    if args.command == "report":
        return _report(args)
    if args.command == "links":
        return _links(args)
    if args.command == "offline":
        return _offline(args)
    if args.command == "init":
        return _init(args)
    if args.command == "render":
        return _render(args)
    if args.command == "finish":
        return _finish(args)
    if args.command == "rules":
        from .rules import rules_markdown

        print(rules_markdown(), end="")
        return EXIT_OK
    if args.command == "schemas":
        return _schemas(args.out, args.check)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
