"""Every form and API field that holds a NIK, KK, NIP or KKS goes through the identity rules.

The inventory test walks every form class and every API input schema of the project: a new field
named like an identity number that is a plain text field fails it. The behaviour tests then type
the spaced form of a number into each of them and expect the whole number back (or a clear refusal
of a number with a digit too many), never a number cut to the column's length.
"""

import importlib
import pkgutil
import re

import pytest
from django import forms
from ninja import Schema

import sigap
from sigap.identity.fields import _IdentityNumberField
from sigap.identity.schema import identity_rule_of

IDENTITY_NAME = re.compile(r"(^|_)(nik|nip|kk|kks)(_number)?$")
# Not an identity field although the name matches, with the reason.
EXEMPT = {
    # A data subject's NIK is a search key into the records, not a number we store for the person:
    # the privacy service normalises it with the identity rules (spaces, dots, dashes; 16 digits)
    # but does not refuse a NIK whose region code is unknown, so old records stay findable.
    ("SubjectRequestForm", "nik"),
    ("SubjectRequestIn", "nik"),
}

SPACED_NIP = "19700515 199503 1 002"
NIP = "197005151995031002"
SPACED_NIK = "3602 0155 0115 0001"
NIK = "3602015501150001"


def _import_all() -> None:
    for module in pkgutil.walk_packages(sigap.__path__, "sigap."):
        name = module.name
        if ".tests" in name or ".migrations" in name or name.endswith(("wsgi", "asgi")):
            continue
        if ".settings" in name:
            continue
        importlib.import_module(name)


def _subclasses(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def _ours(cls) -> bool:
    return cls.__module__.startswith("sigap.") and ".tests" not in cls.__module__


def test_every_form_field_named_like_an_identity_number_uses_the_identity_rules():
    _import_all()
    checked, wrong = [], []
    for form in filter(_ours, _subclasses(forms.BaseForm)):
        for name, field in getattr(form, "base_fields", {}).items():
            if not IDENTITY_NAME.search(name) or (form.__name__, name) in EXEMPT:
                continue
            checked.append(f"{form.__name__}.{name}")
            if not isinstance(field, _IdentityNumberField):
                wrong.append(f"{form.__module__}.{form.__name__}.{name}")
    assert not wrong, wrong
    # The inventory found the fields the issue names (so the walk itself works).
    assert {
        "PlacementForm.received_by_nip",
        "PlacementActionForm.received_by_nip",
        "ReferralForm.child_nik",
        "TicketForm.nik",
        "VisitForm.nik",
        "AnalyseForm.kks_number",
    } <= set(checked)


def test_every_api_input_field_named_like_an_identity_number_uses_the_identity_rules():
    _import_all()
    checked, wrong = [], []
    for schema in filter(_ours, _subclasses(Schema)):
        if not schema.__name__.endswith("In"):
            continue  # output schemas show (masked) numbers; they take no input
        for name, info in schema.model_fields.items():
            if not IDENTITY_NAME.search(name) or (schema.__name__, name) in EXEMPT:
                continue
            checked.append(f"{schema.__name__}.{name}")
            if identity_rule_of(info) is None:
                wrong.append(f"{schema.__module__}.{schema.__name__}.{name}")
    assert not wrong, wrong
    assert {"PlacementIn.received_by_nip", "ReferralIn.child_nik", "TicketIn.nik"} <= set(checked)


def _forms(office):
    from sigap.applications.action_forms import AnalyseForm
    from sigap.bpnt.forms import TicketForm, VisitForm
    from sigap.childcare.extension import PlacementActionForm
    from sigap.childcare.forms import NikForm, PlacementForm, ReferralForm

    return {
        "placement page NIP": (
            lambda d: PlacementForm(d, centre_rows=[]),
            "received_by_nip",
            "nip",
        ),
        "engine hand-over NIP": (PlacementActionForm, "received_by_nip", "nip"),
        "referral child NIK": (lambda d: ReferralForm(d, office=office), "child_nik", "nik"),
        "case NIK link": (NikForm, "nik", "nik"),
        "BPNT ticket NIK": (lambda d: TicketForm(d, office=office), "nik", "nik"),
        "BPNT visit NIK": (lambda d: VisitForm(d, office=office), "nik", "nik"),
        "KKS at the analysis": (AnalyseForm, "kks_number", "kks"),
    }


FORMS = [
    "placement page NIP",
    "engine hand-over NIP",
    "referral child NIK",
    "case NIK link",
    "BPNT ticket NIK",
    "BPNT visit NIK",
    "KKS at the analysis",
]
TYPED = {
    "nip": (SPACED_NIP, NIP, SPACED_NIP + "4"),
    "nik": (SPACED_NIK, NIK, SPACED_NIK + "1"),
    "kks": ("6013-0112.3456 7890", "6013011234567890", "6013 0112 3456 7890 1"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("which", FORMS)
def test_each_staff_form_keeps_a_spaced_number_whole_and_refuses_a_digit_too_many(cast, which):
    make, field, kind = _forms(cast.office("banten"))[which]
    spaced, digits, too_long = TYPED[kind]
    form = make({field: spaced})
    form.is_valid()
    assert field not in form.errors, form.errors[field]
    assert form.cleaned_data[field] == digits
    # No maxlength for the browser to cut the spaced form at.
    assert "maxlength" not in form.fields[field].widget.attrs
    refused = make({field: too_long})
    refused.is_valid()
    assert refused.errors.as_data()[field][0].code == "wrong_length"
    assert field not in refused.cleaned_data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("admin_model", "field"),
    [
        ("accounts.User", "nip"),
        ("standards.ServiceStandard", "signer_nip"),
        ("childcare.Centre", "head_nip"),
    ],
)
def test_admin_nip_fields_keep_the_spaced_nip_whole(rf, admin_model, field):
    from django.apps import apps
    from django.contrib import admin

    model = apps.get_model(admin_model)
    form_field = admin.site._registry[model].formfield_for_dbfield(
        model._meta.get_field(field), rf.get("/")
    )
    assert form_field.clean(SPACED_NIP) == NIP
    with pytest.raises(forms.ValidationError):
        form_field.clean("19700515 199503 1")
    assert form_field.clean("") in ("", None)


def test_api_types_hand_over_the_digits_and_leave_a_refusal_to_the_endpoint():
    from sigap.identity.schema import KksStr, NikStr, NipStr

    class Probe(Schema):
        nik: NikStr
        nip: NipStr = ""
        kks: KksStr = ""

    probe = Probe(nik=SPACED_NIK, nip=SPACED_NIP, kks="6013 0112 3456 7890")
    assert (probe.nik, probe.nip, probe.kks) == (NIK, NIP, "6013011234567890")
    # A number the rules refuse reaches the endpoint as typed (its form or service says why).
    assert Probe(nik=" 3602 0155 ", nip=None).model_dump() == {
        "nik": "3602 0155",
        "nip": "",
        "kks": "",
    }
