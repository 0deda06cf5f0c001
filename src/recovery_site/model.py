"""Typed content records: what an FAQ topic, a story and an article may say.

Field names shown in DESIGN.md are a contract with editors and their IDEs
(the JSON Schemas in ``schemas/`` are generated from these classes), so every
model forbids unknown fields: a typo such as ``reviwed`` must be reported,
not silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

import phonenumbers
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
)

from .i18n import DEFAULT_LANGUAGE, translator

Audience = Literal["public", "families", "in-recovery", "professionals"]
StoryStatus = Literal["draft", "in-review", "published"]
#: consented: one real person's story, with a consent record; composite: written by
#: the editorial team from common experiences (no consent record, no personal byline).
StoryBasis = Literal["consented", "composite"]
#: A translation is published marked as awaiting review until a speaker of its language reviews it.
TranslationStatus = Literal["awaiting-review", "reviewed"]

NonEmptyStr = Annotated[str, Field(min_length=1)]
#: A country profile's name: the file content/locales/<code>.yml (ISO 3166 code, lower case).
CountryCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]

#: What scaffolds write where an editor must fill something in (see checks/placeholders).
PLACEHOLDER = "TODO"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Source(_Record):
    """An authoritative source backing a claim (SAMHSA, NIDA, a journal article...)."""

    title: NonEmptyStr = Field(description="The page or paper title as published.")
    publisher: NonEmptyStr = Field(description="Who published it, e.g. SAMHSA or NIDA.")
    url: NonEmptyStr = Field(description="An https:// address where readers can check it.")


class FaqEntry(_Record):
    """One question and its answer inside an FAQ topic."""

    id: NonEmptyStr = Field(description="Unique slug in the topic; becomes the page anchor.")
    question: NonEmptyStr
    answer: NonEmptyStr = Field(description="Markdown. No raw HTML.")
    sources: list[Source] = Field(default_factory=list)
    related: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Other questions as 'topic/question-id', shown as related links.",
    )
    countries: list[CountryCode] | None = Field(
        default=None,
        description="Only for these countries (e.g. [us]): a site built for another "
        "country leaves this answer out. Omit for everywhere.",
    )
    translation_of: NonEmptyStr | None = Field(
        default=None,
        description="Translations: the id of the answer this one translates, when it differs "
        "from this answer's own id.",
    )
    translated_from: NonEmptyStr | None = Field(
        default=None,
        description="Translations: fingerprint of the source answer the translation was made "
        "from (written by `recovery-site translation-stamp`; do not edit by hand).",
    )


class FaqTopic(_Record):
    """An FAQ topic file: metadata plus its questions (``content/faq/<topic>.yml``)."""

    title: NonEmptyStr
    description: NonEmptyStr = Field(description="One sentence for cards, meta and search.")
    audience: list[Audience] = Field(default_factory=lambda: ["public"])
    topics: list[NonEmptyStr] = Field(
        default_factory=list, description="Tags shared with articles and stories, for 'Related'."
    )
    medical: bool = Field(
        description="Required. true: gives medical information; every answer cites a source "
        "and a clinician reviews the page (reviewed_by)."
    )
    updated: dt.date = Field(
        description="Date of the last substantive editorial change (YYYY-MM-DD)."
    )
    reviewed: dt.date | None = Field(
        default=None,
        description="Date of the last clinical review (YYYY-MM-DD), by the reviewers in "
        "reviewed_by. Not for editorial changes: those go in 'updated'.",
    )
    reviewed_by: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Ids of the clinicians (content/reviewers.yml) who reviewed the page.",
    )
    review_every_months: int = Field(default=12, ge=1, le=60)
    countries: list[CountryCode] | None = Field(
        default=None,
        description="Only for these countries (profiles in content/locales/, e.g. [us]): "
        "a site built for another country leaves the whole topic out. Omit for everywhere.",
    )
    translation_of: NonEmptyStr | None = Field(
        default=None,
        description="Translations (content/<language>/faq/): the slug of the topic this "
        "file translates, e.g. medications.",
    )
    translation_status: TranslationStatus | None = Field(
        default=None,
        description="Translations: awaiting-review until a speaker of the language has "
        "reviewed it, then reviewed.",
    )
    translated_from: NonEmptyStr | None = Field(
        default=None,
        description="Translations: fingerprint of the source topic's title and description "
        "(written by `recovery-site translation-stamp`).",
    )
    questions: list[FaqEntry] = Field(min_length=1)


def _placeholder_as_none(value: Any) -> Any:
    """``TODO`` (what new-story writes) reads as "not filled in yet"; checks/placeholders
    then reports it, as a warning in a draft and an error once the story is in review."""
    return None if isinstance(value, str) and value.strip() == PLACEHOLDER else value


#: A date an editor fills in from a document: ``TODO`` (or empty) until then.
DateToFill = Annotated[
    dt.date | None,
    BeforeValidator(_placeholder_as_none),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date"}, {"const": PLACEHOLDER}],
            "description": "YYYY-MM-DD; new-story writes TODO for the editor to fill in.",
        }
    ),
]


class Consent(_Record):
    """Where the storyteller's signed consent is recorded (kept outside the repository)."""

    reference: NonEmptyStr = Field(description="Id of the signed consent form.")
    date: DateToFill = Field(description="The date the consent form was signed (YYYY-MM-DD).")


class Story(_Record):
    """A story's front matter (``content/stories/<slug>.md``); the body is Markdown."""

    title: NonEmptyStr
    basis: StoryBasis = Field(
        description="consented: one real person's story, with 'consent' and 'author'; "
        "composite: written by the editorial team from common experiences (no consent "
        "record, no author), labelled as such on the site."
    )
    author: NonEmptyStr | None = Field(
        default=None,
        description="Consented stories: first name and initial, or a pseudonym. "
        "Composites have none.",
    )
    topics: list[NonEmptyStr] = Field(default_factory=list)
    content_warnings: list[NonEmptyStr] = Field(default_factory=list)
    status: StoryStatus = Field(description="Only 'published' stories are built.")
    consent: Consent | None = Field(
        default=None, description="Consented stories only: the signed consent form's record."
    )
    published: dt.date | None = None
    summary: NonEmptyStr = Field(description="One or two sentences for the stories index.")
    own_words: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Words the storyteller chose to describe themself (e.g. 'alcoholic'), "
        "or a name or place they chose to keep: the language and privacy checks allow "
        "them in this story only.",
    )


class ArticleMeta(_Record):
    """Front matter of a hand-written article in ``docs/``.

    Besides our own fields it accepts the keys MkDocs and Material read from
    front matter, so a page can still hide its TOC or set a template.
    """

    title: NonEmptyStr | None = None
    description: NonEmptyStr | None = None
    audience: list[Audience] = Field(default_factory=list)
    topics: list[NonEmptyStr] = Field(default_factory=list)
    medical: bool | None = Field(
        default=None,
        description="Required on articles (docs/articles/): true when the page gives "
        "medical information, so a clinician reviews it.",
    )
    updated: dt.date | None = Field(
        default=None, description="Date of the last substantive editorial change."
    )
    reviewed: dt.date | None = Field(
        default=None, description="Date of the last clinical review, by reviewed_by."
    )
    reviewed_by: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Ids of the clinicians (content/reviewers.yml) who reviewed the page.",
    )
    review_every_months: int = Field(default=12, ge=1, le=60)
    sources: list[Source] = Field(default_factory=list)
    countries: list[CountryCode] | None = Field(
        default=None,
        description="Only for these countries (e.g. [us]): a site built for another "
        "country leaves this page out. Omit for everywhere.",
    )
    translation_of: NonEmptyStr | None = Field(
        default=None,
        description="Translations (docs/<language>/): the page this one translates, as a "
        "path under docs/, e.g. get-help.md.",
    )
    translation_status: TranslationStatus | None = Field(
        default=None,
        description="Translations: awaiting-review until a speaker of the language has "
        "reviewed it, then reviewed.",
    )
    translated_from: NonEmptyStr | None = Field(
        default=None,
        description="Translations: fingerprint of the source page's text "
        "(written by `recovery-site translation-stamp`).",
    )
    # Keys understood by MkDocs / Material for MkDocs.
    template: str | None = None
    hide: list[str] = Field(default_factory=list)
    icon: str | None = None
    subtitle: str | None = None
    status: str | None = None
    search: dict[str, Any] | None = None
    tags: list[str] = Field(default_factory=list)


class Reviewer(_Record):
    """A clinician who reviews medical pages (``content/reviewers.yml``).

    Only real people who agreed to be named: never invent a reviewer.
    """

    id: NonEmptyStr = Field(description="Short slug used in reviewed_by, e.g. jdoe.")
    name: NonEmptyStr = Field(description="Full name as it appears on the page.")
    credentials: NonEmptyStr = Field(
        description="E.g. 'MD, board-certified in addiction medicine'."
    )
    role: NonEmptyStr = Field(description="E.g. 'Clinical reviewer'.")
    profile_url: NonEmptyStr | None = Field(
        default=None, description="An https:// page about the reviewer, if they have one."
    )


class ReviewerList(_Record):
    """``content/reviewers.yml``: who may appear in reviewed_by."""

    reviewers: list[Reviewer] = Field(default_factory=list)


# --- the editorial style guide (content/style/*.yml) ---------------------------------


class MedicalTerms(_Record):
    """``content/style/medical-terms.yml``: words that make a page medical."""

    medications: list[NonEmptyStr] = Field(
        default_factory=list, description="Medication names, e.g. buprenorphine, naloxone."
    )
    overdose_steps: list[NonEmptyStr] = Field(
        default_factory=list, description="Phrases that instruct overdose response."
    )
    dose_units: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Units that follow a number in a dose, e.g. mg (matches '16 mg').",
    )


class Term(_Record):
    """A stigmatising term, the wording to use instead, and why (``terms.yml``)."""

    term: NonEmptyStr = Field(description="The word or phrase to avoid, as written.")
    forms: list[NonEmptyStr] = Field(
        default_factory=list, description="Other spellings or inflections, e.g. plurals."
    )
    prefer: NonEmptyStr = Field(description="Person-first wording to use instead.")
    why: NonEmptyStr = Field(description="One sentence an editor can act on.")


class TermList(_Record):
    """``content/style/terms.yml``: the language check's data."""

    allow: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Phrases never flagged: names of organisations, titles of sources.",
    )
    terms: list[Term] = Field(default_factory=list)


class ContentWarningKeywords(_Record):
    """``content/style/content-warnings.yml``: words that need a content warning."""

    warnings: dict[NonEmptyStr, list[NonEmptyStr]] = Field(
        default_factory=dict,
        description="Warning name (as written in content_warnings) -> words that need it.",
    )


class TopicLabel(_Record):
    """How readers see one topic tag (``topics.yml``): tags are slugs, labels are words."""

    label: NonEmptyStr = Field(description="What readers see, e.g. 'Medications for opioid use'.")
    description: NonEmptyStr | None = Field(
        default=None, description="One sentence about the topic, shown where it is listed."
    )
    featured: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Answers shown first, in this order, where the topic has a page of its "
        "own (the families page for 'families'): 'faq-topic/question-id'.",
    )


class TopicLabels(_Record):
    """``content/style/topics.yml``: a reader-friendly label for every topic tag."""

    topics: dict[NonEmptyStr, TopicLabel] = Field(
        default_factory=dict, description="Topic tag -> its label and optional description."
    )

    def label(self, tag: str) -> str:
        """The tag's label; an unlabelled tag (reported by check) reads as words."""
        found = self.topics.get(tag)
        return found.label if found else tag.replace("-", " ").capitalize()


DEFAULT_AUTHORITATIVE_DOMAINS = (
    "samhsa.gov",
    "findtreatment.gov",
    "nih.gov",
    "fda.gov",
    "cdc.gov",
    "hhs.gov",
    "va.gov",
    "medlineplus.gov",
    "988lifeline.org",
    "nhs.uk",
    "who.int",
    "doi.org",
    "cochranelibrary.com",
)


#: Phone number formats recognised by default: the countries the site's readers
#: most often write from.
DEFAULT_PHONE_REGIONS = ("US", "CA", "GB", "IE", "AU", "NZ")


class CheckSettings(_Record):
    """``content/style/checks.yml``: thresholds and lists a team may tune."""

    allowed_classes: list[NonEmptyStr] = Field(
        default_factory=lambda: ["md-button", "md-button--primary"],
        description="Classes an attribute list in contributor text may set ({: .md-button })."
        " Nothing else (id, style, data-*, event handlers) is ever allowed.",
    )
    site_assets: list[NonEmptyStr] = Field(
        default_factory=lambda: ["stylesheets/site.css", "javascripts/search.js"],
        description="The site's own files in docs/ besides Markdown and images (paths below"
        " docs/); any other file there is an error.",
    )
    reading_grade_max: float = Field(
        default=8, ge=1, le=20, description="Flesch-Kincaid grade above which text is flagged."
    )
    reading_ease_min_es: float = Field(
        default=60,
        ge=0,
        le=100,
        description="Spanish texts: Fernández-Huerta reading ease below which text is flagged "
        "(60-70 is plain everyday Spanish; 50-60 somewhat hard).",
    )
    reading_min_words: int = Field(
        default=40, ge=0, description="Texts shorter than this are not graded (too noisy)."
    )
    authoritative_domains: list[NonEmptyStr] = Field(
        default_factory=lambda: list(DEFAULT_AUTHORITATIVE_DOMAINS),
        description="Sites trusted as sources; subdomains included (nida.nih.gov under nih.gov).",
    )
    consent_reference_pattern: NonEmptyStr | None = Field(
        default=None,
        description="Regular expression a consented story's consent.reference must match "
        "in full (the organisation's consent form ids), e.g. '^CF-\\d{4}-\\d{3}$'.",
    )

    phone_regions: list[NonEmptyStr] = Field(
        default_factory=lambda: list(DEFAULT_PHONE_REGIONS),
        description="Countries (ISO 3166 codes such as US, GB, IE) whose national phone "
        "number formats the privacy check recognises in stories and FAQ answers "
        "(international formats such as +44 or 0044 are found with any of them).",
    )
    public_numbers: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Phone numbers the site itself publishes (help lines such as "
        "1-800-662-4357): never flagged as personal information, in any format.",
    )
    image_max_bytes: int = Field(
        default=2_000_000,
        ge=1,
        description="Largest picture file (bytes) in content/stories/images/ or "
        "content/faq/images/; larger ones are an error (readers on phones pay for them).",
    )
    public_names: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Names of public figures and organisations (e.g. 'Betty Ford') that the "
        "privacy check never flags as a person's name.",
    )

    @field_validator("phone_regions")
    @classmethod
    def _known_regions(cls, value: list[str]) -> list[str]:
        unknown = [r for r in value if r.upper() not in phonenumbers.SUPPORTED_REGIONS]
        if unknown:
            raise ValueError(
                f"unknown region {', '.join(unknown)}: use two-letter country codes such "
                "as US, CA, GB, IE, AU, NZ"
            )
        return [r.upper() for r in value]

    @field_validator("consent_reference_pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return value


# --- country profiles (content/locales/<country>.yml) ---------------------------------

#: Profile text is inserted into Markdown as is: no markup (no HTML, links, code,
#: emphasis or attribute lists), no placeholders, one line.
_PLAIN = r"^[^<>\[\]`%{}*_\n\r]*$"
PlainStr = Annotated[str, Field(min_length=1, pattern=_PLAIN)]
#: What phones dial: digits, optionally a leading + and country code.
DialStr = Annotated[str, Field(pattern=r"^\+?[0-9]{2,15}$")]
HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s<>\"'`]+$")]


class HelpLine(_Record):
    """A help line or service: shown as a card on the help page (call, text, chat, web)."""

    name: PlainStr = Field(description="As the service calls itself, e.g. Samaritans.")
    in_sentence: PlainStr | None = Field(
        default=None,
        description="The name inside a sentence, when it differs: 'the SAMHSA National "
        "Helpline' (%%helpline.in_sentence%%).",
    )
    description: PlainStr = Field(description="Who it is for and what it does, in plain words.")
    about: PlainStr | None = Field(
        default=None,
        description="A sentence or two for content (%%helpline.about%%), e.g. 'It is free, "
        "private, and open 24 hours a day.' Only what the service itself says.",
    )
    tel: DialStr | None = Field(default=None, description="What phones dial, e.g. +18002221222.")
    call_label: PlainStr | None = Field(
        default=None, description="The number as readers see it, e.g. 1-800-222-1222."
    )
    sms: DialStr | None = Field(default=None, description="Where texts go, if texting works.")
    sms_label: PlainStr | None = Field(default=None, description="E.g. 'START to 88788'.")
    chat: HttpsUrl | None = Field(default=None, description="An online chat's address.")
    web: HttpsUrl | None = Field(default=None, description="The service's web page.")
    web_label: PlainStr | None = Field(default=None, description="The web button's text.")
    more: PlainStr | None = Field(default=None, description="One more line (TTY, hours...).")


class CrisisBar(_Record):
    """The crisis bar at the top of every page."""

    message: PlainStr = Field(description="E.g. 'In crisis or worried about someone? ...'.")
    emergency: PlainStr = Field(
        description="One sentence on emergencies, e.g. 'If someone may have overdosed or is "
        "in danger, call 911.'"
    )
    more: PlainStr = Field(default="Get help now", description="The link to the help page.")


class CountryProfile(_Record):
    """``content/locales/<country>.yml``: the help lines, services and law of one country.

    The site is built for one profile (``plugins.recovery.country``): the crisis
    bar, the help page and every ``%%placeholder%%`` in content take their
    values from it. Only real, checked services: each number is confirmed on
    the service's own page (say where in a comment).
    """

    name: PlainStr = Field(description="The country's name, e.g. United Kingdom.")
    in_sentence: PlainStr = Field(
        description="The name as used in a sentence, e.g. 'the United Kingdom'."
    )
    emergency: PlainStr = Field(description="The emergency number as dialled, e.g. 911 or 999.")
    crisis_bar: CrisisBar
    crisis_lines: list[HelpLine] = Field(
        min_length=1,
        description="Crisis lines (suicide, emotional or substance use crisis), shown in the "
        "crisis bar and first on the help page. The first one is %%crisis.*%%.",
    )
    poison: HelpLine | None = Field(
        default=None, description="Where to call when someone swallowed a medicine by mistake."
    )
    domestic_violence: HelpLine | None = Field(
        default=None, description="Help for anyone hurt or threatened by a partner or family."
    )
    helpline: HelpLine | None = Field(
        default=None,
        description="Information and referral for people and families (not a crisis line), "
        "e.g. SAMHSA's National Helpline or FRANK.",
    )
    locator: HelpLine | None = Field(
        default=None, description="The official search for treatment services near you."
    )
    other_lines: list[HelpLine] = Field(
        default_factory=list, description="More cards for the help page, after the others."
    )
    law: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")], PlainStr] = Field(
        default_factory=dict,
        description="Short notes on the law, by key: %%law.<key>%% in content.",
    )
    terms: list[NonEmptyStr] = Field(
        default_factory=list,
        description="Words that mark text as about this country's services (e.g. SAMHSA, "
        "FindTreatment.gov): `check` warns when they appear in text built for everywhere. "
        "The emergency number and every line's number are included without listing them.",
    )

    #: The language of its words: set by the loader for a translated edition
    #: (content/locales/<language>/<country>.yml), for the computed "call 988" phrases.
    _language: str = PrivateAttr(default=DEFAULT_LANGUAGE)

    def placeholder_values(self) -> dict[str, str]:
        """Every ``%%name%%`` this profile can fill, with its value (in the profile's language)."""
        t = translator(self._language)
        values = {
            "country": self.name,
            "country.in_sentence": self.in_sentence,
            "emergency": self.emergency,
        }
        for prefix, line in (
            ("crisis", self.crisis_lines[0]),
            ("poison", self.poison),
            ("dv", self.domestic_violence),
            ("helpline", self.helpline),
            ("locator", self.locator),
        ):
            if line is None:
                continue
            number, text = line.call_label or line.tel, line.sms_label or line.sms
            how = t("placeholder.call", number=number) if number else None
            if how and text:
                how = (
                    t("placeholder.call_or_text", number=number)
                    if text == number
                    else t("placeholder.or_text", how=how, text=text)
                )
            for key, value in (
                ("how", how),
                ("name", line.name),
                ("in_sentence", line.in_sentence or line.name),
                ("about", line.about),
                ("number", line.call_label or line.tel),
                ("text", line.sms_label or line.sms),
                ("chat", line.chat),
                ("url", line.web or line.chat),
            ):
                if value:
                    values[f"{prefix}.{key}"] = value
        values.update({f"law.{key}": text for key, text in self.law.items()})
        return values

    def markers(self) -> list[str]:
        """What marks a text as about this country: ``terms``, numbers and service names."""
        found = [self.emergency, *self.terms]
        for line in (
            *self.crisis_lines,
            self.poison,
            self.domestic_violence,
            self.helpline,
            self.locator,
            *self.other_lines,
        ):
            if line is not None:
                found += [v for v in (line.call_label, line.sms_label) if v]
        return list(dict.fromkeys(found))


#: Every placeholder name a profile may fill, and what it stands for (editors' table).
PLACEHOLDER_NAMES: dict[str, str] = {
    "country": "the country's name",
    "country.in_sentence": "the country's name in a sentence ('the' included if it takes one)",
    "emergency": "the emergency number",
    **{
        f"{prefix}.{key}": f"{what}: {meaning}"
        for prefix, what in (
            ("crisis", "the first crisis line"),
            ("poison", "the poison line"),
            ("dv", "the domestic violence line"),
            ("helpline", "the information and referral line for people and families"),
            ("locator", "the treatment locator"),
        )
        for key, meaning in (
            ("name", "its name"),
            ("in_sentence", "its name inside a sentence ('the ... Helpline')"),
            ("about", "what it offers, in a sentence or two, from the profile"),
            ("number", "the number to call, as shown"),
            ("text", "where to text, as shown"),
            ("chat", "its chat address"),
            ("url", "its web address"),
            ("how", "how to reach it: 'call' (or 'call or text') and the number"),
        )
    },
    "law.KEY": "a note on the law, from the profile's 'law' list",
}
