"""Options of the ``recovery`` MkDocs plugin, typed and grouped like Material's."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..render.stories import DRAFTS_ENV

__all__ = ["DRAFTS_ENV", "RecoveryConfig"]  # DRAFTS_ENV: ./scripts/serve --drafts sets it


class RecoveryConfig(Config):
    """``plugins: [recovery: {...}]`` in mkdocs.yml."""

    # Turn the plugin off without removing it (e.g. to build docs only).
    enabled = c.Type(bool, default=True)

    # Where FAQ topics (faq/*.yml) and stories (stories/*.md) live, relative
    # to mkdocs.yml. Watched by `mkdocs serve` for live reload.
    content_dir = c.Type(str, default="content")

    # Build stories that are not yet published (draft, in-review), each with a
    # visible "Draft" notice. For previews only; also set by RECOVERY_SITE_DRAFTS=1.
    drafts = c.Type(bool, default=False)

    # The "Get help now" page under docs/, linked from story content warnings.
    # Leave empty (or let the page be missing) and the warnings point to the
    # crisis bar instead.
    help_page = c.Type(str, default="get-help.md")

    # Stories per page of the story lists (/stories/ and each topic's list):
    # pages stay the same size however many stories are published.
    stories_per_page = c.Type(int, default=50)

    # Build the Pagefind search index into site/pagefind/ after each build.
    # The theme's search (overrides/partials/rs-search.html) loads it on demand.
    search = c.Type(bool, default=True)

    # Production: a medical page no named clinician has reviewed fails the build
    # (rule awaiting-clinical-review becomes an error). Left false, such pages are
    # built with a plain "Awaiting clinical review" notice and `check` lists them
    # as notes. `recovery-site check` reads this setting from mkdocs.yml too.
    require_clinical_review = c.Type(bool, default=False)

    # The country the site is for: content/locales/<country>.yml gives the crisis
    # bar, the help page and every %%placeholder%% in content their values, and
    # content marked `countries:` for other countries is left out.
    # `recovery-site check` reads this setting from mkdocs.yml too.
    country = c.Type(str, default="us")

    # The language of this edition (en, es): its words (src/recovery_site/messages/),
    # its content (content/<language>/, docs/<language>/ for any language but en)
    # and its place in the site (/<language>/). mkdocs.es.yml sets es.
    language = c.Type(str, default="en")

    # The language editions published together, which the language switcher and
    # hreflang links may point to. Empty: every language with content (content/es/
    # or docs/es/). The offline edition is English only: [en].
    editions = c.Type(list, default=[])
