"""The dotted Kemendagri code format `PP.KK.CC.NNNN`: parse, normalise, parent and level."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.regions.models import RegionLevel

INVALID_REGION_CODE = "invalid_region_code"
_DOTTED = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
# Undotted codes have 2, 4, 6 or 10 digits; split them at the same places.
_UNDOTTED_SPLITS = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}
_LEVEL_BY_LENGTH = {
    2: RegionLevel.PROVINCE,
    5: RegionLevel.REGENCY,
    8: RegionLevel.DISTRICT,
    13: RegionLevel.VILLAGE,
}


def is_region_code(value: str) -> bool:
    return isinstance(value, str) and bool(_DOTTED.match(value))


def region_code_normalise(raw: object) -> str:
    """`3314012001` or ` 33.14.01.2001 ` -> `33.14.01.2001`; ValidationError if it is not a code."""
    text = str(raw or "").strip()
    if text.isdigit() and len(text) in _UNDOTTED_SPLITS:
        parts, start = [], 0
        for size in _UNDOTTED_SPLITS[len(text)]:
            parts.append(text[start : start + size])
            start += size
        text = ".".join(parts)
    if not _DOTTED.match(text):
        raise ValidationError(
            _("%(value)s is not a region code (format PP.KK.CC.NNNN, e.g. 33.14.01.2001)."),
            code=INVALID_REGION_CODE,
            params={"value": str(raw)[:20]},
        )
    return text


def region_level_of(code: str) -> RegionLevel:
    return _LEVEL_BY_LENGTH[len(code)]


def region_parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def region_ancestor_codes(code: str) -> list[str]:
    """The code itself and every ancestor, village first: 33.14.01.2001, 33.14.01, 33.14, 33."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
