"""The site for one country: its help lines in ``extra``, placeholders filled in,
content for other countries left out. Pure functions, no MkDocs.

Placeholders are ``%%name%%`` (see ``model.PLACEHOLDER_NAMES``): a plain
look-up in the profile, never a template language, and the values are never
expanded again, so content cannot run code or pull in other text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..load import Project, StoryDoc, TopicDoc, applies
from ..model import CountryProfile, HelpLine

#: ``%%name%%`` (names are letters, digits, '.', '_' and '-'), or a code span or fenced
#: block (a run of backticks up to the next run of the same length, as CommonMark
#: pairs them), which shows placeholders as written (the editors' table is one).
PLACEHOLDER = re.compile(r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)|%%([A-Za-z][A-Za-z0-9_.-]*)%%")


def expand(text: str, values: dict[str, str]) -> str:
    """``text`` with every known ``%%name%%`` replaced by its value (unknown ones stay:
    the checks report them, and the build stops before they are published)."""
    if "%%" not in text:
        return text
    return PLACEHOLDER.sub(
        lambda m: m.group(0) if m.group(1) else values.get(m.group(2), m.group(0)), text
    )


def expand_meta(meta: dict[str, Any], values: dict[str, str]) -> None:
    """Fill placeholders, in place, in the front matter fields readers see (the check
    reads ``title`` and ``description`` too); before they are HTML-escaped."""
    for key in ("title", "description", "subtitle"):
        if isinstance(meta.get(key), str):
            meta[key] = expand(meta[key], values)


def _card(line: HelpLine) -> dict[str, Any]:
    return line.model_dump(exclude_none=True, exclude={"in_sentence", "about"})


def profile_to_extra(profile: CountryProfile) -> dict[str, Any]:
    """``extra.crisis`` and ``extra.helplines`` for the theme, from a profile.

    The templates (crisis bar, help page) read these keys; a site that sets
    them in mkdocs.yml keeps its own.
    """
    bar = profile.crisis_bar
    crisis = {
        "message": bar.message,
        "lines": [
            {
                k: v
                for k, v in {
                    "name": line.name,
                    "label": line.call_label or line.tel,
                    "tel": line.tel,
                    "sms": line.sms,
                    "sms_label": line.sms_label,
                }.items()
                if v
            }
            for line in profile.crisis_lines
        ],
        "emergency": bar.emergency,
        # Linked as tel: in the crisis bar and on the help page (partials/rs-emergency.html).
        "emergency_tel": profile.emergency,
        "more": bar.more,
    }
    cards = [
        *profile.crisis_lines,
        profile.poison,
        profile.domestic_violence,
        profile.helpline,
        profile.locator,
        *profile.other_lines,
    ]
    return {"crisis": crisis, "helplines": [_card(c) for c in cards if c is not None]}


def fill_extra(extra: dict[str, Any], profile: CountryProfile) -> None:
    """mkdocs.yml's ``extra``, in place: the profile's help lines where the site sets
    none (``profile_to_extra``), and the publisher's country where it names none."""
    for key, value in profile_to_extra(profile).items():
        if not extra.get(key):
            extra[key] = value
    publisher = extra.get("publisher")
    if isinstance(publisher, dict) and not publisher.get("country"):
        publisher["country"] = profile.in_sentence


def _topic_for(doc: TopicDoc, country: str, values: dict[str, str], kept: set[str]) -> TopicDoc:
    entries = []
    for entry in doc.topic.questions:
        if not applies(entry.countries, country):
            continue
        entries.append(
            entry.model_copy(
                update={
                    "question": expand(entry.question, values),
                    "answer": expand(entry.answer, values),
                    "related": [r for r in entry.related if r in kept],
                }
            )
        )
    topic = doc.topic.model_copy(
        update={
            "title": expand(doc.topic.title, values),
            "description": expand(doc.topic.description, values),
            "questions": entries,
        }
    )
    return dataclasses.replace(doc, topic=topic)


def _story_for(doc: StoryDoc, values: dict[str, str]) -> StoryDoc:
    story = doc.story.model_copy(
        update={
            "title": expand(doc.story.title, values),
            "summary": expand(doc.story.summary, values),
        }
    )
    return dataclasses.replace(doc, story=story, body=expand(doc.body, values))


def for_country(project: Project) -> Project:
    """The project as built for ``project.country``: topics, answers and articles
    for other countries left out, links to them dropped from 'related' lists,
    placeholders filled in. Checks run on the whole project, never on this."""
    if project.localised:
        return project
    country = project.country
    values = project.profile.placeholder_values() if project.profile else {}
    topics = [d for d in project.topics if applies(d.topic.countries, country)]
    kept = {
        f"{d.slug}/{q.id}"
        for d in topics
        for q in d.topic.questions
        if applies(q.countries, country)
    }
    topics = [_topic_for(d, country, values, kept) for d in topics]
    return dataclasses.replace(
        project,
        topics=[d for d in topics if d.topic.questions],
        stories=[_story_for(s, values) for s in project.stories],
        articles=[a for a in project.articles if applies(a.meta.countries, country)],
        localised=True,
    )


def excluded_articles(project: Project) -> set[str]:
    """``src_uri`` of hand-written pages that are not for the site's country."""
    return {a.src_uri for a in project.articles if not applies(a.meta.countries, project.country)}
