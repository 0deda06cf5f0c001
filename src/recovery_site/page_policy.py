"""Defence in depth on every page: a Content-Security-Policy and a referrer policy.

The sanitiser keeps script out of the content; the policy is the lock behind
it. Should anything slip through, the browser still refuses to run script
that is not one of this site's own files or one of the page's own inline
scripts (allowed by their hash, computed here from the written page), and to
fetch anything from another host. It is a ``<meta>`` tag, so it works on any
static host, with no server headers to set (``docs/deploy.md`` lists the
headers a host can add on top, such as ``frame-ancestors``).

The referrer policy sends the full address only within this site: a reader
who follows a link elsewhere does not tell that site which page (which
question about addiction) they came from.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import Any

#: What each kind of request may reach. ``'self'`` is this site; Pagefind needs
#: WebAssembly ('wasm-unsafe-eval' allows compiling it, not ``eval``); Material's
#: icons are ``data:`` images in its CSS.
POLICY = (
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
REFERRER_POLICY = "same-origin"

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
_HEAD = re.compile(r"<head[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


#: The inline scripts a page may run, by how they start: Material's own
#: (``partials/javascripts/``: storage scope, palette, tabs, announcement,
#: outdated-version banner, cookie consent; and its tabbed-anchor fix) and
#: MkDocs' live-reload script in a preview. Any other inline script (one a
#: template mistake let content write) is not hashed, so the policy blocks it:
#: a second lock behind the sanitiser. ``tests/test_security.py`` fails when
#: Material's templates gain a script this list does not know.
THEME_SCRIPTS = (
    "__md_scope=new URL(",
    'var palette=__md_get("__palette")',
    'var tabs=__md_get("__tabs")',
    'var el=document.querySelector("[data-md-component=announce]")',
    'var el=document.querySelector("[data-md-component=outdated]")',
    'var consent=__md_get("__consent")',
    "var target=document.getElementById(location.hash",
    "var livereload = function(epoch, requestId)",
)


def inline_script_hashes(page: str) -> list[str]:
    """CSP source expressions for the theme's inline scripts on ``page`` (``THEME_SCRIPTS``)."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(page):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _SCRIPT_TYPES:
            continue  # data blocks (JSON settings, JSON-LD) are never run
        if not match.group("body").lstrip().startswith(THEME_SCRIPTS):
            continue  # not the theme's: left unhashed, so the browser refuses to run it
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy_for(page: str) -> str:
    """The Content-Security-Policy for one written page."""
    hashes = "".join(" " + h for h in inline_script_hashes(page))
    return "; ".join(POLICY).replace("{hashes}", hashes)


def add_page_policies(page: str) -> str:
    """``page`` with its CSP and referrer policy as the first elements of ``<head>``.

    First, because a ``<meta>`` policy only governs what comes after it.
    """
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    charset = _CHARSET.search(page)
    anchor = charset or _HEAD.search(page)
    if anchor is None:
        return page
    return page[: anchor.end()] + tags + page[anchor.end() :]


#: Front matter the theme prints into ``<title>``, ``<meta>`` and the navigation
#: of other pages without escaping it.
PRINTED_FRONT_MATTER = ("title", "description", "subtitle")
_TAG = re.compile(r"<[^>]*>")


def escape_front_matter(meta: dict[str, Any]) -> None:
    """Escape, in place, the front matter fields the theme prints as they are.

    A hand-written page's ``title: <img src=x onerror=...>`` then shows as
    text in the tab, the search results and every page's navigation.
    """
    for key in PRINTED_FRONT_MATTER:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = html.escape(value)


def plain_title(title: str) -> str:
    """A title taken from a page's heading (HTML), as escaped plain text."""
    return html.escape(html.unescape(_TAG.sub("", title)))
