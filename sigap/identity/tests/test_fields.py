"""NIKField, KKField and NIPField clean to the digits and show the rule's message."""

from django import forms

from sigap.identity.fields import KKField, NIKField, NIPField


class IdentityForm(forms.Form):
    nik = NIKField()
    kk = KKField(required=False)
    nip = NIPField(required=False)


def test_fields_clean_pasted_numbers_to_digits():
    form = IdentityForm(
        data={
            "nik": "'3314 0101 0190 0001",
            "kk": "3314-0115-0308-0012",
            "nip": "19750817 200003 2 001",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "nik": "3314010101900001",
        "kk": "3314011503080012",
        "nip": "197508172000032001",
    }


def test_a_mangled_nik_shows_why_it_is_refused():
    form = IdentityForm(data={"nik": "3.31401E+15"})
    assert not form.is_valid()
    assert form.errors.as_data()["nik"][0].code == "scientific_notation"


def test_nik_field_can_return_warnings_from_a_region_lookup():
    field = NIKField(region_lookup=lambda code: False, return_info=True)
    info = field.clean("3314010101900001")
    assert info.warning_codes == ("unknown_regency",)


def test_nik_input_asks_phones_for_a_numeric_keypad():
    html = str(IdentityForm()["nik"])
    assert 'inputmode="numeric"' in html
    assert "maxlength" not in html
