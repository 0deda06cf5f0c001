"""The last lock: strip anything script-capable from a page's rendered HTML.

Checks report raw HTML and script links, and the renderer escapes raw HTML
in editors' Markdown; but Markdown has many corners (attribute lists, code
spans, indented blocks) where a regex over the source can be fooled. This
runs on the HTML the Markdown became, so nothing that can run script
reaches a reader, whatever the source looked like.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

#: Elements that fetch from their src: from another host they would tell a third
#: party who is reading (the site makes no third-party requests).
FETCHING_ELEMENTS = ("img", "source", "video", "audio", "track", "input", "image")
#: Attributes those elements fetch from (each checked on its own).
FETCHING_ATTRIBUTES = ("src", "srcset", "poster", "href", "xlink:href")
DANGEROUS_ELEMENTS = (
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "form",
    "base",
    "meta",
    "link",
    # Parsed one way here (scripting off) and another in a browser: markup
    # hidden in them can come alive (mutation XSS).
    "noscript",
    "template",
    # SVG animation can set an href to a script URL after the page loads.
    "animate",
    "animatemotion",
    "animatetransform",
    "set",
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")
_UNSAFE_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
_REMOTE = re.compile(r"(^|[\s,])(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _may_have_scheme(value: str) -> bool:
    """Cheap first look: a URL names a scheme only with a colon, written or as an entity."""
    return ":" in value or "&" in value


def _unsafe_url(value: str) -> bool:
    decoded = re.sub(r"[\x00-\x20]+", "", html.unescape(value))
    return bool(_UNSAFE_SCHEME.match(decoded))


def sanitize_html(fragment: str) -> str:
    """``fragment`` without script elements, event handlers or script URLs.

    One pass over the parsed elements (lexbor's CSS selectors cost more to
    set up than walking a page's few hundred elements); elements to remove
    are collected first and removed outermost only, so nothing is freed twice.
    """
    if "<" not in fragment:
        return fragment
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    body = tree.body
    if body is None:
        return fragment
    changed = False
    doomed: list[Node] = []
    doomed_ids: set[int] = set()
    for node in body.traverse():
        tag = (node.tag or "").lower()
        attributes = node.attributes
        if tag in DANGEROUS_ELEMENTS or (
            tag in FETCHING_ELEMENTS
            and any(_REMOTE.search(attributes.get(name) or "") for name in FETCHING_ATTRIBUTES)
        ):
            if not _inside(node, doomed_ids):
                doomed.append(node)
                doomed_ids.add(node.mem_id)
            continue
        for name, value in attributes.items():
            lowered = name.lower()
            if lowered.startswith("on") or (lowered == "style" and "expression(" in (value or "")):
                del node.attrs[name]
                changed = True
            elif (
                lowered in URL_ATTRIBUTES
                and value
                and _may_have_scheme(value)
                and _unsafe_url(value)
            ):
                node.attrs[name] = "#blocked"
                changed = True
    for node in doomed:
        node.decompose()
    return body.inner_html if changed or doomed else fragment


def _inside(node: Node, ancestors: set[int]) -> bool:
    """Whether ``node`` lies within one of the elements whose ``mem_id`` is in ``ancestors``."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ancestors:
            return True
        parent = parent.parent
    return False
