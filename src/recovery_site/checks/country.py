"""Countries: placeholders the profile fills, numbers and services of one country in
text built for others, and links to content another country's site leaves out.

Placeholders (``%%emergency%%``) are the way to name a help line in shared
text; content that is about one country only says so (``countries: [us]``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error, warning
from ..load import Project, TopicDoc, applies
from ..model import PLACEHOLDER_NAMES
from ..yaml_source import Loc, SourceMap
from .texts import Text, article_texts, story_texts

#: (offset in the text, the token found there) -> (line, column) in the file.
Position = Callable[[int, str], tuple[int, int]]

PLACEHOLDER = re.compile(r"%%([A-Za-z][A-Za-z0-9_.-]*)%%")
#: A code span or fenced block: a run of backticks up to the next run of the same length.
_CODE = re.compile(r"(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)")


def _prose(text: str) -> str:
    """``text`` with code spans blanked out (same length): code shows text as written."""
    return _CODE.sub(lambda m: " " * len(m.group(0)), text) if "`" in text else text


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


@dataclass(frozen=True)
class _Text:
    """A text field, the countries it is built for (None: everywhere) and its page."""

    path: str
    text: str
    countries: list[str] | None
    page: str
    at: Position


def _in_yaml(smap: SourceMap, loc: Loc, text: str) -> Position:
    """Exact positions in YAML text, folded (``>``) blocks included: the token is
    looked up in the block's own source lines."""

    def position(offset: int, token: str) -> tuple[int, int]:
        node = smap.value_nodes.get(loc)
        if node is not None and node.end_mark.line > node.start_mark.line:
            nth = text[:offset].count(token)
            lines = smap.text.splitlines()
            for index in range(node.start_mark.line, min(node.end_mark.line + 1, len(lines))):
                line = lines[index]
                start = 0
                while (found := line.find(token, start)) >= 0:
                    if nth == 0:
                        return index + 1 + smap.line_offset, found + 1
                    nth -= 1
                    start = found + len(token)
        return smap.position_in_text(loc, text, offset)

    return position


def _topic_fields(doc: TopicDoc) -> Iterator[_Text]:
    page = f"faq/{doc.slug}.md"
    smap, topic = doc.source_map, doc.topic
    for name in ("title", "description"):
        value = getattr(topic, name)
        yield _Text(doc.path, value, topic.countries, page, _in_yaml(smap, (name,), value))
    for i, entry in enumerate(topic.questions):
        limited = entry.countries
        if topic.countries is not None:
            limited = [c for c in topic.countries if limited is None or c in limited]
        for name in ("question", "answer"):
            loc = ("questions", i, name)
            value = getattr(entry, name)
            yield _Text(doc.path, value, limited, page, _in_yaml(smap, loc, value))


def _texts(project: Project) -> Iterator[_Text]:
    for doc in project.topics:
        yield from _topic_fields(doc)
    for story in project.stories:
        for item in story_texts(story):
            yield _Text(item.path, item.text, None, f"stories/{story.slug}.md", _plain(item))
    for article in project.articles:
        for item in article_texts(article):
            yield _Text(item.path, item.text, article.meta.countries, article.src_uri, _plain(item))


def _plain(item: Text) -> Position:
    return lambda offset, token: item.locate(offset)


def check_placeholders(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Every ``%%name%%`` is a known name, and the site's profile has a value for it."""
    profile = project.profile
    values = profile.placeholder_values() if profile else {}
    laws = {f"law.{k}" for p in project.profiles.values() for k in p.law}
    known = {n for n in PLACEHOLDER_NAMES if not n.endswith(".KEY")} | laws
    where = f"content/locales/{project.country}.yml"
    for text in _texts(project):
        if "%%" not in text.text:
            continue
        for match in PLACEHOLDER.finditer(_prose(text.text)):
            name = match.group(1)
            line, col = text.at(match.start(), match.group(0))
            if name not in known:
                hint = (
                    "law notes are added to the profiles first"
                    if name.startswith("law.")
                    else "see the table of placeholders in docs/editors/content-checks.md"
                )
                yield error(
                    text.path,
                    line,
                    col,
                    "unknown-placeholder",
                    f"'%%{name}%%' is not a placeholder ({hint})",
                )
            elif (
                name not in values
                and applies(text.countries, project.country)
                and (profile is not None or not project.profiles)  # else: unknown-country
            ):
                yield error(
                    text.path,
                    line,
                    col,
                    "unknown-placeholder",
                    f"'%%{name}%%' has no value for this site's country: add it to {where}, "
                    f"or mark this text for the countries that have it (countries: [...])",
                )


def _marker_pattern(marker: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(marker)}(?![\w-])")


def check_country_text(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Numbers and services of one country in text that other countries' sites show.

    Stories are left alone: a person's account of calling 911 must not become
    "999" on another country's site (placeholders there are the writer's choice).
    """
    owners: dict[str, set[str]] = {}
    for country, profile in project.profiles.items():
        for marker in profile.markers():
            owners.setdefault(marker, set()).add(country)
    if not owners:
        return
    patterns = {m: _marker_pattern(m) for m in owners}
    suggestions: dict[str, str] = {}  # a marker -> the placeholder its profile fills with it
    for owner in [project.profile, *project.profiles.values()]:
        for name, value in owner.placeholder_values().items() if owner else ():
            if value in owners and not name.startswith(("law.", "country")):
                suggestions.setdefault(value, name)
    for text in _texts(project):
        if text.page.startswith("stories/"):
            continue  # a storyteller's words stay as told: "I called 911" is what happened
        for marker, pattern in patterns.items():
            if marker not in text.text:
                continue
            whose = owners[marker]
            if text.countries is not None and set(text.countries) <= whose:
                continue  # about that country only: say it as it is
            match = pattern.search(_prose(text.text))
            if match is None:
                continue
            line, col = text.at(match.start(), marker)
            names = ", ".join(sorted(whose))
            fix = (
                f"write %%{suggestions[marker]}%% so each country's site shows its own"
                if marker in suggestions
                else "use a placeholder, or reword"
            )
            yield warning(
                text.path,
                line,
                col,
                "country-specific-text",
                f"'{marker}' belongs to the country profile {names}, but this text is built "
                f"for every country: {fix}, or mark it countries: [{names}]",
            )


def check_country_links(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Links from this site's content to answers or pages it leaves out."""
    country = project.country
    gone_pages = {a.src_uri for a in project.articles if not applies(a.meta.countries, country)}
    gone_answers: set[str] = set()
    for doc in project.topics:
        page = f"faq/{doc.slug}.md"
        if not applies(doc.topic.countries, country):
            gone_pages.add(page)
        gone_answers |= {
            f"{page}#{q.id}" for q in doc.topic.questions if not applies(q.countries, country)
        }
    if not (gone_pages or gone_answers):
        return
    for text in _texts(project):
        if not applies(text.countries, country) or "](" not in text.text:
            continue
        for match in _LINK.finditer(text.text):
            href = match.group(1)
            if "://" in href or href.startswith(("mailto:", "tel:", "sms:", "/")):
                continue
            path, _, anchor = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(text.page), path))
                if path
                else text.page
            )
            full = f"{target}#{anchor}" if anchor else target
            if target in gone_pages or full in gone_answers:
                line, col = text.at(match.start(1), href)
                yield error(
                    text.path,
                    line,
                    col,
                    "country-excluded-link",
                    f"'{href}' is left out of the site for '{country}' (countries: ...); "
                    "mark this text for the same countries, or link to something every "
                    "country's site has",
                )


def check_country_names(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """``countries: [uk]`` (a typo for gb) would hide the text from every site: an error."""
    known = sorted(project.profiles)
    if not known:
        return
    lists: list[tuple[list[str] | None, SourceMap, Loc]] = []
    for doc in project.topics:
        lists.append((doc.topic.countries, doc.source_map, ("countries",)))
        lists += [
            (q.countries, doc.source_map, ("questions", i, "countries"))
            for i, q in enumerate(doc.topic.questions)
        ]
    lists += [(a.meta.countries, a.source_map, ("countries",)) for a in project.articles]
    for countries, smap, loc in lists:
        for i, code in enumerate(countries or []):
            if code not in project.profiles:
                line, col = smap.value_at((*loc, i))
                yield error(
                    smap.path,
                    line,
                    col,
                    "unknown-country",
                    f"no country profile '{code}' (content/locales/{code}.yml); "
                    f"profiles: {', '.join(known)}",
                )


CHECKS = (check_placeholders, check_country_text, check_country_links, check_country_names)
