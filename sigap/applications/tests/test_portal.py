"""The public portal wizard: one question per page, check your answers, confirmation."""

from django.test import Client
from django.urls import reverse

from sigap.applications.models import Request, RequestStatus
from sigap.applications.tests import factories
from sigap.registry.models import Person

NIK = "6571015205850555"


def page(code, name):
    return reverse("applications:apply_page", args=[code, name])


def walk(client, standard, product="kks-lost-ewallet"):
    code = standard.code
    assert client.get(reverse("applications:apply_start", args=[code])).status_code == 200
    assert client.post(page(code, "product"), {"product_code": product}).status_code == 302
    assert client.post(page(code, "nik"), {"nik": NIK}).status_code == 302
    assert client.post(page(code, "name"), {"name": "Nur Aisyah"}).status_code == 302
    response = client.post(page(code, "contact"), {"contact_phone": "081200001111"})
    assert response.status_code == 302 and response.url == page(code, "documents")
    assert client.get(page(code, "documents")).status_code == 200
    response = client.post(page(code, "documents"), factories.files_for(standard, product))
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_a_citizen_applies_and_gets_a_reference_number_and_receipt(sembako):
    client = Client()
    walk(client, sembako)
    check = client.get(page(sembako.code, "check"))
    assert "Nur Aisyah" in check.content.decode()
    # The declaration is required: the error summary shows.
    response = client.post(page(sembako.code, "check"), {})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    response = client.post(page(sembako.code, "check"), {"declaration": "on"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    req = Request.objects.get(applicant_person__nik=NIK)
    assert req.status == RequestStatus.SUBMITTED and req.channel == "portal"
    done = client.get(response.url).content.decode()
    assert req.code in done
    receipt = client.get(reverse("applications:apply_receipt", args=[sembako.code]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    # Another browser cannot fetch that receipt.
    other = Client().get(reverse("applications:apply_receipt", args=[sembako.code]))
    assert other.status_code == 404


def test_a_page_cannot_be_skipped(sembako):
    response = Client().get(page(sembako.code, "documents"))
    assert response.status_code == 302 and response.url == page(sembako.code, "product")


def test_a_wrong_nik_shows_the_error_summary(sembako):
    client = Client()
    client.post(page(sembako.code, "product"), {"product_code": "kks-new"})
    response = client.post(page(sembako.code, "nik"), {"nik": "12345"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_the_portal_does_not_overwrite_a_known_person(sembako):
    Person.objects.create(nik=NIK, name="Nama Asli")
    walk(Client(), sembako)
    assert Person.objects.get(nik=NIK).name == "Nama Asli"


def test_a_fake_pdf_is_refused_on_the_portal(sembako):
    client = Client()
    code = sembako.code
    client.post(page(code, "product"), {"product_code": "kks-new"})
    client.post(page(code, "nik"), {"nik": NIK})
    client.post(page(code, "name"), {"name": "Nur"})
    client.post(page(code, "contact"), {})
    files = factories.files_for(sembako, "kks-new")
    files["kk-ktp"] = factories.fake_pdf()
    response = client.post(page(code, "documents"), files)
    assert response.status_code == 400
    assert "PDF, JPEG" in response.content.decode() or "PDF" in response.content.decode()


def test_a_service_without_public_intake_is_not_offered(kehabisan_bekal):
    response = Client().get(reverse("applications:apply_start", args=[kehabisan_bekal.code]))
    assert response.status_code == 404


def test_mandatory_uploads_are_not_called_optional_and_a_missing_one_is_named(sembako):
    client = Client()
    code = sembako.code
    client.post(page(code, "product"), {"product_code": "kks-lost-ewallet"})
    client.post(page(code, "nik"), {"nik": NIK})
    client.post(page(code, "name"), {"name": "Nur Aisyah", "address": "Jl. Yos Sudarso 12"})
    client.post(page(code, "contact"), {"contact_phone": "081200001111"})
    html = client.get(page(code, "documents")).content.decode()
    mandatory = [
        r for r in sembako.requirements.filter(kind="document", mandatory=True) if r.label in html
    ]
    assert mandatory
    for requirement in mandatory:
        label = html.split(requirement.label, 1)[1].split("</label>", 1)[0]
        assert "opsional" not in label, requirement.label
    response = client.post(page(code, "documents"), {})
    assert response.status_code == 400
    summary = response.content.decode().split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_' in summary  # each missing document links to its field


def test_the_check_page_shows_every_answer_including_the_address(sembako):
    client = Client()
    code = sembako.code
    client.post(page(code, "product"), {"product_code": "kks-lost-ewallet"})
    client.post(page(code, "nik"), {"nik": NIK})
    client.post(page(code, "name"), {"name": "Nur Aisyah", "address": "Jl. Yos Sudarso 12"})
    client.post(page(code, "contact"), {"contact_phone": "081200001111"})
    client.post(page(code, "documents"), factories.files_for(sembako, "kks-lost-ewallet"))
    check = client.get(page(code, "check")).content.decode()
    for answer in ("Nur Aisyah", "Jl. Yos Sudarso 12", "081200001111", NIK):
        assert answer in check


def _submit(client, sembako, *, capture):
    walk(client, sembako)
    with capture(execute=False) as callbacks:
        response = client.post(page(sembako.code, "check"), {"declaration": "on"})
    assert response.status_code == 302
    return Request.objects.get(applicant_person__nik=NIK), callbacks


def test_the_submission_renders_no_pdf_a_task_issues_the_receipt_once(
    sembako, django_capture_on_commit_callbacks
):
    from sigap.applications.letters import receipt_for
    from sigap.documents.models import IssuedDocument

    client = Client()
    req, callbacks = _submit(client, sembako, capture=django_capture_on_commit_callbacks)
    # The citizen's answer came back before any receipt existed.
    assert receipt_for(req) is None
    assert req.code in client.get(reverse("applications:apply_done", args=[sembako.code])).text
    for callback in callbacks:  # what the commit hands to the task queue
        callback()
    issued = receipt_for(req)
    assert issued is not None
    # The task run a second time (its worker killed after issuing): still one receipt.
    from sigap.applications.tasks import issue_receipt

    issue_receipt.call(req.pk)
    assert IssuedDocument.objects.filter(template_code="request-receipt").count() == 1
    receipt = client.get(reverse("applications:apply_receipt", args=[sembako.code]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert b"".join(receipt.streaming_content) == issued.file.open("rb").read()


def test_a_download_before_the_task_issues_the_receipt_and_the_task_adds_none(
    sembako, django_capture_on_commit_callbacks
):
    from sigap.documents.models import IssuedDocument

    client = Client()
    _req, callbacks = _submit(client, sembako, capture=django_capture_on_commit_callbacks)
    receipt = client.get(reverse("applications:apply_receipt", args=[sembako.code]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    for callback in callbacks:
        callback()
    assert IssuedDocument.objects.filter(template_code="request-receipt").count() == 1
