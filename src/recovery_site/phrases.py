"""Fast whole-word phrase matching for the language and content-warning checks.

Thousands of texts are searched for dozens of phrases. A regex alternation
run over every text is the slow part, so each text's set of words is taken
once (and cached), and the regex runs only where every word of at least one
phrase occurs. Matching is on lowercased text, which is far faster than
``re.IGNORECASE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

_WORD = re.compile(r"[\w-]+")


def normal(phrase: str) -> str:
    """Lowercase with single spaces: the key a phrase is known by."""
    return " ".join(phrase.lower().split())


# ASCII punctuation (but "-", part of words here) becomes a space: with
# str.translate and split this tokenises much faster than a regex.
_PUNCTUATION = str.maketrans(
    {
        c: " "
        for c in "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~"
        "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u00a0"
    }
)


@lru_cache(maxsize=8192)
def words_in(lowered: str) -> frozenset[str]:
    """The distinct words of an already lowercased text."""
    return frozenset(lowered.translate(_PUNCTUATION).split())


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()``, except characters whose lowercase is longer (e.g. "İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class PhraseSet:
    """Find any of ``phrases`` as whole words (hyphens count as part of a word)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        forms = sorted({normal(p) for p in phrases if p.strip()}, key=len, reverse=True)
        # Longest first, so "substance abuse" wins over a shorter overlapping form.
        body = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
        self.pattern = re.compile(r"(?<![\w-])(?:" + (body or r"(?!x)x") + r")(?![\w-])")
        self._forms_by_word: dict[str, list[frozenset[str]]] = {}
        for form in forms:
            words = frozenset(_WORD.findall(form))
            for word in words:
                self._forms_by_word.setdefault(word, []).append(words)

    def may_occur(self, lowered: str) -> bool:
        """False when no phrase can occur: some word of every phrase is missing."""
        words = words_in(lowered)
        for word in words.intersection(self._forms_by_word):
            if any(form <= words for form in self._forms_by_word[word]):
                return True
        return False

    def finditer(self, lowered: str) -> Iterator[re.Match[str]]:
        """Matches in a text lowercased with ``lower_keeping_offsets``."""
        if self.may_occur(lowered):
            yield from self.pattern.finditer(lowered)
