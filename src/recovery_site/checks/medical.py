"""Medical is decided, not defaulted: articles say whether they are medical, and a page
that says it is not medical must not give medication, dosing or overdose advice.

The words that make text medical are data (``content/style/medical-terms.yml``),
so clinicians can extend them without a code change. A hit is a warning with
one fix: mark the page medical, so that a clinician reviews it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic, error, warning
from ..load import Project
from ..markdown_text import mask_code
from ..model import MedicalTerms
from ..phrases import PhraseSet, lower_keeping_offsets
from .texts import Text, article_texts, topic_texts

#: Hand-written pages under this folder of docs/ are articles: they must set ``medical``.
ARTICLES_FOLDER = "articles/"


class MedicalMatcher:
    """Finds the first medication name, dose or overdose step in a text."""

    def __init__(self, terms: MedicalTerms) -> None:
        self.phrases = [
            ("a medication", PhraseSet(terms.medications)),
            ("an overdose step", PhraseSet(terms.overdose_steps)),
        ]
        units = "|".join(
            re.escape(u.lower()) for u in sorted(terms.dose_units, key=len, reverse=True)
        )
        self.dose = re.compile(rf"\b\d+(?:[.,]\d+)?\s?(?:{units})(?![\w-])") if units else None

    def first(self, text: str) -> tuple[int, str, str] | None:
        """``(offset, kind, words)`` of the earliest hit, or None."""
        lowered = lower_keeping_offsets(mask_code(text))
        hits = []
        for kind, phrases in self.phrases:
            match = next(phrases.finditer(lowered), None)
            if match:
                hits.append((match.start(), kind, text[match.start() : match.end()]))
        if self.dose is not None:
            match = self.dose.search(lowered)
            if match:
                hits.append((match.start(), "a dose", text[match.start() : match.end()]))
        return min(hits) if hits else None


def _unmarked(texts: Iterable[Text], matcher: MedicalMatcher) -> Iterator[Diagnostic]:
    for item in texts:
        hit = matcher.first(item.text)
        if hit:
            offset, kind, words = hit
            yield item.diagnostic(
                offset,
                "unmarked-medical",
                f"the {item.kind} mentions {kind} ('{words}') but the page is 'medical: false'; "
                "mark it medical so a clinician reviews it (medical: true)",
                warning,
            )


def check_medical(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    matcher = MedicalMatcher(project.style.medical_terms)
    for doc in project.topics:
        if not doc.topic.medical:
            yield from _unmarked(topic_texts(doc), matcher)
    for article in project.articles:
        meta = article.meta
        if meta.medical is None and article.src_uri.startswith(ARTICLES_FOLDER):
            yield error(
                article.path,
                1,
                1,
                "missing-field",
                "missing required field 'medical': say whether this article gives medical "
                "information ('medical: true' and a clinician reviews it) or not "
                "('medical: false')",
            )
        elif meta.medical is False:
            yield from _unmarked(article_texts(article), matcher)


CHECKS = (check_medical,)
