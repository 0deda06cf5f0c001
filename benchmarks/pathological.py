"""Time `check` and a strict build on hostile Markdown (issue #12, finding 6).

    scripts/bench --pathological      (or: python benchmarks/pathological.py)

Each case is one story in a one-page site. Before the Markdown limits, 20,000
'[' took a minute to build and the deep list raised RecursionError; now each
build stops at once with the checks' diagnostics. The 'near the limit' cases
show what still renders. Figures only: nothing here fails on a number.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

MKDOCS_YML = f"""\
site_name: Pathological
theme:
  name: material
  custom_dir: {REPO / "overrides"}
  font: false
plugins:
  - recovery:
      search: false
markdown_extensions: [admonition, attr_list, toc]
"""

STORY = """\
---
title: A story
topics: [12-step]
status: published
basis: composite
published: 2026-10-01
summary: A short summary.
---
"""

CASES = {
    "20,000 '['": "[" * 20_000 + "[a](https://example.org/)\n",
    "5,000 '[a](x \"y) '": '[a](x "y) ' * 5_000 + "\n",
    "list 300 deep": "".join("    " * i + "- x\n" for i in range(300)),
    "reference in a quote": "> [r]: https://[::1/\n\nSee [the page][r].\n",
    "150,000 characters": "Word and more. " * 10_000 + "\n",
    "unclosed fence": "Code:\n\n```\ncode\n",
    "near the limit: 400 '['": "[" * 400 + "\n",
    "near the limit: 16 deep": "".join("    " * i + "- x\n" for i in range(16)),
}


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV, check=False)
    return time.perf_counter() - started, proc.returncode


def main() -> None:
    print(f"{'case':28} {'check':>8} {'exit':>4} {'build':>8} {'exit':>4}")
    for name, body in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "docs").mkdir()
            (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
            (root / "content/stories").mkdir(parents=True)
            (root / "content/stories/a-story.md").write_text(STORY + body, encoding="utf-8")
            (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
            check = timed([str(VENV_BIN / "recovery-site"), "check", "--root", str(root)], root)
            build = timed([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
        print(f"{name:28} {check[0]:7.2f}s {check[1]:4} {build[0]:7.2f}s {build[1]:4}")


if __name__ == "__main__":
    main()
