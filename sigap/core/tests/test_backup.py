"""Backup and restore: every row and file comes back, verified by counts and checksums."""

import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from sigap.accounts.models import Office, User
from sigap.accounts.roles import Role
from sigap.core.backup import BackupError, backup_create, backup_restore, model_counts

pytestmark = pytest.mark.django_db(transaction=True)


def _media_file(name: str, content: bytes) -> Path:
    path = Path(settings.MEDIA_ROOT) / "backup-test" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_restore_into_an_empty_database_brings_back_rows_and_files(cast, tmp_path):
    cast.user("tarakan", Role.FRONT_OFFICE)
    cast.user("lebak", Role.SOCIAL_WORKER)
    upload = _media_file("surat.pdf", b"%PDF-1.4 test")
    before = model_counts()
    archive = tmp_path / "sigap.tar.gz"
    manifest = backup_create(target=archive)
    assert manifest["counts"]["accounts.user"] == 2

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    upload.unlink()
    assert User.objects.count() == 0

    backup_restore(source=archive)
    assert model_counts() == before
    assert Office.objects.get(code="lebak").parent.code == "banten"
    assert User.objects.get(username="tarakan.front_office").has_role(Role.FRONT_OFFICE)
    assert upload.read_bytes() == b"%PDF-1.4 test"


def test_restore_refuses_a_database_that_is_not_empty(cast, tmp_path):
    cast.user("tarakan", Role.FRONT_OFFICE)
    archive = tmp_path / "sigap.tar.gz"
    backup_create(target=archive)
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(source=archive)


def test_a_tampered_archive_fails_verification(cast, tmp_path):
    cast.user("tarakan", Role.FRONT_OFFICE)
    archive = tmp_path / "sigap.tar.gz"
    backup_create(target=archive)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    data = unpacked / "data.json"
    data.write_text(data.read_text().replace("Tarakan", "Tarakam"))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for child in unpacked.iterdir():
            tar.add(child, arcname=child.name)
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(source=tampered)


def test_restore_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "none.tar.gz"))
