"""The polars NIK/KK rules give the same verdict as sigap.identity on the same values."""

from datetime import date

import polars as pl
import pytest
from django.core.exceptions import ValidationError

from sigap.identity import validate_kk, validate_nik
from sigap.registry.importing import rules

TODAY = date(2026, 11, 23)
VALUES = [
    "3314014501800001",
    "3314010101900001",
    " 3314-0101-9000-01 ",
    "'3314010101900001",
    "3314012902000001",
    "3314012902010001",
    "3314016902000001",
    "3314013102800001",
    "3314011313800001",
    "3314010001800001",
    "3314010101900000",
    "331401010190000",
    "33140101019000011",
    "3.31401E+15",
    "3,314E+15",
    "3314010101900000.0",
    "3314010101900001.0",
    "9914010101900001",
    "5414010101900001",
    "3300010101900001",
    "3314000101900001",
    "33140101019000A1",
    "",
    "   ",
    "3314015212250001",
    "3314010101260001",
    "3314011212260001",
]


def _identity_code(func, value):
    try:
        func(value)
    except ValidationError as exc:
        return exc.code
    return None


@pytest.mark.parametrize("kind", ["nik", "kk"])
def test_vectorised_rules_agree_with_sigap_identity(kind):
    frame = pl.DataFrame({"v": VALUES})
    checked = rules.with_identity_checks(frame, "v", "__x", nik=kind == "nik", today=TODAY)
    ours = checked.get_column("__x_code").to_list()
    if kind == "nik":
        theirs = [_identity_code(lambda v: validate_nik(v, today=TODAY), v) for v in VALUES]
    else:
        theirs = [_identity_code(validate_kk, v) for v in VALUES]
    assert list(zip(VALUES, ours, strict=True)) == list(zip(VALUES, theirs, strict=True))


def test_vectorised_birth_date_and_sex_match_the_nik():
    frame = pl.DataFrame({"v": ["3314014501800001", "3314012902000001"]})
    checked = rules.with_identity_checks(frame, "v", "__x", nik=True, today=TODAY)
    births = checked.get_column("__x_birth").to_list()
    assert births == [validate_nik(v, today=TODAY).birth_date for v in frame["v"]]
    sexes = frame.select(rules.nik_sex(pl.col("v"))).to_series().to_list()
    assert sexes == [validate_nik(v, today=TODAY).sex for v in frame["v"]]
