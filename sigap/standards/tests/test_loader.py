"""Loading the catalogue: idempotent, new revisions kept beside old, bad files refused clearly."""

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from sigap.standards.apps import load_catalogue_after_migrate
from sigap.standards.models import ProcedureStep, ServiceStandard
from sigap.standards.selectors import standard_in_force, standards_public
from sigap.standards.services import CATALOGUE_DIR, standard_load_catalogue

pytestmark = pytest.mark.django_db

SEMBAKO = CATALOGUE_DIR / "tarakan-sembako.yaml"


@pytest.fixture(autouse=True)
def english():
    """The catalogue's messages are checked in English (the msgids); the UI shows Indonesian."""
    with translation.override("en"):
        yield


def write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def sembako_data() -> dict:
    return yaml.safe_load(SEMBAKO.read_text(encoding="utf-8"))


def test_loading_twice_changes_nothing(catalogue):
    before = {s.pk: s.updated_at for s in ServiceStandard.objects.all()}
    steps_before = list(ProcedureStep.objects.values_list("pk", "order", "label"))
    again = standard_load_catalogue()
    assert {s.pk for s in again} == set(before)
    assert {s.pk: s.updated_at for s in ServiceStandard.objects.all()} == before
    assert list(ProcedureStep.objects.values_list("pk", "order", "label")) == steps_before


def test_a_new_revision_adds_a_row_and_keeps_the_old_one(catalogue, tmp_path):
    old = catalogue["tarakan-sembako"]
    data = sembako_data()
    data["revision"] = 2
    data["effective_date"] = date(2026, 1, 5)
    data["time_limit"] = {"kind": "minutes", "value": 20, "text": "20 menit"}
    data["procedure"]["items"].insert(
        2,
        {"code": "verify", "role": "verifier", "actions": ["check"], "label": "Verifikasi data"},
    )
    standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))

    revisions = ServiceStandard.objects.filter(code="tarakan-sembako").order_by("revision")
    assert [(s.revision, s.time_limit_text) for s in revisions] == [
        (1, "30 menit"),
        (2, "20 menit"),
    ]
    old.refresh_from_db()
    assert old.steps.count() == 6
    assert revisions[1].steps.count() == 7
    assert standard_in_force(code="tarakan-sembako", on=date(2025, 6, 1)).revision == 1
    assert standard_in_force(code="tarakan-sembako", on=date(2026, 2, 1)).revision == 2
    in_force = standards_public(on=date(2026, 2, 1)).filter(code="tarakan-sembako")
    assert [s.revision for s in in_force] == [2]


def test_reloading_a_revision_updates_it_in_place_and_renumbers_steps(catalogue, tmp_path):
    standard = catalogue["tarakan-sembako"]
    step_ids = dict(standard.steps.values_list("code", "pk"))
    data = sembako_data()
    items = data["procedure"]["items"]
    items.insert(0, {"code": "queue", "role": "front_office", "actions": ["receive"], "label": "Q"})
    del items[3]  # "analyse" leaves revision 1: nothing refers to it yet
    standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    steps = list(standard.steps.order_by("order").values_list("order", "code", "pk"))
    assert [code for _, code, _ in steps] == [
        "queue",
        "receive",
        "check",
        "initial",
        "sign",
        "register-handover",
    ]
    assert [order for order, _, _ in steps] == [1, 2, 3, 4, 5, 6]
    assert dict((code, pk) for _, code, pk in steps)["sign"] == step_ids["sign"]


def test_standard_in_force_is_a_404_for_an_unknown_code_or_before_the_effective_date(catalogue):
    from django.http import Http404

    with pytest.raises(Http404):
        standard_in_force(code="no-such-service")
    with pytest.raises(Http404):
        standard_in_force(code="tarakan-sembako", on=date(2025, 1, 9))
    assert standard_in_force(code="tarakan-sembako", on=date(2025, 1, 10)).revision == 1


def test_unpublished_revisions_are_not_in_force(catalogue, tmp_path):
    data = sembako_data()
    data["revision"] = 3
    data["published"] = False
    standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    assert standard_in_force(code="tarakan-sembako").revision == 1
    assert standards_public("tarakan").get().revision == 1


def test_a_bad_value_names_the_file_and_the_key(db, tmp_path):
    data = sembako_data()
    data["procedure"]["items"][2]["role"] = "janitor"
    path = write(tmp_path / "tarakan-sembako.yaml", data)
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=path)
    message = error.value.messages[0]
    assert message.startswith("tarakan-sembako.yaml: procedure.items[2].role:")
    assert ServiceStandard.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("time_limit"), "tarakan-sembako.yaml: time_limit: Field required"),
        (lambda d: d.update(surprise=1), "tarakan-sembako.yaml: surprise: Extra inputs"),
        (
            lambda d: d["signer"].update(nip=19680318),
            "tarakan-sembako.yaml: signer.nip: Input should be a valid string",
        ),
        (
            lambda d: d["requirements"]["items"][4].update(product_codes=["funeral"]),
            "names unknown products: funeral",
        ),
        (
            lambda d: d["products"]["items"].append(d["products"]["items"][0]),
            "products: code used twice: kks-new",
        ),
        (
            lambda d: d.update(time_limit={"kind": "minutes", "text": "cepat"}),
            "a time limit in minutes needs a value",
        ),
        (lambda d: d.update(code="Tarakan Sembako"), "code: String should match pattern"),
        (
            lambda d: d["requirements"]["items"][3].update(due_at_step="payout"),
            "'savings-book' is due at an unknown step: payout",
        ),
    ],
)
def test_a_bad_catalogue_file_is_refused_with_a_clear_message(db, tmp_path, change, expected):
    data = sembako_data()
    change(data)
    path = write(tmp_path / "tarakan-sembako.yaml", data)
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=path)
    assert any(expected in m for m in error.value.messages), error.value.messages


def test_a_file_that_is_not_yaml_is_refused(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("code: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=path)
    assert error.value.messages[0].startswith("broken.yaml: not valid YAML")


def test_a_file_must_be_named_after_its_code(db, tmp_path):
    path = write(tmp_path / "sembako.yaml", sembako_data())
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=path)
    assert "tarakan-sembako.yaml" in error.value.messages[0]


def test_an_unknown_office_is_refused(db, tmp_path):
    data = sembako_data()
    data["office"] = "atlantis"
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    assert error.value.messages == [
        "tarakan-sembako.yaml: office: no office with the code atlantis."
    ]


def test_a_code_is_unique_across_offices(catalogue, tmp_path):
    data = sembako_data()
    data["office"] = "sragen"
    data.pop("unit")
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    assert "already a service of office tarakan" in error.value.messages[0]


def test_one_bad_file_stores_nothing_of_the_others(db, tmp_path):
    for source in CATALOGUE_DIR.glob("*.yaml"):
        shutil.copy(source, tmp_path / source.name)
    data = yaml.safe_load((tmp_path / "sragen-bpnt.yaml").read_text(encoding="utf-8"))
    data["fee"]["amount"] = -5
    write(tmp_path / "sragen-bpnt.yaml", data)
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=tmp_path)
    assert error.value.messages[0].startswith("sragen-bpnt.yaml: fee.amount:")
    assert ServiceStandard.objects.count() == 0


def test_an_empty_directory_is_refused(db, tmp_path):
    with pytest.raises(ValidationError):
        standard_load_catalogue(path=tmp_path)


def test_the_command_loads_the_catalogue_and_reports_errors(db, tmp_path, capsys):
    call_command("load_standards")
    assert "5 service standards loaded" in capsys.readouterr().out
    bad = tmp_path / "x.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"x\.yaml: the file must be a mapping"):
        call_command("load_standards", path=str(bad))


def test_migrate_loads_the_catalogue_unless_switched_off(db):
    with override_settings(SIGAP_STANDARDS_LOAD_ON_MIGRATE=False):
        load_catalogue_after_migrate(sender=None)
    assert ServiceStandard.objects.count() == 0
    with override_settings(SIGAP_STANDARDS_LOAD_ON_MIGRATE=True):
        load_catalogue_after_migrate(sender=None)
    assert ServiceStandard.objects.count() == 5


def test_demo_loads_the_standards(db):
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from sigap.standards import demo

    out = StringIO()
    demo.load(stdout=OutputWrapper(out))
    demo.load(stdout=OutputWrapper(out))
    assert ServiceStandard.objects.count() == 5
    assert "tarakan-sembako" in out.getvalue()


def test_a_change_of_one_step_only_marks_the_revision_changed(catalogue, tmp_path):
    standard = catalogue["tarakan-sembako"]
    before = standard.updated_at
    data = sembako_data()
    data["procedure"]["items"][1]["label"] = "Petugas FO memeriksa kelengkapan berkas"
    standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    standard.refresh_from_db()
    assert standard.updated_at > before
    assert standard.steps.get(code="check").label == "Petugas FO memeriksa kelengkapan berkas"


def test_a_step_a_request_stands_at_cannot_be_removed_from_its_revision(catalogue, tmp_path):
    from sigap.applications.models import Channel, Request

    standard = catalogue["tarakan-sembako"]
    Request.objects.create(
        code="TEST0001",
        standard=standard,
        office=standard.office,
        channel=Channel.values[0],
        org_name="Posko Uji",
        current_step=standard.steps.get(code="analyse"),
    )
    data = sembako_data()
    data["procedure"]["items"] = [s for s in data["procedure"]["items"] if s["code"] != "analyse"]
    with pytest.raises(ValidationError) as error:
        standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    assert error.value.messages == [
        "tarakan-sembako.yaml: procedure: analyse is in use and cannot be removed from "
        "revision 1; publish a new revision instead."
    ]
    assert standard.steps.filter(code="analyse").exists()


def test_migrate_stops_with_a_clean_message_when_a_catalogue_file_is_bad(db, monkeypatch, tmp_path):
    from sigap.standards import services

    (tmp_path / "bad.yaml").write_text("code: [\n", encoding="utf-8")
    monkeypatch.setattr(services, "CATALOGUE_DIR", tmp_path)
    with (
        override_settings(SIGAP_STANDARDS_LOAD_ON_MIGRATE=True),
        pytest.raises(CommandError, match=r"bad\.yaml: not valid YAML"),
    ):
        load_catalogue_after_migrate(sender=None)


def test_a_requirement_due_at_a_later_step_is_loaded_and_changed_in_place(catalogue, tmp_path):
    standard = catalogue["tarakan-sembako"]
    assert set(standard.requirements.values_list("due_at_step", flat=True)) == {""}
    data = sembako_data()
    data["requirements"]["items"][3]["due_at_step"] = "analyse"
    standard_load_catalogue(path=write(tmp_path / "tarakan-sembako.yaml", data))
    # Not published text: the same revision is updated, no new one is added.
    assert ServiceStandard.objects.filter(code="tarakan-sembako").count() == 1
    savings = standard.requirements.get(code="savings-book")
    assert savings.due_at_step == "analyse" and not savings.due_at_intake
    assert standard.requirements.get(code="kks").due_at_intake
