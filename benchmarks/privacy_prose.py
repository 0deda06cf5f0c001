"""False alarms of the privacy rules on ordinary prose (issue #13: measure them).

Runs the name and contact-detail rules of ``checks/privacy.py`` over

* every paragraph of the starter content (FAQ answers, story bodies, articles), and
* paragraphs of ordinary recovery-story prose generated from the sentences
  below (seeded): first names alone, towns, days and months, organisations,
  years, ages, counts, times, money and help lines, none of them a detail that
  identifies anyone,

and prints how many paragraphs raised a finding, and which.

    python benchmarks/privacy_prose.py [--paragraphs 300] [--seed 7] [--show]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recovery_site.checks.privacy import PrivacyRules  # noqa: E402
from recovery_site.load import load_project  # noqa: E402

FIRST = ["Sam", "Maria", "Grace", "Will", "Hope", "Jordan", "Priya", "Ahmed", "Rose", "Mark"]
TOWNS = ["Leeds", "Boston", "Cork", "Auckland", "Toronto", "Perth", "Ohio", "Dublin", "Texas"]
ORGS = [
    "Alcoholics Anonymous",
    "Narcotics Anonymous",
    "SMART Recovery",
    "Al-Anon",
    "Celebrate Recovery",
    "the NHS",
    "SAMHSA",
    "the VA",
    "Grace Church",
    "St. Mary's Hospital",
]
DAYS = ["Monday", "Friday", "Sunday", "Christmas", "Easter", "New Year's Eve"]
MONTHS = ["January", "March", "April", "May", "June", "August", "October", "December"]
SENTENCES = [
    "{first} was the first person who listened to me.",
    "I moved to {town} in {year} and did not know anyone.",
    "Every {day} I went to a meeting of {org}.",
    "By {month} {year} I had {n} days without a drink.",
    "My sponsor, {first} T., called me every night at {hour} o'clock.",
    "The clinic in {town} gave me a bed for {n} nights.",
    "I was {age} when I had my first drink and {age2} when I stopped.",
    "When it got bad I called 988, and once 911.",
    "SAMHSA's helpline, 1-800-662-4357, found me a place near {town}.",
    "It cost about ${money} a week, more than I had.",
    "{first} and I still meet on {day} mornings.",
    "My daughter {first} made me a card that said {n} months.",
    "Dr. Bob and Bill W. started {org} in 1935, I learned later.",
    "In {month} the group moved to the hall behind {org}.",
    "Grace is a word I use a lot now.",
    "Hope Street was where I bought, and now I walk past it.",
    "I read the Big Book twice, chapter {n} most of all.",
    "My counsellor at {org} said relapse is part of many people's stories.",
    "Between {year} and {year2} I lost {n} jobs.",
    "On {day} {first} drove me to the detox unit in {town}.",
    "Recovery Month is in September, and I speak at one event each year.",
    "I take buprenorphine, 16 mg a day, as my doctor prescribed.",
    "Some weeks I did {n} meetings; some weeks none.",
    "The text line, 741741, was easier for me than calling.",
    "Mark my words: it gets easier after the first {n} days.",
    "Will Power was never the answer for me; people were.",
    "Maria Gonzalez-style courage is not needed; small steps are enough.",
]


def generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sentences = rng.sample(SENTENCES, rng.randint(4, 6))
        values = {
            "first": rng.choice(FIRST),
            "town": rng.choice(TOWNS),
            "org": rng.choice(ORGS),
            "day": rng.choice(DAYS),
            "month": rng.choice(MONTHS),
            "year": rng.randint(1985, 2025),
            "year2": rng.randint(1985, 2025),
            "n": rng.randint(2, 400),
            "hour": rng.randint(1, 12),
            "age": rng.randint(12, 20),
            "age2": rng.randint(25, 70),
            "money": rng.randint(20, 900),
        }
        out.append(" ".join(s.format(**values) for s in sentences))
    return out


def from_content() -> list[str]:
    project = load_project(REPO)
    texts = [q.answer for t in project.topics for q in t.topic.questions]
    texts += [s.body for s in project.stories]
    # Not the editors' guides: they quote the rules' own examples ("Dr. Priya Raman").
    texts += [a.body for a in project.articles if not a.src_uri.startswith("editors/")]
    return [p for text in texts for p in re.split(r"\n\s*\n", text) if p.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="print each finding")
    args = parser.parse_args()
    rules = PrivacyRules(load_project(REPO).style.settings)
    for name, paragraphs in (
        ("starter content", from_content()),
        ("generated prose", generated(args.paragraphs, args.seed)),
    ):
        flagged = 0
        for paragraph in paragraphs:
            found = [*rules.contact_details(paragraph), *rules.names(paragraph)]
            flagged += bool(found)
            if args.show:
                for f in found:
                    print(f"  {name}: {f.kind}: {f.found!r}")
        rate = flagged / len(paragraphs)
        print(f"{name}: {flagged} of {len(paragraphs)} paragraphs flagged ({rate:.1%})")


if __name__ == "__main__":
    main()
