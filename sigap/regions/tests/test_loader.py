"""The loader: idempotent, an edition update retires vanished codes, bad data loads nothing."""

import csv
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from sigap.regions.models import Region, RegionEdition, RegionLevel
from sigap.regions.services import DATA_DIR, DEFAULT_EDITION, RegionDataError, regions_load
from sigap.regions.testing import load_test_regions

FILES = ["provinces.csv", "regencies.csv", "districts.csv", "villages.csv"]


def test_the_vendored_edition_has_the_counts_of_the_2025_decree():
    # Counted from the files, not the database, so the test stays fast.
    counts = {}
    for name in FILES:
        with (DATA_DIR / DEFAULT_EDITION / name).open(encoding="utf-8") as handle:
            counts[name] = sum(1 for _ in csv.reader(handle)) - 1
    assert counts == {
        "provinces.csv": 38,
        "regencies.csv": 514,
        "districts.csv": 7285,
        "villages.csv": 83762,
    }
    assert (
        (DATA_DIR / DEFAULT_EDITION / "LICENSE.md")
        .read_text()
        .startswith("# Open Database License")
    )


def test_a_subset_load_keeps_the_tree_whole(regions):
    village = Region.objects.get(code="33.14.01.2001")
    assert village.level == RegionLevel.VILLAGE
    assert village.parent.parent.parent.code == "33"
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 3
    assert not Region.objects.filter(code__startswith="11").exists()
    assert regions.created == Region.objects.count()


def test_loading_the_same_edition_twice_changes_nothing(regions):
    before = list(Region.objects.values_list("code", "name", "edition_id", "retired_in_id"))
    again = load_test_regions()
    assert (again.created, again.updated, again.retired) == (0, 0, 0)
    assert again.unchanged == len(before)
    assert list(Region.objects.values_list("code", "name", "edition_id", "retired_in_id")) == before
    assert RegionEdition.objects.count() == 1


def _copy_edition(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(DATA_DIR / DEFAULT_EDITION, folder)
    (folder / "edition.json").write_text(f'{{"name": "{name}", "source": "test"}}')
    return folder


def _rewrite(path: Path, change) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows = [rows[0], *[r for r in (change(row) for row in rows[1:]) if r]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_a_new_edition_retires_vanished_codes_renames_and_adds(regions, tmp_path):
    folder = _copy_edition(tmp_path, "kepmendagri-2027")

    def change(row):
        if row[0] == "33.14.01.2001":
            return None  # merged away
        if row[0] == "33.14.01.2002":
            return [row[0], row[1], "Nama Baru"]
        return row

    _rewrite(folder / "villages.csv", change)
    with (folder / "villages.csv").open("a", encoding="utf-8") as handle:
        handle.write("33.14.01.2099,33.14.01,Desa Pemekaran\n")

    stats = regions_load(edition="kepmendagri-2027", data_dir=tmp_path, only=["33.14"])

    assert (stats.created, stats.updated, stats.retired) == (1, 1, 1)
    gone = Region.objects.get(code="33.14.01.2001")
    assert gone.is_retired and gone.retired_in.name == "kepmendagri-2027"
    assert gone.edition.name == DEFAULT_EDITION
    assert Region.objects.get(code="33.14.01.2002").name == "Nama Baru"
    assert Region.objects.get(code="33.14.01.2099").edition.name == "kepmendagri-2027"
    assert Region.objects.get(code="33.14").edition.name == "kepmendagri-2027"
    # Outside the loaded prefix nothing was touched.
    assert Region.objects.get(code="65.71").edition.name == DEFAULT_EDITION


def test_a_code_that_comes_back_in_a_later_edition_is_no_longer_retired(regions, tmp_path):
    folder = _copy_edition(tmp_path, "kepmendagri-2027")
    _rewrite(folder / "villages.csv", lambda row: None if row[0] == "65.71.01.1001" else row)
    regions_load(edition="kepmendagri-2027", data_dir=tmp_path, only=["65.71"])
    assert Region.objects.get(code="65.71.01.1001").is_retired

    stats = load_test_regions(prefixes=["65.71"])
    assert stats.updated >= 1
    assert not Region.objects.get(code="65.71.01.1001").is_retired


def test_bad_data_loads_nothing_and_says_where(tmp_path, db):
    folder = _copy_edition(tmp_path, "broken")
    _rewrite(
        folder / "villages.csv",
        lambda row: ["33.14.01.201", *row[1:]] if row[0] == "33.14.01.2001" else row,
    )
    with pytest.raises(RegionDataError, match=r"villages\.csv"):
        regions_load(edition="broken", data_dir=tmp_path, only=["33.14"])
    assert not Region.objects.exists()
    assert not RegionEdition.objects.exists()


def test_an_unknown_edition_is_an_error(db):
    with pytest.raises(RegionDataError):
        regions_load(edition="kepmendagri-1999")


def test_the_management_command_loads_an_edition(tmp_path, db, capsys):
    folder = _copy_edition(tmp_path, "small")
    _rewrite(folder / "villages.csv", lambda row: row if row[0].startswith("65.71") else None)
    _rewrite(folder / "districts.csv", lambda row: row if row[0].startswith("65.71") else None)
    _rewrite(folder / "regencies.csv", lambda row: row if row[0] == "65.71" else None)
    _rewrite(folder / "provinces.csv", lambda row: row if row[0] == "65" else None)
    call_command("load_regions", edition="small", data_dir=tmp_path)
    assert "26 regions (26 new" in capsys.readouterr().out
    assert Region.objects.count() == 26  # 1 province, 1 city, 4 districts, 20 villages


def test_identity_knows_exactly_the_provinces_of_the_current_edition():
    from sigap.identity import CURRENT_PROVINCE_CODES

    with (DATA_DIR / DEFAULT_EDITION / "provinces.csv").open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert codes == CURRENT_PROVINCE_CODES
