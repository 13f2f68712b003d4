"""A Python client generated from /api/v1/openapi.json runs a whole request path.

If the description drifts from what the server needs (a body documented under another
operation's schema, a missing field), the generated models send the wrong body and this
path breaks; the test generates the client afresh from the served description each run.
"""

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.applications.tests import factories

PACKAGE = "sigap_generated_client"
NIK = "6571015205850777"


@pytest.fixture
def generated(client, tmp_path, monkeypatch):
    """The client package generated from the served description, imported from tmp_path."""
    # The venv's own script first: the suite may run without the venv on PATH.
    beside = Path(sys.executable).with_name("openapi-python-client")
    generator = str(beside) if beside.exists() else shutil.which("openapi-python-client")
    assert generator, "openapi-python-client (a dev dependency) is not installed"
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(client.get("/api/v1/openapi.json").json()))
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"post_hooks": [], "package_name_override": PACKAGE}))
    result = subprocess.run(  # noqa: S603 - our own dev tool, fixed arguments
        [
            generator,
            "generate",
            "--path",
            str(spec),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith(PACKAGE)]:
        del sys.modules[name]
    return importlib.import_module(PACKAGE)


def _api(name: str):
    return importlib.import_module(f"{PACKAGE}.api.requests.sigap_applications_api_{name}")


def _model(name: str):
    models = importlib.import_module(f"{PACKAGE}.models")
    return getattr(models, name)


def test_a_generated_client_opens_submits_receives_and_tracks_a_request(generated, cast, wsgi_app):
    factories.sembako_standard(cast.office("tarakan"))
    front_office = cast.user("tarakan", Role.FRONT_OFFICE)
    _, raw = api_token_create(user=front_office, name="generated client")
    transport = httpx.WSGITransport(app=wsgi_app)
    staff = generated.AuthenticatedClient(
        base_url="http://testserver", token=raw, httpx_args={"transport": transport}
    )
    public = generated.Client(base_url="http://testserver", httpx_args={"transport": transport})

    request_in = _model("RequestIn")(
        service_code=factories.SEMBAKO,
        product_code="kks-new",
        applicant=_model("ApplicantIn")(nik=NIK, name="Rahmawati", phone="081299990000"),
    )
    created = _api("request_create").sync_detailed(client=staff, body=request_in)
    assert created.status_code == 201, created.content
    draft = created.parsed
    assert draft.status == "draft" and draft.applicant_nik_masked != NIK

    upload_body = _model("SigapApplicationsApiUploadCreateMultiPartBodyParams")
    file_type = importlib.import_module(f"{PACKAGE}.types").File
    for check in draft.checklist:
        body = upload_body(
            requirement=check.code,
            file=file_type(
                payload=factories.pdf_file().file, file_name="scan.pdf", mime_type="application/pdf"
            ),
        )
        uploaded = _api("upload_create").sync_detailed(client=staff, code=draft.code, body=body)
        assert uploaded.status_code == 201, uploaded.content
        assert uploaded.parsed.requirement == check.code

    submitted = _api("request_submit").sync(
        client=staff, code=draft.code, body=_model("SubmitIn")()
    )
    assert submitted.status == "submitted"

    # The claim needs `expected_version`: the schema once lost it under another operation's name.
    claimed = _api("request_assign").sync_detailed(
        client=staff,
        code=draft.code,
        body=_model("RequestAssignIn")(expected_version=submitted.version),
    )
    assert claimed.status_code == 200, claimed.content
    assert claimed.parsed.assigned_to == front_office.username

    received = _api("request_act").sync_detailed(
        client=staff,
        code=draft.code,
        body=_model("ActIn")(action="receive", expected_version=claimed.parsed.version),
    )
    assert received.status_code == 200, received.content
    assert received.parsed.status == "in_progress"
    assert received.parsed.history[-1].action == "receive"

    tracked = _api("track").sync(client=public, code=draft.code.lower())
    assert tracked.code == draft.code
    assert tracked.status == received.parsed.status
    assert NIK not in json.dumps(tracked.to_dict())
