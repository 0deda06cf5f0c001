"""Slugs: the lowercase, hyphenated names that become file names and URLs."""

from __future__ import annotations

import re
import unicodedata

# \A and \Z, not ^ and $: '$' also matches before a trailing newline, and a file
# named "story\n.md" must not pass as the slug "story".
SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SLUG_HINT = "use lowercase letters, digits and single hyphens, e.g. 'what-is-mat'"


def slugify(text: str) -> str:
    """'Finding my people!' -> 'finding-my-people' (ASCII, lowercase, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


#: Characters no file name may contain: C0 and C1 controls (newline, tab, escape...).
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def control_char(name: str) -> str | None:
    """The first control character in ``name``, shown escaped (``'\\n'``), or None."""
    match = CONTROL_CHARS.search(name)
    return repr(match.group(0))[1:-1] if match else None
