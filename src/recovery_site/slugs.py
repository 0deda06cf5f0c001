"""Slugs: the lowercase, hyphenated names that become file names and URLs."""

from __future__ import annotations

import re
import unicodedata

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HINT = "use lowercase letters, digits and single hyphens, e.g. 'what-is-mat'"


def slugify(text: str) -> str:
    """'Finding my people!' -> 'finding-my-people' (ASCII, lowercase, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
