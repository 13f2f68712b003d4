"""KKS (Kartu Keluarga Sejahtera) card numbers: the 16 digits of the social-aid debit card.

The card is a bank card (BNI, BRI, Mandiri, BTN), so the number carries no region or date to check;
what can go wrong is what goes wrong with every long number typed or pasted: separators and a
missing or extra digit.
"""

from sigap.identity.normalise import normalise_identity_number

KKS_LENGTH = 16


def validate_kks(raw: object) -> str:
    """Return the 16 digits of a KKS card number, or raise ValidationError with `code`."""
    return normalise_identity_number(raw, length=KKS_LENGTH)
