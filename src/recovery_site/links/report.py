"""Turn link results into diagnostics, a terminal progress line and a summary table."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..diagnostics import Diagnostic, error, warning
from .external import Result, Verdict
from .sources import SourceFinder


def external_diagnostics(
    results: Iterable[Result], pages_by_url: dict[str, list[str]], finder: SourceFinder
) -> list[Diagnostic]:
    """One diagnostic per problem URL and source file where it is written."""
    out = []
    for result in results:
        if result.verdict.is_fine:
            continue
        pages = sorted(pages_by_url.get(result.url, []))
        by_source: dict[tuple[str, int, int], list[str]] = {}
        for page in pages:
            by_source.setdefault(finder.locate(page, result.url), []).append(page)
        for (path, line, col), group in by_source.items() or {("(unknown)", 1, 1): []}.items():
            more = f" (and {len(group) - 1} more pages)" if len(group) > 1 else ""
            reason = f"{result.verdict}: {result.detail}".rstrip(": ")
            message = f"{group[0] if group else '?'} -> {result.url}: {reason}{more}"
            if result.verdict is Verdict.PRIVATE_ADDRESS:
                out.append(error(path, line, col, "external-private-address", message))
            elif result.verdict.is_error:
                out.append(error(path, line, col, "external-broken", message))
            else:
                out.append(
                    warning(
                        path,
                        line,
                        col,
                        "external-unreachable",
                        message + " (may be a passing outage; checked again next run)",
                    )
                )
    return sorted(out)


class Progress:
    """A one-line counter on a terminal; silent when output is not a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.done, self.bad = total, 0, 0
        # Looked up now, not at import: sys.stderr may have been replaced since.
        self.stream = stream or sys.stderr
        self.enabled = total > 0 and self.stream.isatty()

    def __call__(self, result: Result) -> None:
        self.done += 1
        self.bad += not result.verdict.is_fine
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(
                f"\r[{bar}] {self.done}/{self.total} checked, {self.bad} with problems"
            )
            self.stream.flush()
            if self.done == self.total:
                self.stream.write("\n")


def summary_table(results: list[Result]) -> str:
    """Counts by verdict, then each problem URL: for the end of a run."""
    counts = Counter(r.verdict for r in results)
    cached = sum(1 for r in results if r.detail.endswith("(cached)"))
    lines = [f"{'verdict':<15} {'urls':>6}", f"{'-' * 15} {'-' * 6}"]
    lines += [f"{v.value:<15} {counts[v]:>6}" for v in Verdict if counts[v]]
    lines.append(f"{'total':<15} {len(results):>6}  ({cached} from cache)")
    problems = [r for r in results if not r.verdict.is_fine]
    if problems:
        lines += ["", f"{'verdict':<15} {'status':>6}  url"]
        lines += [f"{r.verdict.value:<15} {r.status or '-':>6}  {r.url}" for r in problems]
    return "\n".join(lines)
