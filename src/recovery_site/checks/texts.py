"""Every piece of editor-written text, with a way back to its file position."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic, error
from ..load import ArticleDoc, IncludeDoc, Project, StoryDoc, TopicDoc
from ..markdown_text import link_destinations
from ..yaml_source import Loc

#: ``diagnostics.error`` or ``diagnostics.warning``.
Report = Callable[[str, int, int, str, str], Diagnostic]


@dataclass(frozen=True)
class Text:
    """A text field (``kind`` says which) and how to locate an offset in it."""

    path: str
    kind: str  # "title", "question", "answer", "summary", "body", ...
    text: str
    locate: Callable[[int], tuple[int, int]]
    owner: TopicDoc | StoryDoc | ArticleDoc | IncludeDoc

    def diagnostic(
        self, offset: int, code: str, message: str, report: Report = error
    ) -> Diagnostic:
        """A diagnostic (``error`` or ``warning``) at ``offset`` in this text's file."""
        line, col = self.locate(offset)
        return report(self.path, line, col, code, message)


def _field(doc: TopicDoc | StoryDoc | ArticleDoc, kind: str, text: str, loc: Loc) -> Text:
    smap = doc.source_map
    return Text(doc.path, kind, text, lambda offset: smap.position_in_text(loc, text, offset), doc)


def _body(doc: StoryDoc | ArticleDoc | IncludeDoc) -> Text:
    body, first = doc.body, doc.body_line

    def locate(offset: int) -> tuple[int, int]:
        before = body[:offset]
        return first + before.count("\n"), offset - (before.rfind("\n") + 1) + 1

    return Text(doc.path, "body", body, locate, doc)


def topic_texts(doc: TopicDoc) -> Iterator[Text]:
    yield _field(doc, "title", doc.topic.title, ("title",))
    yield _field(doc, "description", doc.topic.description, ("description",))
    for i, entry in enumerate(doc.topic.questions):
        yield _field(doc, "question", entry.question, ("questions", i, "question"))
        yield _field(doc, "answer", entry.answer, ("questions", i, "answer"))


def story_texts(doc: StoryDoc) -> Iterator[Text]:
    yield _field(doc, "title", doc.story.title, ("title",))
    yield _field(doc, "summary", doc.story.summary, ("summary",))
    yield _body(doc)


def article_texts(doc: ArticleDoc) -> Iterator[Text]:
    if doc.meta.title:
        yield _field(doc, "title", doc.meta.title, ("title",))
    if doc.meta.description:
        yield _field(doc, "description", doc.meta.description, ("description",))
    yield _body(doc)


def include_texts(doc: IncludeDoc) -> Iterator[Text]:
    """An include is appended to every hand-written page: one body, no fields."""
    yield _body(doc)


def all_texts(project: Project) -> Iterator[Text]:
    """Topics, stories and articles, in that order."""
    for topic in project.topics:
        yield from topic_texts(topic)
    for story in project.stories:
        yield from story_texts(story)
    for article in project.articles:
        yield from article_texts(article)


def unreadable_links(item: Text) -> Iterator[Diagnostic]:
    """Link addresses MkDocs' ``urlsplit`` raises on: ``bad-link`` at each.

    One reader for both callers: ``checks.safety`` reports them in every text,
    and ``checks.limits`` lists them among what stops a page from rendering
    (``run_checks`` keeps one of the two identical diagnostics).
    """
    if "](" not in item.text and "]:" not in item.text and "<" not in item.text:
        return
    for offset, url in link_destinations(item.text):
        try:
            urlsplit(url)
        except ValueError:
            yield item.diagnostic(
                offset,
                "bad-link",
                f"link '{url[:60]}' in the {item.kind} is not a valid address; check its brackets",
            )
