"""Read a built site: every page's links and anchors, parsed once with lexbor."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

#: (element, attribute) pairs that point somewhere a browser goes or fetches.
LINK_ATTRIBUTES = (
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
)
_SELECTOR = ", ".join(f"{tag}[{attr}]" for tag, attr in LINK_ATTRIBUTES)
_ATTR = dict(LINK_ATTRIBUTES)
#: Schemes that are not fetched: phones, mail; checked for form only.
NON_WEB_SCHEMES = ("mailto", "tel", "sms", "geo")


@dataclass(frozen=True)
class Link:
    """One link on a page: ``target`` exactly as written in the HTML."""

    page: str  # site-relative path of the HTML file, e.g. "faq/mat/index.html"
    target: str
    tag: str


@dataclass
class Page:
    """A parsed HTML page: the ids it offers and the links it makes."""

    path: str
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


def page_url(path: str) -> str:
    """The URL path a file is served at: ``a/index.html`` -> ``/a/index.html``."""
    return "/" + path


def parse_page(site: Path, path: str) -> Page:
    """Parse one HTML file (``path`` relative to ``site``)."""
    tree = LexborHTMLParser((site / path).read_bytes())
    page = Page(path)
    for node in tree.css("[id], a[name]"):
        attrs = node.attributes
        for key in ("id", "name"):
            value = attrs.get(key)
            if value:
                page.ids.add(value)
    for node in tree.css(_SELECTOR):
        tag = node.tag or ""
        value = node.attributes.get(_ATTR.get(tag, "href"))
        if value is not None:
            page.links.append(Link(path, value.strip(), tag))
    for node in tree.css("img[srcset], source[srcset]"):
        for candidate in (node.attributes.get("srcset") or "").split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                page.links.append(Link(path, url, node.tag or "img"))
    return page


def site_files(site: Path) -> set[str]:
    """Every file below ``site``, as site-relative POSIX paths."""
    found = set()
    for folder, _dirs, files in os.walk(site):
        base = Path(folder).relative_to(site).as_posix()
        prefix = "" if base == "." else base + "/"
        found.update(prefix + name for name in files)
    return found


@dataclass(frozen=True)
class Resolved:
    """Where an internal link points: a file (site-relative) and a fragment."""

    file: str | None  # None when no file exists there
    fragment: str
    wanted: str  # the path looked for, for messages


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme and parts.scheme.lower() in ("http", "https")) or target.startswith(
        "//"
    )


def resolve(page: str, target: str, files: set[str]) -> Resolved:
    """Resolve an internal ``target`` seen on ``page`` to a file in the site."""
    absolute = urljoin(page_url(page), target)
    parts = urlsplit(absolute)
    path = unquote(parts.path).lstrip("/")
    fragment = unquote(parts.fragment)
    candidates = [path] if path else []
    if not path or path.endswith("/"):
        candidates = [f"{path}index.html"]
    else:
        candidates = [path, f"{path}/index.html"]
    for candidate in candidates:
        if candidate in files:
            return Resolved(candidate, fragment, path or "/")
    return Resolved(None, fragment, path or "/")
