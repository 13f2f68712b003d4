"""The formatting layer: one way to write each kind of figure, date and time."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from sigap.core import formatting

UTC = datetime.UTC


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


@pytest.mark.parametrize(
    ("region", "zone"),
    [
        ("65.71", "WITA"),
        ("65", "WITA"),
        ("33.14", "WIB"),
        ("36", "WIB"),
        ("91.71", "WIT"),
        ("", "WIB"),
    ],
)
def test_an_office_keeps_the_zone_of_its_province(region, zone):
    office = SimpleNamespace(region_code=region)
    assert formatting.zone_name(formatting.zone_for_office(office)) == zone


def test_a_tarakan_time_is_written_in_wita():
    tarakan = SimpleNamespace(region_code="65.71")
    moment = datetime.datetime(2026, 12, 3, 1, 15, tzinfo=UTC)
    assert formatting.format_datetime(moment, office=tarakan) == "3 Desember 2026 pukul 09.15 WITA"
    assert formatting.format_time(moment, office=tarakan) == "09.15 WITA"


def test_the_date_of_a_late_evening_moment_is_the_local_date():
    jayapura = SimpleNamespace(region_code="91")
    moment = datetime.datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    assert formatting.format_date(moment, office=jayapura) == "1 Januari 2027"
    assert formatting.format_date(datetime.date(1969, 12, 19)) == "19 Desember 1969"
    assert formatting.format_date_short(datetime.date(2026, 8, 17)) == "17 Agu 2026"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (0.6, 2, "0,60"),
        (75, 2, "75,00"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (1234567, 0, "1.234.567"),
        (-1.25, 1, "-1,3"),
        (None, 2, ""),
        ("abc", 2, ""),
    ],
)
def test_numbers_always_carry_the_same_decimals(value, places, text):
    assert formatting.format_number(value, places) == text


def test_percentages_are_on_zero_to_hundred():
    assert formatting.format_percent(75) == "75,0 %"
    assert formatting.format_percent(0.125, 1, ratio=True) == "12,5 %"


def test_a_thirty_minute_service_is_counted_in_minutes():
    assert formatting.format_duration(datetime.timedelta(minutes=29.6)) == "30 menit"
    assert formatting.format_duration(17.4, unit="minutes") == "17 menit"
    assert formatting.format_duration(datetime.timedelta(hours=2, minutes=5)) == "2 jam 5 menit"
    assert formatting.format_duration(datetime.timedelta(days=3, hours=4)) == "3 hari 4 jam"
    assert formatting.format_duration(90, unit="minutes") == "90 menit"
    assert formatting.format_working_days(Decimal("3.5")) == "3,5 hari kerja"


@pytest.mark.parametrize(
    ("period", "name"),
    [
        ("2026-01", "Januari 2026"),
        ("2026-S1", "Semester I 2026"),
        ("2026-S2", "Semester II 2026"),
        ("2026-Q3", "Triwulan III 2026"),
        ("2026", "2026"),
        ("2026-13", "2026-13"),
        ("x", "x"),
    ],
)
def test_periods_have_indonesian_names(period, name):
    assert formatting.period_name(period) == name


@pytest.mark.parametrize(
    ("nip", "text"),
    [
        ("197005151995031002", "19700515 199503 1 002"),
        ("19700515 199503 1 002", "19700515 199503 1 002"),
        ("12345", "12345"),
        ("", ""),
    ],
)
def test_a_nip_is_spaced_eight_six_one_three(nip, text):
    assert formatting.format_nip(nip) == text


def test_money_in_rupiah_and_in_words():
    assert formatting.rupiah(150000) == "Rp150.000"
    assert formatting.terbilang(150000) == "seratus lima puluh ribu rupiah"
    assert formatting.terbilang("x") == ""


def test_the_template_filters_use_the_same_layer():
    office = SimpleNamespace(region_code="65.71")
    moment = datetime.datetime(2026, 12, 3, 1, 15, tzinfo=UTC)
    html = Template(
        "{% load fmt %}{{ t|local_datetime:office }}|{{ x|number:2 }}|{{ p|percent }}|{{ n|nip }}|"
        "{{ '2026-S1'|period }}|{{ m|duration:'minutes' }}|{{ office|zone_name }}"
    ).render(
        Context(
            {"t": moment, "office": office, "x": 0.6, "p": 12, "n": "197005151995031002", "m": 30}
        )
    )
    assert html == (
        "3 Desember 2026 pukul 09.15 WITA|0,60|12,0 %|19700515 199503 1 002|"
        "Semester I 2026|30 menit|WITA"
    )


def test_hours_kept_as_a_number_read_as_a_duration():
    assert formatting.format_hours(0.29) == "17 menit"
    assert formatting.format_hours(5520) == "230 hari"
    assert formatting.format_hours(None) == ""
    html = Template("{% load fmt %}{{ h|hours }}|{{ '2026-03'|period_short }}").render(
        Context({"h": 2.5})
    )
    assert html == "2 jam 30 menit|Mar 2026"


def test_an_iso_date_kept_in_json_reads_as_a_date():
    assert formatting.format_date("2026-11-03") == "3 November 2026"
    assert formatting.format_date("soon") == "soon"
