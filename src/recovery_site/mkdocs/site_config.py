"""What the plugin adds to mkdocs.yml's settings in ``on_config``."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..brand import BRAND_CSS, brand_stylesheet
from ..load import load_profiles
from ..render import REQUIRED_EXTENSIONS
from ..render.country import fill_extra
from .run import Inputs


def require_extensions(config: MkDocsConfig) -> None:
    """Generated Markdown relies on these; enable them if the site forgot."""
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)


def country_extra(config: MkDocsConfig, inputs: Inputs) -> None:
    """The crisis bar and help page show the country profile's lines.

    The templates read ``extra.crisis`` and ``extra.helplines``: filled from
    ``content/locales/<country>.yml`` unless mkdocs.yml sets them itself.
    A missing or broken profile is reported by the checks in ``on_files``.
    """
    country = inputs.country.lower()
    locales = inputs.content / "locales"
    profile = load_profiles(locales, inputs.root, country, inputs.language)[0].get(country)
    if profile is None:
        return
    fill_extra(config.extra, profile)


def brand(config: MkDocsConfig) -> str | None:
    """``extra.brand``'s colours as a stylesheet, linked after the theme's (or None).

    A same-origin file, not inline styles: pages allow only ``style-src 'self'``.
    Invalid or low-contrast colours are reported by the checks (``bad-brand``,
    ``low-contrast``), which fail the build; no stylesheet is made from them.
    """
    css = brand_stylesheet(config.extra.get("brand"))
    if css is not None and BRAND_CSS not in config.extra_css:
        config.extra_css.append(BRAND_CSS)
    return css
