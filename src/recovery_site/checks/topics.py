"""Topic labels: every tag readers see has a label in ``content/style/topics.yml``.

Tags are slugs (``moud``, ``older-adults``) because they become URLs; readers
see the label instead, on story filters, related links, FAQ topic pages and
the families page. A tag without a label would show as a guess made from the
slug, so it is reported where it is used. A site with no ``topics.yml`` has
not opted in to labels and is not checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic, error, warning
from ..load import Project


def check_topic_labels(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """A tag used by an article, FAQ topic or story with no entry in topics.yml."""
    labels = project.style.topic_labels.topics
    if "topic_labels" not in project.style.source_maps:
        return
    fields = [(doc, doc.story.topics) for doc in project.stories]
    fields += [(doc, doc.topic.topics) for doc in project.topics]
    fields += [(doc, doc.meta.topics) for doc in project.articles]
    for doc, values in fields:
        for i, tag in enumerate(values):
            if tag not in labels:
                line, col = doc.source_map.value_at(("topics", i))
                yield warning(
                    doc.path,
                    line,
                    col,
                    "unlabelled-topic",
                    f"topic '{tag}' has no label in content/style/topics.yml; add one "
                    "(readers see the label, not the tag)",
                )


def check_featured(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """``featured`` answers in topics.yml must name a question that exists."""
    smap = project.style.source_maps.get("topic_labels")
    if smap is None:
        return
    known = {(d.slug, q.id) for d in project.topics for q in d.topic.questions}
    for tag, entry in project.style.topic_labels.topics.items():
        for i, target in enumerate(entry.featured):
            topic, _, qid = target.partition("/")
            if (topic, qid) not in known:
                line, col = smap.value_at(("topics", tag, "featured", i))
                yield error(
                    smap.path,
                    line,
                    col,
                    "unknown-featured",
                    f"featured answer '{target}' does not exist; write 'faq-topic/question-id' "
                    "of a published question",
                )


CHECKS = (check_topic_labels, check_featured)
