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

#: Elements that fetch from their src: from another host they would tell a third
#: party who is reading (the site makes no third-party requests).
FETCHING_ELEMENTS = ("img", "source", "video", "audio", "track", "input")
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
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")
_UNSAFE_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)


def _unsafe_url(value: str) -> bool:
    decoded = re.sub(r"[\x00-\x20]+", "", html.unescape(value))
    return bool(_UNSAFE_SCHEME.match(decoded))


def sanitize_html(fragment: str) -> str:
    """``fragment`` without script elements, event handlers or script URLs."""
    if "<" not in fragment:
        return fragment
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    body = tree.body
    if body is None:
        return fragment
    changed = False
    for node in body.css(", ".join(DANGEROUS_ELEMENTS)):
        node.decompose()
        changed = True
    for node in body.css(", ".join(FETCHING_ELEMENTS)):
        src = (node.attributes.get("src") or "") + (node.attributes.get("srcset") or "")
        if re.search(r"(^|[\s,])(?:[a-z][a-z0-9+.-]*:)?//", src, re.I):
            node.decompose()
            changed = True
    for node in body.css("*"):
        attributes = node.attributes
        for name, value in list(attributes.items()):
            lowered = name.lower()
            if lowered.startswith("on") or (lowered == "style" and "expression(" in (value or "")):
                del node.attrs[name]
                changed = True
            elif lowered in URL_ATTRIBUTES and value and _unsafe_url(value):
                node.attrs[name] = "#blocked"
                changed = True
    return body.inner_html if changed else fragment
