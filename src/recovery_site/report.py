"""The editorial report: every page's status, review dates, readability and sources.

Sorted most urgent first: overdue reviews (longest overdue first), then
stories waiting for review, then reviews due soonest. Editors open the HTML
version in a browser; the JSON version feeds dashboards.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import asdict, dataclass

from .checks.readability import grade
from .dates import add_months
from .load import Project

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Row:
    """One page of content, as the report shows it."""

    kind: str  # "faq", "article", "story"
    path: str
    title: str
    status: str  # "published", "draft", "in-review"
    reviewed: str | None
    review_due: str | None
    urgency: str  # "overdue", "awaiting review", "due soon", "ok"
    grade: float | None
    words: int
    sources: int


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


_ORDER = {"overdue": 0, "awaiting review": 1, "due soon": 2, "draft": 3, "ok": 4}


def build_report(project: Project, today: dt.date) -> list[Row]:
    """A row per FAQ topic, article and story, most urgent first."""
    rows = []
    for doc in project.topics:
        t = doc.topic
        due = add_months(t.reviewed, t.review_every_months)
        answers = "\n\n".join(q.answer for q in t.questions)
        score, words = grade(answers)
        rows.append(
            Row(
                "faq",
                doc.path,
                t.title,
                "published",
                t.reviewed.isoformat(),
                due.isoformat(),
                _urgency(due, "published", today),
                round(score, 1),
                words,
                sum(len(q.sources) for q in t.questions),
            )
        )
    for doc in project.articles:
        m = doc.meta
        if not (m.title or m.reviewed or m.sources):
            continue  # landing pages without editorial metadata
        due = add_months(m.reviewed, m.review_every_months) if m.reviewed else None
        score, words = grade(doc.body)
        rows.append(
            Row(
                "article",
                doc.path,
                m.title or doc.src_uri,
                "published",
                m.reviewed.isoformat() if m.reviewed else None,
                due.isoformat() if due else None,
                _urgency(due, "published", today),
                round(score, 1),
                words,
                len(m.sources),
            )
        )
    for doc in project.stories:
        s = doc.story
        rows.append(
            Row(
                "story",
                doc.path,
                s.title,
                s.status,
                None,
                None,
                _urgency(None, s.status, today),
                None,
                len(doc.body.split()),
                0,
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
        f"{'grade':>5} {'words':>6} {'srcs':>4}  path"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.urgency:<16} {r.kind:<8} {r.status:<10} {r.review_due or '-':<11} "
            f"{'-' if r.grade is None else f'{r.grade:.1f}':>5} {r.words:>6} {r.sources:>4}  "
            f"{r.path}"
        )
    counts = {u: sum(r.urgency == u for r in rows) for u in _ORDER}
    lines.append("")
    lines.append(", ".join(f"{n} {u}" for u, n in counts.items() if n) + f" ({len(rows)} pages)")
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
                r.reviewed,
                r.review_due,
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
            "Reviewed",
            "Review due",
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
