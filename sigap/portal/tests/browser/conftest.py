"""Helpers of the end-to-end tests: staff sessions, PDF checks and the axe-core audit.

axe-core is vendored here (vendor/axe-core, MPL-2.0), outside every static folder, so the site
never serves it; the audit injects it into the page under test.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from sigap.conftest import BROWSER_TIMEOUT_MS

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.1 A/AA and best practices; impact "serious" or "critical" fails a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def log_in_as(page, user) -> None:
    """Gives the browser `user`'s session (a fresh one; the login page has its own test)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )


def assert_pdf(page, url: str) -> bytes:
    """Fetches `url` with the page's cookies: it answers a PDF."""
    response = page.request.get(url if url.startswith("http") else page.base_url + url)
    assert response.ok, f"{url}: {response.status}"
    assert response.headers["content-type"] == "application/pdf", response.headers
    body = response.body()
    assert body.startswith(b"%PDF")
    return body


def wide_elements(page) -> list[str]:
    """The elements wider than the window at this width (the page would scroll sideways)."""
    return page.evaluate(
        """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
        [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                       && !e.closest('.table-wrap'))
          .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )


def axe_violations(page) -> list[dict]:
    """Runs axe-core in the page; returns the serious and critical violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """The violations as a reader wants them: rule, impact, help, then each offending node."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            why = node["failureSummary"].splitlines()[-1].strip()
            lines.append(f"    {' '.join(node['target'])}: {why}")
            lines.append(f"      {node['html'][:160]}")
    return "\n".join(lines)


@pytest.fixture
def audit_page(chromium, live_server):
    """A page whose context lets the axe-core script in (Playwright's bypass_csp, tests only).

    The site's CSP allows no inline script, and `add_script_tag` inlines the file; bypassing it
    in this one context changes nothing the page itself does (the other browser tests keep the
    policy and check that nothing violates it).
    """
    context = chromium.new_context(viewport=PHONE, locale="id-ID", bypass_csp=True)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()
