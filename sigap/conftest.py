"""The fixed cast of the suite: the demo offices and one staff account per office and role.

`cast.user("tarakan", Role.FRONT_OFFICE)` returns Tarakan's front-office officer; named
fixtures cover the common ones. Factories for everything else live in each app's tests.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.test import Client

from sigap.accounts.models import Office, OfficeLevel, Unit, UnitKind, User
from sigap.accounts.roles import Role
from sigap.accounts.services import user_set_roles

OFFICES = {
    "banten": ("Dinas Sosial Provinsi Banten", OfficeLevel.PROVINCE, "36", None),
    "lebak": ("Dinas Sosial Kabupaten Lebak", OfficeLevel.REGENCY, "36.02", "banten"),
    "sragen": ("Dinas Sosial Kabupaten Sragen", OfficeLevel.REGENCY, "33.14", None),
    "tarakan": (
        "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan",
        OfficeLevel.CITY,
        "65.71",
        None,
    ),
}


class Cast:
    def __init__(self) -> None:
        self._offices: dict[str, Office] = {}
        self._users: dict[tuple[str, str], User] = {}
        self._serial = 0

    def office(self, code: str) -> Office:
        if code not in self._offices:
            name, level, region, parent = OFFICES[code]
            office, _ = Office.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": level,
                    "region_code": region,
                    "parent": self.office(parent) if parent else None,
                    "government_name": f"PEMERINTAH {name.split(' ', 3)[-1].upper()}",
                    "letter_code": "DINSOS",
                },
            )
            Unit.objects.get_or_create(
                office=office,
                code="bidang",
                defaults={"name": "Bidang Perlindungan Sosial", "kind": UnitKind.DIVISION},
            )
            self._offices[code] = office
        return self._offices[code]

    def user(self, office_code: str, role: str, *, suffix: str = "") -> User:
        key = (office_code, f"{role}{suffix}")
        if key not in self._users:
            office = self.office(office_code)
            self._serial += 1
            user = User.objects.create_user(
                username=f"{office_code}.{role}{suffix}",
                password="x-test-password-1",  # noqa: S106
                full_name=f"{role.replace('_', ' ').title()} {office_code.title()}{suffix}",
                nip=f"19800101200501{1 + self._serial % 2}{self._serial:03d}",
                office=office,
                unit=office.units.first(),
            )
            user_set_roles(user=user, roles=[role])
            self._users[key] = user
        return self._users[key]

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def cast(db) -> Cast:
    return Cast()


@pytest.fixture
def tarakan_front_office(cast) -> User:
    return cast.user("tarakan", Role.FRONT_OFFICE)


@pytest.fixture
def tarakan_head_of_office(cast) -> User:
    return cast.user("tarakan", Role.HEAD_OF_OFFICE)


@pytest.fixture
def sragen_front_office(cast) -> User:
    return cast.user("sragen", Role.FRONT_OFFICE)


@pytest.fixture
def sragen_social_worker(cast) -> User:
    return cast.user("sragen", Role.SOCIAL_WORKER)


@pytest.fixture
def banten_head_of_division(cast) -> User:
    return cast.user("banten", Role.HEAD_OF_DIVISION)


@pytest.fixture
def banten_social_worker(cast) -> User:
    return cast.user("banten", Role.SOCIAL_WORKER)


@pytest.fixture
def lebak_social_worker(cast) -> User:
    return cast.user("lebak", Role.SOCIAL_WORKER)


@pytest.fixture
def catalogue(db):
    """The five seed service standards loaded from their catalogue files: {code: standard}."""
    from sigap.standards.services import standard_load_catalogue

    return {standard.code: standard for standard in standard_load_catalogue()}


# --- Browser tests (Playwright driving the system's Chromium, headless) -----------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TIMEOUT_MS = 20_000
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium is not installed: `make test` installs it (scripts/system-deps)")
    # Playwright runs an event loop in this thread; the ORM calls of the tests are still sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page at phone width; `page.base_url` is the live server."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    # A live-server page answers in well under a second: fail fast instead of after 30 s.
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Keeps a full-page screenshot as a test artefact (test-artifacts/<name>.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked `postgres` (row locks, concurrency) run only on PostgreSQL."""
    if os.environ.get("TEST_DATABASE_URL", "").startswith(("postgres", "postgresql")):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set TEST_DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
