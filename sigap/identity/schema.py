"""Identity numbers in API payloads: the identity rules' normalisation, as pydantic types.

`NikStr`, `KkStr`, `NipStr` and `KksStr` accept a number with spaces, dots or dashes and hand the
endpoint the bare digits, so a NIP typed "19700515 199503 1 002" arrives whole. A number the rules
refuse is passed on unchanged: every endpoint then runs it through the same form field or service
as the pages, which refuses it with the API's structured 400 naming the field and the reason (as
for every other rule of the domain), instead of a schema 422 with a generic text. The inventory
test in `identity/tests` keeps every input field holding an identity number on these types.
"""

from collections.abc import Callable
from typing import Annotated

from django.core.exceptions import ValidationError
from pydantic import BeforeValidator

from sigap.identity.kks import validate_kks
from sigap.identity.nik import validate_kk, validate_nik
from sigap.identity.nip import validate_nip


def _normaliser(check: Callable[[object], str]) -> Callable[[object], object]:
    def normalise(value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return "" if value is None else value.strip()
        try:
            return check(value)
        except ValidationError:
            return value.strip() if isinstance(value, str) else value

    normalise.identity_rule = check.__name__
    return normalise


def _nik(value: object) -> str:
    return validate_nik(value).nik


def _nip(value: object) -> str:
    return validate_nip(value).nip


def identity_rule_of(field_info) -> str | None:
    """The identity rule a pydantic field runs (its check's name), or None."""
    for item in field_info.metadata:
        rule = getattr(getattr(item, "func", None), "identity_rule", None)
        if rule:
            return rule
    return None


NikStr = Annotated[str, BeforeValidator(_normaliser(_nik))]
KkStr = Annotated[str, BeforeValidator(_normaliser(validate_kk))]
NipStr = Annotated[str, BeforeValidator(_normaliser(_nip))]
KksStr = Annotated[str, BeforeValidator(_normaliser(validate_kks))]
