"""`recovery-site init`: the skeleton is the reference site's files, and a new site builds.

One source of truth: the skeleton's copies of overrides/, site.css, the scripts,
style data and profiles must equal this repository's (scripts/sync_skeleton.py
brings them back in step). And the skeleton builds against the current
package, so an upgrade that would break a new site fails here first.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site import __version__
from recovery_site.cli import main
from recovery_site.init_site import InitError, init_site, skeleton_countries

SKELETON = REPO / "src/recovery_site/skeleton"


def _sync_module():
    spec = importlib.util.spec_from_file_location(
        "sync_skeleton", REPO / "scripts/sync_skeleton.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_skeletons_shared_files_equal_the_repositorys() -> None:
    drifted = [
        rel
        for rel, data in _sync_module().expected().items()
        if not (SKELETON / rel).is_file() or (SKELETON / rel).read_bytes() != data
    ]
    assert not drifted, (
        f"the skeleton's copies differ from this repository's files: {drifted}; "
        "run: python scripts/sync_skeleton.py"
    )


def test_the_skeleton_names_only_pages_a_new_site_has() -> None:
    """The help page's copy links only to the example topic, not the reference site's others."""
    text = (SKELETON / "docs/get-help.md").read_text(encoding="utf-8")
    faq = set(re.findall(r"\]\((faq/[^)#]*)", text))
    assert faq == {"faq/overdose-and-naloxone.md"}
    assert "](articles/" not in text
    topics = (SKELETON / "content/style/topics.yml").read_text(encoding="utf-8")
    assert "supporting-a-loved-one/" not in topics


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert out.strip() == f"recovery-site {__version__}"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{__version__}"\n' in pyproject


def test_the_changelog_has_an_entry_for_this_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InitError, match="not empty"):
        init_site(tmp_path)
    assert main(["init", str(tmp_path)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_refuses_an_unknown_country_or_language(tmp_path: Path) -> None:
    assert skeleton_countries() == ["gb", "us"]
    with pytest.raises(InitError, match="no country profile 'xx'"):
        init_site(tmp_path / "a", country="xx")
    with pytest.raises(InitError, match="language 'fr'"):
        init_site(tmp_path / "b", language="fr")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.parametrize("country", ["us", "gb"])
def test_an_init_site_builds_strictly_with_the_crisis_bar(tmp_path: Path, country: str) -> None:
    site = tmp_path / "new-site"
    assert main(["init", str(site), "--country", country]) == 0
    for name in ("serve", "test", "build"):
        assert os.access(site / "scripts" / name, os.X_OK)
    for path in ("content/faq/overdose-and-naloxone.yml", "content/stories/example-story.md"):
        assert (site / path).is_file()
    assert (site / ".github/workflows/deploy.yml").is_file()
    assert "-e ." not in (site / "scripts/lib/venv.sh").read_text(encoding="utf-8")
    requirements = (site / "requirements.txt").read_text(encoding="utf-8")
    assert f"\nrecovery-site=={__version__}\n" in requirements
    check = subprocess.run(
        [sys.executable, "-m", "recovery_site.cli", "check"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    build = mkdocs_build(site)
    assert build.returncode == 0, build.output
    home = HTMLParser((build.site / "index.html").read_text(encoding="utf-8"))
    bar = home.css_first(".rs-crisis")
    assert bar is not None
    emergency = "999" if country == "gb" else "911"
    assert emergency in bar.text()
    assert main(["links", str(build.site)]) == 0


def test_the_skeletons_workflows_are_valid_pinned_and_least_privilege() -> None:
    """A new site's workflows keep this repository's rules (tests/test_github.py)."""
    import shutil

    import yaml
    from test_github import PINNED, USES_LINE, VERSION_COMMENT

    flows = sorted((SKELETON / ".github/workflows").glob("*.yml"))
    assert {p.stem for p in flows} == {"ci", "deploy", "links"}
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    proc = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-workflows", *map(str, flows)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in flows:
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert flow["permissions"] == {}, path.name
        assert "RECOVERY_SITE_LOCK" not in path.read_text(encoding="utf-8")  # no lock file here
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := USES_LINE.match(line):
                assert PINNED.match(m["ref"]) and VERSION_COMMENT.search(m["comment"] or ""), line
        for name, job in flow["jobs"].items():
            perms = job["permissions"]
            if (path.stem, name) == ("deploy", "deploy"):
                assert perms == {"pages": "write", "id-token": "write"}
                assert not any("run" in s for s in job["steps"])
            elif (path.stem, name) == ("links", "report"):
                assert perms == {"issues": "write"}
            else:
                assert set(perms.values()) <= {"read", "none"}, (path.name, name)
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
