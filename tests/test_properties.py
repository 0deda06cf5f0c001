"""Property-based: whatever an editor writes, load + checks give diagnostics, never a crash,
and whatever loads also renders."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_site.checks import run_checks
from recovery_site.diagnostics import Diagnostic
from recovery_site.load import load_project
from recovery_site.render import ContentRefused, render_article_footer, render_pages

FIELDS = [
    "title",
    "description",
    "audience",
    "medical",
    "reviewed",
    "review_every_months",
    "questions",
    "id",
    "question",
    "answer",
    "sources",
    "url",
    "publisher",
    "related",
    "author",
    "status",
    "consent",
    "reference",
    "date",
    "content_warnings",
    "summary",
    "published",
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.dates()  # the whole calendar: a mistyped year must not crash anything
)
keys = st.sampled_from(FIELDS) | st.text(min_size=1, max_size=12)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=8)


def assert_only_diagnostics(faq: str, front_matter: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/faq").mkdir(parents=True)
        (root / "content/stories").mkdir(parents=True)
        (root / "content/faq/topic.yml").write_text(faq, encoding="utf-8")
        (root / "content/stories/story.md").write_text(
            f"---\n{front_matter}\n---\nBody.\n", encoding="utf-8"
        )
        # The same front matter on an article: its footer is written from it.
        (root / "docs/articles").mkdir(parents=True)
        (root / "docs/articles/article.md").write_text(
            f"---\n{front_matter}\n---\n# An article\n", encoding="utf-8"
        )
        project = load_project(root)
        diagnostics = run_checks(project, today=dt.date(2026, 11, 26))
        # Rendering may run alongside the checks (a forked child during a build),
        # so whatever loaded must also render, errors or not.
        try:
            pages = render_pages(project, drafts=True, stories_per_page=1)
        except ContentRefused as refused:  # over the Markdown limits: refused, and reported
            assert set(refused.problems) <= set(diagnostics)
            pages = []
        for page in pages:
            assert isinstance(page.markdown, str)
        for article in project.articles:
            assert isinstance(render_article_footer(article.meta), str)
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.line >= 1
        assert d.col >= 1
        assert "\n" not in str(d)


common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(st.text(max_size=400), st.text(max_size=400))
def test_arbitrary_text(faq: str, front_matter: str) -> None:
    assert_only_diagnostics(faq, front_matter.replace("---", "- - -"))


@common
@given(documents, documents)
def test_arbitrary_yaml_structures(faq: dict, story: dict) -> None:
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True)  # noqa: E731
    assert_only_diagnostics(dump(faq), dump(story))


@common
@given(
    st.fixed_dictionaries(
        {
            "title": values,
            "description": values,
            "reviewed": values,
            "questions": st.lists(
                st.fixed_dictionaries(
                    {"id": values, "question": values, "answer": values, "sources": values}
                ),
                max_size=3,
            ),
        }
    )
)
def test_nearly_valid_topics(faq: dict) -> None:
    assert_only_diagnostics(yaml.safe_dump(faq, allow_unicode=True), "title: x")
