"""Language: stigmatising terms, with the person-first wording to use instead.

Terms come from ``content/style/terms.yml`` so editors can extend the list
without code. Quotations, blockquotes, code and URLs are skipped, as are the
``allow`` phrases (organisation names) and, in a story, the words the
storyteller chose for themself (``own_words``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic, warning
from ..load import Project, StoryDoc
from ..markdown_text import mask, prose
from ..phrases import PhraseSet, lower_keeping_offsets, normal
from .texts import all_texts


def check_language(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    terms = project.style.terms
    by_form = {normal(f): t for t in terms.terms for f in (t.term, *t.forms)}
    matcher = PhraseSet(by_form)
    allow = PhraseSet(terms.allow)
    for item in all_texts(project):
        lowered = lower_keeping_offsets(item.text)
        if not matcher.may_occur(lowered):
            continue
        text = lower_keeping_offsets(prose(item.text))
        text = mask(text, allow.pattern)
        own: set[str] = set()
        if isinstance(item.owner, StoryDoc):
            own = {normal(w) for w in item.owner.story.own_words}
        for match in matcher.pattern.finditer(text):
            found = normal(match.group(0))
            term = by_form[found]
            if found in own or normal(term.term) in own:
                continue
            shown = item.text[match.start() : match.end()]
            yield item.diagnostic(
                match.start(),
                "stigmatising-term",
                f"'{shown}' in the {item.kind}: write '{term.prefer}' instead. {term.why}",
                report=warning,
            )


CHECKS = (check_language,)
