"""The editorial report: every page's status, review dates, readability and sources.

Per page it also says who clinically reviewed it and when (or that a medical
page is awaiting clinical review), and for each story its basis (consented
or composite).

Sorted most urgent first: overdue reviews (longest overdue first), then
stories waiting for review, then reviews due soonest. Stories with a
``published`` date still to come are listed as scheduled, with that date.
Editors open the HTML version in a browser; the JSON version feeds dashboards.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import asdict, dataclass

from .checks.readability import grade
from .checks.translations import page_stamp, topic_stamps
from .dates import add_months
from .load import Project
from .render.review import ReviewState, review_state

AWAITING_CLINICAL = "awaiting clinical review"

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Row:
    """One page of content, as the report shows it."""

    kind: str  # "faq", "article", "story"
    path: str
    title: str
    status: str  # "published", "draft", "in-review"
    reviewed: str | None  # date of the clinical review
    review_due: str | None
    updated: str | None = None  # date of the last editorial change
    #: "reviewed by <names> on <date>", "awaiting clinical review", or None (not medical).
    clinical: str | None = None
    basis: str | None = None  # stories: "consented" or "composite"
    #: Stories whose 'published' date is still to come: the day they appear.
    scheduled: str | None = None
    urgency: str = "ok"  # "overdue", "awaiting review", "due soon", "ok"
    grade: float | None = None
    words: int = 0
    sources: int = 0


def _urgency(due: dt.date | None, status: str, today: dt.date) -> str:
    if due is not None and due < today:
        return "overdue"
    if status == "in-review":
        return "awaiting review"
    if due is not None and (due - today).days <= DUE_SOON_DAYS:
        return "due soon"
    if status == "draft":
        return "draft"
    return "ok"


_ORDER = {
    "overdue": 0,
    "awaiting review": 1,
    "due soon": 2,
    "draft": 3,
    "scheduled": 4,
    "ok": 5,
}


def _clinical(state: ReviewState) -> str | None:
    if state.is_reviewed:
        assert state.reviewed is not None
        names = "; ".join(f"{r.name}, {r.credentials}" for r in state.reviewers)
        return f"reviewed by {names} on {state.reviewed.isoformat()}"
    return AWAITING_CLINICAL if state.medical else None


def _due(state: ReviewState) -> dt.date | None:
    """Next review: clinical if the page has one, else a year (or its cycle) after its update."""
    if state.next_review:
        return state.next_review
    return add_months(state.updated, state.every_months) if state.updated else None


def build_report(project: Project, today: dt.date) -> list[Row]:
    """A row per FAQ topic, article and story, most urgent first."""
    rows = []
    for doc in project.topics:
        t = doc.topic
        state = review_state(t, project.reviewers)
        due = _due(state)
        answers = "\n\n".join(q.answer for q in t.questions)
        score, words = grade(answers)
        rows.append(
            Row(
                "faq",
                doc.path,
                t.title,
                "published",
                t.reviewed.isoformat() if state.is_reviewed and t.reviewed else None,
                due.isoformat() if due else None,
                updated=t.updated.isoformat(),
                clinical=_clinical(state),
                urgency=_urgency(due, "published", today),
                grade=round(score, 1),
                words=words,
                sources=sum(len(q.sources) for q in t.questions),
            )
        )
    for doc in project.articles:
        m = doc.meta
        if not (m.title or m.updated or m.reviewed or m.sources or m.medical):
            continue  # landing pages without editorial metadata
        state = review_state(m, project.reviewers)
        due = _due(state)
        score, words = grade(doc.body)
        rows.append(
            Row(
                "article",
                doc.path,
                m.title or doc.src_uri,
                "published",
                m.reviewed.isoformat() if state.is_reviewed and m.reviewed else None,
                due.isoformat() if due else None,
                updated=m.updated.isoformat() if m.updated else None,
                clinical=_clinical(state),
                urgency=_urgency(due, "published", today),
                grade=round(score, 1),
                words=words,
                sources=len(m.sources),
            )
        )
    for doc in project.stories:
        s = doc.story
        later = s.published if s.published and s.published > today else None
        urgency = _urgency(None, s.status, today)
        rows.append(
            Row(
                "story",
                doc.path,
                s.title,
                s.status,
                None,
                None,
                basis=s.basis,
                scheduled=later.isoformat() if later else None,
                urgency="scheduled" if later and urgency == "ok" else urgency,
                words=len(doc.body.split()),
            )
        )
    return sorted(rows, key=lambda r: (_ORDER[r.urgency], r.review_due or "9999", r.path))


def render_report(rows: list[Row], fmt: str, today: dt.date) -> str:
    """The report as ``text``, ``json`` or a standalone ``html`` page."""
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        return _html(rows, today)
    header = (
        f"{'urgency':<16} {'kind':<8} {'status':<10} {'review due':<11} "
        f"{'grade':>5} {'words':>6} {'srcs':>4}  path  (clinical review / story basis)"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        extra = r.clinical or (f"basis: {r.basis}" if r.basis else "")
        if r.scheduled:
            extra += f"; scheduled for {r.scheduled}"
        lines.append(
            f"{r.urgency:<16} {r.kind:<8} {r.status:<10} {r.review_due or '-':<11} "
            f"{'-' if r.grade is None else f'{r.grade:.1f}':>5} {r.words:>6} {r.sources:>4}  "
            f"{r.path}" + (f"  ({extra})" if extra else "")
        )
    awaiting = sum(r.clinical == AWAITING_CLINICAL for r in rows)
    counts = {u: sum(r.urgency == u for r in rows) for u in _ORDER}
    lines.append("")
    lines.append(", ".join(f"{n} {u}" for u, n in counts.items() if n) + f" ({len(rows)} pages)")
    if awaiting:
        lines.append(f"{awaiting} medical page(s) awaiting clinical review")
    return "\n".join(lines) + "\n"


def _html(rows: list[Row], today: dt.date) -> str:
    def cell(value: object) -> str:
        return f"<td>{html.escape('-' if value is None else str(value))}</td>"

    body = "\n".join(
        f'<tr class="{html.escape(r.urgency.replace(" ", "-"))}">'
        + "".join(
            cell(v)
            for v in (
                r.urgency,
                r.kind,
                r.title,
                r.status,
                r.updated,
                r.clinical,
                r.review_due,
                r.basis,
                r.scheduled,
                r.grade,
                r.words,
                r.sources,
                r.path,
            )
        )
        + "</tr>"
        for r in rows
    )
    heads = "".join(
        f'<th scope="col">{h}</th>'
        for h in (
            "Urgency",
            "Kind",
            "Title",
            "Status",
            "Updated",
            "Clinical review",
            "Review due",
            "Story basis",
            "Scheduled for",
            "Grade",
            "Words",
            "Sources",
            "File",
        )
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Editorial report, {today.isoformat()}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ccc; padding: .4rem .6rem; text-align: left; }}
th {{ background: #f0f0f0; position: sticky; top: 0; }}
tr.overdue td:first-child {{ color: #a00000; font-weight: bold; }}
tr.due-soon td:first-child,
tr.awaiting-review td:first-child {{ color: #7a4a00; font-weight: bold; }}
</style>
</head>
<body>
<h1>Editorial report</h1>
<p>Made {today.isoformat()} by <code>recovery-site report</code>. Most urgent first: overdue
reviews, stories awaiting review, reviews due within {DUE_SOON_DAYS} days. Grade is the
Flesch-Kincaid reading grade (aim for 8 or lower).</p>
<table>
<thead><tr>{heads}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""


@dataclass(frozen=True)
class TranslationRow:
    """One English topic, answer or page, and the state of its translation in a language."""

    language: str
    state: str  # "outdated" | "missing" | "up to date"
    source: str  # the English text, e.g. content/faq/medications.yml, answer 'x'
    translation: str | None  # the translated file, None when missing


def translation_rows(editions: list[Project]) -> list[TranslationRow]:
    """Outdated and missing translations per language (then those up to date)."""
    rows: list[TranslationRow] = []
    for edition in editions:
        english = edition.source
        if english is None:
            continue
        language = edition.language
        done: set[str] = set()
        for doc in edition.topics:
            for stamp in topic_stamps(doc, english):
                done.add(stamp.source)
                if stamp.expected is None:
                    continue
                state = "up to date" if stamp.current == stamp.expected else "outdated"
                rows.append(TranslationRow(language, state, stamp.source, doc.path))
        for topic in english.topics:
            whole = f"{topic.path} (title and description)"
            if whole not in done:
                rows.append(TranslationRow(language, "missing", topic.path, None))
                continue
            for entry in topic.topic.questions:
                name = f"{topic.path}, answer '{entry.id}'"
                if name not in done:
                    rows.append(TranslationRow(language, "missing", name, None))
        pages = {}
        for page in edition.articles:
            if page.meta.translation_of:
                stamp = page_stamp(page, english)
                pages[stamp.source] = (page.path, stamp)
        for page in english.articles:
            if page.path not in pages:
                rows.append(TranslationRow(language, "missing", page.path, None))
                continue
            path, stamp = pages[page.path]
            state = "up to date" if stamp.current == stamp.expected else "outdated"
            rows.append(TranslationRow(language, state, page.path, path))
    order = {"outdated": 0, "missing": 1, "up to date": 2}
    return sorted(rows, key=lambda r: (r.language, order[r.state], r.source))


def render_translations(rows: list[TranslationRow]) -> str:
    """The translations section of the text report: per language, what needs a translator."""
    if not rows:
        return ""
    lines = ["", "Translations"]
    for language in sorted({r.language for r in rows}):
        mine = [r for r in rows if r.language == language]
        counts = {s: sum(r.state == s for r in mine) for s in ("outdated", "missing", "up to date")}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items())
        lines.append(f"{language}: {summary}")
        for r in mine:
            if r.state != "up to date":
                where = f" -> {r.translation}" if r.translation else ""
                lines.append(f"  {r.state:<9} {r.source}{where}")
    return "\n".join(lines) + "\n"
