"""A crawl of the public pages and of each demo role's staff pages, in Indonesian: no English
word, no raw code (a status like `in_progress`, a service code like `tarakan-sembako`, a region
code like `36.02.14.1002`, Django's "---------") may reach the people reading them.

It follows the links each page offers (GET only, the site's own pages, a bounded number of
distinct pages per visitor) and reads the text people see: the text of the page and the
`aria-label`, `title`, `placeholder` and `alt` attributes, not scripts or JSON data blocks.
"""

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.conf import settings
from django.core.management.base import OutputWrapper
from django.test import Client

from sigap.accounts.models import User
from sigap.standards.models import ServiceStandard

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PAGES_PER_VISITOR = 12  # new kinds of page per visitor (an office's staff share what they saw)
OFFICES = ("tarakan", "sragen", "banten")  # one office per kind of service
# Where the crawl does not go: downloads, the API and admin (their own languages), the language
# switch and logout (POST), and pages that record an access on every visit with a side effect.
SKIP = re.compile(
    r"^/(static|api|admin|i18n|media)/|\.(pdf|xlsx|csv|zip|json|png|svg)$|/pdf$|/download|"
    r"format=xlsx|/logout|nik=show|/export"
)
# English words that have no business on an Indonesian page (whole words, as written).
ENGLISH = re.compile(
    r"\b(the|and|of|with|your|this|is|are|not|Select|option|Submit|Save|Delete|Record|"
    r"Search|required|field|Previous|Next|Cancel|Choose|Back(?! Office)|Show|Download|Loading|Yes|"
    r"None|True|False|null|undefined|Waiting|Open|Closed|Pending|Draft|Overdue)\b"
)
# in_progress, low_stock, head_of_office; not a handle (dinsos.go.id_official) or a numbering
# format's placeholder ({letter_code}), which staff write on purpose.
SNAKE = re.compile(r"(?<![\w.@{])[a-z]+(?:_[a-z]+)+(?![\w.@}])")
REGION = re.compile(r"\b\d{2}\.\d{2}\.\d{2}(?:\.\d{4})?\b")  # 36.02.14(.1002), not 09.15
DASHES = re.compile(r"-{5,}")


class _Text(HTMLParser):
    """The text a reader meets: data outside script/style, and the spoken attributes."""

    SPOKEN = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:
            if name in self.SPOKEN and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def _links(html: str) -> list[str]:
    return re.findall(r'href="(/[^"#]*)"', html)


def _shape(url: str) -> str:
    """Pages of one kind count once: /staff/requests/ABC123 and /staff/requests/XYZ789 alike."""
    path, _, query = url.partition("?")
    path = re.sub(r"/[A-Z0-9-]*\d[A-Z0-9-]*(?=/|$)", "/<code>", path)
    path = re.sub(r"/\d+(?=/|$)", "/<n>", path)
    return path + ("?" + re.sub(r"=[^&]*", "=", query) if query else "")


def findings_on(text: str, service_codes: set[str]) -> list[str]:
    found = []
    for pattern, kind in ((ENGLISH, "English"), (SNAKE, "code"), (REGION, "region code")):
        found += [f"{kind}: {m.group(0)!r}" for m in pattern.finditer(text)]
    if DASHES.search(text):
        found.append("code: '---------'")
    found += [f"service code: {code!r}" for code in service_codes if code in text]
    return found


def crawl(
    client: Client, start: list[str], service_codes: set[str], seen: set[str] | None = None
) -> dict[str, list[str]]:
    """{url: what it shows that it should not}, over up to PAGES_PER_VISITOR kinds of page not
    in `seen` (updated: the next visitor of the same office goes on from there)."""
    queue, problems, visited = deque(start), {}, 0
    seen = set() if seen is None else seen
    while queue and visited < PAGES_PER_VISITOR:
        url = queue.popleft()
        if _shape(url) in seen or SKIP.search(url):
            continue
        seen.add(_shape(url))
        visited += 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        parser = _Text()
        parser.feed(html)
        text = "\n".join(parser.parts)
        found = findings_on(text, service_codes)
        if found:
            problems[url] = sorted(set(found))
        queue.extend(link for link in _links(html) if _shape(link) not in seen)
    return problems


@pytest.fixture
def demo_site(db):
    """The offices, staff, standards and a year of history of the demo (the quick parts)."""
    from sigap.accounts import demo as accounts_demo
    from sigap.complaints import demo as complaints_demo
    from sigap.reports import demo as reports_demo
    from sigap.standards.services import standard_load_catalogue

    out = OutputWrapper(StringIO())
    accounts_demo.load(stdout=out)
    standard_load_catalogue()
    reports_demo.load(stdout=out)
    complaints_demo.load(stdout=out)
    return set(ServiceStandard.objects.values_list("code", flat=True))


def test_the_findings_patterns_catch_what_they_are_meant_to():
    codes = {"tarakan-sembako"}
    assert findings_on("Status: in_progress", codes) == ["code: 'in_progress'"]
    assert findings_on("Wilayah 36.02.14.1002", codes) == ["region code: '36.02.14.1002'"]
    assert not findings_on("Petugas Back Office · dinsos.go.id_official · {letter_code}", codes)
    assert findings_on("- Select an option -", codes)
    assert findings_on("Layanan tarakan-sembako", codes) == ["service code: 'tarakan-sembako'"]
    assert findings_on("---------", codes) == ["code: '---------'"]
    assert not findings_on("Permohonan diterima pukul 09.15 WITA, 3 Desember 2026", codes)


def test_public_pages_and_each_demo_roles_staff_pages_show_no_english_or_raw_code(demo_site):
    """One test (the demo data is loaded once): the public pages, then every demo role of an
    office of each kind of service, each from their staff home and menu."""
    assert settings.LANGUAGE_CODE == "id"
    start = ["/", "/services/", "/track/", "/complaints/new/", "/report-card/tarakan/"]
    start += ["/skm/sragen/", "/pledge/banten/", "/services/tarakan-sembako/"]
    public_seen: set[str] = set()
    problems = crawl(Client(), start, demo_site, public_seen)
    assert len(public_seen) >= 8  # the crawl really read the public pages
    staff_seen = 0
    for office in OFFICES:
        seen: set[str] = set()
        for user in User.objects.filter(username__startswith=f"{office}.").order_by("username"):
            client = Client()
            client.force_login(user)
            menu = [item["url"] for item in client.get("/staff/").context["staff_menu"]]
            seen.discard("/staff/")  # each role's home and menu are read
            for url, found in crawl(client, ["/staff/", *menu], demo_site, seen).items():
                problems[f"{user.username} {url}"] = found
        staff_seen += len(seen)
    assert staff_seen >= 60, staff_seen  # dashboards, queues, lists and details of each office
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())
