"""Files on S3-compatible object storage: an S3 server (moto's) on the loopback, started by the
test; uploads and issued documents land in the bucket, not on the disk, are served only through
the permission-checked views, and backup and restore carry them."""

import socket
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client

from sigap.accounts.roles import Role
from sigap.applications import services
from sigap.applications.letters import receipt_ensure
from sigap.applications.models import Channel
from sigap.applications.tests import factories
from sigap.core.backup import backup_create, backup_restore
from sigap.core.storage import s3_storage
from sigap.registry.models import Person

KEY, SECRET, REGION = "sigap-test", "sigap-test-secret", "us-east-1"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A fresh private bucket, set as the default storage the way the settings do it."""
    import boto3

    name = f"sigap-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        region_name=REGION,
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            bucket=name,
            endpoint_url=s3_endpoint,
            region=REGION,
            access_key=KEY,
            secret_key=SECRET,
            prefix="files",
        ),
    }
    return client, name


def _keys(client, name: str) -> set[str]:
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {item["Key"] for item in listed}


def _filed(sembako, front):
    person = Person.objects.create(nik="6571015205850333", name="Siti Aminah")
    return services.request_create(
        standard=sembako,
        product_code="kks-new",
        person=person,
        channel=Channel.FRONT_OFFICE,
        user=front,
        uploads={
            code: factories.pdf_file(f"{code}.pdf")
            for code in ("kk-ktp", "kks", "kelurahan-letter", "savings-book")
        },
        issue_receipt=False,
    )


def test_uploads_and_issued_documents_live_in_the_bucket_not_on_disk(
    bucket, sembako, tarakan, cast
):
    client, name = bucket
    front = tarakan[Role.FRONT_OFFICE]
    request = _filed(sembako, front)
    receipt = receipt_ensure(request=request)
    keys = _keys(client, name)
    assert f"files/{receipt.file.name}" in keys
    uploads = [u.file.name for u in request.uploads.all()]
    assert uploads and all(f"files/{n}" in keys for n in uploads)
    assert not (Path(django_settings.MEDIA_ROOT) / receipt.file.name).exists()
    # Private: no grant to everyone on the object; a URL the storage gives is signed, short.
    grants = client.get_object_acl(Bucket=name, Key=f"files/{receipt.file.name}")["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    url = default_storage.url(receipt.file.name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url

    # Served through the permission-checked view: the office's staff get the bytes ...
    download = cast.client_for(front).get(f"/staff/documents/{receipt.pk}/download")
    assert download.status_code == 200
    stored = client.get_object(Bucket=name, Key=f"files/{receipt.file.name}")["Body"].read()
    assert b"".join(download.streaming_content) == stored and stored.startswith(b"%PDF")
    # ... another office's staff and the anonymous public do not.
    other = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    assert other.get(f"/staff/documents/{receipt.pk}/download").status_code == 404
    assert Client().get(f"/staff/documents/{receipt.pk}/download").status_code in (302, 403)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_carry_the_bucket_files(bucket, sembako, tarakan, tmp_path):
    client, name = bucket
    request = _filed(sembako, tarakan[Role.FRONT_OFFICE])
    receipt = receipt_ensure(request=request)
    original = default_storage.open(receipt.file.name, "rb").read()
    archive = tmp_path / "sigap.tar.gz"
    manifest = backup_create(target=archive)
    assert receipt.file.name in manifest["files"]
    with tarfile.open(archive) as tar:
        assert tar.extractfile(f"media/{receipt.file.name}").read() == original

    # The machine is lost: an empty database, an emptied bucket.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    for key in _keys(client, name):
        client.delete_object(Bucket=name, Key=key)
    backup_restore(source=archive)
    assert default_storage.open(receipt.file.name, "rb").read() == original
    assert f"files/{receipt.file.name}" in _keys(client, name)
