"""Privacy: details in stories (and FAQ answers) that could identify a person.

A story is published for anyone to read, by people who may know the
storyteller. What identifies someone is rarely a form field: it is "my name
is Margaret Thompson" in the second paragraph, "Dr. Priya Raman" who ran the
clinic, a mobile number written the way people write it at home, or the
street and town where the storyteller lives. These rules look for what
people actually write:

* contact details: email addresses, social profiles, phone numbers in the
  national and international formats of the regions in
  ``content/style/checks.yml`` (``phone_regions``), postcodes (UK, Ireland,
  Canada), US ZIP codes after a town and state, street addresses;
* names: self-introductions, an honorific and a name, and a first name (from
  a maintained first-name list) followed by a capitalised word that is not a
  common English word.

Help lines the site publishes itself (988, 1-800-662-4357...) are listed as
``public_numbers`` in ``checks.yml``; names of public figures and
organisations as ``public_names``. A story's ``own_words`` lets a storyteller
keep wording they chose. A false alarm costs an editor a second; a
published name can cost a storyteller much more, so the rules lean towards
asking.

The name and word lists are data, loaded once and only when a text has a
candidate (most texts have none):

* first names: Faker's person providers (maintained; the en_US lists are the
  US Social Security Administration's most common baby names by decade,
  plus the lists for Britain, Ireland, New Zealand, India, Pakistan,
  Nigeria, Kenya and Mexico);
* common words: pyspellchecker's English word frequencies (counted in
  lowercase, so names and places are rare there: "church" 72,884,
  "thompson" 184).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import phonenumbers

from ..diagnostics import Diagnostic
from ..load import Project, StoryDoc
from ..markdown_text import mask, mask_code
from ..model import CheckSettings
from .texts import Text, story_texts, topic_texts

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SOCIAL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|snapchat"
    r"|threads|youtube|reddit|bsky)\.(?:com|net|app|social)/[^\s)\]]+"
    r"|(?<![\w.@/])@[A-Za-z0-9_]{3,30}\b",
    re.I,
)
_TOWN = r"(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})"
_CA_POSTCODE = r"(?:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)"
# Eircode: routing key then four characters; at least one digit among them, so
# that an ordinary capitalised word never matches.
_EIRCODE = r"(?:(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?(?=[0-9AC-FHKNPRTV-Y]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4})"
_US_STATE_ZIP = r"(?:[A-Z]{2}\s+\d{5}(?:-\d{4})?)"
# A house number (not a year) then a street name and type, and the town and
# postcode when they follow. Court, Way and Place are left out: "Drug Court",
# "Family Court" are recovery words.
STREET = re.compile(
    r"\b(?!(?:19|20)\d\d\b)\d{1,5}[a-z]?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Terrace|Highway|Hwy"
    r"|Parkway|Pkwy|Close|Crescent|Grove|Gardens|Mews|Row|Square|Circle)\b\.?"
    rf"(?:,?\s+{_TOWN}(?:,?\s+(?:{_UK_POSTCODE}|{_EIRCODE}|{_CA_POSTCODE}|{_US_STATE_ZIP}))?"
    r"(?![a-z]))?"
)
# Spanish-style addresses: the street type first, then its name and number
# ("Calle Mayor 12", "Avenida Juárez #345").
STREET_ES = re.compile(
    r"\b(?:Calle|Avenida|Avda\.|Av\.|Paseo|Camino|Carrera|Calzada|Plaza)\s+"
    r"(?:(?:de\s+(?:la\s+|los\s+)?)?[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*\.?\s+){1,4}(?:#\s?|No\.\s?|n\.º\s?)?\d{1,5}\b"
)
POSTCODE = re.compile(rf"\b(?:{_UK_POSTCODE}|{_EIRCODE}|{_CA_POSTCODE})\b")
# A ZIP code needs a town and a state before it ("Springfield, IL 62704"): five
# digits alone are too often a number of people or dollars.
US_ZIP = re.compile(rf"\b{_TOWN},\s+{_US_STATE_ZIP}\b")
_DIGIT = re.compile(r"\d")
_URL = re.compile(r"\]\([^)\n]*\)|\b(?:https?://|www\.)[^\s<>()\[\]]+", re.I)
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# The letters of a number written as a word: 1-800-662-HELP.
_VANITY = re.compile(r"-[A-Z0-9]*[A-Z][A-Z0-9]*\b")
# Cheap test before the (slower) phone number parser: seven or more digits.
_MANY_DIGITS = re.compile(r"(?:\d[\s().\-\u2013]*){7,}")

# --- names --------------------------------------------------------------------------

_NAME = r"(?:Mc|Mac|O['\u2019])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# Spanish names carry accents and ñ (José, Ángela, Muñoz).
_NAME_ES = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
INTRODUCTION = re.compile(
    r"\b(?:[Mm]y (?:real |full |birth )?name(?: is|'s|\u2019s| was)|I(?:'m|\u2019m| am| was) "
    r"called|[Tt]hey call(?:ed)? me|[Ee]veryone calls me|[Cc]all me"
    # Spanish: "me llamo", "mi nombre (real) es", "me dicen", "me llaman", "todos me dicen".
    r"|[Mm]e llamo|[Mm]i (?:verdadero )?nombre (?:real |completo )?(?:es|era)"
    r"|(?:[Tt]odos )?[Mm]e (?:dicen|llaman|decían|llamaban))"
    rf"\s+({_NAME_ES}(?:\s+(?:de\s+(?:la\s+|los\s+)?)?{_NAME_ES}){{0,2}})"
)
HONORIFIC = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Dra|Sr|Sra|Srta)\.?\s+"
    rf"({_NAME_ES}(?:\s+{_NAME_ES})?)"
)
# Two capitalised words, found overlapping (a lookahead): in "Later Margaret
# Thompson" the pair to test is the second and third word.
PAIR = re.compile(rf"(?<![\w.'\u2019-])(?=([A-Z][a-z]+)\s+({_NAME})(?![\w'\u2019-]))")

_HOLIDAY_EVE = re.compile(r"\b(?:Year's|Year\u2019s|Christmas|Hallowe'?en) Eve\b")
#: Words at or above this lowercase count in pyspellchecker's English list are
#: common words ("Grace Church", "Hope Street"), below it probably a surname.
COMMON_WORD_COUNT = 3000
#: Capitalised words that are rare in lowercase but never a surname here.
_ALSO_COMMON = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "thanksgiving",
        "centre",
        "theatre",
        "programme",
        "anonymous",
        "alcoholics",
        "narcotics",
        "recovery",
    ]
)
#: Faker locales whose person providers give first names (see the module docstring).
NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "en_PK", "en_NG", "en_KE", "es_MX")


@cache
def first_names() -> frozenset[str]:
    """First names from Faker's person providers (loaded once, on first need)."""
    names: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(getattr(provider, attr, ()))
    return frozenset(n for n in names if len(n) > 1)


@cache
def _word_counts() -> dict[str, int]:
    from spellchecker import SpellChecker  # ~0.2 s: only when a text has a candidate

    return dict(SpellChecker(distance=1).word_frequency.dictionary)


def is_common_word(word: str) -> bool:
    """Whether ``word`` is an ordinary English word rather than a surname."""
    lowered = word.lower().replace("\u2019", "'")
    if lowered in _ALSO_COMMON:
        return True
    return _word_counts().get(lowered, 0) >= COMMON_WORD_COUNT


@dataclass(frozen=True)
class Finding:
    """Something that could identify a person, at ``offset`` in a text."""

    offset: int
    kind: str  # "a phone number", "a name", ...
    found: str
    fix: str


_REMOVE = "remove it, it could identify someone"
_NAME_FIX = (
    "use a first name and initial, a pseudonym or a role ('my doctor'); if the storyteller "
    "chose this wording, add it to own_words; if it is a public figure or an organisation, "
    "add it to public_names in content/style/checks.yml"
)


def _normal(phrase: str) -> str:
    return " ".join(phrase.replace("\u2019", "'").lower().split())


class PrivacyRules:
    """The project's privacy settings, compiled once for every text."""

    def __init__(self, settings: CheckSettings) -> None:
        self.regions = tuple(settings.phone_regions)
        self.public_numbers: set[tuple[int, int]] = set()
        for number in settings.public_numbers:
            for region in self.regions or ("US",):
                try:
                    parsed = phonenumbers.parse(number, region)
                except phonenumbers.NumberParseException:
                    continue
                self.public_numbers.add((parsed.country_code, parsed.national_number))
        self.public_names = {_normal(n) for n in settings.public_names}

    # --- contact details ------------------------------------------------------------

    def contact_details(self, text: str) -> Iterator[Finding]:
        """Emails, social profiles, street addresses, postcodes and phone numbers."""
        scan = mask_code(text)
        if "@" in scan:
            for match in EMAIL.finditer(scan):
                yield Finding(match.start(), "an email address", match.group(0), _REMOVE)
            scan_no_email = EMAIL.sub(lambda m: " " * len(m.group(0)), scan)
        else:
            scan_no_email = scan
        if "@" in scan_no_email or "/" in scan_no_email:
            for match in SOCIAL.finditer(scan_no_email):
                yield Finding(match.start(), "a social media profile", match.group(0), _REMOVE)
        if _DIGIT.search(scan) is None:
            return
        if "/" in scan or "]" in scan:  # numbers in a link's address are not written out
            scan = mask(scan, _URL)
        taken: list[tuple[int, int]] = []
        for pattern in (STREET, STREET_ES):
            for match in pattern.finditer(scan):
                if not _overlaps(match.span(), taken):
                    taken.append(match.span())
                    yield Finding(match.start(), "a street address", match.group(0), _REMOVE)
        for pattern, kind in ((POSTCODE, "a postcode"), (US_ZIP, "a town with a ZIP code")):
            for match in pattern.finditer(scan):
                if not _overlaps(match.span(), taken):
                    taken.append(match.span())
                    yield Finding(match.start(), kind, match.group(0), _REMOVE)
        if _MANY_DIGITS.search(scan):
            yield from self._phone_numbers(scan, taken)

    def _phone_numbers(self, scan: str, taken: list[tuple[int, int]]) -> Iterator[Finding]:
        leniency = phonenumbers.Leniency.POSSIBLE
        fix = (
            "remove it, it could identify someone; if it is a public help line, add it to "
            "public_numbers in content/style/checks.yml"
        )
        for region in self.regions:
            for match in phonenumbers.PhoneNumberMatcher(scan, region, leniency=leniency):
                span = (match.start, match.end)
                if _overlaps(span, taken):
                    continue
                taken.append(span)
                if _not_a_phone_number(match.raw_string):
                    continue
                if self._is_public(match, scan, region):
                    continue
                yield Finding(match.start, "a phone number", match.raw_string, fix)

    def _is_public(self, match: phonenumbers.PhoneNumberMatch, scan: str, region: str) -> bool:
        """A listed help line, also when written with letters ("1-800-662-HELP")."""
        number = match.number
        if (number.country_code, number.national_number) in self.public_numbers:
            return True
        letters = _VANITY.match(scan, match.end)
        if letters is None:
            return False
        spelled = phonenumbers.convert_alpha_characters_in_number(
            match.raw_string + letters.group(0)
        )
        try:
            number = phonenumbers.parse(spelled, region)
        except phonenumbers.NumberParseException:
            return False
        return (number.country_code, number.national_number) in self.public_numbers

    # --- names ----------------------------------------------------------------------

    def names(
        self, text: str, allowed: Iterable[str] = (), author: str | None = None
    ) -> Iterator[Finding]:
        """Self-introductions, honorific + name, and first name + surname.

        ``allowed`` are phrases never flagged (the story's own_words);
        ``author`` is the byline, whose first name a storyteller may use.
        """
        scan = mask_code(text)
        if not any(c.isupper() for c in scan):
            return
        if "Eve" in scan:  # "on New Year's Eve Maria drove me": a day, not a name
            scan = mask(scan, _HOLIDAY_EVE)
        allow = self.public_names | {_normal(w) for w in allowed}
        byline = _normal(author.split()[0]) if author and author.split() else None
        seen: list[tuple[int, int]] = []

        def allowed_name(name: str) -> bool:
            key = _normal(name)
            return key in allow or any(key in a.split(" ") or a in key for a in allow if a)

        for match in INTRODUCTION.finditer(scan):
            name = match.group(1)
            words = name.split()
            # "My name is Sam" beside the byline "Sam R." says nothing new.
            if len(words) == 1 and (_normal(name) == byline or is_common_word(name)):
                continue
            if allowed_name(name):
                continue
            seen.append(match.span(1))
            yield Finding(match.start(1), "a name", name, _NAME_FIX)
        for match in HONORIFIC.finditer(scan):
            name = match.group(1)
            if _overlaps(match.span(1), seen) or is_common_word(name.split()[0]):
                continue
            if allowed_name(match.group(0)) or allowed_name(name):
                continue
            seen.append(match.span())
            yield Finding(match.start(), "a name", match.group(0), _NAME_FIX)
        names = None
        for match in PAIR.finditer(scan):
            if names is None:
                names = first_names()
            first, second = match.group(1), match.group(2)
            span = (match.start(1), match.end(2))
            if first not in names or _overlaps(span, seen):
                continue
            full = scan[span[0] : span[1]]
            if is_common_word(second) or allowed_name(full):
                continue
            seen.append(span)
            yield Finding(span[0], "a full name", full, _NAME_FIX)


def _not_a_phone_number(raw: str) -> bool:
    """Years, dates, short codes ("text 88788") and record numbers ("PMID 11260587")."""
    digits = len(_DIGIT.findall(raw))
    if digits < 7 or _ISO_DATE.fullmatch(raw):
        return True
    # Seven or eight digits with no space or dash are an id, not a number someone dials.
    return raw.isdigit() and digits < 10


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _message(item: Text, finding: Finding) -> str:
    return f"the {item.kind} contains {finding.kind} ('{finding.found}'); {finding.fix}"


def story_findings(doc: StoryDoc, rules: PrivacyRules) -> Iterator[Diagnostic]:
    """Contact details and names in a story's title, summary and body."""
    s = doc.story
    for item in story_texts(doc):
        for finding in rules.contact_details(item.text):
            yield item.diagnostic(finding.offset, "personal-info", _message(item, finding))
        for finding in rules.names(item.text, s.own_words, s.author):
            yield item.diagnostic(finding.offset, "personal-name", _message(item, finding))


def check_privacy(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Stories: contact details and names. FAQ answers: contact details only (an answer
    names organisations and public figures, such as "Bill W.", by design)."""
    rules = PrivacyRules(project.style.settings)
    for doc in project.stories:
        yield from story_findings(doc, rules)
    for topic in project.topics:
        for item in topic_texts(topic):
            if item.kind != "answer":
                continue
            for finding in rules.contact_details(item.text):
                yield item.diagnostic(finding.offset, "personal-info", _message(item, finding))


CHECKS = (check_privacy,)
