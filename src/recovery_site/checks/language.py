"""Language: stigmatising terms, with the person-first wording to use instead.

Terms come from ``content/style/terms.yml`` so editors can extend the list
without code. Quotations, blockquotes, code and URLs are skipped, as are the
``allow`` phrases (organisation names) and, in a story, the words the
storyteller chose for themself (``own_words``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, warning
from ..load import Project, StoryDoc
from ..markdown_text import mask, prose
from ..model import Term, TermList
from .texts import all_texts


def _phrase(text: str) -> str:
    return r"\s+".join(re.escape(part) for part in text.split())


def _compiled(terms: TermList) -> tuple[re.Pattern[str], re.Pattern[str] | None, dict[str, Term]]:
    by_form: dict[str, Term] = {}
    for term in terms.terms:
        for form in (term.term, *term.forms):
            by_form[" ".join(form.lower().split())] = term
    # Longest first, so "substance abuse" wins over a shorter overlapping form.
    forms = sorted(by_form, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<![\w-])(?:" + "|".join(_phrase(f) for f in forms) + r")(?![\w-])", re.I)
        if forms
        else re.compile(r"(?!x)x")
    )
    allow = re.compile("|".join(_phrase(a) for a in terms.allow), re.I) if terms.allow else None
    return pattern, allow, by_form


def check_language(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    pattern, allow, by_form = _compiled(project.style.terms)
    for item in all_texts(project):
        own = set()
        if isinstance(item.owner, StoryDoc):
            own = {" ".join(w.lower().split()) for w in item.owner.story.own_words}
        text = prose(item.text)
        if allow is not None:
            text = mask(text, allow)
        for match in pattern.finditer(text):
            found = " ".join(match.group(0).lower().split())
            term = by_form[found]
            if found in own or term.term.lower() in own:
                continue
            line, col = item.locate(match.start())
            yield warning(
                item.path,
                line,
                col,
                "stigmatising-term",
                f"'{match.group(0)}' in the {item.kind}: write '{term.prefer}' instead. {term.why}",
            )


CHECKS = (check_language,)
