"""The site's colours (``extra.brand`` in mkdocs.yml): readable, and written as hex.

A palette readers cannot read is an error before it is published: the check
computes WCAG 2.x contrast ratios (``brand.py``) and names the ratio, so the
person choosing the colours sees how far off it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..brand import contrast_problems, parse_brand
from ..diagnostics import Diagnostic, error
from ..load import Project


def check_brand(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """``bad-brand`` for a colour that is not hex, ``low-contrast`` below WCAG AA."""
    settings = project.brand
    if settings is None:
        return
    brand, problems = parse_brand(settings.raw)

    def at(key: str) -> tuple[int, int]:
        return settings.marks.get(key, settings.marks.get("brand", (1, 1)))

    for key, message in problems:
        line, col = at(key)
        yield error(settings.path, line, col, "bad-brand", message)
    if brand is not None:
        for key, message in contrast_problems(brand):
            line, col = at(key)
            yield error(settings.path, line, col, "low-contrast", message)


CHECKS = (check_brand,)
