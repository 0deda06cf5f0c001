"""Markdown extension: no "¶" permalink inside an answer's ``<summary>``.

FAQ answers fold into ``<details>`` with the question as the ``<summary>``'s
heading (``render/faq.py``). The toc extension gives every heading a "¶"
link; inside ``<summary>`` that link is a control inside a control (axe
``nested-interactive``), and a tap on it would not fold or unfold the answer.
The question list at the top of the page already links to every answer.

Runs after toc (priority 5) and removes those links only.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class _DropSummaryPermalinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for summary in root.iter("summary"):
            for heading in summary:
                for link in [a for a in heading if a.tag == "a" and a.get("class") == "headerlink"]:
                    heading.remove(link)


class AnswersExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropSummaryPermalinks(md), "rs_summary_permalinks", 4)


def makeExtension(**kwargs: object) -> AnswersExtension:
    return AnswersExtension(**kwargs)
