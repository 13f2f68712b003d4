"""Load an edition of the region codes from its CSV files: bulk, streaming, idempotent.

A later edition loads as an update: new codes are added, renamed ones updated, and codes it no
longer lists are marked retired (never deleted, so addresses that use them keep resolving).
"""

import csv
import itertools
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from sigap.regions.codes import is_region_code, region_level_of, region_parent_code
from sigap.regions.models import CODE_LENGTH, Region, RegionEdition, RegionLevel

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_EDITION = "kepmendagri-2025"
# One file per level, parents before children; each has a header `code,<parent>_code,name`
# (provinces: `code,name`).
LEVEL_FILES = [
    (RegionLevel.PROVINCE, "provinces.csv"),
    (RegionLevel.REGENCY, "regencies.csv"),
    (RegionLevel.DISTRICT, "districts.csv"),
    (RegionLevel.VILLAGE, "villages.csv"),
]
_BATCH = 2000
# Names longer than the column are a data error, not something to truncate silently.
_NAME_MAX = Region._meta.get_field("name").max_length


class RegionDataError(ValueError):
    """The edition's files are not what the loader expects; nothing was loaded."""


@dataclass
class LoadStats:
    edition: str
    created: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return (
            f"{self.edition}: {self.total} regions ({self.created} new, {self.updated} updated, "
            f"{self.retired} retired, {self.unchanged} unchanged) in {self.seconds:.1f}s"
        )


def editions_available(data_dir: Path | None = None) -> list[str]:
    root = data_dir or DATA_DIR
    return sorted(p.parent.name for p in root.glob("*/edition.json"))


def _subset_filter(only: Sequence[str] | None) -> Callable[[str], bool]:
    """Keep codes inside one of the prefixes, and their ancestors (so the tree stays whole)."""
    if not only:
        return lambda code: True
    prefixes = tuple(only)

    def keep(code: str) -> bool:
        return any(
            code == p or code.startswith(p + ".") or p.startswith(code + ".") for p in prefixes
        )

    return keep


def _subset_q(only: Sequence[str] | None) -> Q:
    if not only:
        return Q()
    q = Q()
    for prefix in only:
        parts = prefix.split(".")
        ancestors = [".".join(parts[:n]) for n in range(1, len(parts))]
        q |= Q(code=prefix) | Q(code__startswith=prefix + ".") | Q(code__in=ancestors)
    return q


def _line_prefixes(only: Sequence[str] | None) -> tuple[str, ...] | None:
    """Raw-line prefixes that can hold a wanted code, so a subset load skips parsing the rest."""
    if not only:
        return None
    prefixes: set[str] = set()
    for prefix in only:
        parts = prefix.split(".")
        prefixes.update(".".join(parts[:n]) + "," for n in range(1, len(parts) + 1))
        prefixes.update((prefix + ".", f'"{prefix[:2]}'))
    return tuple(prefixes)


def _rows(
    folder: Path, keep: Callable[[str], bool], line_prefixes: tuple[str, ...] | None = None
) -> Iterator[tuple[str, str, RegionLevel, str | None] | None]:
    """Stream (code, name, level, parent code) from the edition's CSV files, checking each row."""
    for level, filename in LEVEL_FILES:
        path = folder / filename
        if not path.exists():
            raise RegionDataError(f"{path.name} is missing from edition {folder.name}")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = handle
            if line_prefixes is not None:
                header_line = next(handle, "")
                lines = itertools.chain(
                    [header_line], (line for line in handle if line.startswith(line_prefixes))
                )
            reader = csv.reader(lines)
            header = next(reader, [])
            if not header or header[0] != "code" or header[-1] != "name":
                raise RegionDataError(f"{filename}: unexpected header {header}")
            for line, row in enumerate(reader, start=2):
                yield _checked_row(row, level, filename, line, keep)


def _checked_row(row: list[str], level: RegionLevel, filename: str, line: int, keep):
    code, name = row[0].strip(), row[-1].strip()
    if not keep(code):
        return None
    if not is_region_code(code) or len(code) != CODE_LENGTH[level]:
        raise RegionDataError(f"{filename}:{line}: {code!r} is not a {level} code")
    parent = region_parent_code(code)
    if len(row) == 3 and row[1].strip() != parent:
        raise RegionDataError(f"{filename}:{line}: parent {row[1]!r} does not match {code}")
    if not name or len(name) > _NAME_MAX:
        raise RegionDataError(f"{filename}:{line}: bad name {name!r}")
    return code, name, region_level_of(code), parent


def _edition_meta(folder: Path, edition: str) -> dict:
    meta_path = folder / "edition.json"
    if not meta_path.exists():
        raise RegionDataError(f"Unknown region edition {edition!r}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {"title": meta.get("title", ""), "source": meta.get("source", "")}


@transaction.atomic
def regions_load(
    *,
    edition: str | None = None,
    stdout: TextIO | None = None,
    data_dir: Path | None = None,
    only: Sequence[str] | None = None,
) -> LoadStats:
    """Load `edition` (default: DEFAULT_EDITION) from `data_dir`/<edition>/ into the database.

    `only` limits the load to some code prefixes (`["33.14"]`: Sragen and its ancestors), for
    tests; codes outside the prefixes are neither added nor retired.
    """
    started = time.monotonic()
    edition = edition or DEFAULT_EDITION
    folder = (data_dir or DATA_DIR) / edition
    meta = _edition_meta(folder, edition)
    record, _ = RegionEdition.objects.update_or_create(name=edition, defaults=meta)
    stats = LoadStats(edition=edition)
    in_subset = _subset_q(only)
    existing = {
        code: (name, retired_in_id)
        for code, name, retired_in_id in Region.objects.filter(in_subset).values_list(
            "code", "name", "retired_in_id"
        )
    }
    seen: set[str] = set()
    to_create: list[tuple[str, str, str, str | None, int]] = []
    to_update: list[Region] = []
    for row in _rows(folder, _subset_filter(only), _line_prefixes(only)):
        if row is None:
            continue
        code, name, level, parent = row
        if code in seen:
            raise RegionDataError(f"{code} appears twice in edition {edition}")
        seen.add(code)
        current = existing.get(code)
        if current is None:
            to_create.append((code, name, level.value, parent, record.pk))
            if len(to_create) >= _BATCH:
                stats.created += _create(to_create)
        elif current != (name, None):
            to_update.append(Region(code=code, name=name, retired_in=None, edition=record))
        else:
            stats.unchanged += 1
    stats.created += _create(to_create)
    Region.objects.bulk_update(to_update, ["name", "retired_in", "edition"], batch_size=500)
    stats.updated = len(to_update)
    stats.retired = _retire(
        [code for code, (_, retired) in existing.items() if code not in seen and retired is None],
        record,
    )
    # Codes listed again by this edition now belong to it; one statement, skipped on a re-run.
    listed = Region.objects.filter(in_subset, retired_in__isnull=True).exclude(edition=record)
    if listed.exists():
        listed.update(edition=record)
    record.loaded_at = timezone.now()
    record.save(update_fields=["loaded_at", "updated_at"])
    stats.seconds = time.monotonic() - started
    if stdout is not None:
        stdout.write(f"Regions {stats}\n")
    return stats


def _columns() -> list[str]:
    names = ("code", "name", "level", "parent", "edition")
    return [connection.ops.quote_name(Region._meta.get_field(n).column) for n in names]


def _create(batch: list[tuple[str, str, str, str | None, int]]) -> int:
    """COPY on PostgreSQL, executemany elsewhere: bulk_create spends 15 s building instances.

    Only model metadata goes into the SQL; every value is sent as data.
    """
    count = len(batch)
    if not batch:
        return 0
    table = connection.ops.quote_name(Region._meta.db_table)
    columns = ", ".join(_columns())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(batch[0]))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, batch)
    batch.clear()
    return count


def _retire(codes: list[str], record: RegionEdition) -> int:
    for start in range(0, len(codes), 500):
        Region.objects.filter(code__in=codes[start : start + 500]).update(retired_in=record)
    return len(codes)
