"""Stories: an honest basis, consent on record, a byline that keeps anonymity, warnings.

These rules make sure a story says honestly what it is (one consented person's
story or a composite), that its byline is not a full name, and that readers
are warned before a story about overdose or suicide. Names, phone numbers
and addresses in a story's text are the privacy rules' (``privacy.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error, warning
from ..load import Project, StoryDoc
from ..markdown_text import mask_code
from ..model import PLACEHOLDER
from ..phrases import PhraseSet, lower_keeping_offsets
from .texts import Text, story_texts

FULL_NAME = re.compile(r"^[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)+$")


def _keyword_sets(project: Project) -> dict[str, PhraseSet]:
    return {
        name: PhraseSet(words)
        for name, words in project.style.content_warnings.warnings.items()
        if words
    }


def _check_basis(doc: StoryDoc, consent_pattern: str | None) -> Iterator[Diagnostic]:
    """What the story is, said honestly: a consented story has its consent on record and a
    byline; a composite has neither (no invented person, no invented consent)."""
    s, smap = doc.story, doc.source_map
    if s.basis == "composite":
        if s.consent is not None:
            line, col = smap.key_at(("consent",))
            yield error(
                doc.path,
                line,
                col,
                "composite-with-consent",
                "a composite story is written by the team and has no consent record; remove "
                "'consent', or set 'basis: consented' if this is one real person's story",
            )
        if s.author is not None:
            line, col = smap.key_at(("author",))
            yield warning(
                doc.path,
                line,
                col,
                "composite-byline",
                "a composite story has no personal byline (it is shown as written by the "
                "editorial team); remove 'author'",
            )
        return
    if s.status != "draft" and s.consent is None:
        line, col = smap.value_at(("basis",))
        yield error(
            doc.path,
            line,
            col,
            "missing-consent",
            "a consented story needs 'consent:' with 'reference' (the signed form's id) and "
            "'date' before review; keep the form itself outside the repository",
        )
    reference = s.consent.reference if s.consent else None
    pattern_missed = (
        reference is not None
        and PLACEHOLDER not in reference  # the placeholder check asks for it already
        and consent_pattern is not None
        and not re.fullmatch(consent_pattern, reference)
    )
    if pattern_missed:
        line, col = smap.value_at(("consent", "reference"))
        yield error(
            doc.path,
            line,
            col,
            "bad-consent-reference",
            f"consent reference '{reference}' does not match the organisation's "
            f"pattern '{consent_pattern}' (content/style/checks.yml); copy the id from the "
            "signed form",
        )
    if s.author is None:
        line, col = smap.value_at(("basis",))
        yield error(
            doc.path,
            line,
            col,
            "missing-field",
            "missing required field 'author': a consented story is shown as 'Shared by "
            "<author>' (first name and initial, or a pseudonym the storyteller chose)",
        )
    elif FULL_NAME.match(s.author):
        line, col = smap.value_at(("author",))
        yield warning(
            doc.path,
            line,
            col,
            "full-name",
            f"author '{s.author}' looks like a full name; use a first name and last initial "
            "(e.g. 'Sam R.') or a pseudonym",
        )


def _check_story(
    doc: StoryDoc, keyword_sets: dict[str, PhraseSet], consent_pattern: str | None = None
) -> Iterator[Diagnostic]:
    s = doc.story
    yield from _check_basis(doc, consent_pattern)
    texts: list[Text] = list(story_texts(doc))
    declared = {w.lower() for w in s.content_warnings}
    lowered = [lower_keeping_offsets(mask_code(item.text)) for item in texts]
    for name, keywords in keyword_sets.items():
        if name.lower() in declared:
            continue
        for item, text in zip(texts, lowered, strict=True):
            match = next(keywords.finditer(text), None)
            if match:
                yield item.diagnostic(
                    match.start(),
                    "missing-content-warning",
                    f"the {item.kind} mentions '{match.group(0)}' but content_warnings has no "
                    f"'{name}'; add it so readers can choose",
                )
                break


def check_stories(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    keyword_sets = _keyword_sets(project)
    pattern = project.style.settings.consent_reference_pattern
    for doc in project.stories:
        yield from _check_story(doc, keyword_sets, pattern)


CHECKS = (check_stories,)
