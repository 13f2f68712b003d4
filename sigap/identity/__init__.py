"""Rules for Indonesian identity numbers (NIK, KK, NIP, KKS): pure functions, no database."""

from sigap.identity.errors import ErrorCode, WarningCode
from sigap.identity.kks import validate_kks
from sigap.identity.nik import (
    CURRENT_PROVINCE_CODES,
    HISTORIC_PROVINCE_CODES,
    VALID_PROVINCE_CODES,
    NikInfo,
    RegionLookup,
    mask_nik,
    validate_kk,
    validate_nik,
)
from sigap.identity.nip import NipInfo, validate_nip
from sigap.identity.normalise import normalise_identity_number

__all__ = [
    "CURRENT_PROVINCE_CODES",
    "HISTORIC_PROVINCE_CODES",
    "VALID_PROVINCE_CODES",
    "ErrorCode",
    "NikInfo",
    "NipInfo",
    "RegionLookup",
    "WarningCode",
    "mask_nik",
    "normalise_identity_number",
    "validate_kk",
    "validate_kks",
    "validate_nik",
    "validate_nip",
]
