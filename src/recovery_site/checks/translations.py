"""Translations: each translated text names its source and the fingerprint it was made from.

A translated topic, answer or page (``translation_of``) carries
``translated_from``, a short fingerprint of the English text it was made
from, written by ``recovery-site translation-stamp`` when the translator
finishes. When the English changes, its fingerprint no longer matches and
the translation is reported as outdated, at its own line, naming the source
that changed. Whitespace does not count: rewrapping the English is no change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error, warning
from ..load import ArticleDoc, Project, TopicDoc
from ..model import FaqEntry
from ..yaml_source import SourceMap

#: Hex digits kept of the sha256: enough to notice any edit, short enough to read.
FINGERPRINT_LENGTH = 12


def fingerprint(*texts: str | None) -> str:
    """A short sha256 of ``texts`` with whitespace runs collapsed (rewrapping is no change)."""
    joined = "\n".join(" ".join((text or "").split()) for text in texts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def topic_fingerprint(doc: TopicDoc) -> str:
    """A topic's own words: its title and description (each answer has its own)."""
    return fingerprint(doc.topic.title, doc.topic.description)


def answer_fingerprint(entry: FaqEntry) -> str:
    return fingerprint(entry.question, entry.answer)


def page_fingerprint(doc: ArticleDoc) -> str:
    return fingerprint(doc.meta.title, doc.meta.description, doc.body)


@dataclass(frozen=True)
class Stamp:
    """One place a translation needs a fingerprint: the YAML location and its current value."""

    loc: tuple
    current: str | None
    expected: str | None  # None: the source does not exist
    source: str  # what it translates, as shown to editors


def topic_stamps(doc: TopicDoc, source: Project) -> list[Stamp]:
    """The stamps of a translated topic file: the topic's, then each answer's."""
    slug = doc.topic.translation_of or doc.slug
    original = next((t for t in source.topics if t.slug == slug), None)
    shown = original.path if original else f"content/faq/{slug}.yml"
    stamps = [
        Stamp(
            (),
            doc.topic.translated_from,
            topic_fingerprint(original) if original else None,
            f"{shown} (title and description)",
        )
    ]
    answers = {q.id: q for q in original.topic.questions} if original else {}
    for i, entry in enumerate(doc.topic.questions):
        key = entry.translation_of or entry.id
        found = answers.get(key)
        stamps.append(
            Stamp(
                ("questions", i),
                entry.translated_from,
                answer_fingerprint(found) if found else None,
                f"{shown}, answer '{key}'",
            )
        )
    return stamps


def page_stamp(doc: ArticleDoc, source: Project) -> Stamp:
    uri = doc.meta.translation_of or doc.src_uri
    original = next((a for a in source.articles if a.src_uri == uri), None)
    shown = original.path if original else f"docs/{uri}"
    return Stamp(
        (), doc.meta.translated_from, page_fingerprint(original) if original else None, shown
    )


def _report(smap: SourceMap, stamp: Stamp) -> Iterator[Diagnostic]:
    if stamp.expected is None:
        line, col = smap.value_at((*stamp.loc, "translation_of"))
        yield error(
            smap.path,
            line,
            col,
            "translation-source-missing",
            f"this translates {stamp.source}, which does not exist; correct 'translation_of' "
            "(or the answer's id) to name the English text",
        )
        return
    if stamp.current == stamp.expected:
        return
    line, col = smap.value_at((*stamp.loc, "translated_from"))
    if stamp.current is None:
        message = f"no 'translated_from' fingerprint of {stamp.source}"
    else:
        message = f"{stamp.source} changed since this was translated"
    yield warning(
        smap.path,
        line,
        col,
        "translation-outdated",
        f"{message}; bring the translation up to date, then run "
        f"`recovery-site translation-stamp {smap.path}`",
    )


def check_translations(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Translated topics, answers and pages against the English they were made from."""
    source = project.source
    if source is None:
        return
    for doc in project.topics:
        for stamp in topic_stamps(doc, source):
            yield from _report(doc.source_map, stamp)
    for page in project.articles:
        if page.meta.translation_of:
            yield from _report(page.source_map, page_stamp(page, source))


CHECKS = (check_translations,)
