"""FAQ pages: the topic index and one page per topic (questions anchored by id)."""

from __future__ import annotations

from ..dates import human_date
from ..load import TopicDoc
from ..markdown_text import neutralise_html
from ..model import FaqEntry, Reviewer
from .markdown import front_matter, md_escape, plain_text, plural, sources_list
from .review import (
    audience_text,
    medical_web_page,
    review_notice,
    review_state,
    updated_text,
)


def render_faq_index(topics: list[TopicDoc]) -> str:
    """The ``/faq/`` page: every topic with its description and question count."""
    out = [front_matter("Questions and answers", "Plain answers about recovery, by topic.")]
    out.append("# Questions and answers\n\n")
    if not topics:
        out.append("No questions have been published yet.\n")
    for doc in sorted(topics, key=lambda d: d.topic.title.lower()):
        count = plural(len(doc.topic.questions), "question")
        out.append(
            f"- **[{md_escape(doc.topic.title)}]({doc.slug}.md)** ({count})  \n"
            f"  {md_escape(doc.topic.description)}\n"
        )
    if topics:
        newest = max(doc.topic.updated for doc in topics)
        out.append(f"\n*Last updated {human_date(newest)}.*\n")
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
    topic = doc.topic
    state = review_state(topic, reviewers or {})
    out = [
        front_matter(
            topic.title,
            topic.description,
            structured_data=faq_structured_data(doc, reviewers),
        ),
        f"# {md_escape(topic.title)}\n\n",
        review_notice(state, f"faq/{doc.slug}.md", policy_page),
        f"{md_escape(topic.description)}\n\n",
        f"*{updated_text(state)} Written for {audience_text(topic.audience)}.*\n\n",
    ]
    out.append(question_list(topic.questions))
    for entry in topic.questions:
        out.append(_answer(entry, doc.slug, titles))
    out.append(related)
    return "".join(out)


#: The question list's id: "Back to the questions" after each answer links here.
#: Not a slug a question id could take by accident (those are short slugs too, but
#: ``check`` reports duplicates within a topic, not against this one).
QUESTIONS_ID = "questions-on-this-page"


def question_list(questions: list[FaqEntry]) -> str:
    """Every question of the topic, linked to its answer, before the first answer.

    Kept out of search (``data-pagefind-ignore``): each answer is its own
    result already, and a list of titles would only compete with them.
    """
    if not questions:
        return ""
    lines = [f"{i}. [{md_escape(q.question)}](#{q.id})\n" for i, q in enumerate(questions, 1)]
    return (
        f'<nav class="rs-questions" id="{QUESTIONS_ID}" aria-label="Questions on this page" '
        "data-pagefind-ignore markdown>\n\n"
        "**Questions on this page**\n\n" + "".join(lines) + "\n</nav>\n\n"
    )


def _answer(entry: FaqEntry, slug: str, titles: dict[tuple[str, str], str]) -> str:
    """One answer: the question as the ``<summary>`` heading, then the answer, its
    sources, its "See also" links and a way back to the list."""
    out = [
        '<details class="rs-answer" markdown>\n<summary markdown="block">\n\n',
        f"## {md_escape(entry.question)} {{ #{entry.id} }}\n\n</summary>\n\n",
        neutralise_html(entry.answer.strip()) + "\n\n",
    ]
    if entry.sources:
        out.append('<div class="rs-sources" data-pagefind-ignore markdown>\n\n**Sources**\n\n')
        out.append(sources_list(entry.sources) + "\n</div>\n\n")
    links = []
    for target in entry.related:
        other, _, qid = target.partition("/")
        text = titles.get((other, qid), target)
        href = f"#{qid}" if other == slug else f"{other}.md#{qid}"
        links.append(f"[{md_escape(text)}]({href})")
    if links:
        out.append("**See also:** " + " · ".join(links) + "\n\n")
    out.append(
        f'<p class="rs-back" data-pagefind-ignore markdown>[Back to the questions](#{QUESTIONS_ID})'
        "</p>\n\n</details>\n\n"
    )
    return "".join(out)
