"""The sanitiser's output as Chromium parses it: only allow-listed markup, nothing live.

A differential test: the sanitiser decides on its own parse (html5ever), the
reader's browser builds its own. Classic XSS and mutation-XSS vectors (the
kind DOMPurify's test suite collects) go through ``sanitize_html``; Chromium
parses the result with the same rules a page uses, and every element,
attribute and URL it ends up with must be one the allow-list permits.
"""

from __future__ import annotations

import json

import pytest

from recovery_site.render.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

pytestmark = pytest.mark.browser

VECTORS = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><img src=x onerror=alert(1)></template>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<style>@import 'https://t.example/x.css';</style>",
    '<link rel="stylesheet" href="https://t.example/x.css">',
    '<base href="https://t.example/">',
    '<meta http-equiv="refresh" content="0;url=https://t.example/">',
    '<div style="background:url(https://t.example/x.png)">x</div>',
    '<p id="__config" hidden>{"base":"https://t.example/"}</p>',
    '<a href="#x" data-md-component="x" data-preview>x</a>',
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<input autofocus onfocus=alert(1)>",
    '<button formaction="javascript:alert(1)">x</button>',
    '<img srcset="https://t.example/a.png 1x">',
    '<video poster="https://t.example/p.png"><source src="https://t.example/v.mp4"></video>',
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<plaintext><img src=x onerror=alert(1)>",
    '<a href="https://example.org/" ping="https://t.example/p">x</a>',
    '<img src="/\\t.example/x.png">',
    '<img src="https:t.example/x.png">',
    '<img src="//t.example/x.png">',
    '<table background="https://t.example/t.png"><tr><td>x</td></tr></table>',
    '<h2 id="what-is-mat">What is MAT?<a class="headerlink" href="#what-is-mat">¶</a></h2>',
    '<p>See <a href="../faq/x/#y">x</a> and <abbr title="t">MAT</abbr>.</p>',
]

WALK = """(html) => {
  const doc = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html');
  const out = [];
  for (const el of doc.body.querySelectorAll('*')) {
    const attrs = {};
    for (const a of el.attributes) attrs[a.name] = a.value;
    // Resolved as a page of this site would resolve them (WHATWG URL, as fetched).
    const resolve = (v) => { try { return new URL(v, 'https://site.invalid/page/').href; }
                             catch (e) { return null; } };
    const href = el.hasAttribute('href') ? resolve(el.getAttribute('href')) : null;
    const src = el.hasAttribute('src') ? resolve(el.getAttribute('src')) : null;
    out.push({tag: el.localName, ns: el.namespaceURI, attrs, href, src});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(base_url="https://site.invalid/page/")
    page = context.new_page()
    page.set_content("<!doctype html><title>t</title>")
    yield page
    context.close()


@pytest.mark.parametrize("vector", VECTORS)
def test_chromium_sees_only_allow_listed_markup(page, vector: str) -> None:
    from recovery_site.render.sanitize import sanitize_html

    cleaned = sanitize_html(vector)
    elements = page.evaluate(WALK, cleaned)
    for el in elements:
        assert el["ns"] == "http://www.w3.org/1999/xhtml", (vector, cleaned, el)
        assert el["tag"] in ALLOWED_TAGS, (vector, cleaned, el)
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(el["tag"], set())
        for name, value in el["attrs"].items():
            assert name in allowed, (vector, cleaned, name)
            assert not value.lstrip().lower().startswith(("javascript:", "data:", "vbscript:"))
            if name == "id":
                assert not value.startswith(("__", "md-", "rs-")), (vector, cleaned)
        url = el["href"] if el["tag"] == "a" else None
        if url:
            assert url.split(":", 1)[0] in ("https", "http", "mailto", "tel", "sms"), url
        if el["tag"] == "img" and "src" in el["attrs"]:
            # Images stay on the site, as the browser resolves the address.
            assert el["src"].startswith("https://site.invalid/"), (vector, json.dumps(el))


def test_ordinary_markup_survives_in_the_browser_too(page) -> None:
    from recovery_site.render.sanitize import sanitize_html

    html = VECTORS[-2] + VECTORS[-1]
    before = page.evaluate(WALK, html)
    after = page.evaluate(WALK, sanitize_html(html))
    assert after == before
