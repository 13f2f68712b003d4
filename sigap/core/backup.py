"""`sigap backup` / `sigap restore`: the database and the uploaded files in one archive.

The archive (.tar.gz) holds `data.json` (Django serialisation with natural keys, so it loads into
any fresh database, SQLite or PostgreSQL), the files of the default storage (MEDIA_ROOT or the
S3-compatible bucket), and `manifest.json` with the
row count of every model and the SHA-256 of every file. A restore goes into an EMPTY database and
verifies both against the manifest; any difference is an error.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction

# Rebuilt by migrate, or transient: not worth restoring.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
]
MANIFEST_VERSION = 1


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return _sha256_of(handle)


def _sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _stored_names(directory: str = "") -> Iterator[str]:
    """Every file of the default storage (local disk or S3-compatible bucket), sorted."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:  # a fresh local storage has no directory yet
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from _stored_names(f"{directory}/{sub}" if directory else sub)


def _excluded(label: str) -> bool:
    app_label = label.partition(".")[0]
    return app_label in EXCLUDED or label in EXCLUDED


def model_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if not _excluded(model._meta.label_lower) and model._meta.managed
    }


def backup_create(*, target: Path) -> dict:
    """Writes the archive to `target` and returns its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        with data_path.open("w") as out, transaction.atomic():
            # One transaction: counts and data are from the same moment (snapshot on PostgreSQL).
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                stdout=out,
                verbosity=0,
            )
            counts = model_counts()
        files = {}
        for name in _stored_names():
            with default_storage.open(name, "rb") as handle:
                files[name] = _sha256_of(handle)
        manifest = {
            "version": MANIFEST_VERSION,
            "database_vendor": connection.vendor,
            "counts": counts,
            "data_sha256": _sha256(data_path),
            "files": files,
        }
        with tarfile.open(target, "w:gz") as archive:
            archive.add(data_path, arcname="data.json")
            for name in files:
                # Streamed from the storage: a bucket's files need no local copy first.
                with default_storage.open(name, "rb") as handle:
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = default_storage.size(name)
                    archive.addfile(info, handle)
            raw = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
    return manifest


def _database_is_empty() -> bool:
    return not any(model_counts().values())


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Unsafe entry in archive: {member.name}")
        members.append(member)
    return members


def backup_restore(*, source: Path, force: bool = False) -> dict:
    """Restores an archive into an empty, migrated database and verifies it."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as archive:
        archive.extractall(tmp, members=_safe_members(archive), filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text())
        data_path = Path(tmp) / "data.json"
        if _sha256(data_path) != manifest["data_sha256"]:
            raise BackupError("data.json does not match the checksum in the manifest")
        if not _database_is_empty():
            if not force:
                raise BackupError("The database is not empty; restore needs an empty database")
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        with transaction.atomic():
            # Rows that migrate's signal handlers created (catalogue data) give way to the backup.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            for config in apps.get_app_configs():
                create_contenttypes(config, verbosity=0)
                create_permissions(config, verbosity=0)
            call_command("loaddata", str(data_path), verbosity=0)
            counts = model_counts()
            if counts != manifest["counts"]:
                diff = {
                    k: (manifest["counts"].get(k), counts.get(k))
                    for k in set(counts) | set(manifest["counts"])
                    if counts.get(k) != manifest["counts"].get(k)
                }
                raise BackupError(f"Row counts differ after restore (expected, found): {diff}")
        for relative, checksum in manifest["files"].items():
            # Back under its own name (the rows point at it), into whatever storage is set.
            if default_storage.exists(relative):
                default_storage.delete(relative)
            with (Path(tmp) / "media" / relative).open("rb") as handle:
                saved = default_storage.save(relative, File(handle))
            if saved != relative:
                raise BackupError(f"Restored file {relative} was stored as {saved}")
            with default_storage.open(relative, "rb") as handle:
                if _sha256_of(handle) != checksum:
                    raise BackupError(f"Checksum mismatch for restored file {relative}")
    return manifest
