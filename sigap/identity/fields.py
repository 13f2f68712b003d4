"""Form fields for NIK, KK, NIP and KKS: they clean spreadsheet-mangled input and explain errors."""

from django import forms

from sigap.identity.kks import validate_kks
from sigap.identity.nik import NIK_LENGTH, RegionLookup, validate_kk, validate_nik
from sigap.identity.nip import NIP_LENGTH, validate_nip

# Long enough for a number pasted with separators, short enough to refuse garbage early.
_MAX_INPUT = 40


class _IdentityNumberField(forms.CharField):
    digits = 16

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", _MAX_INPUT)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A numeric keypad on phones; no `pattern`, so pasted separators reach our normaliser.
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})
        attrs.pop("maxlength", None)
        return attrs

    def check(self, value: str):
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return self.check(value)


class NIKField(_IdentityNumberField):
    """Cleans to the 16-digit NIK (or its NikInfo with `return_info=True`, to show warnings)."""

    digits = NIK_LENGTH

    def __init__(
        self, *, region_lookup: RegionLookup | None = None, return_info: bool = False, **kwargs
    ) -> None:
        self.region_lookup = region_lookup
        self.return_info = return_info
        super().__init__(**kwargs)

    def check(self, value: str):
        info = validate_nik(value, region_lookup=self.region_lookup)
        return info if self.return_info else info.nik


class KKField(_IdentityNumberField):
    """Cleans to the 16-digit family-card number."""

    def check(self, value: str) -> str:
        return validate_kk(value)


class NIPField(_IdentityNumberField):
    """Cleans to the 18-digit NIP (or its NipInfo with `return_info=True`)."""

    digits = NIP_LENGTH

    def __init__(self, *, return_info: bool = False, **kwargs) -> None:
        self.return_info = return_info
        super().__init__(**kwargs)

    def check(self, value: str):
        info = validate_nip(value)
        return info if self.return_info else info.nip


class KKSField(_IdentityNumberField):
    """Cleans to the 16-digit KKS card number."""

    def check(self, value: str) -> str:
        return validate_kks(value)


def nip_formfield(db_field, **kwargs) -> NIPField:
    """A model's NIP column as a NIPField (for admin and model forms): the spaced form accepted,
    the number validated, never cut by the column's max_length; empty is None on a null column."""
    kwargs.setdefault("label", db_field.verbose_name)
    kwargs.setdefault("required", not db_field.blank)
    if db_field.null:
        kwargs.setdefault("empty_value", None)
    kwargs.pop("max_length", None)
    kwargs.pop("widget", None)
    return NIPField(**kwargs)
