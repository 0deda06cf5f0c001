"""Acceptance: the generator as a package, used the way a new organisation would.

Builds the wheel, installs it into a new virtual environment outside the
repository, starts a site there with ``recovery-site init`` and builds it with
``mkdocs build --strict``. Everything the site needs must come from the wheel:
nothing is read from this checkout.

Speed, not a shortcut: the environment gets the wheel with ``--no-deps`` and
sees the dependencies (MkDocs, Material ...) already installed for the tests
through a ``.pth`` line naming their folder. That folder's own ``.pth`` files
are not run (Python only runs those of site folders), so the editable install
of this checkout stays out of reach; the test checks that ``recovery_site`` is
imported from the new environment. It takes about half a minute.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import REPO
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site import __version__

pytestmark = pytest.mark.package


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        | (env or {}),
        check=False,
    )
    assert proc.returncode == 0, f"{cmd}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def test_the_wheel_in_a_new_environment_starts_and_builds_a_site(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO, cwd=tmp_path)
    wheels = list(dist.glob("recovery_site-*.whl"))
    assert [w.name for w in wheels] == [f"recovery_site-{__version__}-py3-none-any.whl"]

    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "--no-deps", wheels[0], cwd=tmp_path)
    new_site_packages = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
        )
        .strip()
        .splitlines()[-1]
    )
    # The test environment's dependencies, after the new environment's own packages.
    (new_site_packages / "zz-test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    where = _run(
        python, "-c", "import recovery_site.mkdocs.plugin as p; print(p.__file__)", cwd=tmp_path
    )
    assert Path(where.strip()).is_relative_to(env_dir), where
    assert not Path(where.strip()).is_relative_to(REPO)

    recovery_site = env_dir / "bin" / "recovery-site"
    assert _run(recovery_site, "--version", cwd=tmp_path).strip() == f"recovery-site {__version__}"
    site = tmp_path / "my-site"
    _run(recovery_site, "init", site, "--country", "gb", cwd=tmp_path)
    _run(recovery_site, "check", cwd=site)
    _run(python, "-m", "mkdocs", "build", "--strict", "--site-dir", site / "site", cwd=site)
    _run(recovery_site, "links", site / "site", cwd=site)
    home = HTMLParser((site / "site/index.html").read_text(encoding="utf-8"))
    bar = home.css_first(".rs-crisis")
    assert bar is not None and "999" in bar.text()
