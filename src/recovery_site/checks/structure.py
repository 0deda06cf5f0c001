"""Structure: ids and file names that become URLs, links between questions, duplicates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error, warning
from ..load import Project
from ..slugs import SLUG
from ..slugs import SLUG_HINT as _SLUG_HINT


def check_question_ids(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Question ids become anchors, so each must be a slug and unique in its topic."""
    for doc in project.topics:
        seen: dict[str, int] = {}
        for i, entry in enumerate(doc.topic.questions):
            line, col = doc.source_map.value_at(("questions", i, "id"))
            if not SLUG.match(entry.id):
                yield error(
                    doc.path, line, col, "bad-id", f"id '{entry.id}' is not a slug: {_SLUG_HINT}"
                )
            if entry.id in seen:
                yield error(
                    doc.path,
                    line,
                    col,
                    "duplicate-id",
                    f"question id '{entry.id}' is already used on line {seen[entry.id]}; "
                    "ids must be unique in a topic",
                )
            else:
                seen[entry.id] = line


def check_file_slugs(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """File names become URLs (``/faq/<topic>/``, ``/stories/<slug>/``)."""
    for doc in [*project.topics, *project.stories]:
        if not SLUG.match(doc.slug):
            yield error(
                doc.path, 1, 1, "bad-slug", f"file name '{doc.slug}' is not a slug: {_SLUG_HINT}"
            )


def check_related(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """``related`` entries must name an existing ``topic/question-id``."""
    known = {(doc.slug, q.id) for doc in project.topics for q in doc.topic.questions}
    if project.source is not None:
        # A translation may name an answer not yet translated: its page leaves the link out.
        known |= {(d.slug, q.id) for d in project.source.topics for q in d.topic.questions}
    for doc in project.topics:
        for i, entry in enumerate(doc.topic.questions):
            for j, target in enumerate(entry.related):
                topic, _, qid = target.partition("/")
                if topic in project.unloaded_topics:
                    continue  # that file's own errors are reported; don't pile on here
                if (topic, qid) not in known:
                    line, col = doc.source_map.value_at(("questions", i, "related", j))
                    yield error(
                        doc.path,
                        line,
                        col,
                        "unknown-related",
                        f"related question '{target}' does not exist; write 'topic/question-id' "
                        "for a question in content/faq/",
                    )


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def check_duplicates(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """The same question in two topics, or two stories with one title, confuse readers."""
    questions: dict[str, str] = {}
    for doc in project.topics:
        for i, entry in enumerate(doc.topic.questions):
            key = _normal(entry.question)
            line, col = doc.source_map.value_at(("questions", i, "question"))
            where = f"{doc.path}:{line}"
            if key in questions:
                yield warning(
                    doc.path,
                    line,
                    col,
                    "duplicate-question",
                    f"this question is also asked at {questions[key]}; keep one answer and "
                    "point to it with 'related'",
                )
            else:
                questions[key] = where
    titles: dict[str, str] = {}
    for story in project.stories:
        key = _normal(story.story.title)
        line, col = story.source_map.value_at(("title",))
        if key in titles:
            yield warning(
                story.path,
                line,
                col,
                "duplicate-title",
                f"another story has the same title ({titles[key]}); give each story its own",
            )
        else:
            titles[key] = story.path


def check_tags(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Topic tags and warning names become URLs (/stories/topic/<tag>/): slugs only."""
    fields = [(doc, "topics", doc.story.topics) for doc in project.stories]
    fields += [(doc, "content_warnings", doc.story.content_warnings) for doc in project.stories]
    fields += [(doc, "topics", doc.topic.topics) for doc in project.topics]
    fields += [(doc, "topics", doc.meta.topics) for doc in project.articles]
    for doc, name, values in fields:
        for i, value in enumerate(values):
            if not SLUG.match(value):
                line, col = doc.source_map.value_at((name, i))
                yield error(
                    doc.path,
                    line,
                    col,
                    "bad-tag",
                    f"{name} value '{value}' is not a tag: {_SLUG_HINT}",
                )


CHECKS = (check_file_slugs, check_question_ids, check_related, check_duplicates, check_tags)
