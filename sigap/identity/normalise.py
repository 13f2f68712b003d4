"""Turn identity numbers that passed through spreadsheets back into digits, or refuse with a reason.

Excel keeps 15 significant digits of a number: a 16-digit NIK typed into a numeric cell loses its
last digit (it becomes 0), and `3.31401E+15` has lost eleven. We never guess lost digits.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.identity.errors import ErrorCode

# Characters people and spreadsheets put inside a number: spaces of every kind, dots, dashes.
_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u202f.\-\u2010\u2011\u2012\u2013\u2014\u2212_]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# Excel's "text" marker and the typographic quotes autocorrect turns it into.
_LEADING_QUOTES = "'\u2018\u2019`"
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")
_FLOAT_SUFFIX = re.compile(r"^(\d+)[.,]0+$")
_DIGITS = re.compile(r"^[0-9]+$")
# Doubles hold every integer up to 2**53 exactly; above that a value that went through a
# float may have been rounded.
_FLOAT_EXACT_LIMIT = 2**53
# Excel's precision: digits beyond the 15th of a numeric cell are replaced by zeros.
_SPREADSHEET_DIGITS = 15


def _reject(message, error_code: str, /, **params) -> ValidationError:
    return ValidationError(message, code=error_code, params=params or None)


def normalise_identity_number(raw: object, *, length: int) -> str:
    """Return the `length` digits of `raw`, or raise ValidationError saying what is wrong.

    Accepted and cleaned: surrounding/inner spaces (NBSP included), dots and dashes used as
    separators, one leading apostrophe, and a trailing `.0` when no digit can have been lost.
    Refused: scientific notation, floats, a `.0` value whose trailing digits may be zeros put
    there by a spreadsheet, letters or other symbols, and a wrong number of digits.
    """
    if isinstance(raw, bool) or raw is None:
        raise _reject(_("Enter a number."), ErrorCode.EMPTY)
    if isinstance(raw, float):
        raise _reject(
            _(
                "The number was stored as a spreadsheet number, so its last digits may be lost. "
                "Format the column as text and type the number again."
            ),
            ErrorCode.NUMBER_NOT_TEXT,
        )
    text = str(raw) if isinstance(raw, int) else raw
    if not isinstance(text, str):
        raise _reject(_("Enter a number."), ErrorCode.EMPTY)
    text = _INVISIBLE.sub("", text).strip()
    if text and text[0] in _LEADING_QUOTES:
        text = text[1:].strip()
    if not text:
        raise _reject(_("Enter a number."), ErrorCode.EMPTY)
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise _reject(
            _(
                "The number is written in scientific notation (%(value)s): digits were lost in a "
                "spreadsheet. Format the column as text and type the number again."
            ),
            ErrorCode.SCIENTIFIC_NOTATION,
            value=text,
        )
    float_suffix = _FLOAT_SUFFIX.match(text.replace(" ", ""))
    if float_suffix:
        text = float_suffix.group(1)
        _check_float_roundtrip(text, length=length)
    digits = _SEPARATORS.sub("", text)
    if not _DIGITS.match(digits):
        raise _reject(
            _("Use digits only; the number contains other characters."),
            ErrorCode.INVALID_CHARACTERS,
        )
    if len(digits) != length:
        raise _reject(
            _("The number must have %(length)d digits; this one has %(count)d."),
            ErrorCode.WRONG_LENGTH,
            length=length,
            count=len(digits),
        )
    return digits


def _check_float_roundtrip(digits: str, *, length: int) -> None:
    """A `.0` suffix means the value was a float: accept it only if no digit can be wrong."""
    mangled = len(digits) > _SPREADSHEET_DIGITS and set(digits[_SPREADSHEET_DIGITS:]) == {"0"}
    if mangled or int(digits) > _FLOAT_EXACT_LIMIT:
        raise _reject(
            _(
                "The number was stored as a spreadsheet number, so its last digits may be lost. "
                "Format the column as text and type the number again."
            ),
            ErrorCode.NUMBER_NOT_TEXT,
        )
