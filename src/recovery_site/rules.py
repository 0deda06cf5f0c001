"""Every diagnostic code, with its severity and the fix an editor should make.

One registry so that the editors' table in ``docs/editors/content-checks.md``,
the checks and the tests agree: a test fails when a code is emitted that is
not listed here, or listed here but missing from the editors' table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity
from .model import PLACEHOLDER_NAMES

E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE


@dataclass(frozen=True)
class Rule:
    """What a diagnostic code means: ``catches`` and ``fix`` are for editors."""

    code: str
    severity: Severity
    group: str
    catches: str
    fix: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        # --- files and YAML ---------------------------------------------------------
        Rule(
            "yaml-syntax",
            E,
            "schema",
            "YAML the parser cannot read: a colon followed by a space inside an unquoted value (title: Step 1: call), a tab, an unclosed quote, a list item or field indented differently from its neighbours",
            "Do what the message says at the line and column shown: put a value with ': ' in it in quotes (title: \"Step 1: call\"), indent with spaces not tabs, close the quote, line up '-' and fields with those above.",
        ),
        Rule(
            "yaml-tag",
            E,
            "schema",
            "YAML tags such as !!python/object",
            "Write plain text, numbers, dates, lists and mappings only.",
        ),
        Rule(
            "yaml-too-complex",
            E,
            "schema",
            "alias bombs and nesting deeper than 64 levels",
            "Write the values out plainly; do not use anchors (&) and aliases (*).",
        ),
        Rule(
            "duplicate-key",
            E,
            "schema",
            "the same field twice in one block",
            "Keep one of the two lines.",
        ),
        Rule(
            "bad-key",
            E,
            "schema",
            "a list or mapping used as a field name",
            "Use a plain field name.",
        ),
        Rule(
            "not-a-mapping",
            E,
            "schema",
            "an empty file, or a file that is not 'field: value' lines",
            "Start from a template (recovery-site new-story) or a sibling file.",
        ),
        Rule(
            "not-utf8",
            E,
            "schema",
            "a file not saved as UTF-8",
            "Save the file as UTF-8 in your editor.",
        ),
        Rule(
            "file-too-large",
            E,
            "schema",
            "files over 1 MB",
            "Split the content into several files.",
        ),
        Rule(
            "unreadable", E, "schema", "a file that cannot be read", "Check the file's permissions."
        ),
        Rule(
            "no-front-matter",
            E,
            "schema",
            "a story without its '---' front matter block, or with its opening or closing '---' line missing",
            "Add the missing '---' line the message names (one above the first field, one after the last); see an existing story.",
        ),
        Rule(
            "ignored-file",
            W,
            "schema",
            "files in content/ that are never read (e.g. .yaml)",
            "Rename to .yml (FAQ) or .md (stories), or move the file out of content/.",
        ),
        # --- fields -----------------------------------------------------------------
        Rule(
            "unknown-field",
            E,
            "schema",
            "a field name the site does not know (often a typo)",
            "Use the suggested name, or remove the line.",
        ),
        Rule(
            "missing-field",
            E,
            "schema",
            "a required field that is absent",
            "Add the field named in the message.",
        ),
        Rule(
            "wrong-type",
            E,
            "schema",
            "text where a list is expected, a list where a date is expected, ...",
            "Write the value in the form the message names.",
        ),
        Rule(
            "invalid-value",
            E,
            "schema",
            "a value outside the allowed set (audience, status)",
            "Use one of the values listed in the message.",
        ),
        Rule(
            "bad-date",
            E,
            "schema",
            "a date that does not exist or is not YYYY-MM-DD",
            "Write the date as YYYY-MM-DD, e.g. 2026-10-15.",
        ),
        Rule(
            "bad-id",
            E,
            "schema",
            "a question id that is not a lowercase slug",
            "Use lowercase letters, digits and hyphens, e.g. what-is-mat.",
        ),
        Rule(
            "bad-slug",
            E,
            "schema",
            "a file name that is not a lowercase slug",
            "Rename the file with lowercase letters, digits and hyphens.",
        ),
        Rule(
            "bad-file-name",
            E,
            "schema",
            "a file name with a control character (a newline, a tab...)",
            "Rename the file with lowercase letters, digits and hyphens.",
        ),
        Rule(
            "page-clash",
            E,
            "schema",
            "two sources written to one page (a story and a tag list, a hand-written and a "
            "generated page, two tags alike in their first 60 characters)",
            "Rename the story, tag or page the message names.",
        ),
        Rule(
            "duplicate-id",
            E,
            "schema",
            "two questions with the same id in one topic",
            "Give each question its own id; ids become links.",
        ),
        Rule(
            "duplicate-question",
            W,
            "schema",
            "the same question in two places",
            "Keep one answer and link to it with related.",
        ),
        Rule(
            "duplicate-title",
            W,
            "schema",
            "two stories with the same title",
            "Give each story its own title.",
        ),
        Rule(
            "unknown-related",
            E,
            "schema",
            "a related link to a question that does not exist",
            "Write 'topic/question-id' for an existing question.",
        ),
        Rule(
            "unlabelled-topic",
            W,
            "schema",
            "a topic tag with no label in content/style/topics.yml (readers see labels, not tags)",
            "Add the tag to content/style/topics.yml with a label, or use a tag that has one.",
        ),
        Rule(
            "unknown-featured",
            E,
            "schema",
            "a featured answer in content/style/topics.yml that is not an existing question",
            "Write 'faq-topic/question-id' of a question that exists, e.g. overdose-and-naloxone/what-is-naloxone.",
        ),
        Rule(
            "bad-style-file",
            E,
            "schema",
            "an invalid file in content/style/",
            "Fix the file as the message says; see docs/editors/content-checks.md.",
        ),
        Rule(
            "bad-brand",
            E,
            "schema",
            "extra.brand in mkdocs.yml with a colour that is not hex (#1f4e79), an unknown setting, or no primary colour",
            'Write each colour as a hex value in quotes (primary: "#1f4e79"); the settings are primary, accent and text_on_primary.',
        ),
        Rule(
            "low-contrast",
            E,
            "schema",
            "brand colours (extra.brand in mkdocs.yml) that fail WCAG AA: header text on the primary colour, or links on the page, below a contrast ratio of 4.5:1",
            "Choose a darker primary or accent colour (or a lighter text_on_primary); the message gives the ratio to beat 4.5:1.",
        ),
        # --- sources ----------------------------------------------------------------
        Rule(
            "missing-source",
            E,
            "sources",
            "a medical answer or article with no source",
            "Add at least one source (a health agency such as NIDA, NIAAA, the FDA, the CDC or the NHS, or peer-reviewed work).",
        ),
        Rule(
            "bad-source-url",
            E,
            "sources",
            "a source URL that is not a well-formed https:// address",
            "Use the page's full https:// address.",
        ),
        Rule(
            "unrecognised-publisher",
            W,
            "sources",
            "a source outside the list of authoritative sites",
            "Prefer an authoritative source, or ask a reviewer to add the site to content/style/checks.yml.",
        ),
        # --- freshness --------------------------------------------------------------
        Rule(
            "review-due",
            N,
            "freshness",
            "content whose last review is older than its review cycle",
            "Have the content reviewed, then update 'reviewed'.",
        ),
        Rule(
            "future-date",
            E,
            "freshness",
            "an updated, reviewed or consent date in the future",
            "Use the date the event actually happened.",
        ),
        Rule(
            "scheduled",
            N,
            "freshness",
            "a story whose 'published' date is still to come: it is scheduled, not built "
            "before that day (`recovery-site report` lists scheduled stories)",
            "Nothing, if that is the day it should appear; otherwise change 'published'.",
        ),
        Rule(
            "no-updated-date",
            W,
            "freshness",
            "a medical article with no 'updated' date",
            "Add 'updated: YYYY-MM-DD', the date of its last substantive change.",
        ),
        # --- clinical review ----------------------------------------------------------
        Rule(
            "awaiting-clinical-review",
            N,
            "review",
            "a medical page no clinician has reviewed yet (readers see 'Awaiting clinical "
            "review'); an error when mkdocs.yml sets require_clinical_review: true",
            "After a clinician listed in content/reviewers.yml reviews it, add 'reviewed_by' "
            "and 'reviewed'.",
        ),
        Rule(
            "unknown-reviewer",
            E,
            "review",
            "a reviewed_by id that is not in content/reviewers.yml",
            "Fix the id, or add the clinician to content/reviewers.yml first.",
        ),
        Rule(
            "incomplete-review",
            E,
            "review",
            "'reviewed' without 'reviewed_by', or 'reviewed_by' without 'reviewed'",
            "Name the reviewer and the review date together; an editorial change goes in "
            "'updated'.",
        ),
        Rule(
            "review-outdated",
            E,
            "review",
            "a page changed ('updated') after its clinical review ('reviewed')",
            "Have the change reviewed, then update 'reviewed'.",
        ),
        Rule(
            "unmarked-medical",
            W,
            "review",
            "medication names, doses (16 mg) or overdose steps on a page marked "
            "'medical: false' (words in content/style/medical-terms.yml)",
            "Mark it medical so a clinician reviews it: 'medical: true'.",
        ),
        # --- language and readability ----------------------------------------------
        Rule(
            "stigmatising-term",
            W,
            "language",
            'words that label or blame people ("addict", "abuser", "clean" or "dirty" ...)',
            "Use the person-first wording the message suggests; see content/style/terms.yml.",
        ),
        Rule(
            "reading-level",
            W,
            "readability",
            "text above the reading grade limit (default 8)",
            "Use shorter sentences and everyday words.",
        ),
        Rule(
            "placeholder",
            E,
            "schema",
            "a TODO left by new-story, new-topic or new-faq (a warning in a draft story; a consent date left as TODO is an error once the story is in review)",
            "Replace the TODO with the real text.",
        ),
        # --- stories ----------------------------------------------------------------
        Rule(
            "missing-consent",
            E,
            "stories",
            "a 'basis: consented' story (not a draft) with no consent reference and date",
            "Add consent.reference and consent.date from the signed form.",
        ),
        Rule(
            "bad-consent-reference",
            E,
            "stories",
            "a consent reference that does not match consent_reference_pattern "
            "(content/style/checks.yml)",
            "Copy the id from the signed consent form.",
        ),
        Rule(
            "composite-with-consent",
            E,
            "stories",
            "a 'basis: composite' story with a consent record",
            "Remove 'consent', or set 'basis: consented' if it is one real person's story.",
        ),
        Rule(
            "composite-byline",
            W,
            "stories",
            "a 'basis: composite' story with an author",
            "Remove 'author': composites are shown as written by the editorial team.",
        ),
        Rule(
            "replaced-field",
            E,
            "schema",
            "the old 'illustrative' field of stories",
            "Replace 'illustrative: true' with 'basis: composite' (or 'basis: consented' for "
            "one real person's story).",
        ),
        Rule(
            "full-name",
            W,
            "stories",
            "an author that looks like a full name",
            "Use a first name and last initial (Sam R.) or a pseudonym.",
        ),
        Rule(
            "personal-info",
            E,
            "stories",
            "email addresses, social profiles, phone numbers (national and international formats of phone_regions), postcodes (UK, Ireland, Canada), a town with a US ZIP code, street addresses with their town, in a story's title, summary or body, or in an FAQ answer",
            "Remove the detail; it could identify someone. A help line the site publishes goes in public_numbers in content/style/checks.yml.",
        ),
        Rule(
            "personal-name",
            E,
            "stories",
            "a person's name in a story: a self-introduction ('my name is Margaret Thompson', 'I'm called ...'), an honorific and a name ('Dr. Priya Raman', 'Mrs. Thompson'), or a first name followed by a surname-like word",
            "Use a first name and initial, a pseudonym or a role ('my doctor'). Wording the storyteller chose goes in the story's own_words; public figures and organisations in public_names in content/style/checks.yml.",
        ),
        Rule(
            "missing-content-warning",
            E,
            "stories",
            "a story mentioning overdose, suicide, self-harm or abuse with no matching warning",
            "Add the warning to content_warnings.",
        ),
        # --- safety -----------------------------------------------------------------
        Rule(
            "raw-html",
            E,
            "safety",
            "HTML tags in answers, stories, articles and includes",
            "Use Markdown instead; HTML is never published.",
        ),
        Rule(
            "html-comment",
            N,
            "safety",
            "an HTML comment (`<!-- ... -->`) in an answer, story or article: a note for "
            "editors, removed from the page",
            "Nothing to do if it is meant for editors; write it as text if readers should see it.",
        ),
        Rule(
            "attribute-list",
            E,
            "safety",
            "an attribute list (`{: ... }`) that sets an id, a style, data-*, ping, hidden, an event handler or a class not on the allow-list",
            "Remove the braces; only classes listed as allowed_classes in content/style/checks.yml may be set.",
        ),
        Rule(
            "admonition-type",
            E,
            "safety",
            "an admonition or collapsible block (`!!! type`, `??? type`) whose type is not one of Material's admonition types (its words become classes on the page)",
            "Use a type such as note, info, tip, question, warning, danger, example or quote.",
        ),
        Rule(
            "remote-image",
            E,
            "safety",
            "an image fetched from another site (it would tell that site who is reading)",
            "Add the picture to the site and link to it there.",
        ),
        Rule(
            "unsupported-front-matter",
            E,
            "safety",
            "icon: or status: in an article's front matter (the theme turns them into markup)",
            "Remove the line.",
        ),
        Rule(
            "unknown-template",
            E,
            "safety",
            "a template: that is not one of the site's templates in overrides/",
            "Remove the line or name a template that exists.",
        ),
        Rule(
            "symlink",
            E,
            "safety",
            "a symbolic link in content/, docs/, includes/ or overrides/ (it could publish files from outside the repository)",
            "Copy the file in instead of linking to it.",
        ),
        Rule(
            "shadows-theme-file",
            E,
            "safety",
            "a file in docs/ at a path the theme or the search index writes (assets/, pagefind/, search/, search-offline/, 404.html, sitemap.xml)",
            "Move it, for example to docs/images/.",
        ),
        Rule(
            "unexpected-file",
            E,
            "safety",
            "a file in docs/ that is not Markdown, an image or one of the site's own files (site_assets), or a non-Markdown file in includes/",
            "Remove it, or (for maintainers) list it under site_assets in content/style/checks.yml.",
        ),
        Rule(
            "snippet-include",
            E,
            "safety",
            "a --8<-- line that would pull another file into the page",
            "Paste the text itself instead.",
        ),
        Rule(
            "bad-link",
            E,
            "safety",
            "a link whose address cannot be read (e.g. an unclosed [ in it)",
            "Check the link's brackets and address.",
        ),
        Rule(
            "image-alt",
            E,
            "safety",
            "a picture in a story or FAQ answer with no description (alt text)",
            "Write what the picture shows between the brackets: "
            "`![a garden in spring](images/x.jpg)`.",
        ),
        Rule(
            "image-file",
            E,
            "safety",
            "a file in content/stories/images/ or content/faq/images/ that is not a readable "
            "JPEG, PNG or WebP picture, is over image_max_bytes (2 MB) or is in a subfolder",
            "Export the picture as JPEG or PNG, smaller, directly in the images/ folder.",
        ),
        Rule(
            "bad-tag",
            E,
            "schema",
            "a topic tag or content warning that is not a lowercase tag",
            "Use lowercase letters, digits and hyphens, e.g. young-adults.",
        ),
        Rule(
            "bidi-control",
            E,
            "safety",
            "an invisible direction control (U+202A-U+202E, U+2066-U+2069) in a title, description, summary, author, question or id: it can make text display in another order than it is written",
            "Delete the character; retype the text if you cannot see where it is.",
        ),
        Rule(
            "invisible-character",
            E,
            "schema",
            "a zero-width space, joiner, soft hyphen or other invisible character in a question id",
            "Retype the id with letters, digits and hyphens only.",
        ),
        Rule(
            "unsafe-link",
            E,
            "safety",
            "javascript:, data: or vbscript: links",
            "Link to an https:// page instead.",
        ),
        Rule(
            "too-deep",
            E,
            "safety",
            "lists, quotes or indentation nested more than 16 levels deep",
            "Flatten the list or quote; the build cannot render such depth.",
        ),
        Rule(
            "too-many-brackets",
            E,
            "safety",
            "runs of '[' or link '(' left unclosed, which make the build crawl",
            "Close each '[' with ']' and each link's '(' with ')', or remove the stray ones.",
        ),
        Rule(
            "text-too-long",
            E,
            "safety",
            "an answer, story or article body over 100,000 characters",
            "Split the text into several answers, stories or pages.",
        ),
        Rule(
            "render-error",
            E,
            "safety",
            "Markdown the renderer fails on",
            "Simplify the lists, quotes and links of the text named.",
        ),
        Rule(
            "unclosed-fence",
            E,
            "safety",
            "a code block (```) never closed, which turns the rest of the page into code",
            "End the code block with a line holding the same fence.",
        ),
        # --- links, before the build (recovery-site check) ---------------------------------
        Rule(
            "link-not-found",
            W,
            "links",
            "a link in an answer, a story (drafts too) or an article to a page or file the "
            "site will not have, to a draft, to a folder, or starting with '/'",
            "Link to the .md file, relative to where the text is published: an answer is on "
            "faq/TOPIC.md, a story on stories/SLUG.md (e.g. ../faq/medications.md).",
        ),
        Rule(
            "anchor-not-found",
            W,
            "links",
            "a link to a #question or #heading its page will not have (a heading's anchor is "
            "its slug, as MkDocs' toc makes it: '## Two words' is #two-words)",
            "Use a question's id, or the slug of a heading on that page.",
        ),
        # --- links in the built site (recovery-site links) ---------------------------
        Rule(
            "broken-link",
            E,
            "links",
            "a link to a page or file that is not in the built site",
            "Fix the link; from a story or FAQ answer, link to the .md file, e.g. ../faq/medications.md.",
        ),
        Rule(
            "missing-anchor",
            E,
            "links",
            "a link to a #section or question that does not exist on its page",
            "Use an id that exists: a question's id, or a heading's.",
        ),
        Rule(
            "directory-url",
            E,
            "links",
            "a template link to a folder ('faq/' | url, href=\"faq/\"), which opens a folder "
            "listing in the offline edition (recovery-site offline)",
            "For maintainers: use page_url('faq/index.md') from overrides/partials/rs-urls.html.",
        ),
        Rule(
            "external-broken",
            E,
            "links",
            "an outside link that answers 404, 410 or loops (weekly check)",
            "Find the page's new address, or link to another source.",
        ),
        Rule(
            "external-private-address",
            E,
            "links",
            "an outside link, or a redirect, to a loopback, link-local or private address "
            "(weekly check; not fetched)",
            "Link to the page's public address; readers cannot reach internal addresses.",
        ),
        Rule(
            "external-unreachable",
            W,
            "links",
            "an outside link that timed out, failed or was rate-limited (weekly check)",
            "Usually a passing outage: if it persists for weeks, replace the link.",
        ),
        # --- translations -------------------------------------------------------------
        Rule(
            "translation-outdated",
            W,
            "translations",
            "a translated topic, answer or page (content/es/, docs/es/ and other languages) whose English source changed since it was translated, or that has no 'translated_from' fingerprint yet",
            "Compare the translation with the English source named in the message and bring it up to date; then run `recovery-site translation-stamp FILE` to record the new fingerprints.",
        ),
        Rule(
            "translation-source-missing",
            E,
            "translations",
            "a translation whose 'translation_of' (or answer id) names an English topic, answer or page that does not exist",
            "Set 'translation_of' to the English file's name (topic slug, or page path under docs/) and give each answer the id of the English answer it translates.",
        ),
        # --- countries ----------------------------------------------------------------
        Rule(
            "unknown-country",
            E,
            "country",
            "a site built for a country (mkdocs.yml 'country') that has no profile in "
            "content/locales/, or a 'countries:' list naming one (uk for gb)",
            "Use the code of a profile that exists (the file names in content/locales/), or add "
            "that country's file (copy us.yml and change every value).",
        ),
        Rule(
            "unknown-placeholder",
            E,
            "country",
            "a `%%placeholder%%` that does not exist, or that the site's country profile "
            "has no value for",
            "Use a name from the table below, or add the value to the country's profile, "
            "or mark the text countries: [...] for the countries that have it.",
        ),
        Rule(
            "country-specific-text",
            W,
            "country",
            "a number or service of one country (an emergency number, a crisis line, an "
            "agency) in answers and pages built for every country (source lists and stories, "
            "whose words stay as told, are not checked)",
            "Write the placeholder the message names (`%%emergency%%`...), or mark the "
            "answer, topic or page `countries: [us]` if it is about that country only.",
        ),
        Rule(
            "country-excluded-link",
            E,
            "country",
            "a link to an answer or page that the site for this country leaves out "
            "(it is marked countries: [...] for others)",
            "Mark the linking text for the same countries, or link to something every "
            "country's site has.",
        ),
    )
}


GROUP_TITLES = {
    "schema": "Files, YAML and fields",
    "sources": "Sources",
    "freshness": "Review dates",
    "review": "Clinical review",
    "language": "Language",
    "readability": "Readability",
    "stories": "Stories: consent and privacy",
    "safety": "Safety",
    "links": "Links in the built site",
    "country": "Countries",
    "translations": "Translations",
}


def rules_markdown() -> str:
    """The editors' table of every rule, grouped (``recovery-site rules`` prints it)."""
    out = []
    for group, title in GROUP_TITLES.items():
        out.append(f"## {title}\n\n| code | severity | what it catches | how to fix it |\n")
        out.append("|---|---|---|---|\n")
        for rule in RULES.values():
            if rule.group == group:
                out.append(f"| `{rule.code}` | {rule.severity} | {rule.catches} | {rule.fix} |\n")
        out.append("\n")
    out.append(placeholders_markdown())
    return "".join(out).rstrip("\n") + "\n"


def placeholders_markdown() -> str:
    """The editors' table of ``%%placeholders%%``, from the country profile model."""
    out = [
        "## Country placeholders\n\n",
        "Write these in answers, questions, stories and pages; the site's country profile "
        "(`content/locales/us.yml`, `gb.yml`...) fills them in.\n\n",
        "| placeholder | stands for |\n|---|---|\n",
    ]
    out += [f"| `%%{name}%%` | {meaning} |\n" for name, meaning in PLACEHOLDER_NAMES.items()]
    return "".join(out) + "\n"
