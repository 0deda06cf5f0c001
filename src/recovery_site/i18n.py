"""The site's own words in every language: one message catalogue per language.

Every fixed string the templates (``overrides/``) and the renderers
(``render/``) write comes from ``messages/<language>.yml``, a flat YAML table
keyed by message id (``crisis.call: "Call {label}"``). A YAML table, not
gettext ``.po`` files through Babel: editors already write YAML for all the
content, a table needs no compile step (``.mo``) or extraction tooling, and
the test ``tests/test_i18n.py`` checks that every language has every key of
English with the same ``{placeholders}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from importlib import resources
from string import Formatter

import yaml

#: The language of the site's root edition; other languages live under /<language>/.
DEFAULT_LANGUAGE = "en"

#: ``t(key, **values)``: the message ``key`` in one language, ``{values}`` filled in.
Translate = Callable[..., str]


def languages() -> list[str]:
    """Every language with a catalogue, the default first."""
    names = sorted(
        p.name.removesuffix(".yml")
        for p in resources.files(__package__).joinpath("messages").iterdir()
        if p.name.endswith(".yml")
    )
    return sorted(names, key=lambda name: name != DEFAULT_LANGUAGE)


@cache
def catalogue(language: str) -> dict[str, str]:
    """``messages/<language>.yml`` as ``{id: text}``; an unknown language is a ValueError."""
    path = resources.files(__package__).joinpath("messages", f"{language}.yml")
    if not path.is_file():
        known = ", ".join(languages())
        raise ValueError(f"no message catalogue for language '{language}' (known: {known})")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a message (the test compares them across languages)."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def translator(language: str = DEFAULT_LANGUAGE) -> Translate:
    """``t(key, **values)`` for ``language``; a key missing there falls back to English.

    The fallback keeps a build going while a translation is incomplete; the
    test suite, not the build, is what insists every language is complete.
    """
    messages = catalogue(language)
    default = catalogue(DEFAULT_LANGUAGE)

    def t(key: str, /, **values: object) -> str:
        text = messages.get(key, default.get(key))
        if text is None:
            raise KeyError(f"no message '{key}' in the catalogue")
        return text.format(**values) if values else text

    return t


def messages_under(prefix: str, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every message whose id starts with ``prefix``, keyed by the rest (for scripts)."""
    messages = {**catalogue(DEFAULT_LANGUAGE), **catalogue(language)}
    return {key[len(prefix) :]: text for key, text in messages.items() if key.startswith(prefix)}


def human_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """``2026-10-01`` -> ``1 October 2026`` / ``1 de octubre de 2026``: unambiguous.

    Month names come from the catalogue (``month.1`` ...), not the system
    locale, so the output is the same on every machine.
    """
    t = translator(language)
    return t("date.format", day=day.day, month=t(f"month.{day.month}"), year=day.year)
