"""Supply chain and privacy of the .github files, the CI install and the story route.

Workflows: actions pinned to commits, least-privilege tokens, no git credentials
left on disk, hash-locked installs. Story form and CONTRIBUTING: issues are
public, and there is a private route. Schema validation of these files is in
test_editors.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
LOCK = "requirements/ci.txt"
#: `uses: owner/repo[/path]@<40 hex> # v1.2.3`: tags can be moved to other
#: code, a commit cannot; the comment says which release the commit is.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+)*\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>\s+#.*)?$")
#: Permissions that let a job publish the site or act as the repository.
PUBLISHING = {"pages", "id-token"}


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


def jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [(p.stem, name, job) for p in WORKFLOWS for name, job in load(p)["jobs"].items()]


def permissions(workflow: str, job: dict[str, Any]) -> dict[str, str]:
    """What a job's token may do: its own permissions, else the workflow's."""
    if "permissions" in job:
        return job["permissions"]
    top = load(REPO / f".github/workflows/{workflow}.yml").get("permissions", "write-all")
    return top if isinstance(top, dict) else {"*": top}


def steps() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{wf}/{name}", s) for wf, name, job in jobs() for s in job.get("steps", [])]


def runs_project_code(job: dict[str, Any]) -> bool:
    """A job that runs our scripts or installs packages (so anything a dependency does)."""
    text = " ".join(s.get("run", "") for s in job.get("steps", []))
    return "./scripts/" in text or ".venv/" in text or "pip install" in text


def test_there_are_workflows_with_steps() -> None:
    assert {p.stem for p in WORKFLOWS} == {"ci", "deploy", "links"}
    assert len(steps()) > 10


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    for path in WORKFLOWS:
        lines = [m for line in path.read_text().splitlines() if (m := USES_LINE.match(line))]
        parsed = [s["uses"] for wf, s in steps() if wf.startswith(f"{path.stem}/") and "uses" in s]
        assert [m["ref"] for m in lines] == parsed, path  # every uses: seen as a line
        for m in lines:
            where = f"{path.name}: uses: {m['ref']}"
            if m["ref"].startswith("./"):
                continue  # an action in this repository: reviewed with it
            assert PINNED.match(m["ref"]), f"{where} is not pinned to a full commit SHA"
            assert m["comment"] and VERSION_COMMENT.search(m["comment"]), (
                f"{where} needs its release as a comment (# v1.2.3)"
            )


def test_every_job_states_its_permissions_and_the_default_is_none() -> None:
    for path in WORKFLOWS:
        top = load(path).get("permissions")
        assert isinstance(top, dict), f"{path.name}: top-level permissions must be a map"
        assert all(v in ("read", "none") for v in top.values()), f"{path.name}: {top}"
    for wf, name, job in jobs():
        assert isinstance(job.get("permissions"), dict), f"{wf}/{name}: no permissions: map"


def test_only_the_deploy_job_can_publish() -> None:
    for path in WORKFLOWS:
        assert not PUBLISHING & set(load(path)["permissions"]), path.name
    for wf, name, job in jobs():
        perms = permissions(wf, job)
        if (wf, name) == ("deploy", "deploy"):
            assert perms == {"pages": "write", "id-token": "write"}
        else:
            assert not PUBLISHING & set(perms), f"{wf}/{name} can publish: {perms}"


def test_the_deploy_job_runs_no_project_code_and_only_from_main() -> None:
    deploy = load(REPO / ".github/workflows/deploy.yml")["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy.get("if") == "github.ref == 'refs/heads/main'"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert not any("run" in s for s in deploy["steps"])


def test_jobs_that_run_project_code_cannot_write() -> None:
    running = [(wf, name, job) for wf, name, job in jobs() if runs_project_code(job)]
    assert {(wf, name) for wf, name, _ in running} >= {("ci", "test"), ("deploy", "build")}
    for wf, name, job in running:
        perms = permissions(wf, job)
        assert set(perms.values()) <= {"read", "none"}, f"{wf}/{name}: {perms}"


def test_only_the_job_that_opens_the_issue_can_write_issues() -> None:
    writers = [(wf, name, job) for wf, name, job in jobs() if "issues" in permissions(wf, job)]
    assert [(wf, name) for wf, name, _ in writers] == [("links", "report")]
    report = writers[0][2]
    assert permissions("links", report) == {"issues": "write"}
    assert not runs_project_code(report) and not any("uses" in s for s in report["steps"])
    script = " ".join(s.get("run", "") for s in report["steps"])
    assert "gh issue create" in script
    # The report quotes contributed URLs: it goes through env, never into the script.
    assert "${{" not in script


def test_every_checkout_leaves_no_git_credentials() -> None:
    checkouts = [(j, s) for j, s in steps() if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for job, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, job


def test_every_job_that_installs_uses_the_hash_lock() -> None:
    for path in WORKFLOWS:
        flow = load(path)
        for name, job in flow["jobs"].items():
            if not runs_project_code(job):
                continue
            env = {**flow.get("env", {}), **job.get("env", {})}
            assert env.get("RECOVERY_SITE_LOCK") == LOCK, f"{path.stem}/{name}"
            assert not any("pip install" in s.get("run", "") for s in job["steps"]), (
                f"{path.stem}/{name}: install through scripts/lib/venv.sh and the lock"
            )


# --- requirements/ci.txt -----------------------------------------------------


def lock_pins() -> dict[str, list[str]]:
    """Name -> pinned versions (one per marker branch) from the lock file."""
    pins: dict[str, list[str]] = {}
    for m in re.finditer(r"^([A-Za-z0-9][\w.-]*)==([^\s;\\]+)", (REPO / LOCK).read_text(), re.M):
        pins.setdefault(canonicalize_name(m[1]), []).append(m[2])
    return pins


def pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    names = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["test"],
        *project["build-system"]["requires"],
    ]
    return [Requirement(r) for r in names]


def test_lock_covers_every_dependency_named_in_pyproject() -> None:
    pins = lock_pins()
    requirements = pyproject_requirements()
    assert len(requirements) > 10
    missing = [r.name for r in requirements if canonicalize_name(r.name) not in pins]
    assert not missing, f"not in {LOCK}: {missing}; refresh it (requirements/README.md)"
    outside = [
        f"{r.name}=={v} (pyproject: {r.specifier})"
        for r in requirements
        for v in pins[canonicalize_name(r.name)]
        if not r.specifier.contains(v, prereleases=True)
    ]
    assert not outside, f"{LOCK} pins outside pyproject's ranges: {outside}"


def test_every_lock_entry_is_pinned_with_hashes() -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9])", (REPO / LOCK).read_text().split("\n", 2)[2])
    entries = [e for e in entries if not e.startswith("#")]
    assert len(entries) == sum(map(len, lock_pins().values())) > 20
    for entry in entries:
        assert "==" in entry.splitlines()[0] and "--hash=sha256:" in entry, entry[:80]


# --- scripts/lib/venv.sh: the lock path, and the default path unchanged ------


@pytest.fixture
def fake_repo(tmp_path: Path) -> Path:
    """A repository with venv.sh and a .venv whose "python" only logs its arguments."""
    (tmp_path / "scripts/lib").mkdir(parents=True)
    shutil.copy(REPO / "scripts/lib/venv.sh", tmp_path / "scripts/lib/venv.sh")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "requirements").mkdir()
    (tmp_path / LOCK).write_text("x==1 --hash=sha256:00\n")
    python = tmp_path / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\n[ "$1" = -c ] || echo "$*" >> "$(dirname "$0")/../calls"\n')
    python.chmod(0o755)
    return tmp_path


def source_venv(root: Path, lock: str | None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(root)}
    if lock is not None:
        env["RECOVERY_SITE_LOCK"] = lock
    return subprocess.run(
        ["bash", "-c", "source scripts/lib/venv.sh"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def pip_calls(root: Path) -> list[str]:
    calls = root / ".venv/calls"
    lines = calls.read_text().splitlines() if calls.exists() else []
    calls.unlink(missing_ok=True)
    return lines


def test_venv_default_install_resolves_pyproject_as_before(fake_repo: Path) -> None:
    assert source_venv(fake_repo, None).returncode == 0
    assert pip_calls(fake_repo) == [
        "-m pip install --quiet --upgrade pip",
        "-m pip install --quiet -e .[test]",
    ]
    assert source_venv(fake_repo, None).returncode == 0
    assert pip_calls(fake_repo) == []  # installed: nothing to do


def test_venv_lock_install_checks_hashes_and_resolves_nothing(fake_repo: Path) -> None:
    assert source_venv(fake_repo, None).returncode == 0
    pip_calls(fake_repo)
    proc = source_venv(fake_repo, LOCK)
    assert proc.returncode == 0, proc.stderr
    assert pip_calls(fake_repo) == [  # switching to the lock reinstalls; no pip upgrade
        f"-m pip install --quiet --require-hashes --only-binary :all: -r {LOCK}",
        "-m pip install --quiet --no-deps --no-build-isolation -e .",
    ]
    assert source_venv(fake_repo, LOCK).returncode == 0
    assert pip_calls(fake_repo) == []
    (fake_repo / LOCK).write_text("x==2 --hash=sha256:01\n")
    assert source_venv(fake_repo, LOCK).returncode == 0
    assert len(pip_calls(fake_repo)) == 2  # a changed lock reinstalls


def test_venv_lock_that_does_not_exist_is_an_error(fake_repo: Path) -> None:
    proc = source_venv(fake_repo, "requirements/nope.txt")
    assert proc.returncode != 0
    assert "RECOVERY_SITE_LOCK=requirements/nope.txt: no such file" in proc.stderr
    assert pip_calls(fake_repo) == []


# --- the story route: public issues, and a private way ------------------------

PRIVATE_ROUTE = (
    "email the editors at the address on the site's About page "
    "(set as `extra.publisher.email` in mkdocs.yml)"
)


def flat(text: str) -> str:
    """Text with line breaks and Markdown emphasis gone, for phrase checks."""
    return re.sub(r"\s+", " ", text.replace("**", ""))


def form_text() -> str:
    form = load(REPO / ".github/ISSUE_TEMPLATE/story-submission.yml")
    parts = [form["description"]]
    for item in form["body"]:
        attrs = item.get("attributes", {})
        parts += [attrs.get("value", ""), attrs.get("label", ""), attrs.get("description", "")]
        parts += [o["label"] for o in attrs.get("options", [])]
    return flat("\n".join(parts))


def test_story_form_says_issues_are_public_and_offers_a_private_route() -> None:
    text = form_text()
    assert "public GitHub issue" in text and "Anyone on the internet can read it" in text
    assert "tied to your GitHub account" in text
    assert PRIVATE_ROUTE in text
    for kept_out in ("full names", "phone numbers", "home or street addresses"):
        assert kept_out in text


def test_contributing_says_issues_are_public_and_offers_a_private_route() -> None:
    text = flat((REPO / "CONTRIBUTING.md").read_text())
    assert "Issues and pull requests on GitHub are public" in text
    assert "tied to the GitHub account that opened it" in text
    assert PRIVATE_ROUTE in text
    assert "full names, phone numbers, home or street addresses" in text


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !ENV or !!python/name tags: read them as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def test_issue_chooser_shows_the_private_email_address() -> None:
    config = load(REPO / ".github/ISSUE_TEMPLATE/config.yml")
    private = [c for c in config["contact_links"] if "privately" in c["name"]]
    assert len(private) == 1
    # GitHub drops non-http(s) contact links (a mailto: one is never shown), so
    # the address is written in the text people see.
    assert private[0]["url"].startswith("https://")
    found = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", private[0]["about"])
    assert found, "the private route needs an email address in `about`"
    # Once mkdocs.yml names the publisher's address, the chooser must show the same one.
    mkdocs = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_AnyTagLoader)
    publisher = ((mkdocs or {}).get("extra") or {}).get("publisher") or {}
    if publisher.get("email"):
        assert publisher["email"] in found, "config.yml and extra.publisher.email disagree"
    else:
        assert found == ["stories@example.org"]


def test_security_policy_names_the_private_routes() -> None:
    text = flat((REPO / "SECURITY.md").read_text())
    assert "private vulnerability reporting" in text
    assert "extra.publisher.email" in text
    assert "All contributor text is untrusted" in text
