"""The `code` of every ValidationError and warning the identity rules raise, for tests and APIs."""

from enum import StrEnum


class ErrorCode(StrEnum):
    # Normalisation (any identity number).
    EMPTY = "empty"
    NUMBER_NOT_TEXT = "number_not_text"
    SCIENTIFIC_NOTATION = "scientific_notation"
    INVALID_CHARACTERS = "invalid_characters"
    WRONG_LENGTH = "wrong_length"
    # NIK and KK.
    UNKNOWN_PROVINCE = "unknown_province"
    INVALID_REGENCY = "invalid_regency"
    INVALID_DISTRICT = "invalid_district"
    INVALID_BIRTH_DATE = "invalid_birth_date"
    BIRTH_DATE_IN_FUTURE = "birth_date_in_future"
    INVALID_SERIAL = "invalid_serial"
    # NIP.
    INVALID_APPOINTMENT = "invalid_appointment"
    APPOINTMENT_TOO_EARLY = "appointment_too_early"
    APPOINTMENT_IN_FUTURE = "appointment_in_future"
    INVALID_SEX = "invalid_sex"


class WarningCode(StrEnum):
    UNKNOWN_REGENCY = "unknown_regency"
    UNKNOWN_DISTRICT = "unknown_district"
