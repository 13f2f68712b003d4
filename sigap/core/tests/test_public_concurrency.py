"""Public forms under a burst of simultaneous submissions against a live server (PostgreSQL):
each stored exactly once, double clicks and second answers refused, no 5xx.

The full 1,000-submission run is `bench/stress_public.py`; this bounded one guards the same
properties in the suite.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.db import connection
from django.db.models import Count

from sigap.applications.models import Request, RequestStatus
from sigap.complaints import abuse
from sigap.complaints.models import Complaint
from sigap.surveys.elements import ELEMENT_CODES
from sigap.surveys.models import SurveyResponse
from sigap.surveys.services import survey_invitation_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SERVICE = "tarakan-sembako"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
FILE_INPUT = re.compile(r'<input type="file" name="([^"]+)"')
COMPLAINTS, SURVEYS, INVITED, REQUESTS = 40, 40, 16, 6
IN_FLIGHT = 24  # below the connections PostgreSQL allows next to the other test runs


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")


def browser(index: int) -> httpx.Client:
    """A client with its own cookies and loopback address (the per-IP rate limit stays on)."""
    address = f"127.9.{index // 250}.{1 + index % 250}"
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=120)


def token(pattern: re.Pattern, html: str) -> str:
    return pattern.search(html).group(1)


def open_complaint(client, base, office_id, marker) -> tuple[str, dict]:
    html = client.get(f"{base}/complaints/new/").text
    return f"{base}/complaints/new/", {
        "csrfmiddlewaretoken": token(CSRF, html),
        "started": token(STARTED, html),
        "office": str(office_id),
        "subject": f"Bantuan belum cair {marker}",
        "body": f"Penanda {marker}.",
        "phone": "081200001111",
    }


def open_survey(client, url, marker) -> tuple[str, dict]:
    html = client.get(url).text
    answers = {code: "3" for code in ELEMENT_CODES}
    return url, {
        **answers,
        "csrfmiddlewaretoken": token(CSRF, html),
        "started": token(STARTED, html),
        "sex": "f",
        "age": "40",
        "education": "sma",
        "occupation": "private",
        "suggestion": f"Penanda {marker}.",
    }


def open_request(client, base, index, marker) -> tuple[str, dict]:
    """The wizard walked up to "check your answers"."""
    page = f"{base}/apply/{SERVICE}"
    answers = [
        ("product", {"product_code": "kks-lost-ewallet"}),
        ("nik", {"nik": f"657101520585{index + 1:04d}"}),
        ("name", {"name": f"Warga {marker}"}),
        ("contact", {"contact_phone": "081200002222"}),
    ]
    for name, data in answers:
        html = client.get(f"{page}/{name}/").text
        response = client.post(
            f"{page}/{name}/", data={"csrfmiddlewaretoken": token(CSRF, html), **data}
        )
        assert response.status_code == 302, (name, response.text[-2000:])
    html = client.get(f"{page}/documents/").text
    files = {n: (f"{n}.pdf", PDF, "application/pdf") for n in FILE_INPUT.findall(html)}
    response = client.post(
        f"{page}/documents/", data={"csrfmiddlewaretoken": token(CSRF, html)}, files=files
    )
    assert response.status_code == 302, response.text[-2000:]
    html = client.get(f"{page}/check/").text
    return f"{page}/check/", {"csrfmiddlewaretoken": token(CSRF, html), "declaration": "on"}


def test_a_burst_of_public_submissions_is_stored_exactly_once(
    live_server, catalogue, cast, monkeypatch
):
    # The minimum fill time is the bench's business; here every form is sent at once.
    monkeypatch.setattr(abuse, "MIN_FILL_SECONDS", 0)
    office = cast.office("tarakan")
    standard = catalogue[SERVICE]
    base = live_server.url
    links = [
        survey_invitation_url(standard=standard, office=office, reference=f"R{i}")
        for i in range(INVITED)
    ]
    # (kind, marker, sends, detail): every form opened first, then all sent at once;
    # a one-time link is answered twice and every other wizard's "send" clicked twice.
    jobs = [("complaint", f"C{i:03d}", 1, None) for i in range(COMPLAINTS)]
    jobs += [("survey", f"S{i:03d}", 1, f"{base}/survey/{SERVICE}/") for i in range(SURVEYS)]
    jobs += [
        ("invited", f"I{i:03d}", 2, f"{base}/survey/r/{link.split('/survey/r/')[1]}")
        for i, link in enumerate(links)
    ]
    jobs += [("request", f"Q{i:03d}", 1 + i % 2, i) for i in range(REQUESTS)]
    clients = [browser(i) for i in range(len(jobs))]

    def prepare(job, client):
        kind, marker, _sends, extra = job
        if kind == "complaint":
            return open_complaint(client, base, office.pk, marker)
        if kind in ("survey", "invited"):
            return open_survey(client, extra, marker)
        return open_request(client, base, extra, marker)

    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        forms = list(pool.map(prepare, jobs, clients))
    statuses: list[tuple[str, int]] = []

    def send(kind, client, url, data):
        statuses.append((kind, client.post(url, data=data).status_code))

    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        for job, client, (url, data) in zip(jobs, clients, forms, strict=True):
            for _ in range(job[2]):
                pool.submit(send, job[0], client, url, data)
    for client in clients:
        client.close()

    assert not [s for s in statuses if s[1] >= 500], statuses
    complaints = Complaint.objects.filter(body__startswith="Penanda C")
    assert complaints.count() == COMPLAINTS
    assert complaints.values("body").distinct().count() == COMPLAINTS
    surveys = SurveyResponse.objects.filter(suggestion__startswith="Penanda S")
    assert surveys.count() == SURVEYS
    # Each one-time link answered twice at the same moment: stored once, the other refused.
    invited = SurveyResponse.objects.filter(invitation__isnull=False)
    assert invited.count() == INVITED
    assert invited.values("invitation").distinct().count() == INVITED
    assert sorted(s for k, s in statuses if k == "invited").count(302) == INVITED
    # The wizard's "send" clicked twice for half of them: one request each.
    submitted = Request.objects.exclude(status=RequestStatus.DRAFT)
    assert submitted.count() == REQUESTS
    assert submitted.values("applicant_person").distinct().count() == REQUESTS
    for model in (Request, Complaint):
        assert not model.objects.values("code").annotate(n=Count("pk")).filter(n__gt=1)
