"""Source URLs are judged by the host a browser would contact (WHATWG), not urllib's.

Issue #12, finding 5: ``https://attacker.example\\@www.samhsa.gov/`` looked
like a SAMHSA address to ``urlsplit`` while browsers go to attacker.example.
"""

from __future__ import annotations

import pytest

from recovery_site.checks.sources import host_is_trusted, url_problem

TRUSTED = ["samhsa.gov", "nih.gov"]


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example\\@www.samhsa.gov/",  # browsers: host attacker.example
        "https://attacker.example\\.samhsa.gov/",
        "https://user@www.samhsa.gov/x",  # userinfo: an error, whatever the host
        "https://www.samhsa.gov:pw@attacker.example/",
        "https:www.samhsa.gov/x",  # relative on an https page, another host elsewhere
        "https:/www.samhsa.gov/x",
        "http://www.samhsa.gov/x",
        "ht\ttps://www.samhsa.gov/x",
        "www.samhsa.gov/x",
        "https://[www.samhsa.gov/x",
    ],
)
def test_misleading_source_urls_are_errors(url: str) -> None:
    assert url_problem(url) is not None


def test_userinfo_message_names_the_real_host() -> None:
    problem = url_problem("https://www.samhsa.gov@attacker.example/")
    assert problem is not None and "'attacker.example'" in problem


@pytest.mark.parametrize(
    "url",
    [
        "https://www.samhsa.gov/find-help",
        "HTTPS://WWW.SAMHSA.GOV/find-help",
        "https://nida.nih.gov/research-topics?x=1#top",
    ],
)
def test_plain_https_sources_are_fine(url: str) -> None:
    assert url_problem(url) is None
    assert host_is_trusted(url, TRUSTED)


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example\\@www.samhsa.gov/",
        "https://attacker.example\\.samhsa.gov/",
        "https://www.samhsa.gov@attacker.example/",
        "https://attacker.example/www.samhsa.gov",
        "https://evilsamhsa.gov/",
        "not a url",
    ],
)
def test_trust_goes_by_the_host_a_browser_contacts(url: str) -> None:
    assert not host_is_trusted(url, TRUSTED)
