"""Repairs to Material's HTML that validators flag, applied to each built page.

Material 9 writes ``autocomplete="off"`` on its hidden checkbox toggles (not
allowed on checkboxes) and, on pages outside the navigation, a table-of-
contents label pointing at a ``__toc`` checkbox that is not there; with
``navigation.tabs`` its section labels get an empty ``tabindex=""``. All are
harmless to browsers but fail the Nu HTML Checker; fixing the output is
smaller and safer than copying Material's templates into overrides/.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def fix_html(html: str) -> str:
    """Page HTML with Material's known validity errors removed."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html
