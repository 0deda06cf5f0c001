"""Read a built site: every page's links and anchors, parsed once with lexbor."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from .. import urls

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


def page_base(page: str) -> str:
    """The address ``page`` is served at on the made-up site origin of ``urls``."""
    return f"https://{urls.SITE_HOST}{page_url(page)}"


def external_url(target: str, page: str = "index.html") -> str | None:
    """The outside http(s) URL a browser fetches for ``target`` (no fragment), else None.

    Read as a browser reads it (WHATWG, ``urls.parse``): ``//host/x``,
    ``\\\\host\\x`` and ``https:host/x`` all leave the site, although
    ``urlsplit`` sees no host in the last two. None for links that stay on the
    site and for other schemes (``mailto:``, ``data:``, ``javascript:``).
    """
    parsed = urls.parse(target)  # absolute on its own
    if parsed is None:
        parsed = urls.parse(target, page_base(page))
        if parsed is None or (parsed.hostname or "").lower() == urls.SITE_HOST:
            return None
    if parsed.protocol not in ("http:", "https:"):
        return None
    parsed.hash = ""
    return parsed.href


def is_external(target: str, page: str = "index.html") -> bool:
    return external_url(target, page) is not None


def resolve(page: str, target: str, files: set[str], from_disk: bool = False) -> Resolved:
    """Resolve an internal ``target`` seen on ``page`` to a file in the site.

    A web server answers a folder (``faq/``, ``faq``) with its ``index.html``;
    with ``from_disk`` (the offline edition, opened from ``file://``) a browser
    shows a folder listing instead, so only a link to the file itself
    (``faq/index.html``, ``faq/medications.html#id``) resolves.
    Raises ValueError when a browser could not read ``target`` as an address.
    """
    parsed = urls.parse(target, page_base(page))
    if parsed is None:
        raise ValueError(f"not a valid address: {target!r}")
    return resolve_parsed(parsed.pathname, parsed.hash, files, from_disk)


def resolve_parsed(pathname: str, hash_: str, files: set[str], from_disk: bool) -> Resolved:
    """``resolve`` for an address already parsed (its path and ``#fragment`` from ada-url)."""
    path = unquote(pathname).lstrip("/")
    fragment = unquote(hash_.removeprefix("#"))
    if from_disk:
        candidates = [path] if path and not path.endswith("/") else []
    elif not path or path.endswith("/"):
        candidates = [f"{path}index.html"]
    else:
        candidates = [path, f"{path}/index.html"]
    for candidate in candidates:
        if candidate in files:
            return Resolved(candidate, fragment, path or "/")
    return Resolved(None, fragment, path or "/")
