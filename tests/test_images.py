"""Issue #13, item 4: local pictures in stories, described, small, published without metadata."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import mkdocs_build, story_md
from PIL import Image
from test_preflight import project_files

from recovery_site.checks import run_checks
from recovery_site.load import load_project
from recovery_site.render.images import strip_metadata

GPS_IFD = 0x8825
MAKE = 0x010F


def phone_photo() -> bytes:
    """A small JPEG with the EXIF a phone writes: camera make and GPS coordinates."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneCo"
    exif[GPS_IFD] = {1: "N", 2: (53.0, 48.0, 0.0), 3: "W", 4: (1.0, 33.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, format="JPEG", exif=exif)
    assert b"PhoneCo" in out.getvalue()
    return out.getvalue()


def write_site(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def test_strip_metadata_drops_exif_and_gps_and_keeps_the_picture() -> None:
    stripped = strip_metadata(phone_photo())
    assert b"PhoneCo" not in stripped
    with Image.open(io.BytesIO(stripped)) as picture:
        assert picture.size == (8, 6)
        assert not picture.getexif()
        assert picture.format == "JPEG"


def test_a_story_picture_is_published_stripped_and_its_link_resolves(tmp_path: Path) -> None:
    body = "Our garden.\n\n![my garden in spring](images/garden.jpg)\n"
    write_site(
        tmp_path,
        {
            **project_files(
                **{"content/stories/older.md": story_md(title="Older story", body=body)}
            ),
            "content/stories/images/garden.jpg": phone_photo(),
        },
    )
    assert [d for d in run_checks(load_project(tmp_path)) if d.severity != "note"] == []
    built = mkdocs_build(tmp_path)
    assert built.returncode == 0, built.output
    published = (built.site / "stories/images/garden.jpg").read_bytes()
    assert b"PhoneCo" not in published
    page = (built.site / "stories/older/index.html").read_text(encoding="utf-8")
    assert 'src="../images/garden.jpg"' in page
    assert 'alt="my garden in spring"' in page


def test_a_picture_without_a_description_is_an_error_at_its_line(tmp_path: Path) -> None:
    body = "Our garden.\n\n![](images/garden.jpg)\n"
    write_site(
        tmp_path,
        {
            **project_files(
                **{"content/stories/older.md": story_md(title="Older story", body=body)}
            ),
            "content/stories/images/garden.jpg": phone_photo(),
        },
    )
    found = [(d.code, d.path, d.line) for d in run_checks(load_project(tmp_path))]
    assert ("image-alt", "content/stories/older.md", 16) in found


def test_a_picture_over_the_limit_or_not_a_picture_is_an_error(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            **project_files(),
            "content/style/checks.yml": "image_max_bytes: 100\n",
            "content/stories/images/big.jpg": phone_photo(),
            "content/stories/images/notes.txt": "hello",
            "content/stories/images/broken.png": b"not a png",
        },
    )
    found = {(d.code, d.path) for d in run_checks(load_project(tmp_path))}
    assert {
        ("image-file", "content/stories/images/big.jpg"),
        ("image-file", "content/stories/images/notes.txt"),
        ("image-file", "content/stories/images/broken.png"),
    } <= found


# --- nothing dropped without a word ------------------------------------------------------


def test_an_editors_comment_is_a_note_and_never_shown_as_text(tmp_path: Path) -> None:
    body = "Our garden.\n\n<!-- ask Sam about the date --> It grew.\n"
    write_site(
        tmp_path,
        project_files(**{"content/stories/older.md": story_md(title="Older story", body=body)}),
    )
    found = [(d.code, d.severity, d.path, d.line) for d in run_checks(load_project(tmp_path))]
    assert ("html-comment", "note", "content/stories/older.md", 16) in found
    built = mkdocs_build(tmp_path)
    assert built.returncode == 0, built.output
    page = (built.site / "stories/older/index.html").read_text(encoding="utf-8")
    assert "ask Sam" not in page  # before: shown to readers as '<!-- ask Sam ... -->'
    assert "It grew." in page


def test_an_off_site_picture_is_reported_at_its_line(tmp_path: Path) -> None:
    body = "Intro.\n\n![my garden](https://images.example.org/garden.jpg)\n"
    write_site(
        tmp_path,
        project_files(**{"content/stories/older.md": story_md(title="Older story", body=body)}),
    )
    found = [(d.code, d.path, d.line) for d in run_checks(load_project(tmp_path))]
    assert ("remote-image", "content/stories/older.md", 16) in found
