"""The build's Pagefind index: every searchable page, and each FAQ answer a record of its own."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from recovery_site.search_index import (
    SearchIndexError,
    build_search_index,
    faq_answers,
    page_answers,
)

REPO = Path(__file__).resolve().parents[1]
SIGNATURE = b"pagefind_dcd"


def fragments(index: Path) -> dict[str, dict]:
    """Each indexed page's record (url, text, anchors, title), by URL."""
    found = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE)
        record = json.loads(data[len(SIGNATURE) :])
        found[record["url"]] = record
    return found


def topic(name: str, language: str = "") -> dict:
    folder = REPO / "content" / language / "faq" if language else REPO / "content/faq"
    return yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))


def test_the_build_indexes_pages_and_each_answer_on_its_own(starter_site: Path) -> None:
    index = fragments(starter_site / "pagefind")
    assert "/faq/recovery-basics/" in index and "/get-help/" in index
    source = topic("recovery-basics")
    for entry in source["questions"]:
        record = index[f"/faq/recovery-basics/#{entry['id']}"]  # the question's deep link
        assert record["meta"]["title"] == entry["question"]
        assert record["meta"]["topic"] == source["title"]
        assert record["content"].startswith(entry["question"])  # its words are searched too
        assert record["anchors"] == []  # no sections: the record is one answer
    mat = index["/faq/recovery-basics/#what-is-mat"]["content"]
    assert "acamprosate" in mat and "How long does" not in mat  # this answer only
    assert "Sources" not in mat and "Back to the questions" not in mat  # still ignored
    # The topic page is a record of its title and introduction, without the answers.
    page = index["/faq/recovery-basics/"]
    assert page["meta"]["title"] == source["title"]
    assert source["description"] in page["content"]
    assert "acamprosate" not in page["content"]
    assert [a["id"] for a in page["anchors"] if a["element"] != "h1"] == []
    faq_urls = [u for u in index if u.startswith("/faq/recovery-basics/")]
    assert len(faq_urls) == len(source["questions"]) + 1  # nothing twice
    assert all("¶" not in record["content"] for record in index.values())  # permalinks
    assert "/404.html" not in index


def test_the_spanish_index_has_its_own_answers(starter_site: Path) -> None:
    index = fragments(starter_site / "es" / "pagefind")
    built = starter_site / "es/faq/overdose-and-naloxone/index.html"
    page = LexborHTMLParser(built.read_text(encoding="utf-8"))
    questions = page.css("details.rs-answer summary h2[id]")
    assert len(questions) == len(topic("overdose-and-naloxone", "es")["questions"])
    title = topic("overdose-and-naloxone", "es")["title"]
    for heading in questions:  # as built: "%%emergency%%" is the country's number there
        record = index[f"/faq/overdose-and-naloxone/#{heading.attributes['id']}"]
        assert record["meta"] == {"title": heading.text().strip(), "topic": title}
    assert not any((starter_site / "es/pagefind/fragment").glob("en_*"))
    assert not any((starter_site / "pagefind/fragment").glob("es_*"))


SITE = {
    "index.html": '<html lang="en"><body><nav>Menu</nav><div data-pagefind-body>'
    "<h1>Home</h1><p>Welcome home.</p></div></body></html>",
    "faq/pain/index.html": """<html lang="en"><body><nav>Menu words</nav>
<div data-pagefind-body><h1 id="pain">Pain relief<a class="headerlink" href="#pain">¶</a></h1>
<p>Plain answers about pain.</p>
<nav class="rs-questions" data-pagefind-ignore><a href="#q-one">Which pills?</a></nav>
<details class="rs-answer"><summary><h2 id="q-one">Which pills help?</h2></summary>
<p>Paracetamol helps.</p><h3 id="dose">Dose<a class="headerlink" href="#dose">¶</a></h3>
<p>Ask a pharmacist.</p>
<div class="rs-sources" data-pagefind-ignore><p>Sources: NHS</p></div></details>
<details class="rs-answer"><summary><h2 id="q-two">Is rest &amp; ice good?</h2></summary>
<p>Rest helps swelling.</p></details>
</div>
<details class="rs-answer"><summary><h2 id="q-out">Outside the body?</h2></summary>
<p>Nowhere.</p></details></body></html>""",
    "404.html": "<html><body><h1>Not found</h1></body></html>",
}


def test_each_answer_is_its_own_record_in_an_index_of_plain_html(tmp_path: Path) -> None:
    """The index step alone, on a small built site: no MkDocs needed."""
    for name, text in SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    build_search_index(tmp_path)
    index = fragments(tmp_path / "pagefind")
    assert sorted(index) == ["/", "/faq/pain/", "/faq/pain/#q-one", "/faq/pain/#q-two"]
    one = index["/faq/pain/#q-one"]
    assert one["meta"] == {"title": "Which pills help?", "topic": "Pain relief"}
    assert one["content"] == "Which pills help? Paracetamol helps. Dose. Ask a pharmacist."
    assert one["anchors"] == []  # no "#q-one#dose" section link
    assert index["/faq/pain/#q-two"]["meta"]["title"] == "Is rest & ice good?"
    page = index["/faq/pain/"]
    assert page["content"] == "Pain relief. Plain answers about pain."
    assert "Menu" not in index["/"]["content"]


def test_answers_come_from_the_searchable_part_of_the_page_only() -> None:
    found = list(page_answers(SITE["faq/pain/index.html"], "/es/faq/pain/"))
    assert [a.url for a in found] == ["/es/faq/pain/#q-one", "/es/faq/pain/#q-two"]
    assert {a.topic for a in found} == {"Pain relief"}
    assert {a.language for a in found} == {"en"}
    assert "<summary" not in found[0].body and 'id="dose"' not in found[0].body
    assert "data-pagefind-ignore" in found[0].body  # sources stay out of search
    # A block without a question anchor is not an answer: it never takes the page's
    # own address (that record is the page's, and would be replaced).
    no_anchor = SITE["faq/pain/index.html"].replace('<h2 id="q-two">', "<h2>")
    assert [a.url for a in page_answers(no_anchor, "/faq/pain/")] == ["/faq/pain/#q-one"]


def test_only_faq_topic_pages_have_answers(tmp_path: Path) -> None:
    """A story holding an answer-like block (``??? rs-answer``, refused by the checks)
    keeps its own record, with its composite label: no answer record is made of it."""
    story = (
        '<html lang="en"><body><div data-pagefind-body data-pagefind-meta="basis:composite">'
        "<h1>Newer story</h1><p>Story text.</p>"
        '<details class="rs-answer"><summary><h2 id="real">Is this a real person?</h2>'
        "</summary><p>Yes.</p></details></div></body></html>"
    )
    (tmp_path / "stories/newer").mkdir(parents=True)
    (tmp_path / "stories/newer/index.html").write_text(story, encoding="utf-8")
    assert list(faq_answers(tmp_path)) == []
    build_search_index(tmp_path)
    index = fragments(tmp_path / "pagefind")
    assert sorted(index) == ["/stories/newer/"]
    assert index["/stories/newer/"]["meta"]["basis"] == "composite"


def test_a_pagefind_that_cannot_start_or_stops_fails_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "index.html").write_text(SITE["index.html"], encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match="could not build the search index"):
        build_search_index(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("true") or "/bin/true")
    with pytest.raises(SearchIndexError, match="Pagefind stopped"):
        build_search_index(tmp_path)
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    (tmp_path / "pagefind").write_text("a file where the index goes", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"Pagefind stopped .*index: \S"):
        build_search_index(tmp_path)  # what Pagefind said is in the message


def test_composite_stories_are_labelled_in_search_results_too(starter_site: Path) -> None:
    """search.js shows 'Composite story, written by our editorial team' from this meta."""
    records = fragments(starter_site / "pagefind")
    stories = {
        url: r
        for url, r in records.items()
        if url.startswith("/stories/")
        and url.count("/") == 3
        and "/topic/" not in url
        and url != "/stories/"
    }
    assert stories
    for url, record in stories.items():
        assert record["meta"].get("basis") == "composite", url
    assert all(r["meta"].get("basis") is None for u, r in records.items() if u not in stories)
    script = Path(__file__).resolve().parents[1] / "docs/javascripts/search.js"
    assert 'data.meta.basis === "composite"' in script.read_text(encoding="utf-8")
