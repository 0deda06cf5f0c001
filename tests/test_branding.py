"""Branding from mkdocs.yml: colours as a generated stylesheet, checked for contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import mkdocs_build
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.brand import Brand, contrast_problems, contrast_ratio, parse_brand
from recovery_site.checks import run_checks
from recovery_site.init_site import init_site
from recovery_site.load import load_project

BRAND = """\
  brand:
    primary: "#1f4e79"
    accent: "#8a3b12"
"""


def _branded_site(root: Path, brand: str = BRAND) -> Path:
    init_site(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  # logo: images/logo.png", "  logo: images/logo.png")
    text = text.replace("  # favicon: images/favicon.png", "  favicon: images/favicon.png")
    text = text.replace("extra:\n", "extra:\n" + brand, 1)
    config.write_text(text, encoding="utf-8")
    (root / "docs/images").mkdir()
    Image.new("RGB", (32, 32), (31, 78, 121)).save(root / "docs/images/logo.png")
    Image.new("RGB", (16, 16), (31, 78, 121)).save(root / "docs/images/favicon.png")
    return root


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777", "#fff", 4.48)],
)
def test_contrast_ratio_is_wcags(a: str, b: str, ratio: float) -> None:
    assert round(contrast_ratio(a, b), 2) == ratio


def test_a_branded_site_shows_its_logo_and_colours(tmp_path: Path) -> None:
    build = mkdocs_build(_branded_site(tmp_path))
    assert build.returncode == 0, build.output
    page = HTMLParser((build.site / "index.html").read_text(encoding="utf-8"))
    logo = page.css_first("header .md-logo img")
    assert logo is not None and logo.attributes["src"] == "images/logo.png"
    icons = [n.attributes.get("href") for n in page.css('link[rel="icon"]')]
    assert icons == ["images/favicon.png"]
    sheets = [n.attributes.get("href") for n in page.css('link[rel="stylesheet"]')]
    assert "stylesheets/brand.css" in sheets
    # After the theme's own stylesheets, so its variables win.
    assert sheets.index("stylesheets/brand.css") > sheets.index("stylesheets/site.css")
    css = (build.site / "stylesheets/brand.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1f4e79;" in css
    assert "--md-accent-fg-color: #8a3b12;" in css
    # No inline styles: the Content-Security-Policy allows only style-src 'self'.
    assert "#1f4e79" not in (build.site / "index.html").read_text(encoding="utf-8")


def test_a_site_without_brand_colours_gets_no_brand_stylesheet(tmp_path: Path) -> None:
    init_site(tmp_path)
    build = mkdocs_build(tmp_path)
    assert build.returncode == 0, build.output
    assert not (build.site / "stylesheets/brand.css").exists()


def test_a_low_contrast_palette_fails_check_with_the_ratio(tmp_path: Path) -> None:
    low = '  brand:\n    primary: "#7fa7d0"\n    accent: "#8a3b12"\n'
    root = _branded_site(tmp_path, low)
    found = [d for d in run_checks(load_project(root)) if d.code == "low-contrast"]
    messages = [str(d) for d in found]
    assert len(found) == 2, messages
    assert all(d.is_error and d.path == "mkdocs.yml" for d in found)
    assert any("2.52:1" in m and "text on the primary colour" in m for m in messages)
    assert any("links (primary)" in m and "2.52:1" in m for m in messages)
    # The line of the key: primary: is on the line after brand:.
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    link = next(d for d in found if "links (primary)" in str(d))
    assert lines[link.line - 1].strip().startswith("primary:")
    build = mkdocs_build(root)
    assert build.returncode != 0 and "low-contrast" in build.output


def test_bad_brand_values_are_reported_not_crashed_on(tmp_path: Path) -> None:
    root = _branded_site(tmp_path, '  brand:\n    primary: navy\n    colour: "#000"\n')
    codes = sorted(d.code for d in run_checks(load_project(root)) if d.code == "bad-brand")
    assert codes == ["bad-brand", "bad-brand"]
    assert parse_brand("blue")[0] is None and parse_brand(None) == (None, [])


def test_a_dark_accent_passes_and_light_text_on_dark_passes() -> None:
    assert contrast_problems(Brand("#1f4e79", "#8a3b12")) == []
    assert [k for k, _ in contrast_problems(Brand("#1f4e79", "#ffcc00"))] == ["accent"]
