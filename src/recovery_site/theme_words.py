"""The templates' words and language: the Jinja globals ``overrides/`` reads.

The theme overrides write every word through the message catalogue
(``{{ t("search.title") }}``), ask which language they are in
(``rs_language``), where a page lives in the default edition
(``rs_edition_of``) and which words ``search.js`` needs (``rs_messages``).
The ``recovery`` plugin sets these with its editions; a site pre-rendered by
``recovery-site render`` has no plugin, so its ``mkdocs.yml`` lists this
module under ``hooks:``, which MkDocs and ProperDocs load as a hooks file:
the templates then get the same words and links, without the language switcher.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

# Absolute: MkDocs loads a hooks file by its path, outside the package.
from recovery_site.i18n import DEFAULT_LANGUAGE, messages_under, translator
from recovery_site.render.editions import prefix


def template_globals(language: str, edition_of: Callable[[str], str]) -> dict[str, Any]:
    """What the templates call, for pages in ``language``."""
    return {
        "t": translator(language),
        "rs_language": language,
        "rs_edition_of": edition_of,
        # search.js reads its words from the dialog's data-messages (search.* keys).
        "rs_messages": partial(messages_under, language=language),
    }


def on_env(env: Any, /, *, config: Any, files: Any) -> Any:
    """MkDocs hook: the globals, in the theme's language (``theme.language``).

    A page this edition lacks (a translation not written yet) is linked in the
    default edition, one folder up, as the plugin links it.
    """
    language = str(config["theme"].get("language") or DEFAULT_LANGUAGE)
    up = "../" * prefix(language).count("/")

    def edition_of(src_uri: str) -> str:
        return "" if files.get_file_from_path(src_uri) is not None else up

    env.globals.update(template_globals(language, edition_of))
    return env
