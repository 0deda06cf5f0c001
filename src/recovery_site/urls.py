"""URLs read the way browsers read them (WHATWG URL Standard, via ada-url).

Python's ``urllib.parse`` follows RFC 3986, which browsers do not: a
backslash, a tab inside the address, ``https:host`` or a ``user\\@host``
trick lead a browser to a different host than ``urlsplit`` reports. Every
decision about where a link or an image goes (source allow-list, link checks,
output sanitiser) asks this module, so the answer is the browser's.
"""

from __future__ import annotations

from ada_url import URL, join_url

#: A made-up origin to resolve relative URLs against: a URL that resolves to
#: this host (under each scheme a page may be served from) stays on the site.
SITE_HOST = "site.invalid"
_BASES = (f"https://{SITE_HOST}/a/b/page/", f"http://{SITE_HOST}/a/b/page/", "file:///a/b/page/")


def parse(url: str, base: str | None = None) -> URL | None:
    """The URL a browser would go to, or None where a browser would refuse it."""
    try:
        return URL(url, base=base) if base else URL(url)
    except ValueError:
        return None


def join(url: str, base: str) -> str | None:
    """The address (``href``) a browser goes to for ``url`` written on ``base``, or None.

    The same answer as ``parse(url, base).href``, without building a URL object:
    the link checker joins every link of a site and looks the rest up by it.
    """
    try:
        return join_url(base, url)
    except ValueError:
        return None


def host(url: str) -> str:
    """The host a browser would contact for an absolute ``url`` (lower case), or ''."""
    parsed = parse(url)
    return (parsed.hostname or "").lower() if parsed else ""


def stays_on_site(url: str) -> bool:
    """True when ``url``, written in a page of this site, fetches nothing from another host.

    It is resolved against the site served over https, over http and from
    disk: ``https:host/x`` is relative under https but goes to ``host`` from
    an http or ``file:`` page, so it does not stay on the site.
    """
    for base in _BASES:
        resolved = parse(url, base)
        if resolved is None:
            continue  # the browser would not fetch it at all
        scheme = resolved.protocol
        if scheme == "file:":
            if resolved.hostname and resolved.hostname != "localhost":
                return False
        elif scheme in ("http:", "https:"):
            if (resolved.hostname or "").lower() != SITE_HOST:
                return False
        else:
            return False  # data:, blob:, javascript:, ftp: ... never on the site
    return True
