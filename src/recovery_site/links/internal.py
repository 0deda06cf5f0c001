"""Internal links: every href and src of a built site resolves, anchors included.

Pages are parsed once each (lexbor, the fastest HTML parser on PyPI); their
ids are kept in memory, so a fragment costs a set lookup. Broken links are
grouped: a broken link in a template is one problem shown on many pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .. import urls
from ..diagnostics import Diagnostic, error
from .site import (
    NON_WEB_SCHEMES,
    Link,
    Page,
    external_url,
    page_base,
    parse_page,
    resolve,
    site_files,
)
from .sources import SourceFinder

_TEL = re.compile(r"^\+?[0-9][0-9().\s-]*$")


@dataclass
class InternalReport:
    """What one run found."""

    pages: int
    links: int
    diagnostics: list[Diagnostic]
    #: Outside URLs and the pages that link to them, for --external.
    pages_by_url: dict[str, list[str]]

    @property
    def external(self) -> set[str]:
        return set(self.pages_by_url)


def _problem(
    link: Link, pages: dict[str, Page], files: set[str], from_disk: bool = False
) -> tuple[str, str] | None:
    """``(reason, what it points at)`` when ``link`` is broken, else None.

    "What it points at" is site-absolute, so one template link written
    relative to each page (``../x/``, ``../../x/``) counts as one problem.
    """
    reason = _reason(link, pages, files, from_disk)
    if reason is None:
        return None
    resolved = resolve(link.page, link.target, files)
    pointed = resolved.wanted + (f"#{resolved.fragment}" if resolved.fragment else "")
    web = _scheme(link) in ("http", "https")
    return reason, pointed if web else link.target


def _scheme(link: Link) -> str:
    """The scheme a browser reads in ``link`` (tabs and case ignored); ValueError if none."""
    parsed = urls.parse(link.target, page_base(link.page))
    if parsed is None:
        raise ValueError(f"not a valid address: {link.target!r}")
    return parsed.protocol.removesuffix(":")


def _reason(
    link: Link, pages: dict[str, Page], files: set[str], from_disk: bool = False
) -> str | None:
    """Why ``link`` is broken, or None."""
    target = link.target
    if not target or (target.startswith("#") and len(target) == 1):
        return None
    scheme = _scheme(link)
    if scheme in NON_WEB_SCHEMES:
        rest = unquote(target.split(":", 1)[1].split("?")[0])
        if scheme in ("tel", "sms") and not _TEL.match(rest):
            return f"'{rest}' is not a phone number"
        if scheme == "mailto" and "@" not in rest:
            return f"'{rest}' is not an email address"
        return None
    if scheme in ("javascript", "vbscript", "data") and link.tag in ("a", "area"):
        return "a script link; link to a page instead"
    if scheme not in ("http", "https"):
        return None  # data: images and the like
    if from_disk and target.startswith("/"):
        return "a site-absolute link: opened from disk it points at the root of the disk"
    resolved = resolve(link.page, target, files, from_disk)
    if resolved.file is None:
        served = resolve(link.page, target, files).file if from_disk else None
        if served is not None:
            return f"a folder: opened from disk it shows a folder listing; link to {served}"
        return f"no such page or file (looked for {resolved.wanted})"
    if resolved.fragment and resolved.file.endswith((".html", ".htm")):
        page = pages.get(resolved.file)
        if page is not None and resolved.fragment not in page.ids:
            return f"no element with id '{resolved.fragment}' on {resolved.file}"
    return None


def check_internal(site: Path, root: Path, from_disk: bool = False) -> InternalReport:
    """Check every internal link of the site in ``site``; ``root`` holds its sources.

    ``from_disk``: the site is opened from ``file://`` (the offline edition),
    where a link to a folder shows a folder listing, not its ``index.html``.
    """
    files = site_files(site)
    pages = {path: parse_page(site, path) for path in sorted(files) if path.endswith(".html")}
    finder = SourceFinder(root, site)
    broken: dict[tuple[str, str], list[Link]] = defaultdict(list)
    external: dict[str, list[str]] = defaultdict(list)
    count = 0
    for page in pages.values():
        for link in page.links:
            count += 1
            url = external_url(link.target, link.page)
            if url is not None:
                external[url].append(page.path)
                continue
            try:
                problem = _problem(link, pages, files, from_disk)
            except ValueError:  # e.g. "https://[oops": a browser could not read it
                problem = ("not a valid address", link.target)
            if problem:
                broken[problem].append(link)
    diagnostics = []
    for (reason, _pointed), links in broken.items():
        diagnostics.extend(_report(reason, links, finder))
    return InternalReport(len(pages), count, sorted(diagnostics), dict(external))


def _report(reason: str, links: list[Link], finder: SourceFinder) -> list[Diagnostic]:
    """One diagnostic per source file that holds the link.

    Links found in no source came from a template: those are reported once,
    at the first page's HTML, with the number of other pages that carry it.
    """
    by_source: dict[tuple[str, int, int], list[Link]] = defaultdict(list)
    from_templates: list[tuple[tuple[str, int, int], Link]] = []
    for link in links:
        place = finder.locate(link.page, link.target)
        if finder.is_source(place[0]):
            by_source[place].append(link)
        else:
            from_templates.append((place, link))
    if from_templates:
        from_templates.sort(key=lambda item: item[1].page)
        by_source[from_templates[0][0]] = [link for _place, link in from_templates]
    out = []
    for (path, line, col), group in by_source.items():
        pages = sorted({link.page for link in group})
        first = next(link for link in group if link.page == pages[0])
        more = f" (and {len(pages) - 1} more pages)" if len(pages) > 1 else ""
        message = f"{pages[0]} -> {first.target}: {reason}{more}"
        if reason.startswith("no element with id"):
            out.append(error(path, line, col, "missing-anchor", message))
        else:
            out.append(error(path, line, col, "broken-link", message))
    return out
