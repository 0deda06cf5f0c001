"""A seeded generator of a realistic recovery-education site, for benchmarks.

The text is plain-language filler built from short common words, so it passes
the content checks like real content would (no stigmatising terms, reading
grade under 8), with sources, related links between questions, links from
articles to FAQ answers and stories, and a few content warnings.

    python benchmarks/corpus.py OUT_DIR [--scale 1.0] [--seed 7]

At scale 1.0: 300 articles, 40 FAQ topics x 50 questions, 1,500 stories.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

_VOCABULARY = (
    "help care time day week talk plan step group friend family home work sleep food "
    "walk call doctor nurse team support hope change goal list note path choice need feel "
    "calm stress urge craving health body mind rest trust share meet start learn try keep "
    "stay ask find use stop slow small first next good hard safe new old real "
)
WORDS = _VOCABULARY.split()
OPENERS = ["Many people", "Some people", "It can help to", "You can", "Most teams", "Families"]
SOURCES = [
    (
        "Treatment and Recovery",
        "NIDA",
        "https://nida.nih.gov/publications/drugs-brains-behavior-science-addiction/treatment-recovery",
    ),
    (
        "Substance Use Disorder Treatment Options",
        "SAMHSA",
        "https://www.samhsa.gov/substance-use/treatment/options",
    ),
    (
        "Treatment for Alcohol Problems: Finding and Getting Help",
        "NIAAA",
        "https://www.niaaa.nih.gov/publications/brochures-and-fact-sheets/treatment-alcohol-problems-finding-and-getting-help",
    ),
    (
        "Information about Medications for Opioid Use Disorder (MOUD)",
        "FDA",
        "https://www.fda.gov/drugs/information-drug-class/information-about-medications-opioid-use-disorder-moud",
    ),
]
TOPIC_TAGS = [
    "relapse",
    "12-step",
    "moud",
    "families",
    "alcohol",
    "naloxone",
    "goals",
    "young-adults",
]


@dataclass(frozen=True)
class Scale:
    """How much content to write."""

    articles: int = 300
    topics: int = 40
    questions: int = 50
    stories: int = 1500

    def times(self, factor: float) -> Scale:
        return Scale(
            max(1, round(self.articles * factor)),
            max(1, round(self.topics * factor)),
            self.questions,
            max(1, round(self.stories * factor)),
        )


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(6, 11))
        return f"{self.rng.choice(OPENERS)} {' '.join(words)}."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def words(self, low: int, high: int) -> str:
        paragraphs, count, target = [], 0, self.rng.randint(low, high)
        while count < target:
            p = self.paragraph(self.rng.randint(3, 5))
            paragraphs.append(p)
            count += len(p.split())
        return "\n\n".join(paragraphs)

    def date(self) -> dt.date:
        return dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randint(0, 300))


def _topic(w: Writer, t: int, scale: Scale) -> dict:
    questions = []
    for q in range(scale.questions):
        source = w.rng.choice(SOURCES)
        other = (t + 1) % scale.topics
        questions.append(
            {
                "id": f"question-{q + 1:03d}",
                "question": f"Question {q + 1} of topic {t + 1}: can {w.rng.choice(WORDS)} help?",
                "answer": w.words(70, 140),
                "sources": [dict(zip(("title", "publisher", "url"), source, strict=True))],
                "related": [f"topic-{other + 1:02d}/question-{(q + 7) % scale.questions + 1:03d}"],
            }
        )
    return {
        "title": f"Topic {t + 1}",
        "description": f"Plain answers about {w.rng.choice(WORDS)} and {w.rng.choice(WORDS)}.",
        "audience": ["public", "families"],
        "medical": True,
        "updated": w.date(),
        "review_every_months": 24,
        "questions": questions,
    }


def _ignore_topics(folder: str, names: list[str]) -> list[str]:
    return ["topics.yml"] if Path(folder).name == "style" else []


def _story(w: Writer, s: int) -> str:
    day = w.date()
    warnings = ["overdose"] if s % 10 == 0 else []
    body = w.words(300, 500)
    if warnings:
        body += "\n\nThat year a friend had an overdose, and we learned to carry naloxone."
    front = {
        "title": f"Story {s + 1}",
        "author": f"{w.rng.choice(['Sam', 'Jo', 'Ali', 'Kim', 'Lee'])} {chr(65 + s % 26)}.",
        "topics": w.rng.sample(TOPIC_TAGS, 2),
        "content_warnings": warnings,
        "status": "published",
        "consent": {"reference": f"CF-2026-{s + 1:05d}", "date": day},
        "basis": "consented",
        "published": day,
        "summary": w.sentence(),
    }
    return "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body + "\n"


def _article(w: Writer, a: int, scale: Scale) -> str:
    front = {
        "title": f"Article {a + 1}",
        "description": w.sentence(),
        "audience": ["public"],
        "topics": w.rng.sample(TOPIC_TAGS, 2),
        "medical": True,
        "updated": w.date(),
        "review_every_months": 24,
        "sources": [dict(zip(("title", "publisher", "url"), w.rng.choice(SOURCES), strict=True))],
    }
    sections = []
    for h in range(4):
        t = w.rng.randrange(scale.topics)
        q = w.rng.randrange(scale.questions)
        s = w.rng.randrange(scale.stories)
        sections.append(
            f"## Part {h + 1}\n\n{w.words(150, 220)}\n\n"
            f"See [a related answer](../faq/topic-{t + 1:02d}.md#question-{q + 1:03d}) "
            f"and [a story](../stories/story-{s + 1:05d}.md).\n"
        )
    return "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + "\n".join(sections)


def _mkdocs_yml(scale: Scale) -> str:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["nav"] = [
        {"Home": "index.md"},
        {"Articles": "articles/index.md"},
        {"Questions and answers": "faq/index.md"},
        {"Stories": "stories/index.md"},
    ]
    return yaml.safe_dump(config, sort_keys=False)


#: Pages the templates' footer links to on every page.
FOOTER_PAGES = {
    "about/index.md": "About this site",
    "about/editorial-policy.md": "Editorial policy",
    "editors/content-checks.md": "Content checks",
}


def generate(out: Path, scale: Scale, seed: int = 7) -> None:
    """Write a complete site (mkdocs.yml, docs/, content/) into ``out``."""
    if out.exists():
        shutil.rmtree(out)
    w = Writer(seed)
    (out / "docs/articles").mkdir(parents=True)
    (out / "docs/stylesheets").mkdir(parents=True)
    (out / "content/faq").mkdir(parents=True)
    (out / "content/stories").mkdir(parents=True)
    # The starter site's style data; its topic labels name the starter's own answers
    # as featured, which the corpus does not have.
    shutil.copytree(REPO / "content/style", out / "content/style", ignore=_ignore_topics)
    shutil.copytree(REPO / "includes", out / "includes")
    shutil.copytree(REPO / "docs/javascripts", out / "docs/javascripts")
    shutil.copy(REPO / "docs/stylesheets/site.css", out / "docs/stylesheets/site.css")
    # The pages every page's footer links to (About, editorial policy, content
    # checks), as short pages, so the corpus has no broken links of its own.
    for page, title in FOOTER_PAGES.items():
        (out / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        text = f"---\nmedical: false\n---\n# {title}\n\n{w.words(60, 90)}\n"
        (out / "docs" / page).write_text(text, encoding="utf-8")
    (out / "mkdocs.yml").write_text(_mkdocs_yml(scale), encoding="utf-8")
    (out / "docs/index.md").write_text("# Home\n\n" + w.words(80, 120) + "\n", encoding="utf-8")
    index = ["---\nmedical: false\n---\n# Articles\n"]
    for a in range(scale.articles):
        (out / f"docs/articles/article-{a + 1:04d}.md").write_text(
            _article(w, a, scale), encoding="utf-8"
        )
        index.append(f"- [Article {a + 1}](article-{a + 1:04d}.md)")
    (out / "docs/articles/index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    for t in range(scale.topics):
        text = yaml.safe_dump(_topic(w, t, scale), sort_keys=False, width=88)
        (out / f"content/faq/topic-{t + 1:02d}.yml").write_text(text, encoding="utf-8")
    for s in range(scale.stories):
        (out / f"content/stories/story-{s + 1:05d}.md").write_text(_story(w, s), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = full corpus, 0.1 = small")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    scale = Scale().times(args.scale)
    generate(args.out, scale, args.seed)
    print(json.dumps(scale.__dict__))


if __name__ == "__main__":
    main()
