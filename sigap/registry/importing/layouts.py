"""Known file layouts, recognised by their headers, and the fields a column can be mapped to.

Headers match through aliases, in Indonesian and English, case and punctuation insensitive
(`No. KK`, `no_kk`, `NOMOR KK` and `Family card number` are all the KK number). The layouts:

SP2D payment list (Himbara bank or PT Pos, one row per KPM): a payment column, i.e. the amount
    (`NOMINAL`), or an SP2D number, e.g. `NIK;NO_KK;NAMA;TGL_LAHIR;JENIS_KELAMIN;KODE_WILAYAH;
    ALAMAT;NO_KKS;BANK;NOMINAL`.
DTSEN extract (the single national data since 2025): a *desil* (welfare decile) column.
BPNT KPM list: a KPM column (`ID_KPM`, `NAMA_KPM`, `STATUS_KPM`) or a KKS card number without
    any amount.
DTKS extract (SIKS-NG): an `ID_DTKS` or a DTKS listing date.
Checked in that order; anything else is "other layout" with the same alias-guessed mapping.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sigap.registry.models import ImportLayout

# Canonical fields a column can be mapped to, in the order the preview offers them.
FIELDS: dict[str, str] = {
    "nik": _("NIK"),
    "kk_number": _("KK number"),
    "name": _("name"),
    "sex": _("sex"),
    "birth_place": _("place of birth"),
    "birth_date": _("date of birth"),
    "address": _("address"),
    "village_code": _("village code"),
    "kks_number": _("KKS card number"),
    "bank": _("bank / paying channel"),
    "amount": _("amount (rupiah)"),
    "period": _("period / stage"),
    "dtks_date": _("DTKS/DTSEN listing date"),
    "desil": _("welfare decile (desil)"),
}
REQUIRED_FIELDS = ("nik", "name")
IDENTITY_FIELDS = ("nik", "kk_number", "kks_number")

ALIASES: dict[str, tuple[str, ...]] = {
    "nik": (
        "NIK",
        "NIK_KTP",
        "NO_NIK",
        "NOMOR_NIK",
        "NIK_KPM",
        "NIK_PENERIMA",
        "NIK_ART",
        "NOMOR_INDUK_KEPENDUDUKAN",
        "ID_NUMBER",
        "NATIONAL_ID",
    ),
    "kk_number": (
        "NO_KK",
        "NOKK",
        "NOMOR_KK",
        "NKK",
        "NO_KARTU_KELUARGA",
        "KK",
        "NOMOR_KARTU_KELUARGA",
        "FAMILY_CARD_NUMBER",
        "FAMILY_CARD",
        "KK_NUMBER",
    ),
    "name": (
        "NAMA",
        "NAMA_PENERIMA",
        "NAMA_KPM",
        "NAMA_LENGKAP",
        "NAMA_ART",
        "NAMA_PENGURUS",
        "NAME",
        "FULL_NAME",
        "RECIPIENT_NAME",
    ),
    "sex": ("JENIS_KELAMIN", "JNS_KELAMIN", "JK", "KELAMIN", "L_P", "SEX", "GENDER"),
    "birth_place": ("TEMPAT_LAHIR", "TMP_LAHIR", "TPT_LAHIR", "PLACE_OF_BIRTH", "BIRTH_PLACE"),
    "birth_date": (
        "TANGGAL_LAHIR",
        "TGL_LAHIR",
        "TGLLAHIR",
        "TANGGALLAHIR",
        "TGL_LHR",
        "DATE_OF_BIRTH",
        "BIRTH_DATE",
        "DOB",
        "BIRTHDATE",
    ),
    "address": ("ALAMAT", "ALAMAT_LENGKAP", "ALAMAT_KPM", "ADDRESS"),
    "village_code": (
        "KODE_DESA",
        "KODE_WILAYAH",
        "KODE_KELURAHAN",
        "KD_DESA",
        "KODE_DESA_KEL",
        "KODE_DESA_KELURAHAN",
        "KDDESA",
        "KODE_WIL",
        "VILLAGE_CODE",
        "REGION_CODE",
    ),
    "kks_number": (
        "NO_KKS",
        "NOMOR_KKS",
        "NOKKS",
        "KKS",
        "NO_KARTU_KKS",
        "KKS_NUMBER",
        "CARD_NUMBER",
    ),
    "bank": (
        "BANK_PENYALUR",
        "BANK",
        "PENYALUR",
        "NAMA_BANK",
        "LEMBAGA_PENYALUR",
        "PAYING_AGENT",
        "CHANNEL",
    ),
    "amount": (
        "NOMINAL",
        "JUMLAH",
        "JUMLAH_BANTUAN",
        "NILAI_BANTUAN",
        "NILAI",
        "BESARAN",
        "NOMINAL_BANTUAN",
        "AMOUNT",
    ),
    "period": ("TAHAP", "PERIODE", "TAHAP_PENYALURAN", "BULAN", "PERIOD", "STAGE"),
    "dtks_date": (
        "TANGGAL_PENETAPAN",
        "TGL_PENETAPAN",
        "TANGGAL_DTKS",
        "TGL_DTKS",
        "TANGGAL_PENDATAAN",
        "LISTING_DATE",
    ),
    "desil": ("DESIL", "DESIL_NASIONAL", "DESIL_KESEJAHTERAAN", "PERINGKAT_DESIL", "DECILE"),
}
_FIELD_OF = {alias: f for f, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class Layout:
    key: str
    required: tuple[str, ...]  # fields the layout must have; the preview lists those missing
    sp2d_listed: bool = False
    dtks_listed: bool = False


SP2D = Layout(ImportLayout.SP2D, ("nik", "name", "kks_number", "bank", "amount"), sp2d_listed=True)
DTSEN = Layout(ImportLayout.DTSEN, ("nik", "kk_number", "name", "desil"), dtks_listed=True)
BPNT = Layout(ImportLayout.BPNT, ("nik", "kk_number", "name", "kks_number"))
DTKS = Layout(ImportLayout.DTKS, ("nik", "kk_number", "name"), dtks_listed=True)
CUSTOM = Layout(ImportLayout.CUSTOM, REQUIRED_FIELDS)
LAYOUTS = {layout.key: layout for layout in (SP2D, DTSEN, BPNT, DTKS, CUSTOM)}


def normalise_header(header: str) -> str:
    text = str(header or "").replace("\ufeff", "").strip().upper()
    return re.sub(r"[^A-Z0-9]+", "_", text).strip("_")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """{header: field} for the headers an alias names; the first column wins a field."""
    mapping: dict[str, str] = {}
    for header in headers:
        field = _FIELD_OF.get(normalise_header(header))
        if field and field not in mapping.values():
            mapping[header] = field
    return mapping


def detect_layout(headers: list[str]) -> Layout:
    """The layout the headers are in (CUSTOM when none of the signatures is there)."""
    present = {normalise_header(h) for h in headers}
    fields = set(guess_mapping(headers).values())
    if "nik" not in fields:
        return CUSTOM
    if "desil" in fields:
        return DTSEN
    if "amount" in fields or present & {"NO_SP2D", "NOMOR_SP2D", "SP2D"}:
        return SP2D
    if any("KPM" in h for h in present) or "kks_number" in fields:
        return BPNT
    if "dtks_date" in fields or present & {"ID_DTKS", "IDDTKS", "ID_DTSEN"}:
        return DTKS
    return CUSTOM


def missing_fields(layout: Layout, mapping: dict[str, str]) -> list[str]:
    """Fields the layout needs that no column is mapped to, in FIELDS order."""
    mapped = set(mapping.values())
    return [f for f in FIELDS if f in layout.required and f not in mapped]
