"""FAQ pages: the topic index and one page per topic (questions anchored by id)."""

from __future__ import annotations

from ..i18n import DEFAULT_LANGUAGE, human_date, translator
from ..load import TopicDoc
from ..markdown_text import neutralise_html
from ..model import FaqEntry, Reviewer
from .markdown import front_matter, md_escape, plain_text, sources_list
from .review import (
    audience_text,
    medical_web_page,
    review_notice,
    review_state,
    translation_notice,
    updated_text,
)


def render_faq_index(topics: list[TopicDoc], language: str = DEFAULT_LANGUAGE) -> str:
    """The ``/faq/`` page: every topic with its description and question count."""
    t = translator(language)
    out = [front_matter(t("faq.index_title"), t("faq.index_description"))]
    out.append(f"# {t('faq.index_title')}\n\n")
    if not topics:
        out.append(t("faq.none") + "\n")
    for doc in sorted(topics, key=lambda d: d.topic.title.lower()):
        number = len(doc.topic.questions)
        count = t("faq.question_one" if number == 1 else "faq.question_many", count=number)
        out.append(
            f"- **[{md_escape(doc.topic.title)}]({doc.slug}.md)** ({count})  \n"
            f"  {md_escape(doc.topic.description)}\n"
        )
    if topics:
        newest = max(doc.topic.updated for doc in topics)
        out.append(f"\n*{t('review.updated', date=human_date(newest, language))}*\n")
    return "".join(out)


def faq_structured_data(doc: TopicDoc, reviewers: dict[str, Reviewer] | None = None) -> dict:
    """schema.org data: an FAQPage (one Question with an acceptedAnswer per item, plain text)
    and, for a medical topic, a MedicalWebPage saying who reviewed it and when."""
    topic = doc.topic
    state = review_state(topic, reviewers or {})
    faq = {
        "@type": "FAQPage",
        "name": topic.title,
        "description": topic.description,
        "dateModified": (state.last_updated or topic.updated).isoformat(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(entry.answer)},
            }
            for entry in topic.questions
        ],
    }
    if not topic.medical:
        return {"@context": "https://schema.org", **faq}
    page = medical_web_page(state, topic.title, topic.description, list(topic.audience))
    return {"@context": "https://schema.org", "@graph": [faq, page]}


def render_topic(
    doc: TopicDoc,
    titles: dict[tuple[str, str], str],
    related: str = "",
    reviewers: dict[str, Reviewer] | None = None,
    policy_page: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """One FAQ topic page: the list of its questions, then each answer, folded.

    Each question is a heading anchored at its ``id`` (so search makes one
    result per answer) inside the ``<summary>`` of a closed ``<details>``:
    the page opens as a short list a reader on a phone can scan, works with
    no script at all (the browser folds and unfolds ``<details>`` itself, and
    Chromium opens one on find-in-page), and ``javascripts/answers.js`` opens
    the answer an address points at (``#id``) and unfolds all for printing.

    ``titles`` maps ``(topic, id)`` to question text for ``related`` links;
    ``related`` is the page's 'Related' section, already rendered.
    ``reviewers`` (content/reviewers.yml) name who reviewed it; ``policy_page``
    is the editorial policy page the "Awaiting clinical review" notice links to.
    """
    t = translator(language)
    topic = doc.topic
    state = review_state(topic, reviewers or {})
    out = [
        front_matter(
            topic.title,
            topic.description,
            structured_data=faq_structured_data(doc, reviewers),
        ),
        f"# {md_escape(topic.title)}\n\n",
        translation_notice(topic.translation_status, language),
        review_notice(state, f"faq/{doc.slug}.md", policy_page, language),
        f"{md_escape(topic.description)}\n\n",
        f"*{updated_text(state, language)} "
        f"{t('page.written_for', audience=audience_text(topic.audience, language))}*\n\n",
    ]
    out.append(question_list(topic.questions, language))
    for entry in topic.questions:
        out.append(_answer(entry, doc.slug, titles, language))
    out.append(related)
    return "".join(out)


#: The class of each answer's ``<details>``: the search index makes each one a record
#: of its own (``search_index.py``), and ``answers.js`` opens the one a link points to.
ANSWER_CLASS = "rs-answer"

#: The question list's id: "Back to the questions" after each answer links here.
#: Not a slug a question id could take by accident (those are short slugs too, but
#: ``check`` reports duplicates within a topic, not against this one).
QUESTIONS_ID = "questions-on-this-page"


def question_list(questions: list[FaqEntry], language: str = DEFAULT_LANGUAGE) -> str:
    """Every question of the topic, linked to its answer, before the first answer.

    Kept out of search (``data-pagefind-ignore``): each answer is its own
    result already, and a list of titles would only compete with them.
    """
    if not questions:
        return ""
    lines = [f"{i}. [{md_escape(q.question)}](#{q.id})\n" for i, q in enumerate(questions, 1)]
    label = translator(language)("faq.on_this_page")
    return (
        f'<nav class="rs-questions" id="{QUESTIONS_ID}" aria-label="{label}" '
        "data-pagefind-ignore markdown>\n\n"
        f"**{label}**\n\n" + "".join(lines) + "\n</nav>\n\n"
    )


def _answer(
    entry: FaqEntry,
    slug: str,
    titles: dict[tuple[str, str], str],
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """One answer: the question as the ``<summary>`` heading, then the answer, its
    sources, its "See also" links and a way back to the list."""
    t = translator(language)
    out = [
        f'<details class="{ANSWER_CLASS}" markdown>\n<summary markdown="block">\n\n',
        f"## {md_escape(entry.question)} {{ #{entry.id} }}\n\n</summary>\n\n",
        neutralise_html(entry.answer.strip()) + "\n\n",
    ]
    if entry.sources:
        out.append(
            f'<div class="rs-sources" data-pagefind-ignore markdown>\n\n**{t("faq.sources")}**\n\n'
        )
        out.append(sources_list(entry.sources) + "\n</div>\n\n")
    links = []
    for target in entry.related:
        other, _, qid = target.partition("/")
        if (other, qid) not in titles:
            continue  # a translation's link to an answer not translated yet
        text = titles[(other, qid)]
        href = f"#{qid}" if other == slug else f"{other}.md#{qid}"
        links.append(f"[{md_escape(text)}]({href})")
    if links:
        out.append(f"**{t('faq.see_also')}** " + " · ".join(links) + "\n\n")
    out.append(
        f'<p class="rs-back" data-pagefind-ignore markdown>[{t("faq.back")}](#{QUESTIONS_ID})'
        "</p>\n\n</details>\n\n"
    )
    return "".join(out)
