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
    Resolved,
    page_base,
    parse_page,
    resolve_parsed,
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


@dataclass(frozen=True)
class _Address:
    """What an address a link resolves to means; the same for every link that goes there.

    Most links of a site repeat on every page (navigation, footer, related
    questions), written relative to each page but going to a few thousand
    addresses: parsing each link once and working out the rest once per
    address is most of what makes the check fast.
    """

    scheme: str  # as a browser reads it, without ":"
    outside: str | None  # the outside http(s) URL fetched (no fragment), else None
    pointed: str  # site-absolute path and fragment: one problem for many pages
    web_reason: str | None  # why an http(s) link on the site is broken, else None


class _Verdicts:
    """One run's verdicts on links, worked out once per link text and once per address."""

    def __init__(self, pages: dict[str, Page], files: set[str], from_disk: bool) -> None:
        self.pages, self.files, self.from_disk = pages, files, from_disk
        self._absolute: dict[str, tuple[bool, str | None]] = {}
        self._addresses: dict[str, _Address] = {}

    def absolute(self, target: str) -> tuple[bool, str | None]:
        """``(is an address on its own, the outside http(s) URL it fetches or None)``.

        Read alone first, as ``external_url`` does: ``https:host/x`` leaves
        the site although, read against an https page, it would be relative.
        """
        try:
            return self._absolute[target]
        except KeyError:
            pass
        parsed = urls.parse(target)
        if parsed is None:
            found: tuple[bool, str | None] = (False, None)
        elif parsed.protocol not in ("http:", "https:"):
            found = (True, None)
        else:
            parsed.hash = ""
            found = (True, parsed.href)
        self._absolute[target] = found
        return found

    def address(self, link: Link, href: str) -> _Address:
        """What ``href`` (``link``'s target joined to its page) means, worked out once."""
        known = self._addresses.get(href)
        if known is not None:
            return known
        parsed = urls.parse(link.target, page_base(link.page))
        if parsed is None:  # pragma: no cover - href came from the same parse
            raise ValueError(f"not a valid address: {link.target!r}")
        scheme = parsed.protocol.removesuffix(":")
        pathname, hash_ = parsed.pathname, parsed.hash
        outside = None
        if scheme in ("http", "https") and (parsed.hostname or "").lower() != urls.SITE_HOST:
            parsed.hash = ""
            outside = parsed.href
        resolved = resolve_parsed(pathname, hash_, self.files, from_disk=False)
        pointed = resolved.wanted + (f"#{resolved.fragment}" if resolved.fragment else "")
        web_reason = None
        if scheme in ("http", "https") and outside is None:
            web_reason = self._web_reason(pathname, hash_, resolved)
        known = self._addresses[href] = _Address(scheme, outside, pointed, web_reason)
        return known

    def _web_reason(self, pathname: str, hash_: str, served: Resolved) -> str | None:
        """Why a link to this http(s) address on the site is broken, or None."""
        resolved = served
        if self.from_disk:
            resolved = resolve_parsed(pathname, hash_, self.files, from_disk=True)
        if resolved.file is None:
            if self.from_disk and served.file is not None:
                return (
                    f"a folder: opened from disk it shows a folder listing; link to {served.file}"
                )
            return f"no such page or file (looked for {resolved.wanted})"
        if resolved.fragment and resolved.file.endswith((".html", ".htm")):
            page = self.pages.get(resolved.file)
            if page is not None and resolved.fragment not in page.ids:
                return f"no element with id '{resolved.fragment}' on {resolved.file}"
        return None


def _problem(link: Link, address: _Address | None, from_disk: bool) -> tuple[str, str] | None:
    """``(reason, what it points at)`` when ``link`` is broken, else None.

    "What it points at" is site-absolute, so one template link written
    relative to each page (``../x/``, ``../../x/``) counts as one problem.
    ``address`` is None when a browser could not read the link as an address.
    """
    reason = _reason(link, address, from_disk)
    if reason is None:
        return None
    assert address is not None  # _reason raised otherwise
    web = address.scheme in ("http", "https")
    return reason, address.pointed if web else link.target


def _reason(link: Link, address: _Address | None, from_disk: bool) -> str | None:
    """Why ``link`` is broken, or None; ValueError when it is no address at all."""
    target = link.target
    if not target or (target.startswith("#") and len(target) == 1):
        return None
    if address is None:
        raise ValueError(f"not a valid address: {link.target!r}")
    scheme = address.scheme
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
    return address.web_reason


def check_internal(site: Path, root: Path, from_disk: bool = False) -> InternalReport:
    """Check every internal link of the site in ``site``; ``root`` holds its sources.

    ``from_disk``: the site is opened from ``file://`` (the offline edition),
    where a link to a folder shows a folder listing, not its ``index.html``.
    """
    files = site_files(site)
    pages = {path: parse_page(site, path) for path in sorted(files) if path.endswith(".html")}
    finder = SourceFinder(root, site)
    verdicts = _Verdicts(pages, files, from_disk)
    broken: dict[tuple[str, str], list[Link]] = defaultdict(list)
    external: dict[str, list[str]] = defaultdict(list)
    count = 0
    for page in pages.values():
        base = page_base(page.path)
        for link in page.links:
            count += 1
            is_absolute, url = verdicts.absolute(link.target)
            address = None
            if url is None:
                href = urls.join(link.target, base)
                address = None if href is None else verdicts.address(link, href)
                if address is not None and not is_absolute:
                    url = address.outside
            if url is not None:
                external[url].append(page.path)
                continue
            try:
                problem = _problem(link, address, from_disk)
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
    # (where the link is in its page's source, if it is), link: only the first
    # page's place is reported, so the other pages' HTML is never searched.
    from_templates: list[tuple[tuple[str, int, int] | None, Link]] = []
    for link in links:
        place = finder.locate_in_source(link.page, link.target)
        if place is not None and finder.is_source(place[0]):
            by_source[place].append(link)
        else:
            from_templates.append((place, link))
    if from_templates:
        from_templates.sort(key=lambda item: item[1].page)
        place, first = from_templates[0]
        place = place or finder.locate_in_html(first.page, first.target)
        by_source[place] = [link for _place, link in from_templates]
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
